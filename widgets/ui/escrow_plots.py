"""Chapter 04's figure: how many random fields Blaze's forgery tried, against what chance predicts.

``forgery_figure`` draws a ``matplotlib.figure.Figure`` (not pyplot) with two panels, one above the other: a
histogram of the tries each forgery needed, with the counts a geometric law predicts in each bin; and the share
of forgeries finished within n tries, with the predicted curve 1 − (1 − 2⁻¹⁶)ⁿ. The assumptions are printed under it.
``forgery_plot`` returns it with alt text and a caption (``show_figure``). All numbers come from the model,
``widgets.labs.escrow``; nothing here does cryptography.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
from matplotlib.figure import Figure

from ..labs.escrow import CHECK_BITS, ForgeryTrials, geometric_expectation
from .figures import show_figure
from .palette import GRID, OKABE_ITO


def _tries_of(trials: ForgeryTrials | list[int]) -> list[int]:
    tries = trials.tries if isinstance(trials, ForgeryTrials) else list(trials)
    if not tries or any(isinstance(t, bool) or not isinstance(t, int) or t < 1 for t in tries):
        raise ValueError("the figure needs at least one forgery, each with a whole number of tries (1 or more)")
    return tries


def within_share(trials: ForgeryTrials | list[int], tries: int) -> tuple[int, float]:
    """How many forgeries finished within ``tries`` tries, and what share of all of them that is."""
    counts = _tries_of(trials)
    done = sum(t <= tries for t in counts)
    return done, done / len(counts)


def assumptions_text(trials: ForgeryTrials | list[int], bits: int = CHECK_BITS) -> str:
    """The assumptions behind the figure, printed under it."""
    tries = _tries_of(trials)
    seed = f", seed {trials.seed}" if isinstance(trials, ForgeryTrials) else ""
    return (
        f"Assumptions: {len(tries)} forgeries{seed}, each for a fresh message key. Every try is a random field; "
        f"it passes the receiving app's {bits}-bit check with chance 1 in {2**bits:,}, independently of the "
        "other tries, so the number of tries follows a geometric law (mean 2^16 = 65,536). The check is this "
        "course's keyed 16-bit BLAKE2b hash; Clipper's was a different 16-bit checksum, but "
        "chance treats any 16-bit check the same way. Tries are counted, not timed."
    )


def forgery_figure(trials: ForgeryTrials | list[int], bits: int = CHECK_BITS) -> Figure:
    """Histogram of tries per forgery with the geometric law's expected counts, and the share finished
    within n tries against 1 − (1 − 2**-bits)**n."""
    tries = _tries_of(trials)
    law = geometric_expectation(bits)
    count = len(tries)
    width = law.mean / 2  # bins of half the mean: 32,768 tries for a 16-bit check
    top = max(max(tries), 4 * law.mean)
    edges = np.arange(0, math.ceil(top / width) * width + width / 2, width)
    scale = 1000.0  # the x axes read in thousands of tries

    # Stacked and narrow (about 430 px): it fits a desk's page unscrolled and shrinks only a little on a phone,
    # where the wide side-by-side version needed a sideways scroll box.
    fig = Figure(figsize=(3.9, 8.2), layout="constrained")
    hist, curve = fig.subplots(2, 1)

    hist.hist(
        np.asarray(tries) / scale,
        bins=edges / scale,
        color=OKABE_ITO["sky blue"],
        edgecolor=OKABE_ITO["black"],
        linewidth=0.8,
        label=f"forgeries in this run ({count})",
    )
    expected = law.expected_counts(list(edges), count)
    centres = (edges[:-1] + edges[1:]) / 2 / scale
    hist.plot(
        centres,
        expected,
        color=OKABE_ITO["vermillion"],
        marker="o",
        markersize=5,
        linewidth=1.8,
        label="what chance predicts (geometric law)",
    )
    mean = sum(tries) / count
    hist.axvline(
        law.mean / scale,
        color=OKABE_ITO["black"],
        linestyle="--",
        linewidth=1.2,
        label=f"NIST 1994: on average\n$2^{{{bits}}}$ = {law.mean:,.0f} tries",
    )
    hist.axvline(
        mean / scale, color=OKABE_ITO["orange"], linestyle=":", linewidth=2.2, label=f"mean of this run: {mean:,.0f}"
    )
    hist.set_xlabel("random fields tried until one passed\nthe check (thousands)")
    hist.set_ylabel("number of forgeries")
    hist.set_title("Tries per forgery")
    hist.set_xlim(0, edges[-1] / scale)
    hist.legend(loc="upper right", fontsize=7.5, framealpha=0.95)
    hist.grid(True, axis="y", color=GRID, linewidth=0.6)

    ordered = np.sort(np.asarray(tries))
    share = np.arange(1, count + 1) / count
    xs = np.linspace(0, edges[-1], 400)
    curve.plot(
        xs / scale,
        [100 * law.within(x) for x in xs],
        color=OKABE_ITO["vermillion"],
        linewidth=2.0,
        label=f"chance predicts: $1 - (1 - 2^{{-{bits}}})^n$",
    )
    curve.step(
        np.concatenate([[0], ordered]) / scale,
        100 * np.concatenate([[0], share]),
        where="post",
        color=OKABE_ITO["blue"],
        linewidth=1.8,
        label="forgeries in this run",
    )
    _, fraction = within_share(tries, int(law.mean))
    predicted = law.within(law.mean)
    curve.axvline(law.mean / scale, color=OKABE_ITO["black"], linestyle="--", linewidth=1.0)
    curve.annotate(
        f"within {law.mean:,.0f} tries:\nthis run {100 * fraction:.0f}%, chance {100 * predicted:.0f}%",
        (law.mean / scale, 100 * predicted),
        xytext=(12, -40),
        textcoords="offset points",
        fontsize=8,
        arrowprops={"arrowstyle": "->", "color": OKABE_ITO["black"], "linewidth": 0.8},
    )
    curve.set_xlabel("tries, n (thousands)")
    curve.set_ylabel("finished within n tries (%)")
    curve.set_title("Share finished within n tries")
    curve.set_xlim(0, edges[-1] / scale)
    curve.set_ylim(0, 102)
    curve.legend(loc="lower right", fontsize=7.5, framealpha=0.95)
    curve.grid(True, color=GRID, linewidth=0.6)

    fig.text(0.01, -0.01, textwrap.fill(assumptions_text(trials, bits), 72), ha="left", va="top", fontsize=7)
    return fig


def forgery_alt(trials: ForgeryTrials | list[int], bits: int = CHECK_BITS) -> str:
    """The figure in words: what a reader who cannot see it needs."""
    tries = _tries_of(trials)
    law = geometric_expectation(bits)
    done, fraction = within_share(tries, int(law.mean))
    return (
        f"Two charts of {len(tries)} forged escrow fields. Top, a histogram: the tries each forgery needed "
        f"ranged from {min(tries):,} to {max(tries):,}, with a mean of {sum(tries) / len(tries):,.0f}; "
        f"chance predicts a mean of {law.mean:,.0f}, with most searches ending early and a few running long, "
        f"and the bars follow that prediction. Bottom: the share of forgeries finished within n tries, against "
        f"the predicted curve; within {law.mean:,.0f} tries, {done} of {len(tries)} finished "
        f"({100 * fraction:.0f}%), where chance predicts {100 * law.within(law.mean):.0f}%."
    )


def forgery_plot(trials: ForgeryTrials | list[int], bits: int = CHECK_BITS):
    """The figure with alt text and a caption (display it, or return it last in a cell)."""
    caption = (
        "Blaze's forgery, run for real against the receiving app's 16-bit check: tries per forgery (top) "
        "and the share finished within n tries (bottom), each against what chance predicts. "
        + assumptions_text(trials, bits)
    )
    return show_figure(forgery_figure(trials, bits), forgery_alt(trials, bits), caption, fits=True)
