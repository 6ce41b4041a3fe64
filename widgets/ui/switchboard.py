"""A small live widget: a checkbox per policy switch, the who-can-read table, and one line saying what
the last change did. Flipping a switch replays the conversation in the model and redraws from its result.

One function builds it (controls, callbacks, layout), in the manner of the Qiskit textbook's widgets;
tiny helpers set the HTML values.
"""

from __future__ import annotations

import ipywidgets as w

from ..policy import Policy
from .html import esc
from .tables import access_table_html


def switchboard(world, switches: tuple[str, ...] = ("end_to_end",)) -> w.VBox:
    """Checkboxes for ``switches`` that re-run ``world`` under the new policy and redraw the table."""
    controls = {}
    for name in switches:
        info = Policy.describe(name)
        box = w.Checkbox(
            value=getattr(world.policy, name),
            description=info["label"],
            description_allow_html=False,
            tooltip=info["help"],
            indent=False,
            layout=w.Layout(width="auto"),
        )
        controls[name] = box
    table = w.HTML(access_table_html(world))
    narration = w.HTML(_narration_html(world, None, None))

    def on_change(change) -> None:
        before = {m.id: world.readers(m) for m in world.messages}
        values = {name: box.value for name, box in controls.items()}
        world.policy = Policy(**{**_as_dict(world.policy), **values})
        table.value = access_table_html(world)
        narration.value = _narration_html(world, change["owner"], before)

    for box in controls.values():
        box.observe(on_change, names="value")
    helps = [w.HTML(f'<span style="font-size:0.85em">{esc(Policy.describe(n)["help"])}</span>') for n in switches]
    rows = [w.VBox([controls[n], h]) for n, h in zip(switches, helps, strict=True)]
    board = w.VBox([*rows, narration, table])
    board.controls = controls  # tests and chapters reach the checkboxes by switch name
    board.table, board.narration = table, narration
    return board


def _as_dict(policy: Policy) -> dict:
    return {name: getattr(policy, name) for name in Policy.switches()}


def _narration_html(world, changed, before) -> str:
    """One plain sentence about who can read now, and what the last change altered."""
    messages = world.messages
    if not messages:
        return "<p>No messages yet.</p>"
    outsiders = [p for p in world.parties if p not in ("Alice", "Bob")]
    counts = {p: sum(p in world.readers(m) for m in messages) for p in outsiders}
    readers = [f"{_the(p)} ({n} of {len(messages)})" for p, n in counts.items() if n]
    now = "Besides Alice and Bob, " + (_and(readers) if readers else "no one") + " can read these messages."
    if changed is None or before is None:
        return f"<p>{esc(now)}</p>"
    gained = sorted({p for m in messages for p in world.readers(m) - before.get(m.id, frozenset())})
    lost = sorted({p for m in messages for p in before.get(m.id, frozenset()) - world.readers(m)})
    state = "on" if changed.value else "off"
    what = f"With “{changed.description}” {state}: "
    if gained:
        what += _and([_the(p) for p in gained]) + " can now read. "
    if lost:
        what += _and([_the(p) for p in lost]) + " can no longer read. "
    if not gained and not lost:
        what += "no one gains or loses the ability to read. "
    return f"<p><strong>{esc(what)}</strong>{esc(now)}</p>"


def _the(party: str) -> str:
    return f"the {party}" if party in ("Provider", "State", "Attacker") else party


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
