"""Endpoint implant (``endpoint_implant``): the State has hacked Alice's phone.

The implant sees the screen, so encryption does not matter: after *compose* (Alice typed it) and after
*deliver* (Alice's app showed it), it sends the State a copy sealed to the State's implant key — bytes that
travel on the wire like any others. It works on one phone: every further target needs another implant.
"""

from __future__ import annotations

from ..holdings import ATTACKER, STATE, Record
from ..journey import WARRANT_TARGET

TARGET = WARRANT_TARGET  # the one phone hacked


class EndpointImplant:
    switch = "endpoint_implant"

    def on_start(self, run) -> None:
        run.implant_public = run.make_own_key(STATE, "x25519", "implant", publish=False).public

    def after_compose(self, j) -> None:
        if j.sender == TARGET:
            self._exfiltrate(j, "compose", f"{TARGET} typed")

    def after_deliver(self, j) -> None:
        if TARGET in j.delivered_to:
            self._exfiltrate(j, "deliver", f"{TARGET} read")

    @staticmethod
    def _exfiltrate(j, stage: str, what: str) -> None:
        run = j.run
        copy = j.sealed(j.text_frame(), run.implant_public, f"implant/{stage}")
        run.give(STATE, Record(j.id, "implant copy", f"the implant's copy of what {what}", blob=copy))
        run.give(ATTACKER, Record(j.id, "wire capture", f"{TARGET}'s phone → State (implant)", blob=copy))
        j.step(stage, TARGET, "(through the implant) sends the State a copy of the screen", "State", len(copy))
