"""Self-check questions for each chapter, one TOML file per chapter: ``ch06.toml`` holds chapter 06's.

``questions("06")`` returns them as ``Question`` objects; ``CHAPTERS`` lists the chapters that have a file, found
from the files present, so a new chapter's questions need no registration here. The files are data a teacher can
edit without Python (the comment at the top of each says how); this module reads them and refuses a malformed
question with a message that names the file and the question.
"""

from __future__ import annotations

import re
from importlib.resources import files

from .._data import load_toml
from .question import Question

__all__ = ["CHAPTERS", "Question", "questions"]

_FILE = re.compile(r"ch(\d\d)\.toml")

CHAPTERS: tuple[str, ...] = tuple(
    sorted(match.group(1) for entry in files(__name__).iterdir() if (match := _FILE.fullmatch(entry.name)))
)


def _question(entry: dict, where: str) -> Question:
    fields = {"prompt", "misconception", "why", "choice"}
    if unknown := set(entry) - fields:
        raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}; a question has {sorted(fields)}")
    choices = entry.get("choice", [])
    for choice in choices:
        if unknown := set(choice) - {"text", "right"}:
            raise ValueError(f"{where}: a choice has unknown field(s) {sorted(unknown)}; use text and right")
    right = [i for i, choice in enumerate(choices) if choice.get("right") is True]
    if len(right) != 1:
        raise ValueError(f"{where}: exactly one choice needs right = true, found {len(right)}")
    return Question(
        prompt=entry.get("prompt", ""),
        choices=tuple(choice.get("text", "") for choice in choices),
        answer=right[0],
        why=entry.get("why", ""),
        misconception=entry.get("misconception", ""),
    )


def questions(chapter: str) -> tuple[Question, ...]:
    """The self-check questions of ``chapter`` ("06" or 6), in the order the chapter asks them."""
    number = f"{int(chapter):02d}" if str(chapter).strip().isdigit() else str(chapter)
    if number not in CHAPTERS:
        known = ", ".join(CHAPTERS) or "none yet"
        raise ValueError(f"no self-check for chapter {chapter!r}; chapters with one: {known}")
    name = f"ch{number}.toml"
    found = []
    for index, entry in enumerate(load_toml(name, __name__).get("question", []), start=1):
        where = f"widgets/content/self_checks/{name}, question {index}"
        try:
            found.append(_question(entry, where))
        except ValueError as error:
            message = str(error)
            raise ValueError(message if message.startswith(where) else f"{where}: {message}") from None
    if not found:
        raise ValueError(f"widgets/content/self_checks/{name} has no [[question]]")
    return tuple(found)
