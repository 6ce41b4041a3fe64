"""The timeline figure: one row per event of ``widgets.content.timeline``, placed by date on a labelled year axis.

Each kind of actor has an Okabe–Ito colour *and* its own marker, named in the legend, and every row carries
its date and title as text, so nothing depends on colour alone. ``timeline_alt`` lists every event in words
for readers who cannot see the picture; ``timeline_plot`` returns the figure with that alt text.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from ..content.timeline import FIRST_YEAR, KINDS, LAST_YEAR, Event, events
from .figures import show_figure
from .palette import BORDER_LIGHT, GRID, OKABE_ITO

# Colour and marker per kind: two cues, and the legend says which is which in words.
STYLE = {
    "research": (OKABE_ITO["bluish green"], "o"),
    "government": (OKABE_ITO["vermillion"], "s"),
    "law": (OKABE_ITO["blue"], "D"),
    "company": (OKABE_ITO["orange"], "^"),
}


def _year_fraction(event: Event) -> float:
    start = event.day.replace(month=1, day=1)
    length = (start.replace(year=start.year + 1) - start).days
    return event.day.year + (event.day - start).days / length


def timeline_figure(entries: tuple[Event, ...] | None = None) -> Figure:
    """A dot chart: year on the x axis, one labelled row per event, oldest at the top."""
    entries = events() if entries is None else tuple(sorted(entries, key=lambda e: e.day))
    if not entries:
        raise ValueError("the timeline needs at least one event")
    fig = Figure(figsize=(12.0, 0.34 * len(entries) + 1.6), layout="constrained")
    ax = fig.subplots()
    rows = range(len(entries))
    for kind, (colour, marker) in STYLE.items():
        mine = [(row, e) for row, e in zip(rows, entries, strict=True) if e.kind == kind]
        if not mine:
            continue
        ax.scatter(
            [_year_fraction(e) for _, e in mine],
            [row for row, _ in mine],
            color=colour,
            marker=marker,
            s=60,
            edgecolors=OKABE_ITO["black"],
            linewidths=0.6,
            zorder=3,
            label=KINDS[kind],
        )
    for row, e in zip(rows, entries, strict=True):
        # A faint guide from the axis to the dot, so each label finds its point.
        ax.plot([FIRST_YEAR - 1, _year_fraction(e)], [row, row], color=BORDER_LIGHT, linewidth=0.6, zorder=1)
    ax.set_yticks(list(rows), [("* " if e.secondary else "") + e.label for e in entries], fontsize=8.5)
    ax.invert_yaxis()  # oldest at the top, read downwards like the list in the notebook
    ax.set_xlim(FIRST_YEAR - 1, LAST_YEAR + 1.5)
    ax.set_xticks(sorted({*range(FIRST_YEAR, LAST_YEAR + 1, 5), LAST_YEAR}))
    ax.set_xlabel("year")
    ax.set_ylabel("event (date: what happened)")
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_title(f"The crypto wars, {FIRST_YEAR}–{LAST_YEAR}: {len(entries)} events", fontsize=11)
    ax.legend(loc="lower left", fontsize=8.5, title="who acted (colour and marker)", title_fontsize=8.5)
    if any(e.secondary for e in entries):
        fig.text(0.01, 0.0, "* seen only in secondary reports", fontsize=8, ha="left")
    return fig


def timeline_alt(entries: tuple[Event, ...] | None = None) -> str:
    """Alt text that names every event, in date order, with who acted."""
    entries = events() if entries is None else tuple(sorted(entries, key=lambda e: e.day))
    listed = "; ".join(f"{e.label} ({KINDS[e.kind]}{', secondary source' if e.secondary else ''})" for e in entries)
    return (
        f"Timeline chart of {len(entries)} events from {entries[0].day.year} to {entries[-1].day.year}, year on "
        f"the horizontal axis, one row per event, oldest first: {listed}."
    )


def timeline_plot(entries: tuple[Event, ...] | None = None):
    """The figure with its alt text and a caption (return it last in a cell)."""
    entries = events() if entries is None else entries
    caption = (
        "The crypto wars as a timeline: each dot is one event, its colour and shape say who acted (see the "
        "legend); rows marked * rest on secondary sources. The gap between 1994 and 2014 is real: this timeline "
        "lists only the events the course's chapters build on."
    )
    return show_figure(timeline_figure(entries), alt=timeline_alt(entries), caption=caption)
