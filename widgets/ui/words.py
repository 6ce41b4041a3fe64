"""Plain words for the values an experiment prints, so that a page read with the code hidden shows no Python:
"yes"/"no" instead of True/False, names joined with commas instead of a list, "cannot read it" instead of
None, and what a party learned as a sentence instead of a dataclass."""

from __future__ import annotations

from collections.abc import Iterable


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def counted(n: int, noun: str) -> str:
    """``counted(1, "key")`` → "1 key", ``counted(3, "key")`` → "3 keys": never "3 key(s)"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def names(parties: Iterable[str], nobody: str = "no one") -> str:
    """``["Alice", "Bob"]`` → "Alice, Bob" (sorted); an empty collection → ``nobody``."""
    found = sorted(parties)
    return ", ".join(found) if found else nobody


def quoted(words: Iterable[str], nothing: str = "none") -> str:
    """``["a", "b"]`` → “a”, “b”; an empty collection → ``nothing``."""
    found = [f"“{w}”" for w in words]
    return ", ".join(found) if found else nothing


def read_words(text: str | None) -> str:
    """What a party's attempt to read gave: the words in quotes, or that decryption did not give them."""
    return "cannot read it (no key it holds opens the message)" if text is None else f"reads “{text}”"


def learned_words(learned) -> str:
    """A ``Learned`` (world.learned) as a sentence: its level, then the words and who wrote to whom, if known."""
    parts = [learned.level]
    if learned.text is not None:
        parts.append(f"the words “{learned.text}”")
    if learned.sender or learned.recipient:
        parts.append(f"from {learned.sender or 'someone hidden'} to {learned.recipient or 'someone hidden'}")
    if learned.time:
        parts.append(f"at {learned.time.replace('T', ' ')}")
    if learned.text is None:
        parts.append("not the words")
    return "; ".join(parts)
