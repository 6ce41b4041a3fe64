"""Chapter 06's views: the town's contact network, one person's timeline, a contact-chain table, and an
explorer that shows anyone's chain and what it reveals.

Every number comes from ``widgets.society.metadata`` reading the Provider's log; nothing here decrypts.
Figures are ``matplotlib.figure.Figure`` objects shown with alt text (``show_figure``); the target is marked
by colour *and* shape *and* a label; tables say everything in words, escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

import ipywidgets as w
import networkx as nx
from IPython.display import HTML
from matplotlib.figure import Figure

from ..society.metadata import ChainLink, contact_chain, contact_graph, day_profile, hour_profile, what_it_reveals
from ..society.town import LogRow
from .figures import show_figure
from .html import TextHTML, esc
from .palette import BORDER_LIGHT, GRID, INK, LANE, OKABE_ITO, TEXT_SOFT, WHITE, tint

# (words, colour, marker) for each ring around the target: colour is never the only cue.
RINGS = {
    0: ("target", OKABE_ITO["vermillion"], "*"),
    1: ("one hop: direct contact", OKABE_ITO["orange"], "s"),
    2: ("two hops: a contact's contact", OKABE_ITO["sky blue"], "^"),
    None: ("further away or unconnected", LANE, "o"),
}
NIGHT_SHADE = tint("blue", 0.85)  # behind the night hours, which the legend also names


def _ring(chain: Sequence[ChainLink], target: str) -> dict[str, int]:
    rings = {link.name: link.hop for link in chain}
    rings[target] = 0
    return rings


def _layout(graph: nx.Graph, seed: int) -> dict:
    """A seeded spring layout of everyone with a line; people without one in a row underneath (a spring
    layout would fling them to the corners)."""
    linked = graph.subgraph([n for n in graph.nodes if graph.degree(n) > 0])
    k = 1.6 / math.sqrt(max(1, linked.number_of_nodes()))
    layout = nx.spring_layout(linked, seed=seed, k=k, iterations=80) if linked.number_of_nodes() else {}
    alone = sorted(n for n in graph.nodes if n not in layout)
    bottom = min((y for _, y in layout.values()), default=0.0) - 0.35
    for i, name in enumerate(alone):
        layout[name] = (-1.0 + 2.0 * (i + 0.5) / len(alone), bottom)
    return layout


def network_figure(
    source: Sequence[LogRow] | nx.Graph, target: str, hops: int = 2, seed: int = 6, title: str | None = None
) -> Figure:
    """The contact graph (from a log, or a graph such as ``links_graph``), the target and its chain marked."""
    graph = source if isinstance(source, nx.Graph) else contact_graph(source)
    chain = contact_chain(graph, target, hops)
    rings = _ring(chain, target)
    layout = _layout(graph, seed)
    fig = Figure(figsize=(10.0, 8.0), layout="constrained")
    ax = fig.subplots()
    edges = list(graph.edges(data="messages", default=1))
    near = {n for n, ring in rings.items() if ring in (0, 1)}
    ax_edges = [(a, b) for a, b, _ in edges]
    widths = [0.4 + 0.7 * math.log1p(m) for _, _, m in edges]
    colours = [TEXT_SOFT if (a in near and b in near) or target in (a, b) else BORDER_LIGHT for a, b, _ in edges]
    nx.draw_networkx_edges(graph, layout, edgelist=ax_edges, width=widths, edge_color=colours, ax=ax)
    for ring in (None, 2, 1, 0):  # the target last, on top
        words, colour, marker = RINGS[ring]
        nodes = [n for n in graph.nodes if rings.get(n) == ring]
        if not nodes:
            continue
        nx.draw_networkx_nodes(
            graph,
            layout,
            nodelist=nodes,
            node_color=colour,
            node_shape=marker,
            node_size=900 if ring == 0 else 320,
            edgecolors=INK,
            linewidths=0.8,
            ax=ax,
            label=f"{words} ({len(nodes)})",
        )
    labels = {n: (f"TARGET: {n}" if n == target else n) for n in graph.nodes}
    nx.draw_networkx_labels(
        graph,
        {n: (x, y + 0.045) for n, (x, y) in layout.items()},
        labels=labels,
        font_size=8,
        font_weight="normal",
        bbox={"facecolor": WHITE, "edgecolor": "none", "pad": 0.5, "alpha": 0.8},
        ax=ax,
    )
    # below the drawing, not on it: a legend inside the axes covered the names near its corner
    fig.legend(loc="outside lower center", ncols=4, fontsize=9, markerscale=0.7, title="ring around the target")
    ax.set_title(title or f"Who talks to whom: contact chain of {target}, {hops} hop{'s' if hops > 1 else ''}")
    ax.set_axis_off()
    return fig


def network_alt(
    source: Sequence[LogRow] | nx.Graph, target: str, hops: int = 2, lines: str = "pairs who exchanged messages"
) -> str:
    """The network in words: its size, what a line means (``lines``), and the target's chain ring by ring."""
    graph = source if isinstance(source, nx.Graph) else contact_graph(source)
    chain = contact_chain(graph, target, hops)
    first = [c.name for c in chain if c.hop == 1]
    text = (
        f"Network of {graph.number_of_nodes()} people and services, with a line between {graph.number_of_edges()} "
        f"{lines}. The target, {target}, is a large star labelled TARGET. "
    )
    text += f"{len(first)} direct contacts (squares): {', '.join(first) or 'none'}. "
    if hops == 2:
        second = [c.name for c in chain if c.hop == 2]
        text += f"{len(second)} more at two hops (triangles). "
    rest = graph.number_of_nodes() - 1 - len(chain)
    alone = sum(1 for n in graph.nodes if graph.degree(n) == 0)
    text += f"{rest} others (grey circles)"
    return text + (f", {alone} of them with no line, in a row at the bottom." if alone else ".")


def network_picture(
    source: Sequence[LogRow] | nx.Graph,
    target: str,
    hops: int = 2,
    caption: str | None = None,
    seed: int = 6,
    lines: str = "pairs who exchanged messages",
    title: str | None = None,
) -> HTML:
    """The network figure with alt text and a caption; ``lines`` says what a line between two people means."""
    alt = network_alt(source, target, hops, lines)
    fig = network_figure(source, target, hops, seed, title)
    # Shrunk to a phone's width rather than scrolled: the shape of the chain is the point, and the names are
    # all in the words beneath it.
    return show_figure(fig, alt, caption or alt, fits=True)


def timeline_figure(log: Sequence[LogRow], person: str, start: datetime, days: int) -> Figure:
    """Two panels, one above the other: ``person``'s messages by hour of the day (night hours shaded), and by day
    of the month. Stacked, not side by side, so that the figure fits a phone's width (390 px) shrunk a little."""
    hours = hour_profile(log, person)
    per_day = day_profile(log, person, start, days)
    fig = Figure(figsize=(5.6, 6.4), layout="constrained")
    by_hour, by_day = fig.subplots(2, 1)
    by_hour.axvspan(-0.5, 5.5, color=NIGHT_SHADE, zorder=0, label="night, 22:00–06:00")
    by_hour.axvspan(21.5, 23.5, color=NIGHT_SHADE, zorder=0)
    by_hour.bar(range(24), hours, color=OKABE_ITO["blue"], edgecolor=INK, linewidth=0.6, zorder=2)
    by_hour.set_xticks(range(0, 24, 3), [f"{h:02d}:00" for h in range(0, 24, 3)])
    by_hour.set_xlim(-0.5, 23.5)
    by_hour.set_xlabel("hour of the day")
    by_hour.set_ylabel("messages sent or received")
    by_hour.set_title(f"{person}: messages by hour, whole month")
    by_hour.legend(loc="upper left", fontsize=8)
    weekend = [(start + timedelta(days=d)).weekday() >= 5 for d in range(days)]
    by_day.bar(
        range(1, days + 1),
        per_day,
        color=[OKABE_ITO["orange"] if we else OKABE_ITO["blue"] for we in weekend],
        hatch=None,
        edgecolor=INK,
        linewidth=0.6,
    )
    for d, we in enumerate(weekend, start=1):
        if we:
            by_day.text(d, 0, "w", ha="center", va="bottom", fontsize=7)
    by_day.set_xlabel(f"day of the month from {start:%a %d %b %Y}\n(orange with a w: weekend)")
    by_day.set_ylabel("messages")
    by_day.set_title(f"{person}: messages per day")
    for ax in (by_hour, by_day):
        ax.grid(True, axis="y", color=GRID, linewidth=0.6, zorder=0)
    return fig


def timeline_alt(log: Sequence[LogRow], person: str, start: datetime, days: int) -> str:
    hours = hour_profile(log, person)
    per_day = day_profile(log, person, start, days)
    total = sum(hours)
    night = sum(hours[h] for h in (*range(22, 24), *range(0, 6)))
    busiest = max(range(24), key=lambda h: (hours[h], -h))
    quiet = sum(1 for n in per_day if n == 0)
    return (
        f"Two bar charts of {person}'s {total} messages over {days} days. By hour: busiest {busiest:02d}:00–"
        f"{busiest:02d}:59 with {hours[busiest]}; {night} at night (22:00–06:00). By day: between "
        f"{min(per_day)} and {max(per_day)} a day; {quiet} day{'' if quiet == 1 else 's'} without any."
    )


def timeline_plot(log: Sequence[LogRow], person: str, start: datetime, days: int, caption: str | None = None) -> HTML:
    alt = timeline_alt(log, person, start, days)
    return show_figure(timeline_figure(log, person, start, days), alt, caption or alt, fits=True)


def chain_table_html(chain: Sequence[ChainLink], target: str, hops: int) -> str:
    """An HTML table of the chain: ring, name, through whom, messages — escaped."""
    rows = []
    for link in chain:
        words = RINGS[link.hop][0]
        through = "direct" if link.hop == 1 else ", ".join(link.via)
        rows.append(
            f"<tr><td>{esc(words)}</td><th scope='row' style='text-align:left'>{esc(link.name)}</th>"
            f"<td>{esc(through)}</td><td style='text-align:right'>{link.messages}</td></tr>"
        )
    if not rows:
        rows.append(f"<tr><td colspan='4'>No contacts of {esc(target)} can be told from this log.</td></tr>")
    return (
        '<table class="contact-chain" style="border-collapse:collapse;font-size:0.9em">'
        f"<caption style='text-align:left'>Contact chain of {esc(target)}, {hops} hop{'s' if hops > 1 else ''}: "
        f"{len(chain)} people and services</caption>"
        '<thead><tr><th scope="col">ring</th><th scope="col">who</th><th scope="col">through</th>'
        f'<th scope="col">messages</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def chain_table_text(chain: Sequence[ChainLink], target: str, hops: int) -> str:
    lines = [f"Contact chain of {target}, {hops} hop{'s' if hops > 1 else ''}: {len(chain)} people and services"]
    for link in chain:
        through = "direct" if link.hop == 1 else "via " + ", ".join(link.via)
        lines.append(f"  hop {link.hop}  {link.name:<10} {through:<24} {link.messages:>3} messages")
    return "\n".join(lines)


def chain_table(source: Sequence[LogRow] | nx.Graph, target: str, hops: int = 1) -> HTML:
    """The contact chain as a table, displayable; its plain-text form lists the same rows."""
    chain = contact_chain(source, target, hops)
    return TextHTML(chain_table_html(chain, target, hops), chain_table_text(chain, target, hops))


def reveals_html(sentences: Sequence[str]) -> str:
    items = "".join(f"<li>{esc(s)}</li>" for s in sentences)
    heading = "<p style='margin:6px 0 2px'><strong>What the log alone says:</strong></p>"
    return f"{heading}<ul style='margin:2px 0'>{items}</ul>"


def _show_chain(table: w.HTML, words: w.HTML, log, target: str, hops: int, services: Sequence[str]) -> None:
    table.value = chain_table_html(contact_chain(log, target, hops), target, hops)
    words.value = reveals_html(what_it_reveals(log, target, services))


def chain_explorer(log: Sequence[LogRow], services: Sequence[str], target: str = "Alice") -> w.VBox:
    """Pick anyone in the log and one or two hops: their contact chain, and what the log reveals, in words."""
    names = sorted({r.sender for r in log if r.sender is not None} | {n for r in log for n in r.recipients})
    if not names:
        return w.VBox([w.HTML("<p>The log is empty: there is nobody to look at.</p>")])
    person = w.Dropdown(options=names, value=target if target in names else names[0], description="Person")
    hops = w.ToggleButtons(options=[("one hop", 1), ("two hops", 2)], value=1, description="Chain")
    table, words = w.HTML(), w.HTML()

    def redraw(_=None) -> None:
        _show_chain(table, words, log, person.value, hops.value, services)

    person.observe(redraw, names="value")
    hops.observe(redraw, names="value")
    redraw()
    view = w.VBox([w.HBox([person, hops]), words, table])
    view.person, view.hops, view.table, view.words = person, hops, table, words
    return view
