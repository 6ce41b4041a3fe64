"""Interception (``interception``): the Provider, under an order, answers key look-ups in Alice's
conversations with the State's key instead of the real one — a "man in the middle".

Hooks: on start, a directory rule (whoever asks for Alice's contact's key, or for Alice's key, gets the
State's interception key); after *relay*, the Provider passes each message locked for that key to the State,
which opens it (real decryption), keeps a copy, and locks it again for the real recipient with its own key —
which the recipient's app, asking the same lying directory for the sender's key, accepts.
Safety numbers (``verify_keys``) expose the substituted key.
"""

from __future__ import annotations

from .. import crypto
from ..crypto import Key
from ..holdings import ATTACKER, PROVIDER, STATE, Record
from ..journey import WARRANT_TARGET
from ..leaf import make_leaf
from .forward_secrecy import ratchet_envelope, ratchet_header, receive_key, send_key


class Interception:
    switch = "interception"

    def on_start(self, run) -> None:
        key = run.make_own_key(STATE, "x25519", "interception", publish=False)
        run.interception_key = key

        def lie(asker: str, name: str) -> bytes | None:
            users = (asker, name)
            if WARRANT_TARGET in users and not {PROVIDER, STATE, ATTACKER} & set(users) and asker != name:
                return key.public
            return None

        run.directory_rules.append(lie)

    def after_relay(self, j) -> None:
        run = j.run
        if not run.policy.end_to_end or j.addressees[0][1] != run.interception_key.public:
            return
        relayed = j.payload
        run.give(ATTACKER, Record(j.id, "wire capture", "Provider → State (interception order)", blob=relayed))
        j.step("relay", PROVIDER, "passes the message to the State (interception order)", STATE, len(relayed))
        # The State opens it with the key the directory handed out, and the sender's real public key.
        key = run.interception_key
        header = ratchet_header(relayed)
        commit = None
        if header is not None:
            # Forward secrecy: the State runs the other end of the sender's session, posing as the recipient.
            posing = f"{STATE} as {j.recipient}"
            message_key, commit = receive_key(run, posing, key, None, j.sender, run.directory[j.sender], header, j)
            held = [Key(f"State's key for intercepted message {j.id}", "message", message_key)] if message_key else []
        else:
            held = [key]
        opened = crypto.open_blob(relayed, held, [run.directory[j.sender]])
        if (j.id, j.text.decode("utf-8")) not in opened.texts():
            return  # it did not open: nothing to read, nothing to pass on
        if commit is not None:
            commit()
        for kept in held:
            run.give_key(STATE, kept)
        run.give(STATE, Record(j.id, "intercepted", "a message the State intercepted", blob=relayed))
        text = crypto.frame(**next(f for f in opened.frames if f.get("kind") == "text"))
        if header is not None:  # and a session of its own with the recipient, posing as the sender
            posing = f"{STATE} as {j.sender}"
            recipient_prekey = run.prekeys[j.recipient].public
            new_header, j.message_key = send_key(
                run, posing, key, j.recipient, run.directory[j.recipient], recipient_prekey, j
            )
            relocked = ratchet_envelope(j, key, new_header, j.message_key)
        else:
            j.message_key = j.nonce("interception/message-key", 32)
            relocked = crypto.lock_for(
                text,
                key,
                [run.directory[j.recipient]],
                j.message_key,
                [j.nonce("interception/content"), j.nonce("interception/slot")],
            )
        if run.policy.escrow:  # under escrow too, the passed-on message needs a valid field
            leaf = make_leaf(
                j.sender,
                j.message_key,
                run.escrow_public,
                run.escrow_family_key,
                j.nonce("interception/leaf-ephemeral", 32),
                j.nonce("interception/leaf"),
            )
            relocked = crypto.with_field(relocked, "leaf", leaf)
        j.payload = relocked
        run.give(ATTACKER, Record(j.id, "wire capture", "State → Provider (passed on)", blob=relocked))
        j.step("relay", STATE, f"reads it, keeps a copy, and locks it again for {j.recipient}", PROVIDER, len(relocked))
