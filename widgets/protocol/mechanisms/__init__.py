"""Mechanisms: one module per policy switch, each hooking into the journey stages it really touches.

A mechanism is a class with ``switch`` (the Policy field that turns it on) and any of:
``on_start(run)`` (once, before the conversation is replayed), ``on_user(run, name)`` (a user who joins
later), ``before_<stage>(journey)`` / ``after_<stage>(journey)`` (see ``widgets.protocol.journey.STAGES``), and
``after_message(run, journey)``. A recipient's app may also be given acceptance checks
(``run.acceptance_checks``), run before it shows a message.
``end_to_end`` is not here: it is the core behaviour of the stages themselves.
"""

from __future__ import annotations

from .client_scanning import ClientScanning
from .cloud_backup import CloudBackup
from .endpoint_implant import EndpointImplant
from .escrow import Escrow, EscrowBreach
from .forward_secrecy import ForwardSecrecy
from .ghost import Ghost
from .interception import Interception
from .provider_breach import ProviderBreach
from .sealed_sender import SealedSender
from .verify_keys import VerifyKeys

# Order matters where one mechanism uses another's setup: escrow makes the key its breach steals; checking
# safety numbers must see the key the interception rule handed out; and the Provider breach, last, copies
# every key the other mechanisms gave the Provider.
REGISTRY = (
    ForwardSecrecy,  # makes the message key that escrow's field carries
    Escrow,
    EscrowBreach,
    Interception,
    Ghost,
    VerifyKeys,
    ClientScanning,
    EndpointImplant,
    CloudBackup,
    SealedSender,
    ProviderBreach,
)


def active(policy) -> list:
    """Fresh instances of the mechanisms whose switch is on in ``policy``."""
    return [cls() for cls in REGISTRY if getattr(policy, cls.switch)]
