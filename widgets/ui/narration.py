"""One plain sentence about what the last change did to who can read."""

from __future__ import annotations

from ..protocol.mechanisms.escrow import ESCROW_LABEL
from ..protocol.policy import Policy
from .html import esc
from .palette import BORDER, WHITE

ROLES = ("Provider", "State", "Attacker")

# The narration line sticks to the bottom of the screen while the switches above it are in view, so that a
# tick shows its effect at once even on a phone, where the table sits far below the switches. (A box that
# scrolls would trap the sticky line: the host and the output area around it must let it overflow.)
STICKY_STYLE = (
    "<style>.jupyter-widgets.sticky-host, .sticky-host, .jp-OutputArea:has(.sticky-host),"
    " .jp-OutputArea-child:has(.sticky-host), .jp-OutputArea-output:has(.sticky-host) { overflow: visible !important; }"
    f" .sticky-host > .result-line {{ position: sticky; bottom: 0; z-index: 3; background: {WHITE};"
    f" border-top: 2px solid {BORDER}; }}"
    " .result-line p { margin: 2px 0; font-size: 0.92em; line-height: 1.3; }"
    # A switch reached with the keyboard scrolls into view above the line, not under it.
    " .sticky-host .widget-checkbox { scroll-margin-bottom: 7em; }</style>"
)


def make_sticky(host, narration) -> None:
    """Let ``narration`` (a direct child of ``host``) stay on screen while ``host`` is (see STICKY_STYLE)."""
    host.add_class("sticky-host")
    narration.add_class("result-line")


def snapshot(world) -> dict[int, frozenset[str]]:
    """Who reads each message now: take one before a change, to compare after it."""
    return {m.id: world.readers(m) for m in world.messages}


def narration_html(world, changed: str | None = None, before: dict[int, frozenset[str]] | None = None) -> str:
    """ "With “Key escrow” on, the State can now read 3 of 4 messages — and so could anyone who steals the
    escrow key." — or, with no change to describe, who outside the conversations reads now."""
    messages = world.messages
    if not messages:
        return "<p>No messages yet: send one.</p>"
    total = len(messages)
    now = {p: sum(p in world.readers(m) for m in messages) for p in ROLES}
    if changed is None or before is None:
        return f"<p>{esc(_summary(now, total))}</p>"
    was = {p: sum(p in before.get(m.id, ()) for m in messages) for p in ROLES}
    info = Policy.describe(changed)
    state = "on" if getattr(world.policy, changed) else "off"
    gained = [p for p in ROLES if now[p] > was[p]]
    lost = [p for p in ROLES if now[p] < was[p]]
    still = [p for p in ROLES if now[p] and now[p] == was[p]]
    sentence = f"With “{info['label']}” {state}, "
    changes = [f"{_the(p)} can now read {now[p]} of {total} messages" for p in gained]
    changes += [_lost(p, now[p], total) for p in lost]
    if changes:
        sentence += _and(changes)  # one sentence, one full stop: gains and losses together
        if gained and state == "on" and info.get("caveat"):
            sentence += f" — {info['caveat']}"
        elif "Attacker" in lost and (why := _escrow_key_idle(world)):
            sentence += f": {why}"
        sentence += "."
    else:
        sentence += "no one gains or loses the ability to read a message"
        needs = info.get("needs")
        if needs and state == "on" and not getattr(world.policy, needs):
            sentence += f": it needs “{Policy.describe(needs)['label']}”, which is off."  # say why
        else:
            sentence += f" — but {info['unseen']}." if state == "on" and info.get("unseen") else "."
    held = _held(world, before)
    if held:  # a message its recipient never got is a change too, though no outsider's count moves
        sentence = f"{sentence[:-1]}; {held}."
    tail = _and([f"{_the(p)} still reads {now[p]} of {total}" for p in still]) + "." if still else ""
    tail = f" {tail[0].upper()}{tail[1:]}" if tail else ""
    return f"<p><strong>{esc(sentence)}</strong>{esc(tail)}</p>"


# The apps' reasons for not delivering (``Message.status``), in words.
WHY_HELD = {
    "not sent: unverified member": "the sender's app found a member nobody verified in the chat, and did not send",
    "not sent: safety number changed": "the sender's app found a safety number changed, and did not send",
    "rejected": "the recipient's app refused it",
    "tampering detected": "the recipient's app found it tampered with",
}


def _undelivered(world, message, readers) -> bool:
    """A recipient cannot read it: the sender's app held it back, or the recipient's app refused it."""
    return message.status != "delivered" and not set(message.recipients) <= set(readers)


def _held(world, before: dict[int, frozenset[str]]) -> str:
    """How many messages went undelivered because of this change (or were delivered again), and why, in the
    apps' own words ("not sent: unverified member"); "" when no message changed its fate."""
    messages = world.messages
    now = [m for m in messages if _undelivered(world, m, world.readers(m))]
    was = sum(1 for m in messages if m.id in before and not set(m.recipients) <= before[m.id])
    if len(now) > was:
        reasons = sorted({WHY_HELD.get(m.status, m.status) for m in now})
        count = f"{len(now)} of {len(messages)} messages {'was' if len(now) == 1 else 'were'}"
        return f"but {count} never delivered ({_and(reasons)})"
    if len(now) < was:
        back = was - len(now)
        return f"{'1 message' if back == 1 else f'{back} messages'} held back before now reached their recipients"
    return ""


def _escrow_key_idle(world) -> str:
    """Why a stolen escrow key stopped opening anything, if that is why: the Attacker still holds it, but no
    sender's app attached an escrow field to any message (with end-to-end encryption off there is no message
    key to escrow). Read from the Attacker's holdings and each message's journey, not assumed."""
    if not any(key.label.endswith(ESCROW_LABEL) for key in world.holdings("Attacker").keys):
        return ""
    if any(step.stage == "encrypt" and "escrow field" in step.what for m in world.messages for step in m.steps):
        return ""
    return (
        "the Attacker still holds the stolen escrow key, but no message carries an escrow field any more — "
        "escrow locks the end-to-end message key, and without end-to-end encryption there is none to lock"
    )


def _summary(now: dict[str, int], total: int) -> str:
    readers = [f"{_the(p)} can read {n} of {total} messages" for p, n in now.items() if n]
    if not readers:
        return "Beyond the people in each conversation, no one can read a message."
    return "Beyond the people in each conversation, " + _and(readers) + "."


def _lost(party: str, count: int, total: int) -> str:
    if count == 0:
        return f"{_the(party)} can no longer read any message"
    return f"{_the(party)} can now read only {count} of {total} messages"


def _the(party: str) -> str:
    return f"the {party}" if party in ROLES else party


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
