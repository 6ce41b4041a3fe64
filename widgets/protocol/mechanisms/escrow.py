"""Key escrow (``escrow``) and its breach (``escrow_breach``).

Escrow hooks into two stages. After *encrypt*, the sender's app attaches a law-enforcement access field
(``widgets.protocol.leaf``: the message key sealed to the escrow agent's key, with a 16-bit check) beside the
end-to-end message. At *deliver*, before showing the message, the recipient's app verifies the field's
check with the key it recovered and refuses a message without a valid one — the enforcement Clipper
relied on. The escrow agent is the State: it holds the escrow
private key, and opens the field in any copy of the message it obtains (here, the warrant's hand-overs).
A breach hands the same key to the Attacker, who has every message's field from the wire.

With end-to-end encryption off there is no message key to escrow: the Provider already reads everything.
"""

from __future__ import annotations

from dataclasses import replace

from .. import crypto
from ..holdings import ATTACKER, PROVIDER, STATE, Metadata, Record
from ..journey import WARRANT_TARGET, hand_over
from ..leaf import UNIT_ID_BYTES, check_leaf, make_leaf, unit_id

ESCROW_LABEL = "State's escrow key (private)"


class Escrow:
    switch = "escrow"

    def on_start(self, run) -> None:
        escrow = run.make_own_key(STATE, "x25519", "escrow", publish=False)
        run.escrow_public = escrow.public
        run.escrow_family_key = run.random.key("escrow/family")  # inside every compliant app, unreadable
        run.acceptance_checks.append(self.check_field)

    def after_encrypt(self, j) -> None:
        if j.message_key is None:
            return
        leaf = escrow_field(j, j.message_key, "leaf")
        j.payload = crypto.with_field(j.payload, "leaf", leaf)
        j.step(
            "encrypt", j.sender, f"attaches the escrow field: the message key locked for the State ({len(leaf)} bytes)"
        )

    def after_relay(self, j) -> None:
        """Under sealed sender the label names no sender, but the field's unit id, in the clear, names the
        phone (in this model unit ids come from names): the Provider reads it off the bytes it relayed."""
        if not j.sender_sealed:
            return
        run = j.run
        leaf = crypto.header_field(j.payload, "leaf")
        unit = leaf[:UNIT_ID_BYTES] if leaf is not None else None
        sender = next((user for user in run.users if unit_id(user) == unit), None)
        if sender is None:
            return
        meta = Metadata(j.id, sender, j.recipient, j.time, j.wire_size)
        note = "the Provider's log: the sender, found from the escrow field"
        run.give(PROVIDER, Record(j.id, "metadata", note, meta=meta))
        j.step("relay", PROVIDER, f"reads the escrow field's unit id: {sender}'s phone sent it")
        if sender == WARRANT_TARGET and not j.handed_over:
            hand_over(j)

    @staticmethod
    def check_field(j, opened) -> str | None:
        """The recipient's app checks the field it received, with the message key it has just recovered."""
        if not j.run.policy.end_to_end or not opened.message_keys:
            return None
        leaf = crypto.header_field(j.received, "leaf")
        if leaf is None or not check_leaf(leaf, opened.message_keys[0], j.run.escrow_family_key):
            return "carried no valid escrow field, so the app refused it"
        return None


def escrow_field(j, message_key: bytes, use: str) -> bytes:
    """The field a compliant app attaches for ``message_key``: what the escrow agent will open."""
    run = j.run
    return make_leaf(
        j.sender, message_key, run.escrow_public, run.escrow_family_key, j.nonce(f"{use}/ephemeral", 32), j.nonce(use)
    )


class EscrowBreach:
    switch = "escrow_breach"

    def on_start(self, run) -> None:
        for key in run.keys[STATE]:
            if key.label == ESCROW_LABEL:
                run.give_key(ATTACKER, replace(key, label=f"stolen from the escrow agent: {key.label}"))
