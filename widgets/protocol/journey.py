"""The message journey: one pipeline of stages that every message goes through.

compose → client checks → key look-up → encrypt → relay through the Provider → deliver → store

Each stage is a function of the ``Journey`` (the message in flight). Mechanisms (``widgets.protocol.mechanisms``)
hook in with methods named ``before_<stage>`` or ``after_<stage>``, so each one touches only the stages
it really changes. The ``Step`` records are what the sequence diagram draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import crypto
from .holdings import ATTACKER, PROVIDER, STATE, Metadata, Record
from .message import Notice, Step

STAGES = ("compose", "client_checks", "key_lookup", "encrypt", "relay", "deliver", "store")
WARRANT_TARGET = "Alice"  # the State's standing warrant covers Alice's conversations


@dataclass
class Journey:
    """One message in flight, filled in stage by stage."""

    run: Any  # the replay this message belongs to (run.Run); not imported: the runner imports the journey
    id: int
    sender: str
    recipients: tuple[str, ...]  # one person, or the members of a group chat
    text: bytes
    time: datetime
    tamper: bool = False
    addressees: list[tuple[str, bytes]] = field(default_factory=list)  # (name, public key) to lock for
    message_key: bytes | None = None  # end-to-end only: the key the content is locked under
    payload: bytes | None = None  # what the sender's app hands to the network
    received: bytes | None = None  # the payload as the recipient's app took it off the wire
    status: str = "sending"
    notices: list[Notice] = field(default_factory=list)
    hidden_notices: list[Notice] = field(default_factory=list)  # notices the Provider suppressed (ghost)
    transient: dict[str, list] = field(default_factory=dict)  # keys an app uses for this message, then forgets
    pending: list = field(default_factory=list)  # state changes to keep only if the message opens (ratchets)
    wire_size: int = 0  # bytes of the message on its way up to the Provider
    sender_sealed: bool = False  # sealed sender: the routing label leaves the sender out; the envelope names her
    handed_over: bool = False  # the Provider handed a copy to the State under the warrant
    delivered_to: list[str] = field(default_factory=list)  # recipients whose app accepted the message

    @property
    def recipient(self) -> str:
        """The recipient, or a group's members, in words ("Bob" or "Bob, Carol")."""
        return ", ".join(self.recipients)

    @property
    def group(self) -> bool:
        return len(self.recipients) > 1

    def involves(self, party: str) -> bool:
        return party == self.sender or party in self.recipients

    steps: list[Step] = field(default_factory=list)
    stopped: bool = False  # a stage or mechanism may stop the message (e.g. a warning that blocks it)

    def step(self, stage: str, actor: str, what: str, to: str | None = None, size: int = 0) -> None:
        self.steps.append(Step(stage, actor, what, to, size))

    def nonce(self, use: str, size: int = 24) -> bytes:
        return self.run.random.nonce(f"msg{self.id}/{use}", size)

    def text_frame(self) -> bytes:
        """The words as the apps lock them. Under sealed sender the sender's name goes in here, inside the
        end-to-end lock, where only those who can read the message see it."""
        if self.sender_sealed:
            return crypto.frame(kind="text", msg=self.id, text=self.text, sender=self.sender)
        return crypto.frame(kind="text", msg=self.id, text=self.text)

    def about(self, kind: str, **more: object) -> bytes:
        """A frame naming this message's sender, recipient and time, around the payload."""
        when = self.time.isoformat(timespec="minutes")
        return crypto.frame(kind=kind, msg=self.id, sender=self.sender, to=self.recipient, time=when, **more)

    def label(self, kind: str, **more: object) -> bytes:
        """Like ``about``, for what the Provider gets from the network (the routing label and what the
        Provider keeps or hands over of it): under sealed sender it does not name the sender."""
        when = self.time.isoformat(timespec="minutes")
        sender = None if self.sender_sealed else self.sender
        return crypto.frame(kind=kind, msg=self.id, sender=sender, to=self.recipient, time=when, **more)

    def sealed(self, plaintext: bytes, public: bytes, use: str) -> bytes:
        return crypto.seal(plaintext, public, self.nonce(f"{use}/ephemeral", 32), self.nonce(use))

    def packet(self, public: bytes, use: str, tamper: bool = False) -> bytes:
        """What one hop of the network carries, locked for that hop's receiver (``public``).

        The routing label (who, to whom, when) is always sealed for the hop. The payload is sealed for the
        hop too — unless it is already locked end-to-end: the model does not lock it a second time, so the
        wire shows the end-to-end bytes themselves (which name no one). ``tamper``: an active attacker flips
        one bit of the locked message on the way; its authentication tag will catch it.
        """
        body = self.payload if self.run.policy.end_to_end else self.sealed(self.payload, public, f"{use}/body")
        if tamper:
            body = crypto.flip_bit_in_content(body)
        return crypto.frame(kind="packet", route=self.sealed(self.label("route"), public, f"{use}/route"), body=body)


def compose(j: Journey) -> None:
    j.step("compose", j.sender, f"types a message ({len(j.text)} bytes)")


def client_checks(j: Journey) -> None:
    """Nothing by default: the place where client-side scanning would look at the text."""


def key_lookup(j: Journey) -> None:
    run = j.run
    if run.policy.end_to_end:
        j.addressees = [(member, run.lookup(j.sender, member)) for member in j.recipients]
        names = " and ".join(f"{member}'s" for member in j.recipients)
        j.step("key_lookup", j.sender, f"asks the directory for {names} key{'s' if j.group else ''}", PROVIDER)
        for member, public in j.addressees:
            j.step("key_lookup", PROVIDER, f"answers with {member}'s public key {public[:4].hex()}…", j.sender)
    else:
        j.addressees = []
        j.step("key_lookup", j.sender, "needs no key of the recipient's: only the Provider's connection key")


def encrypt(j: Journey) -> None:
    run = j.run
    if run.policy.end_to_end:
        publics = [public for _, public in j.addressees]
        nonces = [j.nonce("content")] + [j.nonce(f"slot{i}") for i in range(len(publics))]
        j.message_key = j.nonce("message-key", 32)
        j.payload = crypto.lock_for(j.text_frame(), run.identity(j.sender), publics, j.message_key, nonces)
        names = ", ".join(name for name, _ in j.addressees)
        j.step("encrypt", j.sender, f"locks the message end-to-end for {names} ({len(j.payload)} bytes)")
    else:
        j.payload = j.text_frame()
        j.step("encrypt", j.sender, "will lock the message for the Provider's servers only (transport encryption)")


def relay(j: Journey) -> None:
    run = j.run
    provider = run.identity(PROVIDER, "connection")
    uplink = j.packet(provider.public, "uplink")
    j.wire_size = len(uplink)
    run.give(ATTACKER, Record(j.id, "wire capture", f"{j.sender}'s phone → Provider", blob=uplink))
    j.step("relay", j.sender, "sends the locked message", PROVIDER, len(uplink))
    # The Provider's servers take off what is locked for them, with their own key: real decryption.
    packet = crypto.read_frame(uplink)
    route = crypto.read_frame(crypto.unseal(packet["route"], provider))
    j.payload = packet["body"] if run.policy.end_to_end else crypto.unseal(packet["body"], provider)
    meta = Metadata(j.id, route["sender"], route["to"], j.time, len(uplink))
    run.give(PROVIDER, Record(j.id, "metadata", "the Provider's log", meta=meta))
    stored = crypto.lock_secret(j.label("stored", body=j.payload), run.secret(PROVIDER, "storage"), j.nonce("store"))
    run.give(PROVIDER, Record(j.id, "server store", "the message as the Provider keeps it", blob=stored))
    # The warrant covers what the Provider can tell is the target's: it delivers to the recipients, and
    # knows the sender only if the label names one (a mechanism may find her another way: see escrow).
    if WARRANT_TARGET in (route["sender"], *route["to"].split(", ")):
        hand_over(j, sender_known=route["sender"] is not None)


def hand_over(j: Journey, sender_known: bool = True) -> None:
    """The Provider, under the warrant, hands the State a copy of the message as it holds it."""
    run = j.run
    frame = j.about if sender_known else j.label
    handover = j.sealed(frame("hand-over", size=j.wire_size, body=j.payload), run.directory[STATE], "handover")
    run.give(STATE, Record(j.id, "hand-over", "what the warrant made the Provider hand over", blob=handover))
    run.give(ATTACKER, Record(j.id, "wire capture", "Provider → State (warrant hand-over)", blob=handover))
    j.step("relay", PROVIDER, "hands a copy to the State (warrant)", STATE, len(handover))
    j.handed_over = True


def deliver(j: Journey) -> None:
    """The Provider delivers to each recipient; each recipient's app opens it, checks it, and shows it."""
    run = j.run
    for member in j.recipients:
        use = f"downlink/{member}" if j.group else "downlink"
        downlink = j.packet(run.directory[member], use, tamper=j.tamper)
        run.give(ATTACKER, Record(j.id, "wire capture", f"Provider → {member}'s phone", blob=downlink))
        j.step("deliver", PROVIDER, "delivers the locked message", member, len(downlink))
        opened = receive(j, member, downlink)
        if opened is None or (j.id, j.text.decode("utf-8")) not in opened.texts():
            reject(j, member, "tampering detected", "was altered on the way and was rejected (tampering detected)")
            continue
        problems = [problem for check in run.acceptance_checks if (problem := check(j, opened))]
        if problems:  # e.g. key escrow: a compliant app refuses a message without a valid field
            reject(j, member, "rejected", problems[0])
            continue
        j.delivered_to.append(member)
        j.step("deliver", member, "unlocks and shows the message")
    if len(j.delivered_to) == len(j.recipients):
        j.status = "delivered"


def receive(j: Journey, member: str, downlink: bytes) -> crypto.Opened | None:
    """``member``'s app: every layer must open with its own key, and an end-to-end message only with the
    sender's key from the directory (that authenticates the sender). Any failure: None, nothing is shown."""
    run, key = j.run, j.run.identity(member)
    try:
        packet = crypto.read_frame(downlink)
        crypto.read_frame(crypto.unseal(packet["route"], key))
        payload = packet["body"] if run.policy.end_to_end else crypto.unseal(packet["body"], key)
    except (crypto.Tampered, KeyError, TypeError):
        return None
    j.received = payload
    keys = run.keys[member] + j.transient.get(member, [])
    if not j.sender_sealed:
        opened = crypto.open_blob(payload, keys, [run.lookup(member, j.sender)])
        return None if opened.tampered or opened.locked else opened
    # Sealed sender: nothing outside the envelope says who wrote. The app tries the keys of everyone it
    # knows, reads the sender's name inside, and accepts only if that person's key opens it alone.
    known = [run.lookup(member, user) for user in run.users if user != member]
    opened = crypto.open_blob(payload, keys, known)
    claimed = {f.get("sender") for f in opened.frames if f.get("kind") == "text" and f.get("msg") == j.id}
    if opened.tampered or opened.locked or len(claimed) != 1 or (name := claimed.pop()) not in run.users:
        return None
    confirmed = crypto.open_blob(payload, keys, [run.lookup(member, name)])
    return None if confirmed.tampered or confirmed.locked else confirmed


def stop(j: Journey, status: str, party: str, why: str) -> None:
    """The sender's app stops the message before it leaves: the sender keeps it, unsent, and sees why."""
    j.stopped = True
    j.status = status
    j.notices.append(Notice(party, why))
    j.step(j.steps[-1].stage if j.steps else "compose", party, f"stops: {status}")
    keep_history(j, [j.sender])


def reject(j: Journey, member: str, status: str, why: str) -> None:
    """``member``'s app refuses the message: it discards the bytes and shows a warning instead."""
    j.status = status
    j.notices.append(Notice(member, f"a message from {j.sender} {why}"))
    j.step("deliver", member, f"refuses it: {status}")


def keepers(j: Journey) -> list[str]:
    """The phones that keep this message: the sender's, and each recipient's that accepted it."""
    return [j.sender, *j.delivered_to]


def store(j: Journey) -> None:
    keep_history(j, keepers(j))
    j.step("store", j.sender, "keeps the conversation on the phone, locked with a storage key")


def keep_history(j: Journey, keepers: list[str]) -> None:
    """Each keeper's phone stores the message in its chat history, locked with the phone's storage key."""
    run = j.run
    for party in keepers:
        history = crypto.lock_secret(j.text_frame(), run.secret(party, "storage"), j.nonce(f"history/{party}"))
        run.give(party, Record(j.id, "chat history", f"{party}'s phone, locked with its storage key", blob=history))


CORE = {name: globals()[name] for name in STAGES}


def travel(j: Journey, mechanisms: list) -> None:
    """Run every stage in order, with each active mechanism's hooks before and after it."""
    for stage in STAGES:
        for mechanism in mechanisms:
            getattr(mechanism, f"before_{stage}", _nothing)(j)
        if j.stopped:
            return
        CORE[stage](j)
        for mechanism in mechanisms:
            getattr(mechanism, f"after_{stage}", _nothing)(j)
        if j.stopped:
            return


def _nothing(_: Journey) -> None:
    pass
