"""The glossary: every technical word the course uses, in plain language, with the chapters that run it.

The terms are data, in ``glossary.toml`` beside this file; this module reads and checks them.
``widgets.ui.glossary_view`` renders them as the glossary page (notebooks/glossary.ipynb).
"""

from __future__ import annotations

from dataclasses import dataclass

from ._data import load_toml

_DATA = load_toml("glossary.toml")

# How the glossary names each notebook it links to: "04_key_escrow" → "04 · Key escrow".
CHAPTER_TITLES: dict[str, str] = dict(_DATA["chapters"])


@dataclass(frozen=True)
class Term:
    """One entry: the word as printed in bold, its definition (Markdown) and the notebooks that show it."""

    term: str
    definition: str
    chapters: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "chapters", tuple(self.chapters))
        if not self.term.strip():
            raise ValueError("a glossary entry needs a term")
        if not self.definition.strip():
            raise ValueError(f"glossary.toml, {self.term!r}: needs a definition")
        if not self.chapters:
            raise ValueError(f"glossary.toml, {self.term!r}: needs at least one chapter that shows it")
        if unknown := [c for c in self.chapters if c not in CHAPTER_TITLES]:
            raise ValueError(f"glossary.toml, {self.term!r}: no title for {unknown}; add it under [chapters]")

    @property
    def letter(self) -> str:
        """The letter the entry is filed under."""
        return self.term[0].upper()


def _term(entry: dict) -> Term:
    if unknown := set(entry) - {"term", "definition", "chapters"}:
        raise ValueError(f"glossary.toml, {entry.get('term')!r}: unknown field(s) {sorted(unknown)}")
    return Term(entry.get("term", ""), entry.get("definition", ""), entry.get("chapters", ()))


TERMS: tuple[Term, ...] = tuple(_term(entry) for entry in _DATA["term"])


def terms() -> tuple[Term, ...]:
    """Every entry, in the file's (alphabetical) order."""
    return TERMS


def by_letter() -> dict[str, tuple[Term, ...]]:
    """The entries grouped under their first letter, letters in order."""
    letters: dict[str, list[Term]] = {}
    for term in terms():
        letters.setdefault(term.letter, []).append(term)
    return {letter: tuple(letters[letter]) for letter in sorted(letters)}
