"""Chapter 09's views: each proposal's benefit against its harms, the assumptions behind them, and sliders.

``tradeoff_figure`` plots, for each proposal, the share of warrant targets' messages the State can read (the
benefit) against a harm — innocent users exposed by breaches, innocent messages wrongly reported — at the
median of the model's runs (the middle run: rare extreme runs pull the mean far up), with lines spanning the
5th to 95th percentile (nine runs in ten); each proposal has its own Okabe–Ito colour, its own marker and its
name written beside it. Where a breach drives the harm, the label says whom it exposes — found by decryption —
never how often it happened: that share of runs is only the assumed breach chance played back.
``results_table`` is the takeaway: one row per proposal, each column marked *computed* (decryption in the real
model, counted with the assumptions) or *assumed*. ``assumptions_table`` lists the assumptions an outcome used,
with their sources; ``routes_table`` the routes investigators already have under every policy.
``tradeoff_explorer`` puts a slider on each assumption and redraws.
Tables carry the class ``mathjax_ignore``: their sources quote prices in dollars, and Jupyter's maths renderer
would otherwise read the text between two dollar signs as a formula.
All numbers come from the model, ``widgets.society.population``; nothing here simulates or decrypts anything.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter, FixedLocator

from ..society.population import (
    ASSUMPTIONS,
    CURRENCY,
    DEFAULT_RUNS,
    EXISTING_ROUTES,
    LIMITATIONS,
    Outcome,
    compare,
    exposure,
)
from ..society.scorecard import PROPOSALS as SCORED
from .figures import show_figure
from .html import TextHTML, esc
from .palette import BORDER_LIGHT, GRID, OKABE_ITO, WHITE

EXPLORER_RUNS = DEFAULT_RUNS  # as many runs as the chapter's figures (a redraw stays under 300 ms: the benchmark)

# One colour and one marker per proposal, in the order of widgets.society.population.PROPOSALS (never colour alone).
STYLES = (
    (OKABE_ITO["black"], "o"),
    (OKABE_ITO["vermillion"], "s"),
    (OKABE_ITO["blue"], "^"),
    (OKABE_ITO["orange"], "D"),
    (OKABE_ITO["bluish green"], "v"),
    (OKABE_ITO["reddish purple"], "P"),
    (OKABE_ITO["sky blue"], "X"),
)

# Axis labels with units, and the words the alt text and narration use, per measure.
AXES = {
    "target_messages_read": ("warrant targets' messages the State can read (%)", "of targets' messages read"),
    "innocent_exposed": ("innocent users exposed to criminals (people)", "innocent users exposed"),
    "false_reports": ("innocent messages wrongly reported (messages)", "false reports"),
    "cost": (f"spent on implants ({CURRENCY})", f"{CURRENCY} spent on implants"),
    "detected": ("targets who catch the access (people)", "targets who caught it"),
    "true_reports": ("criminals' listed messages reported (messages)", "true reports"),
}
SHARES = {"target_messages_read"}


def _outcomes(outcomes: Mapping[str, Outcome]) -> dict[str, Outcome]:
    if not outcomes or not all(isinstance(o, Outcome) for o in outcomes.values()):
        raise ValueError("the view needs a mapping of proposal name → Outcome (see widgets.society.population.compare)")
    return dict(outcomes)


def _measures(measure_x: str, measure_y: str | Sequence[str]) -> tuple[str, tuple[str, ...]]:
    ys = (measure_y,) if isinstance(measure_y, str) else tuple(measure_y)
    for name in (measure_x, *ys):
        if name not in AXES:
            raise ValueError(f"Unknown measure {name!r}; the measures are {', '.join(AXES)}")
    if not ys:
        raise ValueError("measure_y needs at least one measure")
    return measure_x, ys


def amount(value: float, measure: str) -> str:
    """A measure's value in words: a percentage for shares, whole numbers with separators otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no value (no warrant targets in these runs)"
    if measure in SHARES:
        return f"{100 * value:.0f}%" if value == 0 or value >= 0.01 else f"{100 * value:.1g}%"
    if measure == "cost":
        return f"{value:,.0f} {CURRENCY}"  # no "$": Jupyter's maths renderer would start a formula at it
    return f"{value:,.0f}"


def _share(share: float) -> str:
    """A share of runs as a percentage: "5%", "0.4%"."""
    return f"{100 * share:.0f}%" if share == 0 or share >= 0.01 else f"{100 * share:.1f}%"


def _plain(text: str) -> str:
    """Text matplotlib shows as typed: a dollar sign would otherwise start a formula."""
    return text.replace("$", r"\$")


def _scaled(values, measure: str) -> np.ndarray:
    return np.asarray(values, dtype=float) * (100.0 if measure in SHARES else 1.0)


def tradeoff_chart(
    outcomes: Mapping[str, Outcome],
    measure_x: str = "target_messages_read",
    measure_y: str | Sequence[str] = ("innocent_exposed", "false_reports"),
) -> Figure:
    """One panel per harm: each proposal a marked point at the medians, with lines over the 5–95% bands."""
    outcomes = _outcomes(outcomes)
    measure_x, ys = _measures(measure_x, measure_y)
    # Fixed margins and few, fixed ticks: a layout engine and symlog's many minor ticks would double the
    # time a slider's redraw takes.
    # One panel above the other, not side by side: the figure stays narrow enough to read on a phone.
    fig = Figure(figsize=(3.0, 3.4 * len(ys) + 0.3))
    fig.subplots_adjust(left=0.27, right=0.97, bottom=0.1 / len(ys), top=1 - 0.08 / len(ys), hspace=0.42)
    axes = np.atleast_1d(fig.subplots(len(ys), 1))
    for ax, measure in zip(axes, ys, strict=True):
        points, top = [], 0.0
        for i, (name, outcome) in enumerate(outcomes.items()):
            colour, marker = STYLES[i % len(STYLES)]
            bx, by = getattr(outcome, measure_x), getattr(outcome, measure)
            x, xlo, xhi = _scaled((bx.median, bx.low, bx.high), measure_x)
            y, ylo, yhi = np.log10(1 + _scaled((by.median, by.low, by.high), measure))  # log scale, 0 kept
            if math.isnan(x):
                continue
            top = max(top, yhi, y)
            ax.plot([xlo, xhi], [y, y], color=colour, linewidth=2.2, solid_capstyle="butt", zorder=2)
            ax.plot([x, x], [ylo, yhi], color=colour, linewidth=2.2, solid_capstyle="butt", zorder=2)
            ax.plot(
                x,
                y,
                marker=marker,
                markersize=10,
                color=colour,
                markeredgecolor=OKABE_ITO["black"],
                zorder=3,
                linestyle="none",
            )
            label = name
            if measure == "innocent_exposed" and breach_words(outcome):
                label += "\nif breached: " + _short_whose(outcome)
            points.append((label, x, y, colour))
        ax.set_xlabel(_plain(textwrap.fill(AXES[measure_x][0], 30)))
        ax.set_ylabel(_plain(textwrap.fill(AXES[measure][0], 30)))
        # The axis shows log10(1 + value): a log scale that keeps 0 (drawn by hand, faster than symlog).
        ax.set_ylim(-0.15, max(top, 1.0) + 0.9)
        ticks = [0, *range(1, int(top + 0.9) + 1, 1 if top < 4 else 2)]
        ax.yaxis.set_major_locator(FixedLocator([math.log10(1 + (10**d if d else 0)) for d in ticks]))
        ax.yaxis.set_major_formatter(FixedFormatter([f"{10**d:,}" if d else "0" for d in ticks]))
        if measure_x in SHARES:
            ax.set_xlim(-4, 104)
            ax.xaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
        _label(ax, points)
        ax.grid(True, color=GRID, linewidth=0.6)
        ax.set_title(_plain(f"{AXES[measure][1].capitalize()} (log scale)"), fontsize=10)
        for spine in ax.spines.values():
            spine.set_color(BORDER_LIGHT)
    return fig


def _label(ax, points) -> None:
    """Write each proposal's name beside its point, moving a label up until it overlaps no earlier one.

    Sizes are estimated from the number of characters (no drawing needed, which keeps a redraw fast)."""
    scale = ax.figure.dpi / 72  # points to pixels
    taken: list[tuple[float, float, float, float]] = []
    ax_left, _, ax_right, _ = ax.get_window_extent().extents  # once per panel
    for name, x, y, colour in points:
        px, py = ax.transData.transform((x, y))
        name = "\n".join(textwrap.fill(row, 24) for row in name.split("\n"))  # short lines fit a phone
        rows = name.split("\n")
        width, height = (5.6 * max(map(len, rows)) + 6) * scale, (13 * len(rows)) * scale
        # Right of the point if it fits inside the axes, else left of it, and never past their edges: the
        # figure then needs no room beside the axes and stays narrow enough to read on a phone.
        x0 = px + 9 * scale if px + 9 * scale + width <= ax_right else px - 9 * scale - width
        x0 = max(ax_left + 2 * scale, min(x0, ax_right - width))
        for k in range(12):
            dy = (6 + 15 * k) * scale
            box = (x0, py + dy, x0 + width, py + dy + height)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                break
        taken.append(box)
        ax.annotate(
            _plain(name),
            (x, y),
            xytext=((x0 - px) / scale, 6 + 15 * k),
            textcoords="offset points",
            fontsize=9,
            color=OKABE_ITO["black"],
            bbox={"facecolor": WHITE, "edgecolor": colour, "linewidth": 1.0, "pad": 1.5, "alpha": 0.9},
            arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.8} if k or x0 < px else None,
            zorder=4,
        )


def tradeoff_alt(
    outcomes: Mapping[str, Outcome],
    measure_x: str = "target_messages_read",
    measure_y: str | Sequence[str] = ("innocent_exposed", "false_reports"),
) -> str:
    """The figure in words: every proposal with its numbers."""
    outcomes = _outcomes(outcomes)
    measure_x, ys = _measures(measure_x, measure_y)
    first = next(iter(outcomes.values()))
    parts = [
        f"{len(ys)} scatter chart{'s' if len(ys) > 1 else ''}, one marked point per proposal at the middle run "
        f"(the median) of {first.run_count:,} runs of the model with randomly drawn assumptions and chance "
        f"events ({first.users:,} users, {first.days} days), with lines over the range of nine runs in ten "
        "(5th to 95th percentile). Averages are given too: a few extreme runs can pull them far above the median."
    ]
    for name, outcome in outcomes.items():
        words = [f"{name}: {_band_words(outcome, measure_x)}"]
        if "innocent_exposed" in ys and breach_words(outcome):
            words.append(f"{breach_words(outcome)} (found by decryption); {_breach_chance_words(outcome)}")
        for measure in ys:
            words.append(_band_words(outcome, measure))
        parts.append("; ".join(words) + ".")
    return " ".join(parts)


def _band_words(outcome: Outcome, measure: str) -> str:
    band = getattr(outcome, measure)
    what = AXES[measure][1]
    if band.low == band.high == band.mean:
        return f"{amount(band.median, measure)} {what}"
    return (
        f"{amount(band.median, measure)} {what} in the middle run (average {amount(band.mean, measure)}; nine runs "
        f"in ten from {amount(band.low, measure)} to {amount(band.high, measure)})"
    )


def tradeoff_figure(
    outcomes: Mapping[str, Outcome],
    measure_x: str = "target_messages_read",
    measure_y: str | Sequence[str] = ("innocent_exposed", "false_reports"),
) -> TextHTML:
    """The chart with alt text that states every proposal's numbers, and a caption."""
    fig = tradeoff_chart(outcomes, measure_x, measure_y)
    _, ys = _measures(measure_x, measure_y)
    first = next(iter(_outcomes(outcomes).values()))
    caption = (
        f"Each proposal's benefit ({AXES[measure_x][1]}) against its harm ({', '.join(AXES[m][1] for m in ys)}). "
        f"Marks: the middle run (median) of {first.run_count:,} runs; lines: nine runs in ten (5th to 95th "
        f"percentile); {first.users:,} users, {first.days} days, seed {first.seed}. Where a breach drives the harm, "
        "the label says whom it exposes (found by decryption); how likely it is, is assumed. Further right: more "
        "read under warrant; lower: fewer harmed. The results table and the assumptions are below."
    )
    shown = show_figure(fig, tradeoff_alt(outcomes, measure_x, measure_y), caption)
    # This figure is drawn narrow (about 390 px): on a phone it is shrunk to the screen, a little, rather than
    # scrolled sideways as wider figures are; its numbers are also in the results table, one card per proposal.
    return TextHTML(f'<div class="{FIT}">{FIT_STYLE}{shown.data}</div>', repr(shown))


FIT = "society-figure"
FIT_STYLE = (
    "<style>@media (max-width: 640px) {"
    f" .{FIT} .course-figure .figure-scroll {{ overflow-x: visible; }}"
    f" .{FIT} .course-figure .figure-scroll img {{ max-width: 100% !important; }}"
    f" .{FIT} .course-figure .figure-cue {{ display: none !important; }}"
    "}</style>"
)


# --- what a breach exposes, and the results table ----------------------------------------------------------

NO_MATHS = "mathjax_ignore tex2jax_ignore"  # MathJax 3 (JupyterLab, Voila) and 2 (classic, nbconvert) skip these
_STORE_WORDS = {"escrow key": "a stolen escrow key", "Provider's servers": "a breach of the Provider's servers"}


def _whose(outcome: Outcome) -> list[tuple[str, str]]:
    """(store, whose messages a breach of it opens) for each store whose breach exposes innocent users."""
    found = []
    for leak in exposure(outcome.policy).leaks:
        if leak.for_user_who_backs_up == leak.for_user_who_does_not == "everyone":
            found.append((leak.store, "every user"))
        elif "everyone" in (leak.for_user_who_backs_up, leak.for_user_who_does_not):
            found.append((leak.store, "every user who backs up"))
    return found


def breach_words(outcome: Outcome) -> str:
    """Whom a breach exposes under this policy, found by decryption in the real model ("" if nobody)."""
    return "; ".join(f"{_STORE_WORDS.get(store, store)} exposes {who}" for store, who in _whose(outcome))


def _short_whose(outcome: Outcome) -> str:
    return ", ".join(who for _, who in _whose(outcome))


def exposed_if_breached(outcome: Outcome) -> float | None:
    """Innocent users exposed in the middle run among the runs with a breach (computed); None if none had one."""
    runs = np.asarray(outcome.runs["innocent_exposed"], dtype=float)
    hit = runs[runs > 0]
    return float(np.median(hit)) if hit.size else None


def _breach_chance_words(outcome: Outcome) -> str:
    a, value = ASSUMPTIONS["breach_chance_per_year"], outcome.assumptions["breach_chance_per_year"]
    how = "held at" if "breach_chance_per_year" in outcome.held else "assumed, most likely"
    span = f"{_share(a.low)}–{_share(a.high)}"
    return f"how likely a breach is, is {how} {_share(value)} a year (no reliable figure; range {span})"


def _unrun_risk(name: str) -> str | None:
    """The proposal's own risk that the model does not run, if the scorecard names one."""
    return next((p.not_run for p in SCORED if p.name == name), None)


def _band(outcome: Outcome, measure: str) -> str:
    band = getattr(outcome, measure)
    if band.low == band.high:
        return amount(band.median, measure)
    return f"{amount(band.median, measure)} ({amount(band.low, measure)}–{amount(band.high, measure)})"


RESULT_COLUMNS = (
    "proposal",
    "targets' messages the State reads — computed (decryption × assumed shares): middle run (nine runs in ten)",
    "what a breach exposes — computed (decryption)",
    "innocent users exposed when it happens — computed",
    "how likely a breach is — assumed",
    "scanning reports a year, true and false — computed from assumed rates",
    f"implants — computed from assumed prices ({CURRENCY})",
)


# On a narrow screen (a phone at 390 px) a wide table becomes one card per row, each cell on its own line
# after its column's name, so nothing needs sideways scrolling (as widgets/ui/tables.py does for its table).
CARDS = "society-cards"
CARD_STYLE = (
    "<style>@media (max-width: 640px) {"
    f" table.{CARDS}, table.{CARDS} tbody, table.{CARDS} tr, table.{CARDS} th, table.{CARDS} td,"
    f" table.{CARDS} caption {{ display: block; width: auto; max-width: none; white-space: normal; }}"
    f" table.{CARDS} thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }}"
    f" table.{CARDS} tbody tr {{ border: 1px solid {BORDER_LIGHT}; margin: 0 0 8px; padding: 4px; }}"
    f" table.{CARDS} td {{ border: none !important; overflow-wrap: anywhere; }}"
    f' table.{CARDS} td::before {{ content: attr(data-col) ": "; font-weight: bold; }}'
    "}</style>"
)
ASSUMPTION_COLUMNS = ("assumption", "value used", "unit", "source", "why")


def _short(heading: str) -> str:
    """A column heading without its long explanation: what a card on a phone shows before each value."""
    return heading.split(" — ")[0] + (
        " (computed)" if "computed" in heading else " (assumed)" if "assumed" in heading else ""
    )


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def scenario(outcomes: Mapping[str, Outcome] | Outcome) -> str:
    """Which scenario an outcome comes from, in words, so that numbers that differ between sections say why."""
    outcome = outcomes if isinstance(outcomes, Outcome) else next(iter(_outcomes(outcomes).values()))
    at_defaults = all(outcome.assumptions[n] == a.default for n, a in ASSUMPTIONS.items() if n in outcome.held)
    if not outcome.held:
        return "with every assumption drawn from its range"
    if len(outcome.held) == len(ASSUMPTIONS) and at_defaults:
        return "with every assumption held at its default"
    held = "; ".join(
        f"{ASSUMPTIONS[n].label.lower()} {number(outcome.assumptions[n])}" for n in ASSUMPTIONS if n in outcome.held
    )
    return f"with {held}, the rest drawn from their ranges" if len(outcome.held) < len(ASSUMPTIONS) else f"with {held}"


def results_rows(outcomes: Mapping[str, Outcome]) -> list[tuple[str, ...]]:
    """One row of words per proposal, in the columns of ``RESULT_COLUMNS``."""
    rows = []
    for name, outcome in _outcomes(outcomes).items():
        read = _band(outcome, "target_messages_read")
        if not any(getattr(outcome.policy, switch) for switch in outcome.policy.on()):
            read += " through the app; routes investigators already have are not counted (see below)"
        whose = breach_words(outcome)
        if whose:
            count = exposed_if_breached(outcome)
            exposed = f"{count:,.0f}" if count is not None else "no breach happened in these runs"
            chance = _breach_chance_words(outcome).removeprefix("how likely a breach is, is ")
        else:
            unrun = _unrun_risk(name)
            whose = "nobody's words, by the break-ins the model runs" + (
                f"; not run: {unrun} — a 0 here is not a pass" if unrun else ""
            )
            exposed, chance = "0", "—"
        if outcome.policy.client_scanning:
            reports = (
                f"{amount(outcome.true_reports.median, 'true_reports')} of criminals' listed messages; "
                f"{amount(outcome.false_reports.median, 'false_reports')} innocent ones"
            )
        else:
            reports = "—"
        cost = _band(outcome, "cost") if outcome.policy.endpoint_implant else "—"
        rows.append((name, read, whose, exposed, chance, reports, cost))
    return rows


def takeaway(outcomes: Mapping[str, Outcome]) -> str:
    """The table's point in three sentences, every number from the outcomes."""
    outcomes = _outcomes(outcomes)
    best = max(outcomes, key=lambda n: outcomes[n].target_messages_read.median)
    top = outcomes[best]
    parts = [
        f"{best.capitalize()} reads the most: {amount(top.target_messages_read.median, 'target_messages_read')} "
        "of targets' messages in the middle run."
    ]
    if breach_words(top):
        parts.append(
            f"It is also the proposal where {breach_words(top)} — a fact found by decryption — while "
            f"{_breach_chance_words(top)}."
        )
    scanning = next((o for o in outcomes.values() if o.policy.client_scanning), None)
    if scanning is not None:
        parts.append(
            f"Scanning reports {amount(scanning.true_reports.median, 'true_reports')} of criminals' listed messages "
            f"and {amount(scanning.false_reports.median, 'false_reports')} innocent ones a year in the middle run, "
            "both counted from assumed rates, while reading "
            f"{amount(scanning.target_messages_read.median, 'target_messages_read')} of targets' messages."
        )
    parts.append(
        "Every proposal's gain over no exceptional access is an upper bound: routes investigators already have "
        "are counted under no policy."
    )
    return " ".join(parts)


def results_table(outcomes: Mapping[str, Outcome]) -> TextHTML:
    """The results as a table (HTML and plain text), with the takeaway as its caption; all escaped."""
    rows = results_rows(outcomes)
    cell = f'style="border:1px solid {BORDER_LIGHT};padding:4px 6px;vertical-align:top;text-align:left"'
    head = "".join(f'<th scope="col" {cell}>{esc(h)}</th>' for h in RESULT_COLUMNS)
    body = "".join(
        f'<tr><th scope="row" {cell}>{esc(row[0])}</th>'
        + "".join(
            f'<td data-col="{esc(_short(h))}" {cell}>{esc(c)}</td>'
            for h, c in zip(RESULT_COLUMNS[1:], row[1:], strict=True)
        )
        + "</tr>"
        for row in rows
    )
    words = f"{_upper(scenario(outcomes))}: {takeaway(outcomes)}"
    markup = (
        f'<div class="{NO_MATHS}" style="overflow-x:auto">{CARD_STYLE}'
        f'<p style="margin:0.3em 0"><strong>{esc(words)}</strong></p>'
        f'<table class="{CARDS}" style="border-collapse:collapse;font-size:0.85em">'
        f"<caption style='text-align:left;font-size:0.85em'>Results for each proposal, "
        f"{esc(scenario(outcomes))}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )
    text = [words] + [
        f"{row[0]}: " + "; ".join(f"{h.split(' — ')[0]}: {c}" for h, c in zip(RESULT_COLUMNS[1:], row[1:], strict=True))
        for row in rows
    ]
    return TextHTML(markup, "\n".join(text))


def routes_table(routes=EXISTING_ROUTES) -> TextHTML:
    """The routes investigators already have under every policy, each with its source (linked, escaped)."""
    items = "".join(
        f"<li><strong>{esc(r.name)}.</strong> {esc(r.what)} <small>Source: {_linked(r.source)}</small></li>"
        for r in routes
    )
    markup = f'<div class="{NO_MATHS}"><ul>{items}</ul></div>'
    return TextHTML(markup, "\n".join(f"- {r.name}. {r.what} Source: {r.source}" for r in routes))


# --- the assumptions, with sources ------------------------------------------------------------------------


def number(value: float) -> str:
    """A number as a reader would write it: 0.3, 53, 100,000, 1 in a million (never 1e-06 or 1.00e+5)."""
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{float(f'{value:.3g}'):,.0f}"  # three significant figures, written out: 126,000
    if abs(value) >= 0.001:
        return f"{value:.3g}"
    return "1 in " + _big(1 / abs(value))


def _big(n: float) -> str:
    """A large count in words: 1,000, 10,000, a million, 100 million, 3.3 billion."""
    n = float(f"{n:.2g}")
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if n >= size:
            scaled = n / size
            return f"a {word}" if scaled == 1 else f"{scaled:,.3g} {word}"
    return f"{n:,.0f}"


def value_words(outcome: Outcome, name: str) -> str:
    """How the outcome used an assumption: held at a value, or drawn from its range."""
    a = ASSUMPTIONS[name]
    if name in outcome.held:
        return f"held at {number(outcome.assumptions[name])}"
    return f"drawn per run between {number(a.low)} and {number(a.high)}, most likely {number(a.default)}"


_URL = re.compile(r"https?://[^\s)]+[^\s).,;:]")


def _linked(text: str) -> str:
    """``text`` escaped, with its web addresses as links (the address is the link's text too)."""
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(esc(text[last : match.start()]))
        url = esc(match.group(0))
        out.append(f'<a href="{url}" target="_blank" rel="noopener">{url}</a>')
        last = match.end()
    out.append(esc(text[last:]))
    return "".join(out)


def assumptions_table(outcome: Outcome) -> TextHTML:
    """An HTML table of the assumptions the outcome used: value, unit, source and why (all escaped)."""
    if not isinstance(outcome, Outcome):
        raise ValueError("assumptions_table needs an Outcome (see widgets.society.population.simulate)")
    cell = f'style="border:1px solid {BORDER_LIGHT};padding:4px 6px;vertical-align:top;text-align:left"'
    head = "".join(f'<th scope="col" {cell}>{esc(h)}</th>' for h in ASSUMPTION_COLUMNS)
    rows, lines = [], []
    for name, a in ASSUMPTIONS.items():
        used = value_words(outcome, name)
        rows.append(
            f'<tr><th scope="row" {cell}>{esc(a.label)}</th>'
            + "".join(
                f'<td data-col="{esc(h)}" {cell}>{v}</td>'
                for h, v in zip(
                    ASSUMPTION_COLUMNS[1:], (esc(used), esc(a.unit), _linked(a.source), esc(a.note)), strict=True
                )
            )
            + "</tr>"
        )
        lines.append(f"{a.label}: {used} ({a.unit}). Source: {a.source} Why: {a.note}")
    markup = (
        f'<div class="{NO_MATHS}" style="overflow-x:auto">{CARD_STYLE}'
        f'<p style="font-size:0.9em;margin:0.3em 0">{esc(_runs_words(outcome))}</p>'
        f'<table class="{CARDS}" style="border-collapse:collapse;font-size:0.85em">'
        f"<caption style='text-align:left;font-size:0.85em'>The assumptions, one per row</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    return TextHTML(markup, _runs_words(outcome) + "\n" + "\n".join(lines))


def _runs_words(outcome: Outcome) -> str:
    return (
        f"Assumptions behind {outcome.run_count:,} runs of the model, {outcome.users:,} users over {outcome.days} "
        "days. Each run draws every assumption not held at a value from its range: the default is the most likely "
        "value, and the draws spread evenly over orders of magnitude (a log-triangular law). As most ranges reach "
        "further above the default than below it, the draws average above the default."
    )


# --- the explorer ------------------------------------------------------------------------------------------

NARRATED = ("target_messages_read", "innocent_exposed", "false_reports", "cost")


def tradeoff_explorer(users: int = 1_000_000, days: int = 365, runs: int = EXPLORER_RUNS, seed: int = 0) -> w.VBox:
    """A slider per assumption (log scale over its range), the figure, a line on what changed, and the table.

    Before a slider moves, every assumption is drawn from its range; a moved slider holds its assumption at
    the chosen value in every run. "Draw all from their ranges" lets go of them all again.
    """
    held: dict[str, float] = {}
    state: dict[str, object] = {"quiet": False}
    sliders: dict[str, w.FloatLogSlider] = {}
    rows = []
    for name, a in ASSUMPTIONS.items():
        lo, hi = math.log10(a.low), math.log10(a.high)
        slider = w.FloatLogSlider(
            value=a.default,
            base=10,
            min=lo,
            max=hi,
            step=(hi - lo) / 100,
            readout=False,  # its own readout would show 1.00e+5: a label beside it says 100,000
            continuous_update=False,
            layout=w.Layout(width="auto", flex="1 1 8em", min_width="6em"),
        )
        slider.style.description_width = "0px"
        label = w.HTML(f"<span title='{esc(a.note)}'>{esc(a.label)} <small>({esc(a.unit)})</small></span>")
        label.layout = w.Layout(width="100%")
        readout = w.HTML(readout_words(a.default), layout=w.Layout(width="auto", min_width="7em"))
        slider.observe(lambda change, readout=readout: setattr(readout, "value", readout_words(change["new"])), "value")
        slider.readout_label = readout
        sliders[name] = slider
        rows.append(w.VBox([label, w.HBox([slider, readout], layout=w.Layout(flex_flow="row wrap"))]))
    reset = w.Button(description="Draw all from their ranges", tooltip="Let go of every value you set")
    fewer = (
        f" — fewer than the {DEFAULT_RUNS:,} behind the chapter's figures, so bands are a little rougher"
        if runs < DEFAULT_RUNS
        else ", as in the chapter's figures"
    )
    note = w.HTML(
        f"<p style='font-size:0.9em'>Each redraw runs the model {runs:,} times per proposal ({users:,} users, "
        f"{days} days){esc(fewer)}. Every proposal uses the same random draws, so a change comes from what you "
        "moved. Moving a slider holds that assumption at its value.</p>"
    )
    figure, narration, table, results = w.HTML(), w.HTML(), w.HTML(), w.HTML()

    def run() -> dict[str, Outcome]:
        return compare(users=users, days=days, runs=runs, seed=seed, **held)

    def show(outcomes: dict[str, Outcome], words: str) -> None:
        _set_figure(figure, outcomes)
        results.value = results_table(outcomes).data  # the takeaway, and what is computed and what assumed
        narration.value = f"<p><strong>{esc(words)}</strong></p>"
        table.value = assumptions_table(next(iter(outcomes.values()))).data
        explorer.outcomes = outcomes

    def on_slide(change, name: str) -> None:
        if state["quiet"]:
            return
        before = explorer.outcomes
        old = held.get(name)
        held[name] = float(change["new"])
        outcomes = run()
        show(outcomes, narrate(name, old, held[name], before, outcomes))

    def on_reset(_button) -> None:
        before = explorer.outcomes
        held.clear()
        state["quiet"] = True
        for name, slider in sliders.items():
            slider.value = ASSUMPTIONS[name].default
        state["quiet"] = False
        outcomes = run()
        show(outcomes, "Every assumption is drawn from its range again. " + _biggest_change(before, outcomes))

    for name, slider in sliders.items():
        slider.observe(lambda change, name=name: on_slide(change, name), names="value")
    reset.on_click(on_reset)
    explorer = w.VBox([note, *rows, reset, narration, figure, results, table])
    explorer.sliders, explorer.figure, explorer.narration, explorer.table, explorer.reset = (
        sliders,
        figure,
        narration,
        table,
        reset,
    )
    explorer.results = results
    explorer.outcomes = {}
    show(run(), "Every assumption is drawn from its range. Move a slider to hold one at a value of your choosing.")
    return explorer


def readout_words(value: float) -> str:
    """A slider's value in plain numbers: 100,000, 0.003, 1 in a million."""
    return f"<span style='font-variant-numeric:tabular-nums'>{esc(number(value))}</span>"


def _set_figure(target: w.HTML, outcomes: Mapping[str, Outcome]) -> None:
    target.value = tradeoff_figure(outcomes).data


def narrate(
    name: str, old: float | None, new: float, before: Mapping[str, Outcome], after: Mapping[str, Outcome]
) -> str:
    """One line, in plain words: what the reader changed and the biggest effect it had."""
    a = ASSUMPTIONS[name]
    was = f"was {number(old)}" if old is not None else f"was drawn between {number(a.low)} and {number(a.high)}"
    return f"{a.label}: now {number(new)} ({a.unit}; {was}). " + _biggest_change(before, after)


def _summary(outcome: Outcome, measure: str) -> float:
    """What the narration compares: the median, except for innocent users exposed, whose median is 0 in most
    settings (breaches are rare): there, the average over the runs — the assumed breach chance times the
    number a breach exposes, which decryption found (the share of runs with a breach alone would only play
    the assumed chance back)."""
    if measure == "innocent_exposed":
        return getattr(outcome, measure).mean
    return getattr(outcome, measure).median


NARRATION_WORDS = {
    "target_messages_read": "the share of targets' messages the State reads",
    "false_reports": "false reports",
    "cost": f"{CURRENCY} spent on implants",
}


def _biggest_change(before: Mapping[str, Outcome], after: Mapping[str, Outcome]) -> str:
    best, best_size = None, 0.0
    for proposal, outcome in after.items():
        if proposal not in before:
            continue
        for measure in NARRATED:
            old, new = _summary(before[proposal], measure), _summary(outcome, measure)
            if math.isnan(old) or math.isnan(new) or old == new:
                continue
            size = abs(new - old) / max(abs(old), abs(new))
            if size > best_size:
                best, best_size = (proposal, measure, old, new), size
    if best is None:
        return "Nothing moved: this assumption does not change these proposals' results here."
    proposal, measure, old, new = best
    if measure == "innocent_exposed":
        return (
            f"Biggest change: under {proposal}, innocent users exposed by breaches, on average over the runs, went "
            f"from {old:,.0f} to {new:,.0f} (how often a breach happens is assumed; whom it exposes is found by "
            "decryption)."
        )
    return (
        f"Biggest change: under {proposal}, {NARRATION_WORDS[measure]} went from {amount(old, measure)} to "
        f"{amount(new, measure)} in the middle run (median)."
    )


# --- what a reader must see in print: the limits, the two cases, scanning's reports -----------------------


def limits_list(limits: Sequence[str] = LIMITATIONS) -> TextHTML:
    """The model's limits as a numbered list that wraps (HTML, not print: printed output is folded away)."""
    items = "".join(f"<li style='margin:0.2em 0'>{esc(limit)}</li>" for limit in limits)
    text = "\n".join(f"{i}. {limit}" for i, limit in enumerate(limits, start=1))
    return TextHTML(f'<ol class="{NO_MATHS}" style="overflow-wrap:anywhere">{items}</ol>', text)


def case_lines(cases: Mapping[str, Outcome]) -> list[str]:
    """One sentence per case: what the State reads, whom a stolen key exposes, and the assumed chance."""
    lines = []
    for title, outcome in cases.items():
        read, exposed = outcome.target_messages_read, exposed_if_breached(outcome)
        chance = _share(outcome.assumptions["breach_chance_per_year"])
        who = f"{exposed:,.0f} innocent users are exposed" if exposed is not None else "no run had a breach"
        lines.append(
            f"{_upper(title)} ({scenario(outcome)}): the State reads {amount(read.median, 'target_messages_read')} "
            f"of targets' messages in the middle run (nine runs in ten "
            f"{amount(read.low, 'target_messages_read')}–{amount(read.high, 'target_messages_read')}) [computed]; "
            f"if the key is stolen, {who} [computed]; chance of that: {chance} a year [assumed]."
        )
    return lines


def cases_view(cases: Mapping[str, Outcome]) -> TextHTML:
    """The cases of section 2.1 as a list that wraps, so a reader sees the numbers the text discusses."""
    lines = case_lines(cases)
    items = "".join(f"<li style='margin:0.3em 0'>{esc(line)}</li>" for line in lines)
    return TextHTML(f'<ul class="{NO_MATHS}" style="overflow-wrap:anywhere">{items}</ul>', "\n".join(lines))


def reports_view(outcome: Outcome, apple: Outcome, apple_rate: float) -> TextHTML:
    """Scanning's true and false reports in one scenario, and the false ones at Apple's measured rate."""
    lines = [
        f"{_upper(scenario(outcome))}: listed messages of criminals reported (true reports) "
        f"{amount(outcome.true_reports.median, 'true_reports')} a year; innocent messages reported (false "
        f"reports) {amount(outcome.false_reports.median, 'false_reports')} a year (middle run).",
        f"The same year at Apple's measured rate, {apple_rate * 1e8:g} in 100 million: "
        f"{amount(apple.false_reports.median, 'false_reports')} false reports.",
    ]
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return TextHTML(f'<ul class="{NO_MATHS}" style="overflow-wrap:anywhere">{items}</ul>', "\n".join(lines))


def bullet_list(lines: Sequence[str]) -> TextHTML:
    """Lines of findings as a list that wraps on a phone (shown on the page, where printed output is folded)."""
    items = "".join(f"<li style='margin:0.2em 0'>{esc(line)}</li>" for line in lines)
    return TextHTML(f'<ul class="{NO_MATHS}" style="overflow-wrap:anywhere">{items}</ul>', "\n".join(lines))
