"""Two phones' safety numbers side by side: twelve groups of five digits each, and a verdict in words.

The numbers come from the model (``widgets.labs.safety_numbers.phone_pair``, which uses Signal's construction
in ``widgets.protocol.safety_numbers``); there is no cryptography here. Groups that differ between the two screens are
marked with a border and a "≠" as well as a colour, and the verdict says in words whether the numbers match.
``safety_number_view`` adds the policy checkboxes of the switchboard and redraws the phones from the model
whenever a switch flips. Everything shown is escaped.
"""

from __future__ import annotations

import ipywidgets as w
from IPython.display import HTML

from ..labs.safety_numbers import PhonePair, phone_pair, slots_on_wire
from ..protocol.policy import Policy
from .html import TextHTML, esc
from .palette import BORDER_DARK, DIFFERS, DIFFERS_BORDER, MATCH, NO_MATCH
from .switchboard import switchboard
from .words import counted

PER_ROW = 4  # Signal shows the twelve groups in three rows of four
DIFFERENT = DIFFERS  # a light orange behind a differing group; the "≠" and the dashed border say it too


def verdict_lines(pair: PhonePair) -> list[str]:
    """The comparison in plain sentences: do the screens match, and does each still show the checked number?"""
    a, b = pair.a, pair.b
    if pair.match and not pair.changed("a"):
        lines = [
            f"MATCH: both phones show the same 60 digits, and they are the number {a} and {b} checked in "
            f"person. Each app holds the other person's real key."
        ]
    elif pair.match:
        lines = [f"MATCH, but not the number {a} and {b} checked in person: both keys have changed since then."]
    else:
        differ = pair.differing_groups()
        which = "all 12 groups differ" if len(differ) == 12 else f"{len(differ)} of 12 groups differ"
        if len(differ) < 12:
            which += f" (group{'s' if len(differ) > 1 else ''} {', '.join(map(str, differ))})"
        lines = [f"NO MATCH: {which}. At least one app was given a key that is not the other person's real key."]
    if not pair.match or pair.changed("a"):
        for side, name in (("a", a), ("b", b)):
            state = "has changed since they checked it" if pair.changed(side) else "is still the one they checked"
            lines.append(f"The number on {name}'s phone {state}.")
    lines.append(
        f"A safety number covers {a}'s and {b}'s keys only: it does not show who else a message is locked for."
    )
    return lines


def chat_facts(world, a: str, b: str) -> list[str]:
    """What the model says about the conversation between ``a`` and ``b`` that the numbers cannot show."""
    between = [m for m in world.messages if {m.sender, m.recipient} == {a, b}]
    if not between:
        return [f"{a} and {b} have not written to each other yet."]
    last = between[-1]
    slots = slots_on_wire(world, last)
    label = f"Message #{last.id} ({last.sender} → {last.recipient})"
    if slots is None:
        facts = [f"{label} was {last.status}." if last.status.startswith("not sent") else f"{label}: {last.status}."]
    elif slots == 0:
        facts = [f"{label} was not locked end-to-end: it carries no key slots."]
    elif slots == 1:
        facts = [f"{label} left {last.sender}'s phone locked for 1 key (a key slot does not say whose key it is)."]
    else:
        facts = [
            f"{label} left {last.sender}'s phone locked for {slots} keys, though only {last.recipient} should read "
            f"it: {slots - 1} more than needed."
        ]
    stopped = [m for m in between if m.status.startswith("not sent")]
    if stopped:
        # Which messages the checks held back, each with whom it never reached: a stopped message is lost to its
        # recipient without a word on their phone, even while the numbers still match.
        listed = "; ".join(
            f"#{m.id} ({m.sender} → {', '.join(m.recipients)}): {m.status.removeprefix('not sent: ')}" for m in stopped
        )
        never = sorted({r for m in stopped for r in m.recipients})
        verb, what = "never learn" + ("s" if len(never) == 1 else ""), "it was" if len(stopped) == 1 else "they were"
        facts.append(
            f"Not sent, so never received: {len(stopped)} of the {counted(len(between), 'message')} "
            f"between {a} and {b} — "
            f"{listed}. Each sender's phone warned; {' and '.join(never)} {verb} that {what} written."
        )
    hidden = [n for m in between for n in m.hidden]
    if hidden:
        texts = sorted({n.text for n in hidden})
        facts.append(
            f"The Provider hid {counted(len(hidden), 'notice')} from these phones: "
            + "; ".join(f"“{t}”" for t in texts)
            + "."
        )
    else:
        facts.append("No notice was hidden from these phones.")
    return facts


def phones_html(pair: PhonePair, facts: list[str] = ()) -> str:
    """The two screens side by side, the verdict below them, and any ``facts`` as a list."""
    differ = set(pair.differing_groups())
    screens = "".join(_screen_html(pair, side, differ) for side in ("a", "b"))
    first, *rest = verdict_lines(pair)
    mark = "✓" if pair.match else "✗"
    verdict = f"<p style='margin:2px 0'><strong>{mark} {esc(first)}</strong></p>" + "".join(
        f"<p style='margin:2px 0'>{esc(line)}</p>" for line in rest
    )
    border = MATCH if pair.match else NO_MATCH  # the verdict says it in words, with ✓ or ✗
    more = "".join(f"<li>{esc(fact)}</li>" for fact in facts)
    return (
        f'<div class="safety-numbers" role="group" aria-label="{esc(pair.a)} and {esc(pair.b)}: safety numbers">'
        f'<div style="display:flex;flex-flow:row wrap;gap:12px">{screens}</div>'
        f'<div class="verdict" role="status" style="border-left:4px solid {border};padding:2px 8px;margin:6px 0">'
        f"{verdict}</div>"
        f"{_list(more)}</div>"
    )


def phones_text(pair: PhonePair, facts: list[str] = ()) -> str:
    """The same as ``phones_html``, in plain text."""
    lines = []
    for side, me, other in (("a", pair.a, pair.b), ("b", pair.b, pair.a)):
        groups = pair.groups(side)
        rows = [" ".join(groups[i : i + PER_ROW]) for i in range(0, len(groups), PER_ROW)]
        lines.append(f"{me}'s phone, safety number with {other}: " + " / ".join(rows))
    return "\n".join(lines + verdict_lines(pair) + list(facts))


def safety_numbers(pair: PhonePair, facts: list[str] = ()) -> HTML:
    """The two screens, displayable in a notebook; its plain-text form says the same."""
    return TextHTML(phones_html(pair, facts), phones_text(pair, facts))


def safety_number_view(
    world, a: str = "Alice", b: str = "Bob", switches: tuple[str, ...] = ("interception", "ghost", "verify_keys")
) -> w.VBox:
    """Policy checkboxes, the who-can-read table, and ``a``'s and ``b``'s safety numbers, redrawn on every change."""
    try:
        board = switchboard(world, switches)
    except ValueError as error:  # a switch the policy does not have
        return w.VBox([w.HTML(f"<p><strong>Cannot build the view:</strong> {esc(error)}</p>")])
    phones = w.HTML()

    def redraw(_=None) -> None:
        # Set the policy from the boxes here too, so the phones never show a stale world whichever
        # observer runs first; an unchanged policy is not replayed.
        wanted = Policy(**{**_as_dict(world.policy), **{n: box.value for n, box in board.controls.items()}})
        if wanted != world.policy:
            world.policy = wanted
        try:
            pair = phone_pair(world, a, b)
        except ValueError as error:
            phones.value = f"<p><strong>No safety numbers to show:</strong> {esc(error)}</p>"
            return
        phones.value = phones_html(pair, chat_facts(world, a, b))

    for box in board.controls.values():
        box.observe(redraw, names="value")
    redraw()
    heading = w.HTML(
        f"<p style='margin:6px 0 2px'><strong>Safety numbers on {esc(a)}'s and {esc(b)}'s phones</strong></p>"
    )
    view = w.VBox([board, heading, phones])
    view.controls, view.phones, view.board = board.controls, phones, board
    return view


def _screen_html(pair: PhonePair, side: str, differ: set[int]) -> str:
    me, other = (pair.a, pair.b) if side == "a" else (pair.b, pair.a)
    cells = []
    for number, group in enumerate(pair.groups(side), start=1):
        if number in differ:
            style = f"background:{DIFFERENT};border:2px dashed {DIFFERS_BORDER}"
            label = f"group {number}: {group}, differs from {other}'s phone"
            shown = f"{esc(group)}<span aria-hidden='true'> ≠</span>"
        else:
            style = "border:2px solid transparent"
            label = f"group {number}: {group}"
            shown = esc(group)
        cells.append(
            f'<span class="group" title="{esc(label)}" aria-label="{esc(label)}" '
            f'style="{style};padding:1px 3px;font-family:monospace;font-size:1.05em">{shown}</span>'
        )
    grid = (
        f'<div style="display:grid;grid-template-columns:repeat({PER_ROW}, auto);gap:4px 8px;justify-content:start">'
        f"{''.join(cells)}</div>"
    )
    return (
        f'<div class="phone" role="group" aria-label="{esc(me)}\'s phone" style="border:2px solid {BORDER_DARK};'
        f'border-radius:14px;padding:6px 10px;min-width:240px">'
        f'<div style="font-weight:bold">{esc(me)}\'s phone</div>'
        f'<div style="font-size:0.85em;margin-bottom:4px">Safety number with {esc(other)}</div>{grid}</div>'
    )


def _list(items: str) -> str:
    if not items:
        return ""
    return f'<p style="margin:4px 0 0">What the numbers cannot show:</p><ul style="margin:2px 0">{items}</ul>'


def _as_dict(policy: Policy) -> dict:
    return {name: getattr(policy, name) for name in Policy.switches()}
