"""A user's phone: the conversation as chat bubbles, with the warnings the app would show."""

from __future__ import annotations

from .html import esc
from .palette import BORDER, BORDER_DARK, MINE, TEXT_SOFT, THEIRS, WARNING_BACKGROUND, WARNING_BORDER

LONG = 280  # characters shown before a bubble folds the rest behind "show all"


def bubble_text_html(text: str) -> str:
    """The message escaped; a long one shortened with a way to see all of it."""
    if len(text) <= LONG:
        return esc(text)
    return (
        f"{esc(text[:LONG])}… <details><summary>show all {len(text):,} characters</summary>"
        f"<div style='white-space:pre-wrap'>{esc(text)}</div></details>"
    )


def phone_html(world, user: str) -> str:
    """``user``'s screen: messages sent and received (rejected ones as warnings), newest last."""
    items = []
    for m in world.messages:
        if user != m.sender and user not in m.recipients:
            continue
        mine = m.sender == user
        if not mine and m.status != "delivered":
            if m.status in ("tampering detected", "rejected"):
                items.append(_warning(f"A message from {m.sender} was rejected: {m.status}."))
            continue  # a message that was never sent leaves no trace on the recipient's phone
        align, colour = ("flex-end", MINE) if mine else ("flex-start", THEIRS)
        who = f"to {m.recipient}" if mine else f"from {m.sender}"
        if not mine and len(m.recipients) > 1:
            who += f" · group with {', '.join(r for r in m.recipients if r != user)}"
        if mine and m.status.startswith("not sent"):
            who += " · not sent"
        items.append(
            f'<div style="align-self:{align};background:{colour};border:1px solid {BORDER};border-radius:10px;'
            f'padding:4px 8px;margin:3px 0;max-width:85%;white-space:pre-wrap;overflow-wrap:anywhere">'
            f'<div style="font-size:0.75em;color:{TEXT_SOFT}">{esc(who)} · {m.time:%H:%M}</div>'
            f"{bubble_text_html(m.text)}</div>"
        )
        items += [_warning(n.text) for n in m.warnings if n.party == user and "tampering" not in n.text]
    body = "".join(items) or f'<div style="color:{TEXT_SOFT}">No messages yet.</div>'
    return (
        f'<div role="region" aria-label="{esc(user)}\'s phone" style="border:2px solid {BORDER_DARK};'
        f'border-radius:14px;padding:6px;min-width:220px;max-height:340px;overflow-y:auto;display:flex;flex-direction:column">'
        f'<div style="font-weight:bold;text-align:center">{esc(user)}\'s phone</div>{body}</div>'
    )


def _warning(text: str) -> str:
    return (
        f'<div role="alert" style="background:{WARNING_BACKGROUND};border:1px solid {WARNING_BORDER};border-radius:6px;'
        "padding:3px 6px;"
        f'margin:3px 0">⚠️ {esc(text)}</div>'
    )
