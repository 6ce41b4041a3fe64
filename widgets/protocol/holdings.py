"""What a party holds: keys, captured or stored blobs, and metadata records — and nothing else.

The model never hands a party a plaintext: whoever "can read" does so by decrypting what is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .crypto import SHAPE_NAMES, Key

PROVIDER, STATE, ATTACKER = "Provider", "State", "Attacker"
ROLES = (PROVIDER, STATE, ATTACKER)


@dataclass(frozen=True)
class Metadata:
    """A line of the Provider's log: who wrote to whom, when, and how many bytes. No content."""

    msg: int
    sender: str | None  # None: the label did not name the sender (sealed sender)
    recipient: str
    time: datetime
    size: int

    def __str__(self) -> str:
        sender = self.sender if self.sender is not None else "(sender hidden)"
        return f"{self.time:%d %b %H:%M} {sender} → {self.recipient}, {self.size} bytes"


@dataclass(frozen=True)
class Record:
    """One thing a party holds about message ``msg``: a blob of bytes, or a metadata line."""

    msg: int
    kind: str  # "wire capture", "server store", "hand-over", "chat history", "metadata"
    note: str  # where it came from, in words
    blob: bytes | None = None
    meta: Metadata | None = None

    def describe(self) -> str:
        if self.meta is not None:
            return f"{self.kind}: {self.meta}"
        return f"{self.kind}: {self.note} — {short_bytes(self.blob)}"


def short_bytes(blob: bytes | None, show: int = 8) -> str:
    """A readable stand-in for a blob: its shape, first and last bytes in hex, and its size."""
    if blob is None:
        return "(none)"
    shape = SHAPE_NAMES.get(blob[0], "?") if blob else "empty"
    if len(blob) <= 2 * show:
        return f"{shape} {blob.hex()} ({len(blob)} bytes)"
    return f"{shape} {blob[:show].hex()}…{blob[-show:].hex()} ({len(blob)} bytes)"


@dataclass(frozen=True)
class Holdings:
    """A snapshot of everything one party holds. Print it to see it."""

    party: str
    keys: tuple[Key, ...]
    records: tuple[Record, ...]

    def blobs(self) -> list[Record]:
        return [r for r in self.records if r.blob is not None]

    def metadata(self) -> list[Metadata]:
        return [r.meta for r in self.records if r.meta is not None]

    def about(self, msg: int) -> list[Record]:
        return [r for r in self.records if r.msg == msg]

    def all_bytes(self) -> list[bytes]:
        """Every byte string held, keys and metadata included (tests search these for plaintext)."""
        out = [k.secret for k in self.keys] + [k.public for k in self.keys if k.public]
        for r in self.records:
            if r.blob is not None:
                out.append(r.blob)
            if r.meta is not None:
                out.append(str(r.meta).encode())
        return out

    def __str__(self) -> str:
        lines = [
            f"{_named(self.party)} holds {_counted(len(self.keys), 'key')} and {_counted(len(self.records), 'record')}."
        ]
        lines += [f"  key: {k.label} ({k.kind})" for k in self.keys] or ["  no keys"]
        lines += [f"  msg {r.msg}: {r.describe()}" for r in self.records]
        return "\n".join(lines)

    __repr__ = __str__


# The printout is read as a sentence with the code hidden ("Show the workings"): "The State holds 2 keys and
# 4 records", never "State holds 2 key(s)". Kept here, not in ui.words: the model does not import the views.
ROLES = ("Provider", "State", "Attacker")


def _named(party: str) -> str:
    return f"The {party}" if party in ROLES else party


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
