"""Self-check questions for each chapter, one module per chapter: ``ch06.py`` holds ``QUESTIONS`` for chapter 06.

``questions("06")`` returns them; ``CHAPTERS`` lists the chapters that have a module, found from the files
present, so a new chapter's questions need no registration here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from .question import Question

__all__ = ["CHAPTERS", "Question", "questions"]

_MODULE = re.compile(r"ch(\d\d)")

CHAPTERS: tuple[str, ...] = tuple(
    sorted(match.group(1) for info in pkgutil.iter_modules(__path__) if (match := _MODULE.fullmatch(info.name)))
)


def questions(chapter: str) -> tuple[Question, ...]:
    """The self-check questions of ``chapter`` ("06" or 6), in the order the chapter asks them."""
    number = f"{int(chapter):02d}" if str(chapter).strip().isdigit() else str(chapter)
    if number not in CHAPTERS:
        known = ", ".join(CHAPTERS) or "none yet"
        raise ValueError(f"no self-check for chapter {chapter!r}; chapters with one: {known}")
    module = importlib.import_module(f"{__name__}.ch{number}")
    found = tuple(module.QUESTIONS)
    if not found or not all(isinstance(q, Question) for q in found):
        raise ValueError(f"widgets/content/self_checks/ch{number}.py must define QUESTIONS, a tuple of Question")
    return found
