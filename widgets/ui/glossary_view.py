"""The glossary page, rendered from ``widgets.content.glossary`` as Markdown: one heading per letter (its anchor
is the letter, so ``[A](#A)`` jumps to it), each entry in bold with its definition and the chapters that show it.

Markdown, not a widget: the page reads as an article in JupyterLab, Voila and the static site alike.
"""

from __future__ import annotations

from IPython.display import Markdown

from ..content.glossary import CHAPTER_TITLES, Term, by_letter, terms


def entry_markdown(term: Term) -> str:
    """One entry as the page prints it."""
    shown = ", ".join(f"[{CHAPTER_TITLES[chapter]}]({chapter}.ipynb)" for chapter in term.chapters)
    return f"**{term.term}**. {term.definition} *Shown in:* {shown}."


def glossary_markdown() -> str:
    """The whole A-to-Z section: the count, the letters as links, then each letter's heading and entries."""
    groups = by_letter()
    letters = " · ".join(f"[{letter}](#{letter})" for letter in groups)
    parts = [f"There are {len(terms())} entries. **Letters:** {letters}"]
    for letter, entries in groups.items():
        parts.append(f"### {letter}")
        parts.extend(entry_markdown(term) for term in entries)
    return "\n\n".join(parts) + "\n"


def glossary_page() -> Markdown:
    """The A-to-Z section as a Markdown output."""
    return Markdown(glossary_markdown())
