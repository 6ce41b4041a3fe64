"""The debate at scale: a town's month of messages (chapter 06), what its metadata reveals, the population model
and the scorecard (chapter 09). Built on the protocol and the labs; no ipywidgets here."""
