"""The teacher's guide (docs/teachers.md): its figures are generated from the notebooks and the model, never
retyped (tools/teachers_guide.py), and it holds the lesson formats teachers asked for: a before-class checklist,
a 50-minute plan of three demos and a structured debate with five roles, a printable prediction sheet and exit
ticket, and a 30-minute newsroom workshop."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"(?<!\d)(?<!\d[.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?!\d|[.,]\d)")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def load_tool():
    spec = importlib.util.spec_from_file_location("teachers_guide", ROOT / "tools" / "teachers_guide.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    return load_tool()


@pytest.fixture(scope="module")
def made(tool):
    return tool.blocks()


@pytest.fixture(scope="module")
def guide() -> str:
    return (ROOT / "docs" / "teachers.md").read_text()


def saved_output_numbers(chapter: str) -> set[str]:
    nb = json.loads((ROOT / "notebooks" / f"{chapter}.ipynb").read_text())
    texts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            texts.extend("".join(v) for k, v in output.get("data", {}).items() if k.startswith("text/"))
    return set(NUMBER.findall("\n".join(texts)))


def test_the_committed_guide_has_its_figures_in_step(tool, made, guide, monkeypatch):
    monkeypatch.setattr(tool, "blocks", lambda: made)
    assert tool.render(guide) == guide, "run: python tools/teachers_guide.py"


def test_every_block_the_guide_names_is_filled(tool, made, guide):
    names = re.findall(r"<!-- figures: (\S+) ", guide)
    assert sorted(names) == sorted(made), "every figures block is used once, and only known ones"
    for name in names:
        body = re.search(rf"<!-- figures: {name} [^>]*-->\n(.*?)<!-- /figures -->", guide, re.S).group(1)
        assert body.strip(), name


def test_each_figure_agrees_with_its_chapters_saved_outputs(made):
    """The guide and the notebook cannot drift apart: every number a figure names is in the chapter's outputs."""
    for figures in made.values():
        for figure in figures:
            if isinstance(figure, str):
                continue
            shown = saved_output_numbers(figure.chapter)
            for value in figure.numbers:
                assert value in shown, f"{figure.chapter} shows no {value}: re-run the chapter or the tool"


def test_chapter_06_timing_attack_is_the_notebooks_not_a_retyped_copy(made):
    (timing,) = [f for f in made["06"] if "timing alone" in f.text]
    saved = json.loads((ROOT / "notebooks" / "06_metadata.ipynb").read_text())
    outputs = "".join(
        "".join(o.get("text", "")) for c in saved["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
    )
    claimed, right = re.search(r"pairs claimed from timing alone: (\d+); right: (\d+)", outputs).groups()
    assert f"{claimed} pairs claimed, {right} right" in timing.text


def test_no_generated_figure_is_retyped_in_the_hand_written_text(made, guide):
    hand_written = re.sub(r"<!-- figures: .*?<!-- /figures -->", "", guide, flags=re.S)
    hand_written = hand_written.split("\n## Sources\n")[0]
    # Dates, lesson minutes and time ranges are not figures.
    hand_written = re.sub(rf"\b\d+ ({MONTHS})\b|\b(19|20)\d\d\b|\d+–\d+|\d+ min", "", hand_written)
    written = set(NUMBER.findall(hand_written))
    for figures in made.values():
        for figure in figures:
            if not isinstance(figure, str):
                retyped = [v for v in figure.numbers if v in written]
                assert not retyped, f"the guide's own text repeats {retyped}: point to the generated figures"


def test_the_timings_table_counts_every_chapter_and_sums_the_course_maps_minutes(made):
    table = "\n".join(made["timings"])
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        if path.stem[:2].isdigit() or path.stem in ("glossary", "timeline", "explainer"):
            assert f"(../notebooks/{path.name})" in table
    assert re.search(r"come to \*\*\d{3} minutes\*\*", table)


def test_the_guide_has_the_lesson_formats_teachers_need(guide):
    sections = dict(re.findall(r"^(##+ [^\n]+)\n(.*?)(?=^##+ |\Z)", guide, re.M | re.S))
    checklist = sections["## Before class: a checklist"]
    assert "Binder warm-up" in checklist and "static site" in checklist and "- [ ]" in checklist
    plan = sections["## A 50-minute lesson: three demos and a structured debate"]
    assert all(f"**Demo {n}" in plan for n in (1, 2, 3))
    minutes = re.findall(r"^\| (\d+)–(\d+) \|", plan, re.M)
    assert minutes[0][0] == "0" and minutes[-1][1] == "50"
    assert all(int(a[1]) == int(b[0]) for a, b in itertools.pairwise(minutes)), "no gaps"
    cards = sections["### Role cards for the debate"]
    for role in ("Home Office", "Investigator", "Provider", "Civil liberties", "Security researcher"):
        assert f"**{role}" in cards, role
    assert cards.count("*Strongest point against you:*") == 5, "every role names the best case against it"
    assert "○" in sections["### Prediction sheet (print one per student)"] or "◯" in guide
    assert "Name:" in sections["### Exit ticket (print one per student)"]
    workshop = sections["## A 30-minute newsroom workshop"]
    assert re.findall(r"^\| (\d+)–(\d+) \|", workshop, re.M)[-1][1] == "30"
