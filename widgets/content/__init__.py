"""The course's content as data: timeline events, glossary terms, self-check questions, the dated status of each
live policy story and chapter 09's assumptions, with the loaders that read them. Reads nothing of the rest."""
