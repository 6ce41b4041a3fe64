"""The timeline keeps its promises: entries in date order, each with a source and a chapter that exists or
is announced, years within 1976–2026, a figure whose alt text names every event, and a notebook that says
every entry and its source."""

import datetime as dt
import json
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from widgets.content.timeline import EVENTS, FIRST_YEAR, KINDS, LAST_YEAR, Event, Source, events, events_for, sources
from widgets.ui.timeline_view import timeline_alt, timeline_figure, timeline_plot

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = {p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}


def test_entries_are_sorted_by_date_and_the_stored_list_is_already_in_order():
    days = [e.day for e in events()]
    assert days == sorted(days)
    assert tuple(EVENTS) == events(), "keep EVENTS in date order, so the source file reads as a timeline"


def test_every_entry_has_a_source_with_a_web_address_a_title_and_a_date():
    for e in events():
        assert e.source.url.startswith(("http://", "https://")), e.title
        assert e.source.title.strip() and e.source.publisher.strip() and e.source.date.strip(), e.title
        assert e.summary.strip() and e.when.strip(), e.title


def test_years_lie_within_the_course_span_and_the_span_is_covered():
    years = [e.day.year for e in events()]
    assert all(FIRST_YEAR <= y <= LAST_YEAR for y in years)
    assert min(years) == 1976 and max(years) == 2026


def test_the_entries_the_course_promises_are_there():
    titles = " | ".join(e.label for e in events())
    for needle in ["1976", "Clipper", "Blaze", "Keys Under Doormats", "San Bernardino", "Amber Rudd", "ghost",
                   "open letter", "Apple announces scanning", "Apple drops", "Online Safety Act",
                   "Advanced Data Protection", "EU", "MetaPhone", "metadata", "sealed sender", "National Academies",
                   "Carnegie"]:  # fmt: skip
        assert needle in titles, needle


def test_each_entry_names_its_date_as_written_in_its_label():
    for e in events():
        assert str(e.day.year) in e.when, e.label
        assert e.label.startswith(e.when)


def test_every_entry_links_to_a_chapter_that_exists():
    for e in events():
        assert e.chapter in CHAPTERS, f"{e.title}: no notebook {e.chapter}.ipynb"
    assert {e.title for e in events_for("04_key_escrow")} >= {"The US proposes the Clipper chip"}


def test_the_chapters_on_metadata_and_on_weighing_have_their_events():
    assert {e.day.year for e in events_for("06_metadata")} >= {2014, 2018}
    assert {e.day.year for e in events_for("09_weighing_the_tradeoffs")} >= {2018, 2019}


def test_an_entry_outside_the_span_or_without_an_address_is_refused():
    source = Source("t", "p", "d", "https://example.org")
    with pytest.raises(ValueError, match="outside"):
        Event(dt.date(1975, 1, 1), "1975", "too early", "s", "law", None, source)
    with pytest.raises(ValueError, match="web address"):
        Event(dt.date(2000, 1, 1), "2000", "no link", "s", "law", None, Source("t", "p", "d", "somewhere"))
    with pytest.raises(ValueError, match="unknown kind"):
        Event(dt.date(2000, 1, 1), "2000", "odd", "s", "weather", None, source)


def test_sources_are_listed_once_each():
    urls = [s.url for s in sources()]
    assert len(urls) == len(set(urls)) == len({e.source.url for e in events()})


def test_figure_alt_text_names_each_event_and_kind():
    alt = timeline_alt()
    for e in events():
        assert e.label in alt, e.label
    for kind in {e.kind for e in events()}:
        assert KINDS[kind] in alt
    assert f"{len(events())} events" in alt


def test_figure_has_one_labelled_row_per_event_and_a_legend_in_words():
    fig = timeline_figure()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = [t.get_text().removeprefix("* ") for t in ax.get_yticklabels()]
    assert labels == [e.label for e in events()]
    assert ax.get_xlabel() and ax.get_ylabel()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(legend) == sorted(KINDS[k] for k in {e.kind for e in events()})


def test_plot_output_carries_the_alt_text():
    shown = timeline_plot()
    assert 'alt="Timeline chart of' in shown.data


def test_notebook_states_every_entry_with_its_source_and_chapter_link():
    path = ROOT / "notebooks" / "timeline.ipynb"
    if not path.exists():
        pytest.skip("the timeline notebook is not written yet")
    nb = json.loads(path.read_text())
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for e in events():
        assert e.title in text and e.source.url in text, e.title
        assert f"({e.chapter}.ipynb)" in text, e.title
    # The page promises to name the entries whose original was cited but read only as others quoted it.
    for e in events():
        if "read as quoted by others" in e.source.publisher or "Signal" in e.source.publisher:
            assert e.source.title in text[text.index("Notes on checking") :], e.title


def test_the_figure_explains_its_star_in_words():
    fig = timeline_figure()
    assert "* seen only in secondary reports" in [t.get_text() for t in fig.texts]
