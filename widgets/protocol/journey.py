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

    def packet(self, public: bytes, use: str, tamper: bool = False, downlink: bool = False) -> bytes:
        """What one hop of the network carries, locked for that hop's receiver (``public``).

        The routing label (who, to whom, when) is always sealed for the hop. The payload is sealed for the
        hop too — unless it is already locked end-to-end: the model does not lock it a second time, so the
        wire shows the end-to-end bytes themselves (which name no one). On the way down (``downlink``) the
        Provider seals with its own connection key, so the phone can tell the delivery comes from its servers.
        ``tamper``: an active attacker flips one bit of the locked message on the way; a tag will catch it.
        """
        provider = self.run.identity(PROVIDER, "connection") if downlink else None

        def hop(plaintext: bytes, part: str) -> bytes:
            if provider is not None:
                return crypto.seal_from(plaintext, provider, public, self.nonce(f"{use}/{part}"))
            return self.sealed(plaintext, public, f"{use}/{part}")

        body = self.payload if self.run.policy.end_to_end else hop(self.payload, "body")
        if tamper:
            body = crypto.flip_bit_in_content(body)
        return crypto.frame(kind="packet", route=hop(self.label("route"), "route"), body=body)


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
        signer = run.signing_key(j.sender).public if j.group else b""  # a group's slots carry the signature key
        j.payload = crypto.lock_for(j.text_frame(), run.identity(j.sender), publics, j.message_key, nonces, signer)
        names = ", ".join(name for name, _ in j.addressees)
        j.step("encrypt", j.sender, f"locks the message end-to-end for {names} ({len(j.payload)} bytes)")
    else:
        j.payload = j.text_frame()
        j.step("encrypt", j.sender, "will lock the message for the Provider's servers only (transport encryption)")


def authenticate(j: Journey) -> None:
    """The sender's app's last step before the message leaves: a MAC under the message's MAC key over both
    identity keys and the envelope (one recipient), or the sender's signature (a group) — after every
    mechanism has added its fields, so that the ratchet header and escrow field are covered too."""
    run = j.run
    if not run.policy.end_to_end or j.payload is None or j.message_key is None:
        return
    signing = run.signing_key(j.sender) if j.group else None
    recipient_public = None if j.group else j.addressees[0][1]
    j.payload = crypto.authenticate(j.payload, j.message_key, run.identity(j.sender).public, recipient_public, signing)
    j.step("relay", j.sender, "signs the message" if j.group else "adds its MAC (a tag only the two ends can make)")


def relay(j: Journey) -> None:
    run = j.run
    authenticate(j)
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
        downlink = j.packet(run.directory[member], use, tamper=j.tamper, downlink=True)
        run.give(ATTACKER, Record(j.id, "wire capture", f"Provider → {member}'s phone", blob=downlink))
        j.step("deliver", PROVIDER, "delivers the locked message", member, len(downlink))
        reception = receive(run, member, downlink)
        j.received = reception.payload
        if not reception.accepted:
            reject(j, member, "tampering detected", f"was rejected: {reception.reason} (tampering detected)")
            continue
        problems = [problem for check in run.acceptance_checks if (problem := check(j, reception.opened))]
        if problems:  # e.g. key escrow: a compliant app refuses a message without a valid field
            reject(j, member, "rejected", problems[0])
            continue
        reception.commit()
        if reception.opened.message_keys:
            run.inbox.setdefault(member, []).append((reception.payload, reception.opened.message_keys[0]))
        j.delivered_to.append(member)
        j.step("deliver", member, "unlocks and shows the message")
    if len(j.delivered_to) == len(j.recipients):
        j.status = "delivered"


@dataclass
class Reception:
    """What a recipient's app made of the bytes it took off the wire."""

    accepted: bool
    reason: str = ""  # why it was refused, in words
    payload: bytes | None = None  # the end-to-end envelope (or frame) inside the delivery
    opened: crypto.Opened | None = None
    sender: str | None = None  # who the app shows as the sender
    msg: int | None = None
    text: str | None = None
    commit: Any = None  # keep the ratchet state the message moved (call once it is accepted)


def _keep_nothing() -> None:
    pass


def receive(run: Any, member: str, downlink: bytes) -> Reception:
    """``member``'s app, deciding from the bytes it received alone (and the keys on the phone, and the
    public directory): the delivery must come sealed by the Provider's servers; an end-to-end message must
    open with a key on the phone as coming from the sender it names (its slot opens only with the sender's
    key from the directory, or its ratchet header — read from these bytes — gives the key), and its MAC
    (one recipient) or signature (a group) must check out. Nothing else is consulted."""
    key = run.identity(member)
    provider = run.directory[PROVIDER]
    try:
        packet = crypto.read_frame(downlink)
        if crypto.sealed_by(packet["route"]) != provider:
            return Reception(False, "it did not come from the Provider's servers")
        route = crypto.read_frame(crypto.unseal(packet["route"], key))
        payload = packet["body"]
        if not run.policy.end_to_end:
            if crypto.sealed_by(payload) != provider:
                return Reception(False, "it did not come from the Provider's servers")
            payload = crypto.unseal(payload, key)
    except (crypto.Tampered, KeyError, TypeError, IndexError):
        return Reception(False, "it was altered on the way")
    msg, claimed, to = route.get("msg"), route.get("sender"), route.get("to")
    members = to.split(", ") if isinstance(to, str) else []
    if not run.policy.end_to_end:  # only the Provider's word vouches for the sender
        opened = crypto.open_blob(payload, [])
        texts = [t for i, t in opened.texts() if i == msg]
        if not texts or opened.tampered:
            return Reception(False, "it was altered on the way", payload)
        return Reception(True, "", payload, opened, claimed, msg, texts[0], _keep_nothing)
    header = crypto.envelope(payload)
    if header is None:
        return Reception(False, "it was altered on the way", payload)
    # Sealed sender: the label names no one; the app tries each person it knows and reads the name inside.
    candidates = [claimed] if claimed is not None else [user for user in run.users if user != member]
    refusals = []
    for sender in candidates:
        if sender not in run.users or sender == member:
            refusals.append(f"{sender} is not someone this phone can hear from")
            continue
        found = _open_as_from(run, member, sender, payload, header, msg, members, sealed=claimed is None)
        if found.accepted:
            return found
        refusals.append(found.reason)
    telling = [why for why in refusals if not why.startswith(("no key on this phone", "no conversation"))]
    reason = refusals[0] if len(candidates) == 1 else (telling or ["no contact's key opens it as theirs"])[0]
    return Reception(False, reason, payload)


def _open_as_from(run, member, sender, payload, header, msg, members, sealed) -> Reception:
    extra, commit = [], _keep_nothing
    for source in run.receive_key_sources:  # e.g. the ratchet: keys from the header in these bytes
        keys, commit, refusal = source(run, member, sender, header, members)
        if refusal:
            return Reception(False, refusal, payload)
        extra += keys
    sender_public = run.lookup(member, sender)
    opened = crypto.open_blob(payload, run.keys[member] + extra, [sender_public])
    if opened.tampered:
        return Reception(False, "it was altered on the way", payload)
    if opened.locked or not opened.message_keys:
        return Reception(False, f"no key on this phone opens it as coming from {sender}", payload)
    texts = [f for f in opened.frames if f.get("kind") == "text" and f.get("msg") == msg]
    if len(texts) != 1 or (sealed and texts[0].get("sender") != sender):
        return Reception(False, "it is not the message its label announced", payload)
    if opened.signers:  # a group message: the slot carried the sender's signature key
        if not crypto.signature_valid(opened.signers[0], header):
            return Reception(False, f"its signature is not {sender}'s", payload)
    elif not crypto.mac_valid(opened.message_keys[0], sender_public, run.identity(member).public, header):
        return Reception(False, "its MAC does not check out", payload)
    try:
        text = texts[0]["text"].decode("utf-8")
    except (AttributeError, UnicodeDecodeError):
        return Reception(False, "it was altered on the way", payload)
    return Reception(True, "", payload, opened, sender, msg, text, commit)


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


def hooks(mechanisms: list) -> dict[str, list]:
    """Each stage's hooks ("before_relay": [...]) among ``mechanisms``, in their order: looked up once per
    replay rather than once per message."""
    found = {}
    for stage in STAGES:
        for when in ("before", "after"):
            name = f"{when}_{stage}"
            found[name] = [hook for m in mechanisms if (hook := getattr(m, name, None)) is not None]
    return found


def travel(j: Journey, mechanisms: list, by_stage: dict[str, list] | None = None) -> None:
    """Run every stage in order, with each active mechanism's hooks before and after it."""
    by_stage = by_stage if by_stage is not None else hooks(mechanisms)
    for stage in STAGES:
        for hook in by_stage[f"before_{stage}"]:
            hook(j)
        if j.stopped:
            return
        CORE[stage](j)
        for hook in by_stage[f"after_{stage}"]:
            hook(j)
        if j.stopped:
            return
