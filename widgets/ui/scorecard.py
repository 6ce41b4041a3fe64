"""Chapter 09's scorecard as a widget: the reader scores each proposal against each principle and question,
then compares the scores with what the experiments found (``widgets.society.scorecard``).

One function builds it: a proposal picker, one row per criterion (name, plain description, four toggle
buttons: meets / partly / fails / can't tell), and a button that fills an HTML summary. Everything is reachable
with the keyboard (Tab to a control; Enter or Space to press; the picker is a plain drop-down), and every
score is said in words. Scores are kept for every proposal while the reader moves between them.
"""

from __future__ import annotations

import ipywidgets as w

from ..society.scorecard import CRITERIA, PROPOSALS, SCORES, Comparison, compare_scores
from .html import esc


def scorecard() -> w.VBox:
    """The scorecard widget; ``.scores`` holds {(proposal, criterion): score or None}."""
    scores: dict[tuple[str, str], str | None] = {(p.name, c.name): None for p in PROPOSALS for c in CRITERIA}
    picker = w.Dropdown(
        options=[p.name for p in PROPOSALS],
        description="Proposal",
        description_allow_html=False,
        layout=w.Layout(width="28em"),
    )
    rows: dict[str, w.ToggleButtons] = {}
    lines = []
    for c in CRITERIA:
        buttons = w.ToggleButtons(
            options=list(SCORES),
            value=None,
            description=c.name,  # the name a screen reader reads out for the row
            description_allow_html=False,
            tooltips=[f"{c.name}: {score}" for score in SCORES],
            style={"button_width": "6.5em", "description_width": "initial"},
        )
        rows[c.name] = buttons
        about = w.HTML(
            f"<div style='font-size:0.9em;margin:0 0 0 1.5em'>{esc(c.short)} "
            f"<span style='font-size:0.9em'>({esc(c.source)})</span></div>"
        )
        lines.append(w.VBox([buttons, about], layout=w.Layout(margin="4px 0")))
    progress = w.HTML(progress_html(scores))
    summary = w.HTML("<p><em>Score some cells, then press “Compare with the experiments”.</em></p>")
    compare = w.Button(
        description="Compare with the experiments",
        tooltip="Set your scores beside what the course's experiments found",
        layout=w.Layout(width="auto"),
    )
    loading = False  # True while the rows are being refilled for another proposal: not the reader's choice

    def show_proposal(change=None) -> None:
        nonlocal loading
        loading = True
        for name, buttons in rows.items():
            buttons.value = scores[(picker.value, name)]
        loading = False

    def on_score(change) -> None:
        if loading:
            return
        name = next(n for n, b in rows.items() if b is change["owner"])
        scores[(picker.value, name)] = change["new"]
        progress.value = progress_html(scores)

    def on_compare(_button=None) -> None:
        summary.value = comparison_html(compare_scores(scores))

    picker.observe(show_proposal, names="value")
    for buttons in rows.values():
        buttons.observe(on_score, names="value")
    compare.on_click(on_compare)
    intro = w.HTML(
        "<p><em>Pick a proposal, then score it on each line: Tab moves between buttons, Enter or Space "
        "presses one. Your scores are kept when you switch proposals.</em></p>"
    )
    card = w.VBox([intro, picker, *lines, progress, compare, summary])
    card.picker, card.rows, card.button, card.summary, card.progress = picker, rows, compare, summary, progress
    card.scores = scores
    card.compare = on_compare
    return card


def progress_html(scores: dict) -> str:
    done = sum(1 for v in scores.values() if v is not None)
    return f"<p>You have scored {done} of {len(scores)} cells.</p>"


def comparison_html(comparison: Comparison) -> str:
    """The comparison as HTML: counts, then a list per group, every text escaped."""
    parts = [f"<p><strong>{esc(comparison.text().splitlines()[0])}</strong></p>"]
    for title, group in (
        ("Where you and the experiments differ", comparison.disagreements),
        ("Where you agree", comparison.agreements),
        ("Where you left it open, but the experiments found something", comparison.left_open),
        ("Where “can't tell” favours the proposal by default", comparison.favoured),
        ("Your judgement: the experiments cannot settle these", comparison.judgements),
    ):
        if group:
            items = "".join(f"<li>{esc(line.text)}</li>" for line in group)
            parts.append(f"<p style='margin-bottom:0'><strong>{esc(title)}</strong></p><ul>{items}</ul>")
    groups = (comparison.disagreements, comparison.agreements, comparison.left_open, comparison.favoured)
    if not any((*groups, comparison.judgements)):
        parts.append("<p>Nothing to compare yet: score at least one cell.</p>")
    return "".join(parts)
