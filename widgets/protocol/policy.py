"""The policy: which switches of the world are on.

Each switch is a plain bool with a short label and a one-sentence explanation in plain words (views use
them as labels and tooltips). ``needs`` names a switch that must be on for this one to mean anything.
Switches are added here as their mechanisms are built; none exists that the model does not implement.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


def _switch(
    default: bool, label: str, help: str, needs: str | None = None, caveat: str | None = None, unseen: str | None = None
) -> bool:
    """A policy switch; ``caveat`` is a clause the narration adds when the switch is turned on; ``unseen`` says
    what the switch changes that a who-can-read table does not show (the narration says it when no reader
    changes)."""
    metadata = {"label": label, "help": help, "needs": needs, "caveat": caveat, "unseen": unseen}
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Policy:
    """The switches in force. ``Policy()`` is the default: end-to-end encryption and nothing else."""

    end_to_end: bool = _switch(
        True,
        "End-to-end encryption",
        "Messages are locked on Alice's phone and only unlocked on Bob's; when off, the Provider "
        "unlocks and relocks every message on its servers.",
    )
    provider_breach: bool = _switch(
        False,
        "Criminals breach the Provider",
        "An attacker copies everything on the Provider's servers: stored messages, logs and keys.",
    )

    escrow: bool = _switch(
        False,
        "Key escrow",
        "Every message key is also locked to an escrow key the State holds, in a law-enforcement access "
        "field sent beside the message; apps refuse messages without a valid field.",
        caveat="and so could anyone who steals the escrow key",
    )
    escrow_breach: bool = _switch(
        False,
        "Criminals steal the escrow key",
        "The one key that opens every escrow field leaks: whoever has it opens every message it recorded, "
        "past and future.",
        needs="escrow",
    )

    interception: bool = _switch(
        False,
        "Interception order",
        "Under a warrant the Provider's directory hands out the State's key in place of the real one in "
        "Alice's conversations; the State reads each message and passes it on.",
        caveat="unless Alice and Bob check their safety numbers",
    )
    ghost: bool = _switch(
        False,
        "Ghost participant",
        'The Provider silently adds the State as an extra member of Alice\'s chats and hides the "joined" '
        "notice, so every message is also locked for the State (the 2018 GCHQ proposal).",
        caveat="unless the apps check who is in the chat",
    )
    verify_keys: bool = _switch(
        False,
        "Keys and members verified",
        "Alice, Bob and Carol compared their 60-digit safety numbers in person, and their apps check every member "
        "of a chat: they warn, and do not send, if a contact's key is not the one they checked or a member they "
        "never checked is in the chat.",
    )

    client_scanning: bool = _switch(
        False,
        "Client-side scanning",
        "Before locking a message, each app compares it with a list of fingerprints that an authority controls, "
        "and reports a match — with the message — to the State.",
        caveat="for every message that resembles an item on the list",
    )
    endpoint_implant: bool = _switch(
        False,
        "State hacks Alice's phone",
        "Spyware on Alice's phone sends the State a copy of what is on her screen, whatever the encryption; "
        "it has to be planted phone by phone.",
    )
    forward_secrecy: bool = _switch(
        False,
        "Forward secrecy",
        "Each message gets a fresh key from a ratchet that moves on and forgets, so a phone stolen later does "
        "not open messages recorded earlier.",
    )
    cloud_backup: bool = _switch(
        False,
        "Cloud backups (Provider's key)",
        "Phones back up their chats to the Provider, locked with a key the Provider keeps, so the Provider can "
        "open them — and hand them over, or lose them in a breach.",
    )

    sealed_sender: bool = _switch(
        False,
        "Sealed sender",
        "The sender's name travels only inside the locked message, so the Provider's log says who received a "
        "message and when, but not who sent it.",
        needs="end_to_end",
        unseen="the Provider's log no longer names who sent each message (the recipient still knows)",
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, bool):
                raise ValueError(f"Policy switch {f.name!r} must be True or False, not {value!r}")

    @classmethod
    def switches(cls) -> tuple[str, ...]:
        """The names of all switches, in display order."""
        return tuple(f.name for f in fields(cls))

    @classmethod
    def describe(cls, name: str) -> dict:
        """Label, help text and prerequisite of one switch."""
        for f in fields(cls):
            if f.name == name:
                return dict(f.metadata)
        raise ValueError(f"There is no policy switch called {name!r}; the switches are {cls.switches()}")

    def on(self) -> tuple[str, ...]:
        """Names of the switches that differ from the default."""
        default = Policy()
        return tuple(n for n in self.switches() if getattr(self, n) != getattr(default, n))
