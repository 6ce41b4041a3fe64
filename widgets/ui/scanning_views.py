"""Chapter 07's views: how far each message's fingerprint lies from a listed one, against the threshold.

``distance_figure`` draws a ``matplotlib.figure.Figure`` (not pyplot): one horizontal bar per message, its
length the number of bits (of 64) in which the message's fingerprint differs from the listed one, with the
threshold drawn across and each bar labelled in words ("reported" / "not reported"), so that colour is
never the only cue. ``distance_plot`` returns it with alt text and a caption (``show_figure``);
``distance_table`` gives the same rows as an HTML table whose plain-text form lists the same words. All
numbers come from the model (``widgets.labs.scanning.compare``); nothing here hashes anything.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from IPython.display import HTML
from matplotlib.figure import Figure

from ..labs.scanning import Comparison
from ..protocol.fuzzy_hash import BITS, THRESHOLD
from .figures import show_figure
from .html import TextHTML, esc, shorten
from .palette import ALERT, GRID, OKABE_ITO, WHITE

REPORTED, PASSED = OKABE_ITO["vermillion"], OKABE_ITO["sky blue"]


def verdict(row: Comparison, threshold: int = THRESHOLD) -> str:
    return "reported" if row.distance <= threshold else "not reported"


def _rows(rows: Sequence[Comparison]) -> list[Comparison]:
    rows = list(rows)
    if not rows or not all(isinstance(r, Comparison) for r in rows):
        raise ValueError("the view needs at least one Comparison (see widgets.labs.scanning.compare)")
    return rows


def _plain(text: str) -> str:
    """Text matplotlib shows as typed: a dollar sign would otherwise start a formula."""
    return text.replace("$", r"\$")


def distance_figure(rows: Sequence[Comparison], threshold: int = THRESHOLD) -> Figure:
    """One bar per message: bits that differ from the listed fingerprint, with the threshold marked. Drawn
    narrow (labels on two lines, legend below) so that it fits a phone's width rather than scrolling."""
    rows = _rows(rows)
    height = 1.6 + 0.55 * len(rows)
    fig = Figure(figsize=(5.0, height), layout="constrained")
    ax = fig.subplots()
    ys = list(range(len(rows)))[::-1]  # first row at the top
    top = max(BITS / 2 + 8, max(r.distance for r in rows) + 20)  # room for the words beside the longest bar
    ax.axvspan(0, threshold + 0.5, color=ALERT, zorder=0, label=f"a match: {threshold} bits or fewer differ")
    for y, row in zip(ys, rows, strict=True):
        reported = row.distance <= threshold
        ax.barh(
            y,
            row.distance,
            height=0.62,
            color=REPORTED if reported else PASSED,
            edgecolor=OKABE_ITO["black"],
            linewidth=0.8,
            hatch="///" if reported else None,
            zorder=2,
        )
        ax.text(
            row.distance + 0.6,
            y,
            f"{row.distance} bits — {verdict(row, threshold)}",
            va="center",
            fontsize=10,
            zorder=3,
            bbox={"facecolor": WHITE, "edgecolor": "none", "pad": 1.5},
        )
    ax.axvline(
        threshold + 0.5,
        color=OKABE_ITO["black"],
        linestyle="--",
        linewidth=1.2,
        zorder=1,
        label=f"threshold ({threshold} bits)",
    )
    ax.set_yticks(ys, [textwrap.fill(_plain(shorten(r.label, 48)), 22) for r in rows], fontsize=10)
    ax.set_xlim(0, top)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel(f"bits in which the message's fingerprint\ndiffers from the listed one (of {BITS})", fontsize=9)
    fig.legend(loc="outside lower center", ncols=1, fontsize=9, framealpha=0.95)
    ax.grid(True, axis="x", color=GRID, linewidth=0.6, zorder=0)
    return fig


def distance_alt(rows: Sequence[Comparison], threshold: int = THRESHOLD) -> str:
    """The figure in words: each message, its distance and the verdict."""
    rows = _rows(rows)
    reported = sum(r.distance <= threshold for r in rows)
    items = "; ".join(f"{r.label}: {r.distance} bits, {verdict(r, threshold)}" for r in rows)
    return (
        f"Bar chart of {len(rows)} messages, each bar the number of bits (of {BITS}) in which the message's "
        f"fingerprint differs from the listed one; the app reports a message when {threshold} bits or fewer "
        f"differ. {reported} of {len(rows)} are reported. {items}."
    )


def distance_plot(rows: Sequence[Comparison], caption: str | None = None, threshold: int = THRESHOLD):
    """The figure with alt text and a caption (display it, or return it last in a cell)."""
    caption = caption or (
        f"How far each message's fingerprint lies from the listed one. Left of the dashed line ({threshold} "
        "bits or fewer) the app reports the message, with its text, to the State."
    )
    return show_figure(distance_figure(rows, threshold), distance_alt(rows, threshold), caption, fits=True)


def distance_table_html(rows: Sequence[Comparison], threshold: int = THRESHOLD) -> str:
    """An HTML table: message, its text, bits that differ, and the verdict in words."""
    rows = _rows(rows)
    body = []
    for r in rows:
        style = f"background:{ALERT}" if r.distance <= threshold else ""
        body.append(
            f'<tr style="{style}"><th scope="row" style="text-align:left;font-weight:normal">{esc(r.label)}</th>'
            f"<td>{esc(shorten(r.text, 90))}</td><td style='text-align:right'>{r.distance}</td>"
            f"<td>{esc(verdict(r, threshold))}</td></tr>"
        )
    return (
        '<table class="scan-distances" style="border-collapse:collapse">'
        f'<caption style="text-align:left">Bits (of {BITS}) that differ from the listed fingerprint; '
        f"{threshold} or fewer: reported</caption>"
        '<thead><tr><th scope="col">message</th><th scope="col">text</th><th scope="col">bits</th>'
        f'<th scope="col">verdict</th></tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def distance_table(rows: Sequence[Comparison], threshold: int = THRESHOLD) -> HTML:
    """The table, displayable; its plain-text form lists the same rows."""
    rows = _rows(rows)
    width = max(len(r.label) for r in rows)
    lines = [f"{r.label:<{width}}  {r.distance:>2} bits  {verdict(r, threshold)}" for r in rows]
    return TextHTML(distance_table_html(rows, threshold), "\n".join(lines))
