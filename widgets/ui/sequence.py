"""The journey of one message as a sequence diagram: one lane per party, one row per step.

Drawn as SVG text (fast enough to redraw on every click), with a <title>/<desc> and an ordered list of the
same steps in words beside it, for readers who do not see the picture.
"""

from __future__ import annotations

from .html import esc
from .palette import LANE, TAP, TEXT_SOFT, WHITE, WIRE

ROW, TOP, WIDTH = 34, 46, 780
NOTE = TEXT_SOFT  # steps that stay on one device
SVG_STYLE = f"display:block;max-width:{WIDTH}px;font-family:sans-serif"


def lanes_for(message) -> list[str]:
    return [message.sender, "Provider", *message.recipients, "State", "Attacker"]


def sequence_svg(message) -> str:
    """SVG of ``message.steps``; arrows that carry bytes are tapped by the Attacker (dashed line)."""
    lanes = lanes_for(message)
    x = {name: 70 + i * (WIDTH - 140) / (len(lanes) - 1) for i, name in enumerate(lanes)}
    steps = message.steps
    height = TOP + ROW * (len(steps) + 1)
    ids = [f"journey-{message.id}-{part}" for part in ("title", "desc", "arrow")]  # unique on a page
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="journey" role="img" aria-labelledby="{ids[0]} {ids[1]}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" style="{SVG_STYLE}">',
        # Text gets a white outline so that it stays readable where it crosses a lane's line.
        f"<style>svg.journey text {{ paint-order: stroke; stroke: {WHITE}; stroke-width: 3px; }}</style>",
        f'<title id="{ids[0]}">Journey of message {message.id}</title>',
        f'<desc id="{ids[1]}">{esc(describe(message))}</desc>',
        f'<defs><marker id="{ids[2]}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{WIRE}"/></marker></defs>',
    ]
    for name in lanes:
        parts.append(
            f'<text x="{x[name]:.0f}" y="20" text-anchor="middle" font-weight="bold" font-size="14">{esc(name)}</text>'
            f'<line x1="{x[name]:.0f}" y1="28" x2="{x[name]:.0f}" y2="{height - 6}" stroke="{LANE}" stroke-width="2"/>'
        )
    for i, step in enumerate(steps):
        y = TOP + ROW * i
        x0 = x.get(step.actor, x["Provider"])
        if step.to and step.to in x:
            x1 = x[step.to]
            mid = (x0 + x1) / 2
            label = step.what + (f" ({step.size} bytes)" if step.size else "")
            parts.append(
                f'<line x1="{x0:.0f}" y1="{y + 8}" x2="{x1:.0f}" y2="{y + 8}" stroke="{WIRE}" stroke-width="2" '
                f'marker-end="url(#{ids[2]})"/>'
                f'<text x="{mid:.0f}" y="{y + 2}" text-anchor="middle" font-size="11">{esc(label)}</text>'
            )
            if step.size:  # bytes on the wire: the Attacker's tap copies them
                parts.append(
                    f'<line x1="{mid:.0f}" y1="{y + 8}" x2="{x["Attacker"]:.0f}" y2="{y + 8}" stroke="{TAP}" '
                    f'stroke-width="1" stroke-dasharray="4 3"/>'
                )
        else:
            parts.append(f'<text x="{x0 + 6:.0f}" y="{y + 12}" font-size="11" fill="{NOTE}">▸ {esc(step.what)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def describe(message) -> str:
    """The diagram in one paragraph of words."""
    return "; ".join(step_words(s) for s in message.steps) + "."


def step_words(step) -> str:
    words = f"{step.actor} {step.what}"
    if step.to:
        words += f" → {step.to}"
    if step.size:
        words += f" ({step.size} bytes, copied by the Attacker's tap on the wire)"
    return words


def journey_html(message) -> str:
    """The diagram and, beneath it, the same steps as an ordered list."""
    if message is None:
        return "<p>Send a message to see its journey.</p>"
    steps = "".join(f"<li>{esc(step_words(s))}</li>" for s in message.steps)
    return (
        f"{NARROW_STYLE}<div><strong>The journey of message #{message.id}</strong> ({esc(message.status)})"
        f'<div class="journey-wide">{sequence_svg(message)}<details><summary>The same journey in words</summary>'
        f'<ol>{steps}</ol></details></div><ol class="journey-narrow" style="display:none">{steps}</ol></div>'
    )


# On a phone the diagram's text would be a few pixels high: the steps show as a list of words instead.
NARROW_STYLE = (
    "<style>@media (max-width: 640px) { .journey-wide { display: none; } "
    ".journey-narrow { display: block !important; padding-left: 1.4em; } }</style>"
)
