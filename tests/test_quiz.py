"""Self-checks: questions are valid data, every chapter that shows a quiz has one, the quiz answers at once in
words, everything it renders is escaped, the answers stay readable without a kernel, and the teacher's answer
sheet is in step with the questions."""

import html
import importlib.util
import json
import re
from pathlib import Path

import ipywidgets as w
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.content.self_checks import CHAPTERS, Question, questions
from widgets.ui.quiz import (
    answer_details_html,
    feedback_html,
    feedback_text,
    question_box,
    self_check,
    static_html,
)

ROOT = Path(__file__).resolve().parent.parent
NUMBERED = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HOSTILE = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a & b < c > d \" ' `"]


def sample(**changes) -> Question:
    fields = {"prompt": "Who can read it?", "choices": ("Alice", "Bob", "Carol"), "answer": 1, "why": "Bob's key."}
    return Question(**{**fields, **changes})


def visible(markup: str) -> str:
    """What a reader sees of ``markup``: tags dropped, entities turned back into characters."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def self_check_calls(path: Path) -> list[str]:
    nb = json.loads(path.read_text())
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return re.findall(r"self_check\(\s*[\"'](\d\d)[\"']\s*\)", code)


# --- Question: plain data that refuses to be wrong ---------------------------------------------------------


def test_a_valid_question_keeps_its_fields_and_names_its_right_choice():
    q = sample(choices=["Alice", "Bob"], answer=0)
    assert q.choices == ("Alice", "Bob") and isinstance(q.choices, tuple)
    assert q.right_choice == "Alice"
    with pytest.raises(AttributeError):
        q.answer = 1  # frozen


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"choices": ("only one",), "answer": 0}, "at least 2 choices"),
        ({"choices": ()}, "at least 2 choices"),
        ({"answer": 3}, "not one of the 3 choices"),
        ({"answer": -1}, "not one of the 3 choices"),
        ({"answer": True}, "index of a choice"),
        ({"answer": "1"}, "index of a choice"),
        ({"why": "  "}, "needs a why"),
        ({"prompt": ""}, "needs a prompt"),
        ({"choices": ("Alice", "Alice")}, "the same"),
        ({"choices": ("Alice", " ")}, "needs some text"),
    ],
)
def test_an_invalid_question_is_refused_with_a_reason(changes, complaint):
    with pytest.raises(ValueError, match=complaint):
        sample(**changes)


# --- every chapter's questions -----------------------------------------------------------------------------


def test_chapters_are_found_from_the_files_present():
    files = sorted(p.stem[2:] for p in (ROOT / "widgets" / "content" / "self_checks").glob("ch[0-9][0-9].toml"))
    assert list(CHAPTERS) == files
    assert [p.name[:2] for p in NUMBERED] == list(CHAPTERS), "every chapter, 00 included, has a self-check"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_a_few_valid_questions(chapter):
    found = questions(chapter)
    assert 3 <= len(found) <= 6
    for q in found:
        assert isinstance(q, Question)
        assert 0 <= q.answer < len(q.choices) and q.why.strip()
    assert len({q.prompt for q in found}) == len(found), "a question asked twice"


def test_questions_accepts_a_number_and_refuses_an_unknown_chapter_clearly():
    assert questions(1) == questions("01") == questions("1")
    with pytest.raises(ValueError, match=r"no self-check for chapter '99'; chapters with one: 00, 01, "):
        questions("99")
    with pytest.raises(ValueError, match="no self-check"):
        questions("../ui")


@pytest.mark.parametrize("path", NUMBERED, ids=[p.name for p in NUMBERED])
def test_each_chapter_shows_its_own_self_check(path):
    calls = self_check_calls(path)
    assert calls == [path.name[:2]], f"{path.name} should end with self_check({path.name[:2]!r})"
    assert questions(calls[0])
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and "self_check(" in "".join(c["source"]))
    assert "nbval-ignore-output" in cell["metadata"].get("tags", [])


# --- the quiz widget ---------------------------------------------------------------------------------------


def test_the_quiz_has_one_box_per_question_with_nothing_chosen_and_no_feedback_yet():
    quiz = self_check("04")
    assert isinstance(quiz, w.VBox)
    assert len(quiz.questions) == len(questions("04"))
    for box, q in zip(quiz.questions, questions("04"), strict=True):
        assert isinstance(box.choices, w.RadioButtons)  # Tab reaches it, arrow keys choose
        assert box.choices.value is None and box.choices.index is None
        assert [label for label, _ in box.choices.options] == list(q.choices)
        assert box.feedback.value == ""
        assert q.prompt in visible(box.children[0].value)


def test_the_right_choice_says_right_in_words_with_the_reason():
    box = question_box(1, sample())
    box.choices.value = 1
    shown = visible(box.feedback.value)
    assert shown.startswith("✓ Right —") and "Bob's key." in shown
    assert "Not quite" not in shown


def test_a_wrong_choice_says_not_quite_in_words_and_names_the_right_one():
    box = question_box(1, sample())
    box.choices.value = 2
    shown = visible(box.feedback.value)
    assert shown.startswith("✗ Not quite —") and "“Bob”" in shown and "Bob's key." in shown
    box.choices.value = 1  # changing one's mind updates at once
    assert visible(box.feedback.value).startswith("✓ Right —")
    box.choices.value = None
    assert box.feedback.value == ""


def test_feedback_is_announced_to_screen_readers_and_colour_is_not_the_only_cue():
    markup = feedback_html(sample(), 0)
    assert 'role="status"' in markup and 'aria-live="polite"' in markup
    assert "Not quite —" in markup  # the words carry the verdict; the border colour only repeats it


@given(st.data())
def test_feedback_is_right_exactly_for_the_answer(data):
    choices = data.draw(st.lists(st.text(min_size=1).filter(str.strip), min_size=2, max_size=6, unique=True))
    answer = data.draw(st.integers(0, len(choices) - 1))
    q = Question("Which?", tuple(choices), answer, "Because.")
    for index in range(len(choices)):
        text = feedback_text(q, index)
        assert text.startswith("Right —") == (index == answer)
        assert text.startswith("Not quite —") == (index != answer)
        assert text.endswith("Because.")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_everything_rendered_is_escaped(hostile):
    q = Question(hostile, (hostile, "plain"), 0, hostile)
    box = question_box(1, q)
    box.choices.value = 0
    markups = [box.children[0].value, box.feedback.value, answer_details_html(q), static_html((q,))]
    box.choices.value = 1
    markups.append(box.feedback.value)
    for markup in markups:
        assert "<script" not in markup and "<img" not in markup
        assert hostile in visible(markup)
    # RadioButtons draw their labels as text, so the choice goes in unchanged (escaping it would show "&lt;").
    assert box.choices.options[0][0] == hostile


def test_an_unknown_chapter_gives_a_note_in_words_not_an_exception():
    quiz = self_check("99")
    assert "No self-check to show" in quiz.children[0].value and "chapters with one" in quiz.children[0].value


# --- readable without a kernel -----------------------------------------------------------------------------


def test_every_question_carries_a_collapsed_answer_inside_the_widget():
    quiz = self_check("07")
    for box, q in zip(quiz.questions, questions("07"), strict=True):
        details = box.children[-1].value
        assert details.startswith("<details") and "<summary>Answer</summary>" in details
        assert " open" not in details.split(">")[0]  # collapsed until clicked
        shown = visible(details)
        assert q.right_choice in shown and q.why in shown


def test_without_the_widget_state_the_page_shows_plain_html_with_the_answers():
    quiz = self_check("03")
    bundle = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # a live page draws the widget
    fallback = bundle["text/html"]  # nbconvert uses this when the widget state is not saved
    assert fallback.count("<details") == len(questions("03"))
    for q in questions("03"):
        assert q.prompt in visible(fallback) and q.right_choice in visible(fallback)
    plain = bundle["text/plain"]
    assert questions("03")[0].prompt in plain and "a) " in plain
    assert questions("03")[0].why not in plain  # plain text asks; it does not give the answers away


# --- the teacher's answer sheet ----------------------------------------------------------------------------


def answer_sheet_module():
    spec = importlib.util.spec_from_file_location("self_check_answers", ROOT / "tools" / "self_check_answers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_answer_sheet_is_in_step_with_the_questions():
    module = answer_sheet_module()
    assert module.SHEET.read_text() == module.render(), "run: python tools/self_check_answers.py"


def test_the_answer_sheet_gives_every_question_its_right_answer_and_why():
    text = answer_sheet_module().render()
    for chapter in CHAPTERS:
        assert re.search(rf"^## (\[{chapter} |Chapter {chapter}$)", text, re.M), f"chapter {chapter} missing"
        for q in questions(chapter):
            letter = "abcdefghij"[q.answer]
            assert f"**Answer: ({letter}) " in text
            assert re.sub(r"\\(.)", r"\1", text).count(q.why) >= 1
