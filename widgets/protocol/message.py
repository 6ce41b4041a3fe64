"""A message as the world reports it, the steps of its journey, and the checks on what may be sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

MAX_BYTES = 65_536  # this course's limit, in UTF-8 bytes (WhatsApp's is about 65,536 characters)


@dataclass(frozen=True)
class Step:
    """One arrow or box of the sequence diagram: ``actor`` did ``what`` (to ``to``), moving ``size`` bytes."""

    stage: str
    actor: str
    what: str
    to: str | None = None
    size: int = 0


@dataclass(frozen=True)
class Notice:
    """A warning an app shows its user, e.g. on Bob's phone: "tampering detected"."""

    party: str
    text: str

    def __str__(self) -> str:
        return f"{self.party}'s phone: {self.text}"


@dataclass(frozen=True)
class Message:
    """One message sent in a world. ``text`` is what the sender typed (the model's record, not a party's).

    ``recipient`` names the recipient, or a group chat's members ("Bob, Carol"); ``recipients`` lists them.
    ``status`` is "delivered" (to every recipient), "tampering detected" or "rejected" when a recipient's
    app refused it, or "not sent: …" when the sender's app stopped it.
    """

    id: int
    sender: str
    recipient: str
    text: str
    time: datetime
    status: str
    size: int
    warnings: tuple[Notice, ...] = ()
    hidden: tuple[Notice, ...] = ()  # notices the app would have shown but the Provider suppressed
    steps: tuple[Step, ...] = field(default=(), repr=False)
    recipients: tuple[str, ...] = ()
    world: object = field(default=None, repr=False, compare=False)  # a token of the world it was sent in

    def __post_init__(self) -> None:
        if not self.recipients:
            object.__setattr__(self, "recipients", tuple(self.recipient.split(", ")))

    def __str__(self) -> str:
        shown = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        return f"#{self.id} {self.sender} → {self.recipient}: {shown!r} ({self.status})"


class MessageRefused(ValueError):
    """The app refuses to send this: the message says why, in plain words."""


def check_text(text: object) -> bytes:
    """The UTF-8 bytes of ``text`` if it can be sent; otherwise MessageRefused saying why."""
    if not isinstance(text, str):
        raise MessageRefused(f"A message must be text (a str), not {type(text).__name__}.")
    if not text.strip():
        raise MessageRefused("The message is empty: type something to send.")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = text[error.start]
        raise MessageRefused(
            f"The message contains a broken character (U+{ord(bad):04X} at position {error.start}) "
            "that cannot be sent; remove it and try again."
        ) from None
    if len(data) > MAX_BYTES:
        raise MessageRefused(
            f"The message is {len(data):,} bytes long; this course sends at most {MAX_BYTES:,} bytes "
            "(about 60,000 plain letters). Shorten it and try again."
        )
    return data
