"""Chapter 06's views: names escaped everywhere, words beside every mark, and an explorer that redraws."""

import html
import re
from datetime import datetime, timedelta

import pytest
from matplotlib.figure import Figure

from widgets.society.metadata import contact_chain
from widgets.society.town import LogRow
from widgets.ui.metadata_views import (
    chain_explorer,
    chain_table,
    chain_table_html,
    network_alt,
    network_figure,
    network_picture,
    reveals_html,
    timeline_alt,
    timeline_figure,
    timeline_plot,
)

HOSTILE = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a & b < c"]
T0 = datetime(2017, 4, 3, 9, 0)


def log_of(*pairs):
    return tuple(LogRow(i + 1, T0 + timedelta(hours=5 * i), a, b, 300) for i, (a, b) in enumerate(pairs))


LOG = log_of(("Alice", "Bob"), ("Bob", "Alice"), ("Bob", "Carol"), ("Carol", "Dave"), ("Erin", "Alice"))


def text_of(markup: str) -> str:
    return html.unescape(re.sub("<[^>]+>", " ", markup))


@pytest.mark.parametrize("name", HOSTILE)
def test_names_are_escaped_in_tables_and_the_explorer(name):
    log = log_of(("Alice", name), (name, "Alice"), (name, "Carol"))
    markup = chain_table_html(contact_chain(log, "Alice", 2), "Alice", 2)
    assert "<script" not in markup and "<img" not in markup and 'onerror="' not in markup
    assert html.escape(name) in markup
    explorer = chain_explorer(log, ("Clinic",), target=name)
    for value in (explorer.table.value, explorer.words.value):
        assert "<script" not in value and "<img" not in value
    assert name in text_of(explorer.table.value)
    assert "<script" not in reveals_html([f"{name} wrote"])


def test_the_table_says_each_ring_in_words_and_its_text_form_matches():
    table = chain_table(LOG, "Alice", 2)
    words = text_of(table.data)
    assert "one hop: direct contact" in words and "two hops: a contact's contact" in words
    text = repr(table)
    assert text.splitlines()[0] == "Contact chain of Alice, 2 hops: 3 people and services"
    assert "Carol" in text and "via Bob" in text and "Dave" not in text


def test_an_empty_chain_says_so():
    assert "No contacts of Zed" in text_of(chain_table_html((), "Zed", 1))


def test_the_explorer_redraws_when_the_person_or_hops_change():
    view = chain_explorer(LOG, ("Clinic",))
    assert view.person.value == "Alice" and "Carol" not in text_of(view.table.value)
    view.hops.value = 2
    assert "Carol" in text_of(view.table.value)
    view.person.value = "Dave"
    words = text_of(view.table.value)
    assert "Contact chain of Dave" in words and "Carol" in words and "Alice" not in words
    assert "Dave" in text_of(view.words.value)


def test_network_figure_marks_the_target_by_shape_and_label_and_says_so_in_words():
    fig = network_figure(LOG, "Alice", 2)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert "TARGET: Alice" in labels and "Dave" in labels
    assert ax.get_legend() is None  # the legend sits below the drawing, where it covers no name
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [
        "further away or unconnected (1)",
        "two hops: a contact's contact (1)",
        "one hop: direct contact (2)",
        "target (1)",
    ]
    alt = network_alt(LOG, "Alice", 2)
    assert "2 direct contacts (squares): Bob, Erin" in alt and "1 more at two hops (triangles)" in alt
    assert alt.endswith("1 others (grey circles).")
    picture = network_picture(LOG, "Alice", 2)
    assert 'alt="' in picture.data and repr(picture).startswith("Figure: Network of 5")


def test_timeline_counts_match_the_log_and_axes_are_labelled():
    fig = timeline_figure(LOG, "Alice", T0.replace(hour=0), 3)
    by_hour, by_day = fig.axes
    assert sum(p.get_height() for p in by_hour.patches if p.get_width() < 1) == 3
    assert [p.get_height() for p in by_day.patches] == [2, 1, 0]
    assert by_hour.get_xlabel() and by_hour.get_ylabel() and by_day.get_xlabel() and by_day.get_ylabel()
    alt = timeline_alt(LOG, "Alice", T0.replace(hour=0), 3)
    assert "Alice's 3 messages over 3 days" in alt and "1 day without any" in alt
    assert repr(timeline_plot(LOG, "Alice", T0.replace(hour=0), 3)).startswith("Figure: Two bar charts")
