"""The ghost participant (``ghost``): the 2018 GCHQ proposal to add "an extra 'end'" to a conversation.

When Alice's app asks the Provider who is in a conversation (after *key look-up*), the Provider, under
order, adds the State as a silent member with a "ghost" key and suppresses the notice that someone joined.
The app then locks the message key for the ghost too — a real extra slot — and the State opens its
warrant copy with the ghost key. An app that lists the members and checks their keys (``verify_keys``)
finds a member nobody verified.
"""

from __future__ import annotations

from ..holdings import STATE, Record
from ..journey import WARRANT_TARGET, Notice

GHOST = "State (ghost)"


class Ghost:
    switch = "ghost"

    def on_start(self, run) -> None:
        run.ghost_public = run.make_own_key(STATE, "x25519", "ghost", publish=False).public

    def after_key_lookup(self, j) -> None:
        run = j.run
        if not run.policy.end_to_end or not j.involves(WARRANT_TARGET):
            return
        j.addressees.append((GHOST, run.ghost_public))
        j.hidden_notices.append(Notice(j.sender, f"{GHOST} joined the chat"))  # suppressed by the Provider
        j.step("key_lookup", "Provider", "lists the chat's members: adds a silent extra member", j.sender)

    def after_relay(self, j) -> None:
        """The ghost is a member: if the warrant's hand-over did not bring the State this message (sealed
        sender hides that Alice sent it), the Provider delivers it to the silent member like to any other."""
        if j.handed_over or GHOST not in (name for name, _ in j.addressees):
            return
        j.run.give(STATE, Record(j.id, "delivered", "delivered to the chat's silent member", blob=j.payload))
        j.step("relay", "Provider", "delivers a copy to the silent member", STATE, len(j.payload))
