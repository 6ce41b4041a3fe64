"""One plain sentence about what the last change did to who can read."""

from __future__ import annotations

from ..policy import Policy
from .html import esc

ROLES = ("Provider", "State", "Attacker")


def snapshot(world) -> dict[int, frozenset[str]]:
    """Who reads each message now: take one before a change, to compare after it."""
    return {m.id: world.readers(m) for m in world.messages}


def narration_html(world, changed: str | None = None, before: dict[int, frozenset[str]] | None = None) -> str:
    """ "With escrow on, the State can now read 3 of 3 messages …" — or, with no change, who reads now."""
    messages = world.messages
    if not messages:
        return "<p>No messages yet: send one.</p>"
    total = len(messages)
    counts = {p: sum(p in world.readers(m) for m in messages) for p in ROLES}
    outsiders = [f"{the(p)} can read {n} of {total}" for p, n in counts.items() if n]
    now = "Beyond the people in each conversation, " + (and_(outsiders) if outsiders else "no one can read a message")
    now += "." if not outsiders else " messages."
    if changed is None or before is None:
        return f"<p>{esc(now)}</p>"
    info = Policy.describe(changed)
    state = "on" if getattr(world.policy, changed) else "off"
    gained = [p for p in ROLES if counts[p] > sum(p in before.get(m.id, ()) for m in messages)]
    lost = [p for p in ROLES if counts[p] < sum(p in before.get(m.id, ()) for m in messages)]
    parts = [f"With “{info['label']}” {state},"]
    if gained:
        parts.append(and_([the(p) for p in gained]) + " can now read.")
    if lost:
        parts.append(and_([the(p) for p in lost]) + " can no longer read what it could.")
    if not gained and not lost:
        parts.append("no one gains or loses the ability to read a message.")
    return f"<p><strong>{esc(' '.join(parts))}</strong> {esc(now)}</p>"


def the(party: str) -> str:
    return f"the {party}" if party in ROLES else party


def and_(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
