"""Sealed sender: the sender's name travels only inside the end-to-end envelope, not in the label the
Provider reads to route the message (Signal's design of 2018).

Before the message is locked, the sender's app puts its own name inside the locked content and leaves it out
of the routing label (``Journey.label``). The Provider still learns the recipient (it must deliver), the time
and the size. The recipient's app tries the keys of the people it knows, reads the name inside, and accepts
the message only if that person's key opens it (``journey.receive``). What the Provider can no longer tell
is who sent it — so its log, and what it hands over under a warrant, shrink: a message *to* the warrant
target is still recognisable, a message *from* her is not — unless something else gives her away (the
escrow field's unit id does: ``mechanisms.escrow``).

What the model leaves out: real deployments still show the Provider the sender's network address and the
timing of her connections (chapter 06 shows what timing alone gives back). Under forward secrecy the
recipient's app picks the ratchet session by the sender, as a real app would after reading the sealed
certificate.
"""

from __future__ import annotations


class SealedSender:
    switch = "sealed_sender"

    def before_encrypt(self, j) -> None:
        # Only meaningful under end-to-end encryption: otherwise the Provider opens the message itself.
        if j.run.policy.end_to_end:
            j.sender_sealed = True
            j.step("encrypt", j.sender, "puts its name inside the locked message, not on the label (sealed sender)")
