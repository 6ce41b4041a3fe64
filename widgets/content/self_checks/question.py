"""One self-check question: the prompt, the choices, which one is right, why, and the misconception it tests for.

The questions themselves are data (``chNN.toml`` beside this file); this class checks each one as it is read.
No ipywidgets here: the quiz view (``widgets.ui.quiz``) renders these, and ``tools/self_check_answers.py``
writes the teacher's answer sheet from them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """A multiple-choice question; ``answer`` is the index of the right choice, ``why`` explains it, and
    ``misconception`` names the mistaken belief its wrong choices stand for (for the teacher's answer sheet)."""

    prompt: str
    choices: tuple[str, ...]
    answer: int
    why: str
    misconception: str = ""

    def __post_init__(self) -> None:
        # Tuples keep a Question hashable and unchangeable; a list passed by mistake is turned into one.
        object.__setattr__(self, "choices", tuple(self.choices))
        if not self.prompt.strip():
            raise ValueError("a question needs a prompt")
        if len(self.choices) < 2:
            raise ValueError(f"a question needs at least 2 choices, got {len(self.choices)}: {self.prompt!r}")
        if any(not str(choice).strip() for choice in self.choices):
            raise ValueError(f"every choice needs some text: {self.prompt!r}")
        if len(set(self.choices)) != len(self.choices):
            raise ValueError(f"two choices are the same: {self.prompt!r}")
        if isinstance(self.answer, bool) or not isinstance(self.answer, int):
            raise ValueError(f"answer must be the index of a choice, got {self.answer!r}")
        if not 0 <= self.answer < len(self.choices):
            raise ValueError(f"answer {self.answer} is not one of the {len(self.choices)} choices: {self.prompt!r}")
        if not self.why.strip():
            raise ValueError(f"a question needs a why, the explanation shown after answering: {self.prompt!r}")

    @property
    def right_choice(self) -> str:
        """The text of the right choice."""
        return self.choices[self.answer]
