"""Each chapter's experiments, named by topic: they run the protocol (or PyNaCl directly) and return plain data
that the views draw. No ipywidgets here."""
