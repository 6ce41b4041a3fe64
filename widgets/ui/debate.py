"""Each side's strongest case, as a box: beside a switch in the chapters, and folded under a switch's
description in the playground. The words and sources come from ``widgets/content/debate.toml``; this module
only lays them out (escaped, readable at 390 px: the two sides stack when the page is narrow).

- ``debate_box(switch)``: the open box a chapter shows where it introduces the switch;
- ``debate_html(switch)``: a collapsed ``<details>`` "The case for / the case against", for the playground's
  switch text ("" for a switch that is not a policy proposal);
- ``sources_list(keys)``: the sources, with date, address and a mark on those read at second hand.
"""

from __future__ import annotations

from ..content.debate import CASES, SOURCES, Side, Source, case
from ..protocol.policy import Policy
from .html import TextHTML, esc
from .palette import BORDER_LIGHT, TEXT_MUTED, TEXT_SOFT, tint

SECONDARY = "secondary: read as others quoted or republished it"
FOR_BACKGROUND = tint("sky blue", 0.85)
AGAINST_BACKGROUND = tint("orange", 0.85)


def _source_html(source: Source) -> str:
    mark = f" <em>[{SECONDARY}]</em>" if source.secondary else ""
    return (
        f'<a href="{esc(source.url)}" target="_blank" rel="noopener">{esc(source.title)}</a>, '
        f"{esc(source.publisher)}, {esc(source.date)}{mark}"
    )


REPLY = "The other side answers"
MODEL = "What the course's model leaves out"


def _source_text(source: Source) -> str:
    mark = f" [{SECONDARY}]" if source.secondary else ""
    return f"{source.title}, {source.publisher}, {source.date}, {source.url}{mark}"


def _side_html(title: str, side: Side, background: str) -> str:
    sources = "; ".join(_source_html(s) for s in side.sources)
    return (
        f'<div style="flex:1 1 260px;background:{background};border:1px solid {BORDER_LIGHT};'
        f'border-radius:4px;padding:6px 8px;margin:3px">'
        f'<p style="margin:0 0 4px"><strong>{esc(title)}</strong></p>'
        f'<p style="margin:0 0 4px">{esc(side.claim)}</p>'
        f'<p style="margin:0 0 4px"><strong>In practice:</strong> {esc(side.example)}</p>'
        + (f'<p style="margin:0 0 4px"><strong>{REPLY}:</strong> {esc(side.reply)}</p>' if side.reply else "")
        + f'<p style="margin:0;font-size:0.9em;color:{TEXT_MUTED}">Sources: {sources}</p></div>'
    )


def _sides_html(switch: str) -> str:
    c = case(switch)
    return (
        '<div style="display:flex;flex-wrap:wrap;margin:0 -3px">'
        + _side_html("The strongest case for", c.for_, FOR_BACKGROUND)
        + _side_html("The strongest case against", c.against, AGAINST_BACKGROUND)
        + "</div>"
        + (f'<p style="margin:4px 0 0"><strong>{MODEL}:</strong> {esc(c.model)}</p>' if c.model else "")
    )


def _label(switch: str) -> str:
    return Policy.describe(switch)["label"]


def debate_html(switch: str) -> str:
    """A collapsed "The case for / the case against" for one switch's description; "" if it is no proposal."""
    if not case(switch).is_proposal:
        return ""
    return (
        f'<details style="margin:3px 0 0;font-size:0.95em;color:{TEXT_SOFT}">'
        f'<summary style="cursor:pointer">The case for / the case against</summary>'
        f"{_sides_html(switch)}</details>"
    )


def debate_text(switch: str) -> str:
    """The same box as plain text (screen readers, nbval and ``print`` see this)."""
    c = case(switch)
    if not c.is_proposal:
        return f"{_label(switch)}: {c.note}"
    lines = [f"Each side at its strongest: {_label(switch)}"]
    for title, side in (("The strongest case for", c.for_), ("The strongest case against", c.against)):
        lines += [f"{title}: {side.claim}", f"  In practice: {side.example}"]
        lines += [f"  {REPLY}: {side.reply}"] if side.reply else []
        lines += [f"  Source: {_source_text(s)}" for s in side.sources]
    lines += [f"{MODEL}: {c.model}"] if c.model else []
    return "\n".join(lines)


def debate_box(switch: str) -> TextHTML:
    """The box a chapter shows where it introduces ``switch``: both sides, each with an incident and sources."""
    c = case(switch)
    if not c.is_proposal:
        return TextHTML(f"<p>{esc(debate_text(switch))}</p>", debate_text(switch))
    markup = (
        f'<section aria-label="Each side at its strongest: {esc(_label(switch))}" '
        f'style="border:1px solid {BORDER_LIGHT};border-radius:6px;padding:6px 8px;margin:6px 0;max-width:60em">'
        f'<p style="margin:0 0 4px"><strong>Each side at its strongest: {esc(_label(switch))}</strong> '
        f'<span style="color:{TEXT_MUTED}">(chapter 09 gives the fuller account)</span></p>'
        f"{_sides_html(switch)}</section>"
    )
    return TextHTML(markup, debate_text(switch))


def proposals() -> tuple[str, ...]:
    """The switches that are policy proposals, in the order of the model's switches."""
    return tuple(name for name in Policy.switches() if name in CASES and CASES[name].is_proposal)


def sources_list(keys: list[str] | None = None) -> TextHTML:
    """The sources (all of them, or ``keys``), one per line, with date, address and the secondary mark."""
    chosen = [SOURCES[k] for k in keys] if keys is not None else list(SOURCES.values())
    items = "".join(f'<li style="margin:2px 0">{_source_html(s)}</li>' for s in chosen)
    markup = f'<ul style="margin:4px 0;padding-left:1.4em">{items}</ul>'
    return TextHTML(markup, "\n".join(f"- {_source_text(s)}" for s in chosen))
