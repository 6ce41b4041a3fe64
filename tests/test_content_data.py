"""The course's content as data (TOML under widgets/content/): each file's schema, checked here so that a teacher
or a journalist who edits one learns at once what is missing. Every timeline event has a date and a source;
every self-check question exactly one right answer, a why and a misconception, with the right answer not given
away by its length; every glossary term a definition and a chapter. The loaders read nothing else of the course,
and no content is left in Python."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest

from widgets.content import glossary, self_checks, timeline
from widgets.content.self_checks import CHAPTERS, questions
from widgets.ui.glossary_view import glossary_markdown

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "widgets" / "content"
NOTEBOOKS = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
LONGEST_RIGHT_LIMIT = 0.40


def raw(name: str) -> dict:
    return tomllib.loads((CONTENT / name).read_text(encoding="utf-8"))


def all_questions():
    return [q for chapter in CHAPTERS for q in questions(chapter)]


# --- the timeline ------------------------------------------------------------------------------------------


def test_every_event_has_a_date_and_a_source_with_title_publisher_date_and_address():
    events = raw("timeline.toml")["event"]
    assert len(events) == len(timeline.EVENTS) >= 20
    for event in events:
        assert isinstance(event["date"], dt.date) and not isinstance(event["date"], dt.datetime), event["title"]
        source = event["source"]
        assert all(str(source.get(key, "")).strip() for key in ("title", "publisher", "date")), event["title"]
        assert source["url"].startswith(("http://", "https://")), event["title"]
        assert event["chapter"] in NOTEBOOKS, event["title"]


def test_a_timeline_entry_with_a_missing_or_misspelt_field_is_refused_by_name():
    entry = dict(raw("timeline.toml")["event"][0])
    with pytest.raises(ValueError, match="missing 'source'"):
        timeline._event({k: v for k, v in entry.items() if k != "source"})
    with pytest.raises(ValueError, match=r"unknown field\(s\) \['summmary'\]"):
        timeline._event({**entry, "summmary": "typo"})
    with pytest.raises(ValueError, match="plain date"):
        timeline._event({**entry, "date": "1976-11-01"})


# --- the self-checks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_question_has_exactly_one_right_answer_a_why_and_a_misconception(chapter):
    for entry in raw(f"self_checks/ch{chapter}.toml")["question"]:
        rights = [choice for choice in entry["choice"] if choice.get("right")]
        assert len(rights) == 1, entry["prompt"]
        assert all(choice.get("right", False) in (True, False) for choice in entry["choice"])
        assert len(entry["choice"]) >= 2 and all(choice["text"].strip() for choice in entry["choice"])
        assert entry["why"].strip() and entry["misconception"].strip(), entry["prompt"]


def test_the_right_answer_is_rarely_the_longest_or_the_shortest_choice():
    """A reader who always picks the longest (or the shortest) choice should not pass."""
    asked = all_questions()

    def share(pick) -> float:
        return sum(pick(range(len(q.choices)), key=lambda i, q=q: len(q.choices[i])) == q.answer for q in asked) / len(
            asked
        )

    longest, shortest = share(max), share(min)
    print(f"right answer is the longest choice in {longest:.0%}, the shortest in {shortest:.0%} of {len(asked)}")
    assert longest < LONGEST_RIGHT_LIMIT
    assert shortest < LONGEST_RIGHT_LIMIT


def test_the_right_answer_is_not_always_in_the_same_place():
    places = [q.answer for q in all_questions()]
    assert max(places.count(i) for i in set(places)) / len(places) < 0.5


def test_the_ghost_question_gives_both_sides_framing():
    (ghost,) = [q for q in questions("05") if "breaks end-to-end encryption" in q.prompt]
    right = ghost.right_choice
    assert "GCHQ" in right and "critics" in right
    assert "extra 'end'" in ghost.why and "undermine the authentication process" in ghost.why


A, B, RIGHT = '[[question.choice]]\ntext="a"\n', '[[question.choice]]\ntext="b"\n', "right=true\n"


@pytest.mark.parametrize(
    ("toml", "complaint"),
    [
        ('[[question]]\nprompt="p"\nwhy="w"\n' + A + B, "found 0"),
        ('[[question]]\nprompt="p"\nwhy="w"\n' + A + RIGHT + B + RIGHT, "found 2"),
        ('[[question]]\nprompt="p"\nwhy=""\n' + A + RIGHT + B, "why"),
        ('[[question]]\nprompt="p"\nwhy="w"\nanswr=1\n' + A + RIGHT, "answr"),
    ],
)
def test_a_malformed_question_is_refused_with_the_file_and_the_question(toml, complaint):
    with pytest.raises(ValueError, match=complaint):
        self_checks._question(tomllib.loads(toml)["question"][0], "ch99.toml, question 1")


# --- the glossary ------------------------------------------------------------------------------------------


def test_every_glossary_term_has_a_definition_and_a_chapter_that_exists():
    data = raw("glossary.toml")
    assert len(data["term"]) == len(glossary.TERMS) >= 80
    for entry in data["term"]:
        assert entry["definition"].strip(), entry["term"]
        assert entry["chapters"], entry["term"]
        assert all(chapter in NOTEBOOKS for chapter in entry["chapters"]), entry["term"]
    assert set(data["chapters"]) <= NOTEBOOKS


def test_glossary_terms_are_in_alphabetical_order_and_each_is_defined_once():
    names = [t.term.casefold() for t in glossary.terms()]
    assert names == sorted(names) and len(set(names)) == len(names)


def test_a_glossary_term_without_a_definition_or_a_chapter_is_refused():
    with pytest.raises(ValueError, match="needs a definition"):
        glossary.Term("Key", " ", ("01_secret_messages",))
    with pytest.raises(ValueError, match="at least one chapter"):
        glossary.Term("Key", "The secret.", ())
    with pytest.raises(ValueError, match="no title for"):
        glossary.Term("Key", "The secret.", ("99_nowhere",))


def test_the_glossary_page_renders_every_entry_under_its_letter_with_links():
    page = glossary_markdown()
    headings = re.findall(r"^### ([A-Z])$", page, re.M)
    assert headings == sorted(set(headings)) == list(glossary.by_letter())
    for letter in headings:
        assert f"[{letter}](#{letter})" in page.split("\n\n", 1)[0]
    for term in glossary.terms():
        assert f"**{term.term}**. {term.definition} *Shown in:* [" in page
        for chapter in term.chapters:
            assert f"]({chapter}.ipynb)" in page
    assert f"There are {len(glossary.terms())} entries" in page


def test_the_glossary_notebook_shows_the_rendered_entries_as_markdown():
    nb = json.loads((ROOT / "notebooks" / "glossary.ipynb").read_text())
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    shown = ["".join(o["data"]["text/markdown"]) for o in outputs if "text/markdown" in o.get("data", {})]
    assert shown == [glossary_markdown()], "re-run the glossary notebook: make notebooks NB=notebooks/glossary.ipynb"
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "**Accredited technology**" not in markdown, "entries belong in widgets/content/glossary.toml"


# --- content is data, and its loaders stand alone ---------------------------------------------------------


def test_no_content_is_left_in_python():
    """Long literal prose in widgets/content/*.py would be content written as code: keep it in the TOML files."""
    for path in CONTENT.rglob("*.py"):
        tree = ast.parse(path.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        prose = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and len(node.value) > 80
        ]  # fmt: skip
        assert prose == [], f"{path.relative_to(ROOT)} holds prose: move it to a TOML file"


def test_the_content_loaders_import_nothing_else_of_the_course():
    for path in CONTENT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                depth = len(path.relative_to(CONTENT).parts) - 1
                assert node.level <= depth + 1, f"{path.name} reaches outside widgets/content"
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert not any(n.startswith("widgets") for n in names), f"{path.name} imports {names}"
