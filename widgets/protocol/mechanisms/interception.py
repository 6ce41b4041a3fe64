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

from nacl.secret import SecretBox

from .. import crypto
from ..crypto import Key
from ..holdings import ATTACKER, PROVIDER, ROLES, STATE, Record
from ..journey import WARRANT_TARGET
from .escrow import escrow_field
from .forward_secrecy import (
    bundle,
    ratchet_envelope,
    ratchet_header,
    ratchet_headers,
    receive_key,
    send_key,
    sign_prekey,
)


class Interception:
    switch = "interception"

    def on_start(self, run) -> None:
        key = run.make_own_key(STATE, "x25519", "interception", publish=False)
        signing = Key.ed25519(
            "State's interception signing key (private)", run.random.key("State/interception-signing")
        )
        run.give_key(STATE, signing)
        run.interception_key = key
        run.interception_prekey_signature = sign_prekey(signing, key.public)

        def targeted(asker: str, name: str) -> bool:
            return WARRANT_TARGET in (asker, name) and asker != name and asker not in ROLES and name not in ROLES

        run.directory_rules.append(lambda asker, name: key.public if targeted(asker, name) else None)
        run.signing_rules.append(lambda asker, name: signing.public if targeted(asker, name) else None)

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
        recipients in the slots that were locked for the State. The content, any escrow field and a group's
        signature stay; a one-to-one message gets a new MAC, made with the key the State now holds."""
        run, key = j.run, j.run.interception_key
        header = crypto.envelope(relayed)
        held: list[Key] = [key]
        headers = ratchet_headers(relayed, len(j.recipients))
        commits = []
        if headers is not None:  # a group under forward secrecy: the State runs each swapped member's session
            held = []
            for i in swapped:
                member = j.recipients[i]
                member_key, commit, _ = receive_key(
                    run, f"{STATE} as {member}", key, j.sender, run.directory[j.sender], headers[i], j, signed=key
                )
                if member_key is not None:
                    held.append(Key(f"State's key as {member} for message {j.id}", "message", member_key))
                    commits.append(commit)
        opened = crypto.open_blob(relayed, held, [run.directory[j.sender]])
        if not any(msg == j.id for msg, _ in opened.texts()) or not opened.message_keys:
            return None
        for commit in commits:
            commit()
        message_key = opened.message_keys[0]
        signer = opened.signers[0] if opened.signers else b""
        run.give_key(STATE, Key(f"State's copy of the key of message {j.id}", "message", message_key))
        for i in swapped:
            member = j.recipients[i]
            if headers is not None:
                new_header, member_key = send_key(
                    run, f"{STATE} as {j.sender}", key, member, run.directory[member], bundle(run, STATE, member), j
                )
                header["ratchets"][i] = new_header
                nonce = j.nonce(f"interception/group-slot{i}")
                header["slots"][i] = bytes(SecretBox(member_key).encrypt(message_key + signer, nonce))
            else:
                nonce = j.nonce(f"interception/slot{i}")
                header["slots"][i] = crypto.wrap_key(key, run.directory[member], message_key + signer, nonce)
        relocked = crypto.pack_envelope(header)
        if not j.group:
            relocked = crypto.authenticate(relocked, message_key, key.public, run.directory[j.recipient], None)
        return relocked

    def _one_to_one_under_forward_secrecy(self, j, relayed: bytes) -> bytes | None:
        """The State runs the other end of the sender's session, posing as the recipient, and a session of
        its own with the recipient, posing as the sender."""
        run, key = j.run, j.run.interception_key
        message_key, commit, _ = receive_key(
            run, f"{STATE} as {j.recipient}", key, j.sender, run.directory[j.sender], ratchet_header(relayed), j, key
        )
        if message_key is None:
            return None
        held = Key(f"State's key for intercepted message {j.id}", "message", message_key)
        opened = crypto.open_blob(relayed, [held], [run.directory[j.sender]])
        frames = [f for f in opened.frames if f.get("kind") == "text" and f.get("msg") == j.id]
        if not frames:
            return None
        commit()
        run.give_key(STATE, held)
        new_header, j.message_key = send_key(
            run,
            f"{STATE} as {j.sender}",
            key,
            j.recipient,
            run.directory[j.recipient],
            bundle(run, STATE, j.recipient),
            j,
        )
        relocked = ratchet_envelope(j, key, new_header, j.message_key, crypto.frame(**frames[0]))
        leaf = crypto.header_field(relayed, "leaf")
        if leaf is not None and run.policy.escrow:  # the passed-on message needs a valid escrow field too
            relocked = crypto.with_field(relocked, "leaf", escrow_field(j, j.message_key, "interception/leaf"))
        return crypto.authenticate(relocked, j.message_key, key.public, run.directory[j.recipient], None)
