"""Chapter 09's views: the figure says every proposal's numbers in words, everything is escaped, and the
explorer's sliders change the narration and the figure."""

import dataclasses
import html
import re

import pytest
from matplotlib.figure import Figure

from widgets import Policy
from widgets.society.population import ASSUMPTIONS, DEFAULTS, EXISTING_ROUTES, PROPOSALS, compare, simulate
from widgets.ui.society_plots import (
    RESULT_COLUMNS,
    amount,
    assumptions_table,
    results_rows,
    results_table,
    routes_table,
    tradeoff_alt,
    tradeoff_chart,
    tradeoff_explorer,
    tradeoff_figure,
)

RUNS = 100


@pytest.fixture(scope="module")
def outcomes():
    return compare(runs=RUNS)


def alt_of(markup: str) -> str:
    return html.unescape(re.search(r'alt="([^"]*)"', markup).group(1))


def test_alt_text_names_every_proposal_with_its_numbers(outcomes):
    shown = tradeoff_figure(outcomes)
    alt = alt_of(shown.data)
    for name in PROPOSALS:
        assert f"{name}:" in alt
    escrow = outcomes["key escrow"]
    read, exposed = escrow.target_messages_read, escrow.innocent_exposed
    assert f"key escrow: {100 * read.median:.0f}% of targets' messages read in the middle run" in alt
    assert f"(average {100 * read.mean:.0f}%;" in alt
    # whom a breach exposes (found by decryption) comes first; the assumed breach chance is said to be assumed,
    # and the share of runs with a breach (that assumption played back) is never given as a result
    whom = "a stolen escrow key exposes every user (found by decryption); how likely a breach is, is assumed"
    assert whom in alt and alt.index(whom) < alt.index(f"average {exposed.mean:,.0f}")
    assert "of runs" not in alt
    assert f"{exposed.median:,.0f} innocent users exposed in the middle run" in alt
    assert f"{RUNS:,} runs of the model" in alt and repr(shown).startswith("Figure: ")
    assert "Further right: more read under warrant; lower: fewer harmed." in html.unescape(shown.data)
    assert "Monte Carlo" not in alt and "percentile" in alt


def test_the_chart_has_a_panel_per_harm_with_labelled_axes_and_a_name_beside_each_point(outcomes):
    fig = tradeoff_chart(outcomes, measure_y=("innocent_exposed", "false_reports", "cost"))
    assert isinstance(fig, Figure) and len(fig.axes) == 3
    for ax in fig.axes:
        assert "%" in ax.get_xlabel() and "(" in ax.get_ylabel()
        # Labels wrap onto short lines to fit a phone: compare their words.
        labels = {" ".join(t.get_text().split()).split(" if breached")[0] for t in ax.texts}
        assert labels == set(PROPOSALS)
        markers = {line.get_marker() for line in ax.lines if line.get_linestyle() == "None"}
        assert len(markers) == len(PROPOSALS)  # a distinct marker per proposal, not colour alone


def test_unknown_measures_and_empty_outcomes_are_refused(outcomes):
    with pytest.raises(ValueError, match="Unknown measure"):
        tradeoff_figure(outcomes, measure_y="happiness")
    with pytest.raises(ValueError, match="Outcome"):
        tradeoff_figure({})


def test_a_proposal_name_with_markup_is_escaped():
    hostile = '<script>alert("x")</script> & co'
    outcomes = compare({hostile: Policy(escrow=True), "no access": Policy()}, runs=RUNS)
    markup = tradeoff_figure(outcomes).data
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert hostile in alt_of(markup)


def test_assumptions_table_lists_each_with_its_source_escaped(monkeypatch):
    outcome = simulate(Policy(), runs=RUNS, verify_share=0.2)
    table = assumptions_table(outcome)
    for name, a in ASSUMPTIONS.items():
        # The reader sees the plain label, never the model's keyword (the cold read found criminal_share).
        assert html.escape(a.label) in table.data and a.label in repr(table)
        assert name not in table.data and name not in repr(table)
    assert "e-0" not in table.data and "e+0" not in table.data  # 1 in a million, not 1e-06
    assert "held at 0.2" in repr(table) and "drawn per run between" in repr(table)
    assert '<a href="https://www.usenix.org/' in table.data
    hostile = dataclasses.replace(ASSUMPTIONS["backup_share"], note="<b onmouseover=alert(1)>x</b>")
    monkeypatch.setitem(ASSUMPTIONS, "backup_share", hostile)
    markup = assumptions_table(outcome).data
    assert "<b onmouseover" not in markup and "&lt;b onmouseover=alert(1)&gt;" in markup


def test_the_points_sit_at_the_medians_and_breaches_are_labelled_with_whom_they_expose(outcomes):
    fig = tradeoff_chart(outcomes, measure_y=("innocent_exposed",))
    ax = fig.axes[0]
    escrow = outcomes["key escrow"]
    points = [line for line in ax.lines if line.get_linestyle() == "None"]
    xs = sorted(float(line.get_xdata()[0]) for line in points)
    assert 100 * escrow.target_messages_read.median in xs
    texts = {" ".join(t.get_text().split()) for t in ax.texts}  # wrapped onto short lines: compare the words
    assert "key escrow if breached: every user" in texts
    assert "backups the Provider can open if breached: every user who backs up" in texts
    assert "ghost participant" in texts  # a breach the model runs exposes no one here


def test_moving_a_slider_changes_the_narration_and_the_figure():
    explorer = tradeoff_explorer(users=200_000, runs=60)
    assert set(explorer.sliders) == set(ASSUMPTIONS)
    assert all(not s.continuous_update for s in explorer.sliders.values())
    figure, words = explorer.figure.value, explorer.narration.value
    assert "drawn from its range" in words
    explorer.sliders["breach_chance_per_year"].value = 0.3
    assert explorer.narration.value != words and "Yearly chance a key store is breached: now 0.3" in html.unescape(
        explorer.narration.value
    )
    assert explorer.figure.value != figure
    assert "held at 0.3" in explorer.table.value
    assert "held at 30% a year" in html.unescape(explorer.results.value)  # the results table redraws too
    assert alt_of(explorer.figure.value) == tradeoff_alt(explorer.outcomes)
    explorer.reset.click()
    assert "drawn from its range again" in explorer.narration.value
    assert "held at 0.3" not in explorer.table.value
    assert explorer.sliders["breach_chance_per_year"].value == pytest.approx(
        ASSUMPTIONS["breach_chance_per_year"].default
    )


def test_the_results_table_says_what_is_computed_and_what_is_assumed():
    outcomes = compare(runs=RUNS, **DEFAULTS)
    assert all(("computed" in h or "assumed" in h) for h in RESULT_COLUMNS[1:])
    rows = {row[0]: row for row in results_rows(outcomes)}
    scanning = outcomes["client-side scanning"]
    # true reports beside false ones, from the model's own counts (about 383,000 and 18,000 at the defaults)
    assert f"{scanning.true_reports.median:,.0f} of criminals' listed messages" in rows["client-side scanning"][5]
    assert f"{scanning.false_reports.median:,.0f} innocent ones" in rows["client-side scanning"][5]
    assert 300_000 < scanning.true_reports.median < 450_000 and 15_000 < scanning.false_reports.median < 22_000
    escrow = rows["key escrow"]
    assert escrow[2] == "a stolen escrow key exposes every user" and escrow[4].startswith("held at 5% a year")
    assert "through the app; routes investigators already have are not counted" in rows["no exceptional access"][1]
    # a 0 where the model does not run the proposal's own risk is said not to be a pass
    assert "a 0 here is not a pass" in rows["targeted implants"][2]
    assert "not a pass" not in rows["key escrow"][2]
    table = results_table(outcomes)
    assert "mathjax_ignore" in table.data and "$" not in table.data and "Key escrow reads the most" in repr(table)


def test_the_takeaway_moves_with_the_assumptions_it_rests_on():
    low, high = (results_table(compare(runs=RUNS, **{**DEFAULTS, "listed_share": v})) for v in (0.001, 0.1))
    assert repr(low).splitlines()[0] != repr(high).splitlines()[0]
    held = repr(results_table(compare(runs=RUNS, **{**DEFAULTS, "breach_chance_per_year": 0.3})))
    assert "held at 30% a year" in held


def test_no_dollar_sign_reaches_maths_rendering():
    """Jupyter renders text between two "$" as a formula: tables that quote prices skip maths rendering, and
    amounts are written in words."""
    outcome = simulate(Policy(endpoint_implant=True), runs=RUNS)
    assert "$" not in amount(1234.0, "cost") and "US dollars" in amount(1234.0, "cost")
    table = assumptions_table(outcome).data
    assert "$" in table  # the sources quote prices as reported...
    assert table.startswith('<div class="mathjax_ignore tex2jax_ignore"')  # ...and maths rendering skips them
    routes = routes_table().data
    assert all(html.escape(r.name) in routes for r in EXISTING_ROUTES) and "mathjax_ignore" in routes


def test_numbers_read_as_plain_words_never_exponents():
    from widgets.ui.society_plots import number, readout_words

    assert number(1e5) == "100,000" and number(1e6) == "1,000,000" and number(125_893.0) == "126,000"
    assert number(1e-6) == "1 in a million" and number(1e-8) == "1 in 100 million" and number(1e-4) == "1 in 10,000"
    assert number(3e-8) == "1 in 33 million" and number(0.003) == "0.003" and number(0) == "0"
    assert "100,000" in readout_words(100_000.0)


def test_the_explorer_shows_its_sliders_values_in_plain_numbers():
    from widgets.ui.society_plots import tradeoff_explorer

    explorer = tradeoff_explorer(users=10_000, runs=20)
    slider = explorer.sliders["scan_false_positive_rate"]
    assert slider.readout is False  # the widget's own readout would show 1.00e-6
    assert "1 in a million" in slider.readout_label.value
    slider.value = 1e-4
    assert "1 in 10,000" in slider.readout_label.value
    shown = [s.readout_label.value for s in explorer.sliders.values()]
    assert all("e-0" not in v and "e+0" not in v for v in shown)


def test_wide_tables_become_cards_that_wrap_on_a_phone_and_name_their_scenario(outcomes):
    from widgets.ui.society_plots import CARDS, assumptions_table, results_table

    for table in (results_table(outcomes), assumptions_table(next(iter(outcomes.values())))):
        assert f'class="{CARDS}"' in table.data and "@media (max-width: 640px)" in table.data
        assert "nowrap" not in table.data
        assert table.data.count("<td data-col=") == table.data.count("<td ")  # each cell names its column
    assert "drawn from its range" in results_table(outcomes).data


def test_the_limits_and_the_two_cases_are_shown_as_html_not_printed():
    from widgets.society.population import LIMITATIONS, PROPOSALS
    from widgets.ui.society_plots import cases_view, limits_list

    shown = limits_list()
    assert shown.data.count("<li") == len(LIMITATIONS) and "overflow-wrap" in shown.data
    hostile = limits_list(["<script>x</script>"]).data
    assert "<script>x" not in hostile and "&lt;script&gt;" in hostile
    case = simulate(PROPOSALS["key escrow"], runs=RUNS, users=10_000, breach_chance_per_year=0.5)
    view = cases_view({"a case": case})
    assert "A case (with " in view.data and "[computed]" in view.data and "50% a year [assumed]" in view.data


def test_the_chart_is_narrow_enough_for_a_phone_and_its_labels_stay_inside_their_panels(outcomes):
    import io

    from PIL import Image

    fig = tradeoff_chart(outcomes)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")  # as figures.show_figure saves it
    buffer.seek(0)
    assert Image.open(buffer).size[0] <= 400  # a 390 px phone shows it whole, or nearly
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    for ax in fig.axes:
        left, _, right, _ = ax.get_window_extent(renderer).extents
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            assert left - 4 <= box.x0 and box.x1 <= right + 4, text.get_text()


def test_on_a_phone_the_figure_fits_the_screen_instead_of_scrolling(outcomes):
    from widgets.ui.society_plots import FIT, tradeoff_figure

    shown = tradeoff_figure(outcomes)
    assert shown.data.startswith(f'<div class="{FIT}">') and "max-width: 100% !important" in shown.data
    assert repr(shown).startswith("Figure: ")  # the words screen readers and nbval get are unchanged
