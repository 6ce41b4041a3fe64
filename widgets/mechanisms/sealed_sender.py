"""Sealed sender: the sender's name travels only inside the end-to-end envelope, not in the label the
Provider reads to route the message (Signal's design of 2018).

The Provider still learns the recipient (it must deliver), the time and the size; the recipient's app learns
the sender when the envelope opens with the sender's key. What the Provider can no longer tell is who sent
it — so its log, and what it can hand over under a warrant, shrink: a message *to* the warrant target is
still recognisable, a message *from* her is not (``Journey.covered_by_warrant``). Real deployments still leak
the sender's network address and timing; the model has no addresses, but chapter 06 shows what timing gives.
"""

from __future__ import annotations


class SealedSender:
    switch = "sealed_sender"

    def before_relay(self, j) -> None:
        # Only meaningful under end-to-end encryption: otherwise the Provider opens the message itself.
        if j.run.policy.end_to_end:
            j.sender_sealed = True
            j.step("relay", j.sender, "leaves its own name out of the routing label (sealed sender)")
