"""Self-checks at the end of a chapter: each question answers at once, in words, and says why.

``self_check("06")`` builds the quiz for chapter 06 from ``widgets.content.self_checks``. Per question: the prompt,
radio buttons for the choices (none chosen at first; Tab reaches them and the arrow keys choose), and a
feedback line that starts "Right —" or "Not quite —" as soon as a choice is made (the colour of its border
only repeats what the words say), followed by the explanation.

Without a kernel (a static HTML page, a notebook viewer) no callback runs, so every question also carries a
collapsed "Answer" (an HTML ``<details>``) that opens with a click and needs no Python; and where no widget can
be drawn at all, the quiz shows as plain HTML with the same questions and collapsed answers.
Everything rendered is escaped.
"""

from __future__ import annotations

import ipywidgets as w

from ..content.self_checks import Question, questions
from .html import esc
from .palette import MATCH, NO_MATCH

RIGHT_BORDER = MATCH  # Okabe–Ito bluish green; the words "Right —" say it too
WRONG_BORDER = NO_MATCH  # Okabe–Ito vermillion; the words "Not quite —" say it too
# Long choices wrap instead of being cut off (radio labels do not wrap by default), and each radio button sits
# beside the FIRST line of its choice (a flex row), so that a reader ticks the choice they are reading.
STYLE = (
    # ipywidgets puts the text before the button in the label: a reversed row draws the button first, on the left.
    "<style>.self-check .widget-radio-box label{display:flex;flex-direction:row-reverse;justify-content:flex-end;"
    "align-items:flex-start;gap:0.4em;white-space:normal;height:auto;line-height:1.35;margin:2px 0}"
    ".self-check .widget-radio-box label input[type=radio]{flex:none;float:none;margin:0.2em 0 0}"
    ".self-check .widget-html-content{line-height:1.4}</style>"
)


class SelfCheckBox(w.VBox):
    """A VBox that also offers a plain-HTML form of itself, for pages drawn without the widget's saved state."""

    static_html: str = ""
    static_text: str = ""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        # nbconvert and notebook viewers fall back to text/html when they cannot draw the widget.
        return {**bundle, "text/html": self.static_html, "text/plain": self.static_text}


def self_check(chapter: str) -> w.VBox:
    """The chapter's questions as widgets that answer at once; a note in words if the chapter has none."""
    try:
        found = questions(chapter)
    except ValueError as error:
        return w.VBox([w.HTML(f"<p><strong>No self-check to show:</strong> {esc(error)}</p>")])
    boxes = [question_box(number, question) for number, question in enumerate(found, start=1)]
    intro = w.HTML(
        f"{STYLE}<p><em>Choose an answer for each question; the answer and the reason show at once. "
        f"Use Tab to reach a question's choices and the arrow keys to choose.</em></p>"
    )
    quiz = SelfCheckBox([intro, *boxes])
    quiz.add_class("self-check")
    quiz.static_html = static_html(found)
    quiz.static_text = static_text(found)
    quiz.questions = boxes
    return quiz


def question_box(number: int, question: Question) -> w.VBox:
    """One question: prompt, choices with none chosen, a feedback line set on every choice, a collapsed answer."""
    prompt = w.HTML(f"<p style='margin:10px 0 2px'><strong>{number}. {esc(question.prompt)}</strong></p>")
    # RadioButtons draw their labels as text, so the choices need no escaping here.
    choices = w.RadioButtons(
        options=[(choice, index) for index, choice in enumerate(question.choices)],
        value=None,
        layout=w.Layout(width="auto", max_width="100%"),
    )
    feedback = w.HTML()
    reveal = w.HTML(answer_details_html(question))

    def on_choice(change) -> None:
        show_feedback(feedback, question, change["new"])

    choices.observe(on_choice, names="value")
    box = w.VBox([prompt, choices, feedback, reveal])
    box.question, box.choices, box.feedback = question, choices, feedback
    return box


def show_feedback(feedback: w.HTML, question: Question, chosen: int | None) -> None:
    """Set ``feedback`` for the ``chosen`` index: empty while nothing is chosen."""
    feedback.value = "" if chosen is None else feedback_html(question, chosen)


def feedback_text(question: Question, chosen: int) -> str:
    """The verdict in words, then the explanation; a wrong choice is also told the right one."""
    if chosen == question.answer:
        return f"Right — {question.why}"
    return f"Not quite — the answer is “{question.right_choice}”. {question.why}"


def feedback_html(question: Question, chosen: int) -> str:
    """``feedback_text`` in a bordered line that screen readers announce when it changes."""
    right = chosen == question.answer
    border = RIGHT_BORDER if right else WRONG_BORDER
    mark = "✓" if right else "✗"
    verdict, _, rest = feedback_text(question, chosen).partition(" — ")
    return (
        f'<div class="feedback" role="status" aria-live="polite" '
        f'style="border-left:4px solid {border};padding:2px 8px;margin:4px 0;line-height:1.4">'
        f'<span aria-hidden="true">{mark} </span><strong>{esc(verdict)} —</strong> {esc(rest)}</div>'
    )


def answer_details_html(question: Question) -> str:
    """The right answer and why, collapsed: readable with a click even where no Python runs."""
    return (
        f'<details class="answer" style="margin:2px 0 6px"><summary>Answer</summary>'
        f"<p style='margin:2px 0'><strong>{esc(question.right_choice)}</strong></p>"
        f"<p style='margin:2px 0'>{esc(question.why)}</p></details>"
    )


def static_html(found: tuple[Question, ...]) -> str:
    """The whole self-check as plain HTML: each prompt, its choices as a list, and its collapsed answer."""
    parts = []
    for number, question in enumerate(found, start=1):
        options = "".join(f"<li>{esc(choice)}</li>" for choice in question.choices)
        parts.append(
            f"<p style='margin:10px 0 2px'><strong>{number}. {esc(question.prompt)}</strong></p>"
            f"<ol type='a' style='margin:2px 0'>{options}</ol>{answer_details_html(question)}"
        )
    return f'<div class="self-check-static">{"".join(parts)}</div>'


def static_text(found: tuple[Question, ...]) -> str:
    """The questions and their choices as plain text, answers left out (the reader is asked first)."""
    lines = []
    for number, question in enumerate(found, start=1):
        lines.append(f"{number}. {question.prompt}")
        lines.extend(f"   {letter}) {choice}" for letter, choice in zip("abcdefgh", question.choices, strict=False))
    return "\n".join(lines)
