"""A small live widget: a checkbox per policy switch, the who-can-read table, and one line saying what
the last change did. Flipping a switch replays the conversation in the model and redraws from its result.

One function builds it (controls, callbacks, layout), in the manner of the Qiskit textbook's widgets;
tiny helpers set the HTML values.
"""

from __future__ import annotations

import ipywidgets as w

from ..protocol.policy import Policy
from .html import esc
from .narration import STICKY_STYLE, make_sticky, narration_html, snapshot
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
    narration = w.HTML(narration_html(world))

    def sync_prerequisites() -> None:
        """A switch that needs another (stealing the escrow key needs escrow) is off and greyed until it is on,
        as in the playground."""
        for name, box in controls.items():
            needs = Policy.describe(name)["needs"]
            if needs:
                box.disabled = not (controls[needs].value if needs in controls else getattr(world.policy, needs))
                if box.disabled and box.value:
                    state["quiet"] = True
                    box.value = False
                    state["quiet"] = False

    state = {"quiet": False}

    def on_change(change) -> None:
        if state["quiet"]:
            return
        before = snapshot(world)
        sync_prerequisites()
        values = {name: box.value for name, box in controls.items()}
        world.policy = Policy(**{**_as_dict(world.policy), **values})
        table.value = access_table_html(world)
        changed = next(name for name, box in controls.items() if box is change["owner"])
        narration.value = narration_html(world, changed, before)

    for box in controls.values():
        box.observe(on_change, names="value")
    sync_prerequisites()
    helps = [w.HTML(help_html(n)) for n in switches]
    rows = [w.VBox([controls[n], h]) for n, h in zip(switches, helps, strict=True)]
    board = w.VBox([w.HTML(STICKY_STYLE), *rows, narration, table])
    make_sticky(board, narration)
    board.controls = controls  # tests and chapters reach the checkboxes by switch name
    board.table, board.narration = table, narration
    return board


def help_html(name: str) -> str:
    """A switch's plain-language help and what it needs (said, not only shown by greying it out), collapsed
    under it: twelve open descriptions would push the result of a tick a screen away on a phone."""
    info = Policy.describe(name)
    needs = f" Needs “{Policy.describe(info['needs'])['label']}”." if info["needs"] else ""
    return (
        '<details class="switch-help" style="font-size:0.85em;margin:0 0 2px 1.6em;line-height:1.3">'
        f"<summary>What it does</summary>{esc(info['help'] + needs)}</details>"
    )


def _as_dict(policy: Policy) -> dict:
    return {name: getattr(policy, name) for name in Policy.switches()}
