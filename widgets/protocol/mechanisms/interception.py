"""Interception (``interception``): the Provider, under an order, answers key look-ups in Alice's
conversations with the State's key instead of the real one — a "man in the middle".

Hooks: on start, a directory rule (whoever asks for a key in one of Alice's conversations — Alice for her
contacts, her contacts for Alice — gets the State's interception key); after *relay*, the Provider passes
each message that is locked for that key to the State, which opens it (real decryption), keeps a copy, and
locks it again for the real recipients, using its own key — which their apps, asking the same lying
directory for the sender's key, accept. Slots the directory did not tamper with (other members of a group)
are passed on as they are. Safety numbers (``verify_keys``) expose the substituted key.
"""

from __future__ import annotations

import msgpack
from nacl.secret import SecretBox

from .. import crypto
from ..crypto import Key
from ..holdings import ATTACKER, PROVIDER, ROLES, STATE, Record
from ..journey import WARRANT_TARGET
from .escrow import escrow_field
from .forward_secrecy import ratchet_envelope, ratchet_header, ratchet_headers, receive_key, send_key


class Interception:
    switch = "interception"

    def on_start(self, run) -> None:
        key = run.make_own_key(STATE, "x25519", "interception", publish=False)
        run.interception_key = key

        def lie(asker: str, name: str) -> bytes | None:
            users = {asker, name}
            if WARRANT_TARGET in users and not set(ROLES) & users and asker != name:
                return key.public
            return None

        run.directory_rules.append(lie)

    def after_relay(self, j) -> None:
        run = j.run
        key = run.interception_key
        members = j.addressees[: len(j.recipients)]
        swapped = [i for i, (_, public) in enumerate(members) if public == key.public]
        if not run.policy.end_to_end or not swapped:
            return
        relayed = j.payload
        run.give(ATTACKER, Record(j.id, "wire capture", "Provider → State (interception order)", blob=relayed))
        j.step("relay", PROVIDER, "passes the message to the State (interception order)", STATE, len(relayed))
        if ratchet_header(relayed) is not None:
            relocked = self._one_to_one_under_forward_secrecy(j, relayed)
        else:
            relocked = self._swap_slots(j, relayed, swapped)
        if relocked is None:
            return  # it did not open: nothing to read, nothing to pass on
        j.payload = relocked
        run.give(STATE, Record(j.id, "intercepted", "a message the State intercepted", blob=relayed))
        run.give(ATTACKER, Record(j.id, "wire capture", "State → Provider (passed on)", blob=relocked))
        j.step("relay", STATE, f"reads it, keeps a copy, and locks it again for {j.recipient}", PROVIDER, len(relocked))

    def _swap_slots(self, j, relayed: bytes, swapped: list[int]) -> bytes | None:
        """Open the message through the State's slot, keep its key, and re-wrap that key for the real
        recipients in the slots that were locked for the State. The content, and any escrow field, stay."""
        run, key = j.run, j.run.interception_key
        header = msgpack.unpackb(relayed[1:])
        held: list[Key] = [key]
        headers = ratchet_headers(relayed, len(j.recipients))
        commits = []
        if headers is not None:  # a group under forward secrecy: the State runs each swapped member's session
            held = []
            for i in swapped:
                member = j.recipients[i]
                member_key, commit = receive_key(
                    run, f"{STATE} as {member}", key, None, j.sender, run.directory[j.sender], headers[i], j
                )
                if member_key is not None:
                    held.append(Key(f"State's key as {member} for message {j.id}", "message", member_key))
                    commits.append(commit)
        opened = crypto.open_blob(relayed, held, [run.directory[j.sender]])
        if (j.id, j.text.decode("utf-8")) not in opened.texts() or not opened.message_keys:
            return None
        for commit in commits:
            commit()
        message_key = opened.message_keys[0]
        run.give_key(STATE, Key(f"State's copy of the key of message {j.id}", "message", message_key))
        for i in swapped:
            member = j.recipients[i]
            if headers is not None:
                new_header, member_key = send_key(
                    run, f"{STATE} as {j.sender}", key, member, run.directory[member], run.prekeys[member].public, j
                )
                header["ratchets"][i] = new_header
                nonce = j.nonce(f"interception/group-slot{i}")
                header["slots"][i] = bytes(SecretBox(member_key).encrypt(message_key, nonce))
            else:
                nonce = j.nonce(f"interception/slot{i}")
                header["slots"][i] = crypto.wrap_key(key, run.directory[member], message_key, nonce)
        return bytes([crypto.SLOTS]) + msgpack.packb(header)

    def _one_to_one_under_forward_secrecy(self, j, relayed: bytes) -> bytes | None:
        """The State runs the other end of the sender's session, posing as the recipient, and a session of
        its own with the recipient, posing as the sender."""
        run, key = j.run, j.run.interception_key
        message_key, commit = receive_key(
            run, f"{STATE} as {j.recipient}", key, None, j.sender, run.directory[j.sender], ratchet_header(relayed), j
        )
        if message_key is None:
            return None
        held = Key(f"State's key for intercepted message {j.id}", "message", message_key)
        opened = crypto.open_blob(relayed, [held], [run.directory[j.sender]])
        if (j.id, j.text.decode("utf-8")) not in opened.texts():
            return None
        commit()
        run.give_key(STATE, held)
        recipient_prekey = run.prekeys[j.recipient].public
        new_header, j.message_key = send_key(
            run, f"{STATE} as {j.sender}", key, j.recipient, run.directory[j.recipient], recipient_prekey, j
        )
        relocked = ratchet_envelope(j, key, new_header, j.message_key)
        leaf = crypto.header_field(relayed, "leaf")
        if leaf is not None and run.policy.escrow:  # the passed-on message needs a valid escrow field too
            relocked = crypto.with_field(relocked, "leaf", escrow_field(j, j.message_key, "interception/leaf"))
        return relocked
