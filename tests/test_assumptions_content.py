"""Chapter 09's assumptions as data (widgets/content/assumptions.toml): the schema holds, and the model reads them."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from widgets.content.assumptions import FILE, NO_FIGURE, load, parse, problems
from widgets.society import population

RAW = files("widgets.content").joinpath(FILE).read_text(encoding="utf-8")


def test_the_shipped_file_is_sound():
    content = load()
    assert problems(tomllib.loads(RAW)) == []
    assert len(content.assumptions) >= 10 and content.limitations and content.routes


def test_every_assumption_has_a_source_or_says_no_reliable_figure():
    for record in load().assumptions:
        if record.no_reliable_figure:
            assert record.source.startswith(NO_FIGURE), record.name
        else:
            assert "http" in record.source, record.name


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda a: a.update(source="National Crime Agency, 2019"), "needs a source with a web address"),
        (lambda a: a.update(no_reliable_figure=True), "must say so"),
        (lambda a: a.update(default=0.5), "low <= default <= high"),
        (lambda a: a.update(note=""), "note is missing or empty"),
        (lambda a: a.pop("no_reliable_figure"), "must be true or false"),
    ],
)
def test_a_broken_entry_is_named_with_what_is_wrong(change, complaint):
    data = tomllib.loads(RAW)
    change(next(a for a in data["assumption"] if a["name"] == "criminal_share"))
    found = problems(data)
    assert any("criminal_share" in p and complaint in p for p in found), found


def test_a_syntax_error_names_the_file():
    with pytest.raises(ValueError, match=r"assumptions\.toml"):
        parse(RAW + "\n[[assumption]\n")


def test_the_population_model_reads_its_numbers_from_the_file():
    records = {r.name: r for r in load().assumptions}
    assert set(population.ASSUMPTIONS) == set(records)
    for name, a in population.ASSUMPTIONS.items():
        r = records[name]
        assert (a.default, a.low, a.high, a.source, a.note, a.valid) == (
            r.default,
            r.low,
            r.high,
            r.source,
            r.note,
            r.valid,
        )
    assert {name: r.default for name, r in records.items()} == population.DEFAULTS
    assert load().limitations == population.LIMITATIONS
    assert {name for name, r in records.items() if r.no_reliable_figure} == population.UNMEASURED
