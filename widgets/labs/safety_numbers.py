"""Safety numbers as each phone shows them, and the key slots of a message as it crosses the wire.

Model helpers for chapter 05 (no ipywidgets here). A phone computes the safety number of a conversation
from its own identity key and the key the Provider's directory gave it for the other person — exactly the
60 digits of ``widgets.safety_number`` (Signal's construction). When the directory answers truthfully, both
phones show the same number; when it hands one of them someone else's key, the two screens differ.

``slots_on_wire`` counts the key slots of an end-to-end message in the bytes the Attacker captured on its
way from the sender's phone to the Provider: one slot per key the message key was locked for. The slots
name no one, but anyone who sees the bytes can count them.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgpack

from ..protocol import crypto
from ..protocol.message import Message
from ..protocol.safety_numbers import safety_number

GROUP = 5  # digits per group, as the apps show them


def directory_answer(world, asker: str, name: str) -> bytes:
    """The public key the Provider's directory gives ``asker``'s app when it asks for ``name``'s key.

    Under an interception order this is not ``world.directory[name]`` (the real key) but the State's.
    """
    lookup = getattr(world, "lookup", None)  # a public World.lookup, if the model gains one
    if lookup is None:
        lookup = world._run.lookup  # the directory's answer; World has no public accessor for it yet
    return lookup(asker, name)


@dataclass(frozen=True)
class PhonePair:
    """The safety number of the conversation between ``a`` and ``b`` on each of their phones.

    ``on_a``: the 60 digits ``a``'s phone shows (``a``'s own key and the key the directory gave ``a`` for
    ``b``); ``on_b``: the same on ``b``'s phone; ``checked``: the number from both real keys — the one they
    would have compared in person.
    """

    a: str
    b: str
    on_a: str
    on_b: str
    checked: str

    @property
    def match(self) -> bool:
        """True when both screens show the same 60 digits."""
        return self.on_a == self.on_b

    def groups(self, side: str) -> list[str]:
        """The twelve groups of five digits shown on ``side``'s phone ("a" or "b", or a user's name)."""
        number = self._number(side)
        return [number[i : i + GROUP] for i in range(0, len(number), GROUP)]

    def differing_groups(self) -> list[int]:
        """Positions (1 to 12) of the groups that differ between the two screens."""
        return [i + 1 for i, (x, y) in enumerate(zip(self.groups("a"), self.groups("b"), strict=True)) if x != y]

    def changed(self, side: str) -> bool:
        """True when ``side``'s phone no longer shows the number from the real keys."""
        return self._number(side) != self.checked

    def _number(self, side: str) -> str:
        if side in ("a", self.a):
            return self.on_a
        if side in ("b", self.b):
            return self.on_b
        raise ValueError(f"{side!r} is neither {self.a} nor {self.b}")


def phone_pair(world, a: str = "Alice", b: str = "Bob") -> PhonePair:
    """What ``a``'s and ``b``'s phones show as their safety number, under the world's current policy.

    Raises ValueError, in plain words, for a name that has no key in the directory or for a == b.
    """
    for name in (a, b):
        if not isinstance(name, str) or name not in world.users:
            users = ", ".join(world.users)
            raise ValueError(f"{name!r} has no phone in this world yet; the users are {users}.")
    if a == b:
        raise ValueError(
            f"A safety number belongs to a conversation between two people; choose someone other than {a}."
        )
    real = world.directory
    return PhonePair(
        a=a,
        b=b,
        on_a=safety_number(real[a], a, directory_answer(world, a, b), b),
        on_b=safety_number(directory_answer(world, b, a), a, real[b], b),
        checked=safety_number(real[a], a, real[b], b),
    )


def key_slots(blob: bytes) -> int:
    """The number of key slots in an end-to-end envelope (0 for anything else). The header is not encrypted."""
    if not blob or blob[0] != crypto.SLOTS:
        return 0
    try:
        slots = msgpack.unpackb(blob[1:]).get("slots")
    except (ValueError, TypeError, AttributeError, msgpack.UnpackException):
        return 0
    return len(slots) if isinstance(slots, list) else 0


def slots_on_wire(world, message: Message | int) -> int | None:
    """Key slots of ``message`` as the Attacker captured it on its way from the sender's phone to the Provider.

    None if the message never left the phone (the app stopped it); 0 if it was not locked end-to-end.
    """
    msg_id = message.id if isinstance(message, Message) else message
    sender = (
        world.messages[msg_id - 1].sender if isinstance(msg_id, int) and 0 < msg_id <= len(world.messages) else None
    )
    if sender is None:
        raise ValueError(f"There is no message {message!r} in this world (it has {len(world.messages)}).")
    for record in world.holdings("Attacker").about(msg_id):
        if record.kind == "wire capture" and record.note == f"{sender}'s phone → Provider":
            try:
                body = crypto.read_frame(record.blob)["body"]
            except (crypto.Tampered, KeyError):
                return 0
            return key_slots(body) if isinstance(body, bytes) else 0
    return None
