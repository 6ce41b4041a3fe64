"""One replay of the conversation under one policy: the parties, their keys, and what each comes to hold."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from .crypto import Key
from .holdings import PROVIDER, ROLES, STATE, Record
from .journey import Journey, hooks, travel
from .mechanisms import active
from .message import Message
from .policy import Policy
from .randomness import Randomness

START = datetime(2017, 3, 27, 9, 0)  # the Monday after the Marr interview; any date would do
MINUTES_APART = 4


class Run:
    """Holdings of every party under ``policy``, filled in as messages are sent."""

    def __init__(
        self, random: Randomness, policy: Policy, users: list[str], watchlist: tuple = (), origin: object = None
    ) -> None:
        self.random = random
        self.origin = origin  # the World this replay belongs to: its messages carry it
        self.policy = policy
        self.watchlist = watchlist  # fingerprints the scanning authority listed (used by client scanning)
        self.keys: dict[str, list[Key]] = {party: [] for party in ROLES}
        self.records: dict[str, list[Record]] = {party: [] for party in ROLES}
        self.by_message: dict[tuple[str, int], list[Record]] = {}  # (party, message id) → its records
        self._held: dict[str, set[Key]] = {}  # the same keys as ``keys``, for quick membership tests
        self._labelled: dict[tuple[str, str], Key] = {}
        # What each phone's app took in and the message key that opened it. Apps drop both once the words are
        # shown, so this is not in anyone's holdings; a malicious member could keep them (``forgery`` uses it).
        self.inbox: dict[str, list[tuple[bytes, bytes]]] = {}
        self.directory: dict[str, bytes] = {}  # the Provider's key directory: name → public key
        # What the directory answers an app that asks for someone's key is normally that person's entry; a
        # mechanism (interception) may add a rule (asker, name) → another key, or None for the real one.
        self.directory_rules: list = []
        self.signing_directory: dict[str, bytes] = {}  # name → Ed25519 signature public key
        self.signing_rules: list = []  # like directory_rules, for signing keys (interception lies about both)
        self.messages: list[Message] = []
        # State that mechanisms keep between messages (declared here so that every replay starts clean):
        self.sessions: dict = {}  # forward secrecy: (owner, peer) → ratchet session
        self.prekeys: dict = {}  # forward secrecy: user → current one-time prekey
        self.prekey_counts: dict[str, int] = {}
        self.signed_prekeys: dict = {}  # forward secrecy: user → (signed prekey, its signature)
        self.receive_key_sources: list = []  # (run, member, sender, envelope, members) → (keys, commit, refusal)
        self.interception_prekey_signature: bytes | None = None
        self.escrow_public: bytes | None = None  # key escrow: the agent's public key, built into the apps
        self.escrow_family_key: bytes | None = None
        self.interception_key = None  # interception: the key the lying directory hands out
        self.ghost_public: bytes | None = None
        self.report_public: bytes | None = None  # client scanning: where reports are sealed to
        self.implant_public: bytes | None = None
        self.handed_out: set[bytes] = set()  # every public key the directory has given an app
        self.acceptance_checks: list = []  # (journey, opened) → reason to refuse, run by the recipient's app
        self.version = 0  # bumped whenever anyone's holdings change (cache invalidation)
        self.make_own_key(PROVIDER, "x25519", "connection")  # servers' transport key
        self.make_own_key(PROVIDER, "secret", "storage")  # servers' key for stored messages
        self.make_own_key(STATE, "x25519", "hand-over")  # the key warrant returns are sealed to
        for user in users:
            self.add_user(user)
        self.mechanisms = active(policy)
        self.hooks = hooks(self.mechanisms)
        for mechanism in self.mechanisms:
            getattr(mechanism, "on_start", lambda run: None)(self)

    # --- parties and keys ---------------------------------------------------------------------

    @property
    def users(self) -> list[str]:
        """Everyone with a phone: the parties that are not the Provider, the State or the Attacker."""
        return [party for party in self.keys if party not in ROLES]

    def add_user(self, name: str) -> None:
        if name in self.keys:
            return
        self.keys[name], self.records[name] = [], []
        self.make_own_key(name, "x25519", "identity")
        self.make_own_key(name, "secret", "storage")
        signing = Key.ed25519(f"{name}'s signing key (private)", self.random.key(f"{name}/signing"))
        self.give_key(name, signing)
        self.signing_directory[name] = signing.public
        for mechanism in getattr(self, "mechanisms", ()):  # users who join later get what mechanisms add
            getattr(mechanism, "on_user", lambda run, name: None)(self, name)

    def make_own_key(self, party: str, kind: str, use: str, publish: bool = True) -> Key:
        """Make ``party``'s own key for ``use``; a published private key's public half goes in the directory."""
        secret = self.random.key(f"{party}/{use}")
        if kind == "x25519":
            key = Key.x25519(f"{party}'s {use} key (private)", secret)
            if publish:
                self.directory[party] = key.public
        else:
            key = Key.symmetric(f"{party}'s {use} key", secret)
        self.give_key(party, key)
        return key

    def lookup(self, asker: str, name: str) -> bytes:
        """The key the Provider's directory gives ``asker``'s app for ``name``."""
        for rule in self.directory_rules:
            answer = rule(asker, name)
            if answer is not None:
                self.handed_out.add(answer)
                return answer
        if name not in self.directory:
            raise ValueError(f"The directory has no key for {name!r}.")
        return self.directory[name]

    def lookup_signing(self, asker: str, name: str) -> bytes:
        """The signature public key the directory gives ``asker``'s app for ``name``."""
        for rule in self.signing_rules:
            answer = rule(asker, name)
            if answer is not None:
                return answer
        if name not in self.signing_directory:
            raise ValueError(f"The directory has no signing key for {name!r}.")
        return self.signing_directory[name]

    def signing_key(self, party: str) -> Key:
        return self._own(party, f"{party}'s signing key (private)")

    def identity(self, party: str, use: str = "identity") -> Key:
        """A party's own private key for ``use`` ("identity" for users, "connection" for the Provider)."""
        return self._own(party, f"{party}'s {use} key (private)")

    def secret(self, party: str, use: str) -> bytes:
        return self._own(party, f"{party}'s {use} key").secret

    def _own(self, party: str, label: str) -> Key:
        # Looked up by label in an index: the State's list of keys grows with every message it intercepts.
        key = self._labelled.get((party, label))
        if key is None or key not in self._held.get(party, ()):
            key = next(k for k in self.keys[party] if k.label == label)
            self._labelled[(party, label)] = key
        return key

    def give_key(self, party: str, key: Key) -> None:
        held = self._held.setdefault(party, set())
        if key not in held:
            held.add(key)
            self.keys[party].append(key)
            self.version += 1

    def take_key(self, party: str, key: Key) -> None:
        """``party`` deletes ``key`` (a used one-time key, say)."""
        self.keys[party] = [k for k in self.keys[party] if k != key]
        self._held.get(party, set()).discard(key)
        self.version += 1

    def give(self, party: str, record: Record) -> None:
        self.records[party].append(record)
        self.by_message.setdefault((party, record.msg), []).append(record)
        self.version += 1

    def compromise(self, party: str, thief: str) -> tuple[str, ...]:
        """Copy ``party``'s phone, as it is now, to ``thief``: its keys, its current chain keys, and the chat
        history stored on it (locked with the storage key, which the thief has too). Nothing else: bytes
        recorded on the wire in the past are not on the phone."""
        history = [r for r in self.records[party] if r.kind == "chat history"]
        for record in history:
            self.give(thief, replace(record, note=f"stolen from {party}'s phone: {record.note}"))
        taken = []
        for key in list(self.keys[party]):
            taken.append(replace(key, label=f"stolen from {party}'s phone: {key.label}"))
        for (owner, peer), session in self.sessions.items():
            if owner != party:
                continue
            for name, chain in (("sending", session.send_chain), ("receiving", session.receive_chain)):
                if chain is not None:
                    taken.append(Key(f"stolen from {party}'s phone: {name} chain key with {peer}", "chain", chain))
        for key in taken:
            self.give_key(thief, key)
        count = f"{len(history)} stored message{'' if len(history) == 1 else 's'}"
        stored = f"stolen from {party}'s phone: its chat history ({count})"
        return (*(k.label for k in taken), stored)

    # --- sending ------------------------------------------------------------------------------

    def send(
        self, sender: str, recipients: tuple[str, ...], text: bytes, tamper: bool, at: datetime | None = None
    ) -> Message:
        for name in (sender, *recipients):
            self.add_user(name)
        msg_id = len(self.messages) + 1
        time = at if at is not None else START + timedelta(minutes=MINUTES_APART * (msg_id - 1))
        journey = Journey(self, msg_id, sender, recipients, text, time, tamper)
        travel(journey, self.mechanisms, self.hooks)
        for mechanism in self.mechanisms:
            getattr(mechanism, "after_message", lambda run, j: None)(self, journey)
        message = Message(
            id=msg_id,
            sender=sender,
            recipient=journey.recipient,
            text=text.decode("utf-8"),
            time=time,
            status=journey.status,
            size=journey.wire_size,
            warnings=tuple(journey.notices),
            hidden=tuple(journey.hidden_notices),
            steps=tuple(journey.steps),
            recipients=recipients,
            world=self.origin,
        )
        self.messages.append(message)
        return message
