"""Chapter 04's experiments on key escrow: the field on the wire, Blaze's forgery, and superencryption.

Three experiments, each run with real cryptography, none a lookup table:

* **The field on the wire.** ``field_on_the_wire(world, message)`` takes the law-enforcement access field
  (``widgets.protocol.leaf``) out of the Attacker's own wire capture and splits it into its three parts;
  ``keys_from_field(world, party, field)`` tries every private key a party holds on it.
* **Blaze's forgery (1994).** ``forgery_trials(count, seed)`` runs ``widgets.protocol.leaf.forge_leaf`` ``count``
  times, each against a receiving app's 16-bit check for a fresh message key, and records how many random
  fields each search tried. Every forged field is then checked with the model's own ``check_leaf`` (the
  receiver accepts it) and opened with the escrow agent's key (``open_leaf``: no key comes out).
  ``geometric_expectation(bits)`` is what chance predicts: each random field passes with probability
  p = 2**-bits, so the number of tries is geometric, with mean 2**bits.
* **The same forgery in software, with no search.** Clipper's check was computed inside tamper-resistant chips
  that held the family key; a rogue user could only offer fields to a chip and watch for a yes, hence the
  search. A software app carries the family key in its own code, and a rogue app built from a compliant one
  has it too: ``forge_with_family_key(seed)`` computes the check for a field of random bytes directly, and the
  receiving app's real ``check_leaf`` accepts it on the first try.
* **Superencryption.** ``send_superencrypted(world, ...)`` has Alice lock her text with a ``SecretBox`` key
  she shares with Bob (chapter 01's lab, ``widgets.labs.secret_keys``) and send the locked bytes, written as
  base64 text, through the escrowed app; ``inner_layer`` then has every party that can read what the app
  carried try every key it holds on the inner lock.

Speed. ``check_leaf`` computes its 16-bit BLAKE2b through PyNaCl, whose Python wrapper costs about 5 µs a
call: a forgery needs 65,536 calls on average, so 32 forgeries would take about 10 s — too slow for a
chapter. ``forgery_trials`` therefore searches, by default (``fast=True``), with the identical keyed BLAKE2b
from Python's standard library (``hashlib``: the same function, RFC 7693, about 7× faster); the search
makes exactly the same decisions, so the counts are the same (tests/test_escrow_experiments.py checks both
the predicate and whole searches against ``check_leaf``), and every forged field that comes out is checked
again with the model's real ``check_leaf`` before it is counted. ``fast=False`` searches with
``check_leaf`` itself.

No ipywidgets here: the figure lives in ``widgets/ui/escrow_plots.py``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..protocol.crypto import SEALED, Key, Tampered, header_field, read_frame
from ..protocol.holdings import ATTACKER
from ..protocol.leaf import (
    CHECK_BYTES,
    LEAF_BYTES,
    UNIT_ID_BYTES,
    check_leaf,
    checksum,
    forge_leaf,
    make_leaf,
    open_leaf,
    unit_id,
)
from ..protocol.message import Message
from ..protocol.randomness import Randomness
from .secret_keys import UnlockError, lock, unlock

CHECK_BITS = 8 * CHECK_BYTES  # 16, as in Clipper's LEAF
MAX_FORGERIES = 200  # a chapter runs 30–40; each takes about 0.1 s


# --- the field on the wire ------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldOnTheWire:
    """The escrow field of one message, as the Attacker captured it between Alice's phone and the Provider."""

    msg: int
    note: str  # which capture it came from, in words
    capture_size: int  # bytes in that whole capture
    field: bytes

    @property
    def unit(self) -> bytes:
        return self.field[:UNIT_ID_BYTES]

    @property
    def sealed_key(self) -> bytes:
        return self.field[UNIT_ID_BYTES:-CHECK_BYTES]

    @property
    def check(self) -> bytes:
        return self.field[-CHECK_BYTES:]

    def parts(self) -> list[tuple[str, int, str]]:
        """(part, size in bytes, its bytes in hex, long ones cut in the middle) for each part of the field."""
        return [
            ("unit id of the sending device", len(self.unit), self.unit.hex()),
            ("message key, sealed to the escrow agent's key", len(self.sealed_key), _cut(self.sealed_key)),
            ("16-bit check (keyed with the family key)", len(self.check), self.check.hex()),
        ]

    def __str__(self) -> str:
        lines = [
            f"Escrow field of message {self.msg}, from the Attacker's capture {self.note!r} "
            f"({self.capture_size} bytes in all): {len(self.field)} bytes"
        ]
        lines += [f"  {name:48} {size:>3} bytes  {shown}" for name, size, shown in self.parts()]
        return "\n".join(lines)


def field_on_the_wire(world, message: Message | int) -> FieldOnTheWire | None:
    """The escrow field as it crossed the wire from the sender's phone, taken out of the Attacker's capture.

    None if that capture carries no field (escrow off, or end-to-end encryption off).
    """
    msg_id = message.id if isinstance(message, Message) else message
    sent = next((m for m in world.messages if m.id == msg_id), None)
    if sent is None:
        raise ValueError(f"There is no message {message!r} in this world.")
    uplink = f"{sent.sender}'s phone → Provider"
    for record in world.holdings(ATTACKER).about(msg_id):
        if record.kind != "wire capture" or record.note != uplink or record.blob is None:
            continue
        try:
            body = read_frame(record.blob).get("body")
        except Tampered:
            return None
        field = header_field(body, "leaf") if isinstance(body, bytes) else None
        return None if field is None else FieldOnTheWire(msg_id, record.note, len(record.blob), field)
    return None


def sender_device(field: FieldOnTheWire, users: Sequence[str]) -> str | None:
    """Which of ``users`` owns the device whose unit id the field carries (ids here derive from names)."""
    return next((user for user in users if unit_id(user) == field.unit), None)


def keys_from_field(world, party: str, field: FieldOnTheWire | bytes) -> bytes | None:
    """The message key inside ``field``, if one of the private keys ``party`` holds opens it; else None."""
    raw = field.field if isinstance(field, FieldOnTheWire) else field
    for key in world.holdings(party).keys:
        if key.kind == "x25519":
            recovered = open_leaf(raw, key)
            if recovered is not None:
                return recovered
    return None


# --- Blaze's forgery ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Geometric:
    """Tries until the first success when each try succeeds with probability ``p`` (a geometric law)."""

    bits: int

    @property
    def p(self) -> float:
        """Chance that one random field passes a check of ``bits`` bits: 2**-bits."""
        return 2.0**-self.bits

    @property
    def mean(self) -> float:
        """Expected number of tries: 1/p = 2**bits (65,536 for 16 bits)."""
        return 2.0**self.bits

    def within(self, tries: float) -> float:
        """Chance that the search has succeeded within ``tries`` tries: 1 − (1 − p)**tries."""
        if tries < 0:
            raise ValueError(f"tries must be 0 or more, not {tries!r}")
        return -math.expm1(tries * math.log1p(-self.p))

    def tries_for(self, probability: float) -> int:
        """The fewest tries after which the search has succeeded with at least ``probability``."""
        if not 0 < probability < 1:
            raise ValueError(f"probability must be between 0 and 1 (exclusive), not {probability!r}")
        return max(1, math.ceil(math.log1p(-probability) / math.log1p(-self.p)))

    @property
    def median(self) -> int:
        """Half of all searches end within this many tries (about 0.69 × the mean)."""
        return self.tries_for(0.5)

    def expected_counts(self, edges: Sequence[float], searches: int) -> list[float]:
        """How many of ``searches`` searches chance puts in each bin (edges[i], edges[i+1]] of tries."""
        return [searches * (self.within(high) - self.within(low)) for low, high in itertools.pairwise(edges)]


def geometric_expectation(bits: int = CHECK_BITS) -> Geometric:
    """What chance predicts for a search against a ``bits``-bit check: mean 2**bits tries, and
    ``within(n)`` = 1 − (1 − 2**-bits)**n, the chance of success within n tries."""
    if isinstance(bits, bool) or not isinstance(bits, int) or not 1 <= bits <= 256:
        raise ValueError(f"bits must be a whole number from 1 to 256, not {bits!r}")
    return Geometric(bits)


@dataclass(frozen=True)
class Forgery:
    """One run of Blaze's search: the forged field, how many random fields it tried, and the two outcomes."""

    field: bytes
    tries: int
    receiver_accepts: bool  # the model's real check_leaf, as the compliant receiving app runs it
    agent_recovers: bytes | None  # what the escrow agent's key gets out of the field


@dataclass(frozen=True)
class ForgeryTrials:
    """``count`` forgeries against a receiving app's 16-bit check, from one seeded random generator."""

    seed: int
    forgeries: tuple[Forgery, ...]
    genuine_field_opens: bool  # control: a genuine field, made the compliant way, does open for the agent

    @property
    def tries(self) -> list[int]:
        return [f.tries for f in self.forgeries]

    @property
    def count(self) -> int:
        return len(self.forgeries)

    @property
    def mean(self) -> float:
        return sum(self.tries) / self.count

    @property
    def accepted(self) -> int:
        """How many forged fields the receiving app's real check accepts."""
        return sum(f.receiver_accepts for f in self.forgeries)

    @property
    def keys_recovered(self) -> int:
        """How many forged fields give the escrow agent a message key."""
        return sum(f.agent_recovers is not None for f in self.forgeries)

    def __str__(self) -> str:
        tries = self.tries
        return (
            f"{self.count} forgeries (seed {self.seed}): tries from {min(tries):,} to {max(tries):,}, "
            f"mean {self.mean:,.0f} (chance predicts {geometric_expectation(CHECK_BITS).mean:,.0f}).\n"
            f"Forged fields the receiving app accepts: {self.accepted} of {self.count}. "
            f"Message keys the escrow agent recovers from them: {self.keys_recovered} of {self.count} "
            f"(a genuine field opens for the agent: {'yes' if self.genuine_field_opens else 'no'})."
        )


@dataclass(frozen=True)
class EscrowSetup:
    """A compliant app's secrets for one experiment, derived from ``seed``: the family key inside every app,
    the escrow agent's key pair, and a fresh key for each message."""

    seed: int

    @property
    def family_key(self) -> bytes:
        return Randomness(self.seed).key("experiment/family")

    @property
    def agent(self) -> Key:
        return Key.x25519("escrow agent (private)", Randomness(self.seed).key("experiment/agent"))

    def message_key(self, index: int) -> bytes:
        """The key of the ``index``-th message: a fresh one for every message, as apps do."""
        return Randomness(self.seed).key(f"experiment/message/{index}")

    def genuine_field(self, message_key: bytes) -> bytes:
        """The field a compliant app attaches: the message key really sealed to the escrow agent."""
        random_ = Randomness(self.seed)
        ephemeral, nonce = random_.nonce("experiment/leaf/ephemeral", 32), random_.nonce("experiment/leaf", 24)
        return make_leaf("Alice", message_key, self.agent.public, self.family_key, ephemeral, nonce)


def receiver_check(message_key: bytes, family_key: bytes, fast: bool = True) -> Callable[[bytes], bool]:
    """The receiving app's check for one message: does ``field`` carry a valid 16-bit check?

    ``fast=False`` is the model's ``check_leaf`` itself; ``fast=True`` computes the same keyed BLAKE2b with
    ``hashlib`` (identical answers, about 7× faster; see the module docstring).
    """
    if not fast:
        return lambda field: check_leaf(field, message_key, family_key)

    def accepts(field: bytes) -> bool:
        if len(field) != LEAF_BYTES:
            return False
        checked = field[:-CHECK_BYTES] + message_key  # unit id + sealed key + message key, as in leaf.checksum
        return hashlib.blake2b(checked, digest_size=CHECK_BYTES, key=family_key).digest() == field[-CHECK_BYTES:]

    return accepts


def forgery_trials(count: int, seed: int, fast: bool = True) -> ForgeryTrials:
    """Blaze's search, ``count`` times: one forged field for each of ``count`` fresh messages.

    Random fields come from ``random.Random(seed).randbytes`` (reproducible; a real attacker would use any
    source at all). Each forged field is then put to the model's real ``check_leaf`` and to ``open_leaf``
    with the escrow agent's private key.
    """
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_FORGERIES:
        raise ValueError(f"count must be a whole number from 1 to {MAX_FORGERIES}, not {count!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")
    setup = EscrowSetup(seed)
    family_key, agent = setup.family_key, setup.agent
    generator = random.Random(seed)
    forgeries = []
    for index in range(count):
        message_key = setup.message_key(index)
        field, tries = forge_leaf(receiver_check(message_key, family_key, fast), randbytes=generator.randbytes)
        if field is None:  # pragma: no cover - 2,000,000 failures in a row: chance about e**-30
            raise RuntimeError("the search gave up; run it again with another seed")
        forgeries.append(Forgery(field, tries, check_leaf(field, message_key, family_key), open_leaf(field, agent)))
    genuine_key = setup.message_key(count)  # one more message, sent the compliant way
    genuine_opens = open_leaf(setup.genuine_field(genuine_key), agent) == genuine_key
    return ForgeryTrials(seed, tuple(forgeries), genuine_opens)


def forge_with_family_key(seed: int, index: int = 0) -> Forgery:
    """A rogue app that took the family key out of a compliant app's code: one field, one try, no search.

    The unit id and the "sealed key" are random bytes (the sealed key keeps its first byte, the kind of lock,
    so the field looks like any other); the 16-bit check is then computed over them with the family key, as a
    compliant app computes it. The field is put to the model's real ``check_leaf`` and to ``open_leaf`` with
    the escrow agent's private key, exactly as ``forgery_trials`` does.
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")
    setup = EscrowSetup(seed)
    family_key = setup.family_key  # in software, every compliant app holds it; so does a copy of one
    message_key = setup.message_key(index)
    generator = random.Random(f"{seed}/rogue app")
    unit = generator.randbytes(UNIT_ID_BYTES)
    junk = bytes([SEALED]) + generator.randbytes(LEAF_BYTES - UNIT_ID_BYTES - CHECK_BYTES - 1)
    field = unit + junk + checksum(unit, junk, message_key, family_key)
    return Forgery(field, 1, check_leaf(field, message_key, family_key), open_leaf(field, setup.agent))


# --- superencryption ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Superencrypted:
    """A message Alice locked herself before the escrowed app locked it again."""

    message: Message
    plaintext: str  # what Alice wrote
    carried: str  # what she typed into the app: her locked bytes, as base64 text


def send_superencrypted(
    world, sender: str, recipient: str, text: str, shared_key: bytes, nonce: bytes | None = None
) -> Superencrypted:
    """Lock ``text`` with ``shared_key`` (SecretBox), then send the locked bytes as base64 through ``world``.

    ``nonce`` makes the bytes reproducible (a teaching device; without it a fresh random nonce is drawn).
    """
    carried = base64.b64encode(lock(text, shared_key, nonce)).decode("ascii")
    return Superencrypted(world.send(sender, recipient, carried), text, carried)


def unlock_carried(carried: str | None, key: bytes) -> str | None:
    """The text inside base64 ``carried`` if ``key`` opens it; None if it does not (or it is not base64)."""
    if carried is None:
        return None
    try:
        return unlock(base64.b64decode(carried, validate=True), key)
    except (UnlockError, binascii.Error, ValueError, UnicodeDecodeError):
        return None


def inner_layer(world, message: Message | int, extra_keys: dict[str, list[bytes]] | None = None) -> dict[str, dict]:
    """For every party: what it reads of the app's layer, and what trying its keys on the inner lock gives.

    Each party tries every key it holds in the world (all are 32 bytes, SecretBox's key size) and any
    ``extra_keys`` given for it — such as the key Alice and Bob agreed outside the app. Returns
    ``{party: {"reads": what the app's layer gives or None, "inner": the text inside or None}}``.
    """
    extra_keys = extra_keys or {}
    result = {}
    for party in world.parties:
        reads = world.read_as(party, message)
        keys = [k.secret for k in world.holdings(party).keys] + list(extra_keys.get(party, []))
        inner = next((t for t in (unlock_carried(reads, k) for k in keys) if t is not None), None)
        result[party] = {"reads": reads, "inner": inner}
    return result


def _cut(data: bytes, show: int = 8) -> str:
    if len(data) <= 2 * show:
        return data.hex()
    return f"{data[:show].hex()}…{data[-show:].hex()}"
