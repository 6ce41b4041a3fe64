"""The World: the course's one entry point to the model (see docs/architecture.md, "The model's public face")."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from .crypto import open_blob
from .forgery import forge
from .fuzzy_hash import fingerprint
from .holdings import ATTACKER, PROVIDER, ROLES, STATE, Holdings
from .message import Message, MessageRefused, check_text
from .policy import Policy
from .randomness import Randomness
from .run import Run

ACCESS_LEVELS = ("can read", "metadata only", "ciphertext only", "nothing")
MAX_NAME = 20
# A group chat here has at most this many recipients. Every party that holds a group message tries each of its
# keys with each public key on each slot, as someone who does not know which slot is theirs must, so the cost
# grows with the square of the group: 100 recipients take about 0.1-0.3 s to send and as long for readers()
# (about 1 s to send the first message under forward secrecy, which starts a session with each member); 1,000
# took 4 s and 8 s (tests/benchmarks/bench_groups.py). Real apps address each member's copy, so this cap is
# the model's, not the protocol's.
MAX_GROUP = 100
REPLAYS_KEPT = 32  # replays kept per world, by policy, while nothing new is sent (a toggle back is instant)


@dataclass(frozen=True)
class Learned:
    """What one party gets about one message by decrypting what it holds: the level in words, the text if
    it can read it, and who wrote to whom and when if it can tell (None where it cannot)."""

    level: str
    text: str | None = None
    sender: str | None = None
    recipient: str | None = None
    time: str | None = None


@dataclass(frozen=True)
class WatchItem:
    """One entry of the scanning authority's list: a label and the fuzzy fingerprint of the listed text.
    Apps receive the label and the fingerprint. Give a (label, text) pair to keep the text itself off the
    list; a bare text becomes its own (shortened) label."""

    label: str
    fingerprint: int


@dataclass(frozen=True)
class _Sent:
    sender: str
    recipients: tuple[str, ...]
    text: bytes
    tamper: bool
    at: datetime | None = None


@dataclass(frozen=True)
class _Compromise:
    party: str
    thief: str


class World:
    """Alice, Bob, the Provider, the State and the Attacker, exchanging messages with real cryptography.

    ``seed`` makes keys and nonces reproducible (a teaching device: real apps never fix a nonce);
    ``seed=None`` uses fresh randomness. Setting ``policy`` replays the whole conversation under it.
    """

    def __init__(self, seed: int | None = None, policy: Policy | None = None) -> None:
        self._origin = object()  # a token its messages carry, so a message from another world is refused
        self._random = Randomness(seed)
        self._policy = _check_policy(policy if policy is not None else Policy())
        self._sent: list[_Sent | _Compromise] = []  # what happened, in order: replayed on a policy change
        self._users = ["Alice", "Bob"]
        self._watchlist: tuple[WatchItem, ...] = ()
        self._replay()

    def __repr__(self) -> str:
        on = ", ".join(f"{name}={getattr(self._policy, name)}" for name in self._policy.on()) or "default"
        return f"World(seed={self._random.seed}, policy: {on}, {len(self.messages)} message(s))"

    # --- policy -------------------------------------------------------------------------------

    @property
    def policy(self) -> Policy:
        return self._policy

    @policy.setter
    def policy(self, policy: Policy) -> None:
        self._policy = _check_policy(policy)
        self._replay()

    def _replay(self) -> None:
        """Send every message again, from scratch, under the current policy — or go back to the replay made
        under this policy before, if nothing has happened since (switching back and forth costs nothing)."""
        key = (self._policy, len(self._sent), self._watchlist)
        cached = self._replays.pop(key, None) if hasattr(self, "_replays") else None
        if not hasattr(self, "_replays"):
            self._replays: dict = {}
        if cached is not None:
            self._run, self._cache = cached
            self._replays[key] = cached  # most recently used last
            return
        self._run = Run(self._random, self._policy, self._users, self._watchlist, origin=self._origin)
        self._cache: dict[tuple[str, int], tuple[int, object]] = {}
        self._replays[key] = (self._run, self._cache)
        while len(self._replays) > REPLAYS_KEPT:
            del self._replays[next(iter(self._replays))]
        for event in self._sent:
            if isinstance(event, _Compromise):
                self._run.compromise(event.party, event.thief)
            else:
                self._run.send(event.sender, event.recipients, event.text, event.tamper, event.at)

    def _keep_only_current_replay(self) -> None:
        """Something happened: replays under other policies no longer hold the whole conversation."""
        self._replays = {(self._policy, len(self._sent), self._watchlist): (self._run, self._cache)}

    @property
    def watchlist(self) -> tuple[WatchItem, ...]:
        """The list client-side scanning checks against, as the apps hold it: labels and fingerprints."""
        return self._watchlist

    @watchlist.setter
    def watchlist(self, items) -> None:
        """Set the list from texts, (label, text) pairs or WatchItems; the conversation is replayed."""
        if not isinstance(items, (list, tuple)):
            raise ValueError(
                "world.watchlist must be a list of texts, e.g. ['take up arms'], not "
                f"{type(items).__name__} {shorten_label(repr(items))}"
            )
        listed = []
        for item in items:
            if isinstance(item, WatchItem):
                listed.append(item)
            elif isinstance(item, str) and item.strip():
                listed.append(WatchItem(shorten_label(item), fingerprint(item)))
            elif isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
                listed.append(WatchItem(item[0], fingerprint(item[1])))
            else:
                raise ValueError(f"A watchlist entry must be a text or a (label, text) pair, not {item!r}")
        self._watchlist = tuple(listed)
        self._replay()

    # --- sending ------------------------------------------------------------------------------

    def send(
        self,
        sender: str,
        recipient: str | tuple[str, ...],
        text: str,
        *,
        tamper: bool = False,
        at: datetime | None = None,
    ) -> Message:
        """Send ``text`` now, through every stage of the journey; return the Message as it ended.

        ``recipient`` is one user, or several (a group chat: ``("Bob", "Carol")``).
        Raises MessageRefused (a ValueError) with a plain explanation when the app would not send it.
        ``tamper=True`` has an attacker on the wire flip one bit on the way to each recipient.
        ``at``: when it is sent (a datetime); by default the model's clock, a few minutes after the last one.
        """
        if not isinstance(tamper, bool):
            raise MessageRefused(f"tamper must be True or False, not {tamper!r}.")
        _check_user(sender, "sender", self._users)
        recipients = _recipients(recipient, self._users)
        if sender in recipients:
            raise MessageRefused(f"{sender} cannot send a message to themselves here; choose another recipient.")
        data = check_text(text)
        if at is not None and not isinstance(at, datetime):
            raise MessageRefused(f"The time of a message must be a datetime, e.g. datetime(2017, 3, 27, 9), not {at!r}")
        for name in (sender, *recipients):
            if name not in self._users:
                self._users.append(name)
        sent = _Sent(sender, recipients, data, bool(tamper), at)
        message = self._run.send(sent.sender, sent.recipients, sent.text, sent.tamper, sent.at)
        self._sent.append(sent)  # only once it went through, so a replay never repeats a failure
        self._keep_only_current_replay()
        return message

    def compromise(self, party: str, by: str = ATTACKER) -> tuple[str, ...]:
        """Hand ``by`` (the Attacker, or the State) ``party``'s phone as it is now: its keys (identity,
        storage, signing and, under forward secrecy, prekeys and current chain keys) and the chat history
        stored on it, which the storage key opens. Returns what was taken, in words. Recorded wire traffic
        opens to the thief only if those keys open it; later messages too, until the ratchet moves on; and with
        the identity key the thief can write as ``party`` (``forge``). (The thief here steps stolen chain
        keys forward but does not follow the next Diffie–Hellman step with the stolen ratchet key, so it loses
        the thread one reply sooner than a real thief could; nor does it answer a new session with the stolen
        identity and prekey, so it misses the first message of a conversation begun after the theft.)"""
        if party not in self._users:
            raise ValueError(f"Only a user's phone can be taken here ({', '.join(self._users)}), not {party!r}.")
        if by not in (ATTACKER, STATE):
            raise ValueError(f"The thief must be the Attacker or the State, not {by!r}.")
        taken = self._run.compromise(party, by)
        self._sent.append(_Compromise(party, by))
        self._keep_only_current_replay()
        return taken

    def forge(self, by: str, sender: str, recipient: str, text: str) -> Message:
        """``by`` tries, with only what it holds, to get ``recipient``'s app to accept ``text`` as a message
        from ``sender`` (``protocol.forgery`` says how it tries). Returns a Message whose status is
        "accepted as from …" or "rejected: …" with the app's reason. An experiment: the world is unchanged."""
        self._check_party(by)
        _check_user(sender, "claimed sender", self._users)
        _check_user(recipient, "recipient", self._users)
        for name in (sender, recipient):
            if name not in self._users:
                raise ValueError(f"{name} has no phone in this world yet; the users are {', '.join(self._users)}.")
        if by == sender:
            raise ValueError(f"{by} writing as {by} is not a forgery: use world.send.")
        if by == recipient:
            raise ValueError(f"{by} would only be fooling its own phone; choose another recipient.")
        if sender == recipient:
            raise ValueError("The claimed sender and the recipient must be two different users.")
        return forge(self._run, by, sender, recipient, check_text(text))

    def who_can_write(self, sender: str = "Alice", recipient: str = "Bob", text: str = "Send me the codes") -> dict:
        """For every other party: the Message ``forge`` gives when it tries to write to ``recipient`` as
        ``sender`` — by experiment, one attempt each."""
        return {
            party: self.forge(party, sender, recipient, text)
            for party in self.parties
            if party not in (sender, recipient)
        }

    @property
    def messages(self) -> tuple[Message, ...]:
        """Every message sent so far, as it went under the current policy."""
        return tuple(self._run.messages)

    @property
    def users(self) -> tuple[str, ...]:
        return tuple(self._users)

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(self._users) + ROLES

    def lookup(self, asker: str, name: str) -> bytes:
        """The public key the Provider's directory gives ``asker``'s app for ``name`` — under an
        interception order, not necessarily ``name``'s real key (``world.directory[name]``)."""
        self._check_party(asker)
        self._check_party(name)
        return self._run.lookup(asker, name)

    @property
    def directory(self) -> dict[str, bytes]:
        """The Provider's key directory as anyone can query it: name → public key."""
        return dict(self._run.directory)

    # --- who holds and reads what -------------------------------------------------------------

    def holdings(self, party: str) -> Holdings:
        """Everything ``party`` holds now: keys, blobs and metadata. Print it to see it."""
        self._check_party(party)
        return Holdings(party, tuple(self._run.keys[party]), tuple(self._run.records[party]))

    def read_as(self, party: str, message: Message | int) -> str | None:
        """The plaintext if decrypting what ``party`` holds gives it back, else None."""
        return self.learned(party, message).text

    def readers(self, message: Message | int) -> frozenset[str]:
        """Every party for whom real decryption of what it holds gives the plaintext back."""
        msg = self._message(message)
        return frozenset(p for p in self.parties if self.read_as(p, msg) == msg.text)

    def access(self, party: str, message: Message | int) -> str:
        """In words: "can read", "metadata only", "ciphertext only" or "nothing"."""
        return self.learned(party, message).level

    def table(self) -> list[dict[str, str]]:
        """One row per message: {"message": "#1 Alice → Bob", party: access level, …}."""
        return [
            {"message": f"#{m.id} {m.sender} → {m.recipient}", **{p: self.access(p, m) for p in self.parties}}
            for m in self.messages
        ]

    def learned(self, party: str, message: Message | int) -> Learned:
        """Everything ``party`` gets about ``message`` by trying every key it holds on every byte it holds."""
        self._check_party(party)
        msg = self._message(message)
        cached = self._cache.get((party, msg.id))
        if cached and cached[0] == self._run.version:
            return cached[1]
        keys = self._run.keys[party]
        # Public keys are public: anyone may use the directory's, and those it has handed out.
        publics = list(self._run.directory.values()) + sorted(self._run.handed_out - set(self._run.directory.values()))
        text, route, has_blob = None, {}, False
        for record in self._run.by_message.get((party, msg.id), ()):
            if record.meta is not None:
                meta = record.meta
                route = {"sender": meta.sender, "to": meta.recipient, "time": meta.time.isoformat(timespec="minutes")}
                continue
            has_blob = True
            for frame in open_blob(record.blob, keys, publics).frames:
                if frame.get("msg") != msg.id:
                    continue
                if frame.get("kind") == "text" and isinstance(frame.get("text"), bytes):
                    text = frame["text"].decode("utf-8", errors="replace")
                    if frame.get("sender") and not route.get("sender"):  # sealed sender: named inside
                        route = {**route, "sender": frame["sender"]}
                elif "sender" in frame:
                    route = {k: frame.get(k) for k in ("sender", "to", "time")}
        if text is not None:
            level = "can read"
        elif route:
            level = "metadata only"
        elif has_blob:
            level = "ciphertext only"
        else:
            level = "nothing"
        result = Learned(level, text, route.get("sender"), route.get("to"), route.get("time"))
        self._cache[(party, msg.id)] = (self._run.version, result)
        return result

    def read_from(self, party: str, message: Message | int) -> tuple[str, ...]:
        """The kinds of record (e.g. "chat history", "wire capture") whose decryption, with the keys ``party``
        holds, gives ``message``'s words back: where a reader's access comes from."""
        self._check_party(party)
        msg = self._message(message)
        keys, publics = self._run.keys[party], self._publics()
        kinds = []
        for record in self._run.by_message.get((party, msg.id), ()):
            if record.blob is None or record.kind in kinds:
                continue
            if any(i == msg.id and t == msg.text for i, t in open_blob(record.blob, keys, publics).texts()):
                kinds.append(record.kind)
        return tuple(kinds)

    def _publics(self) -> list[bytes]:
        return list(self._run.directory.values()) + sorted(self._run.handed_out - set(self._run.directory.values()))

    def _message(self, message: Message | int) -> Message:
        if isinstance(message, Message) and message.world is not self._origin:
            # A message from another world is accepted only where this world sent the same one (the same
            # conversation compared under two policies); otherwise the answer would be about another message.
            mine = self._run.messages[message.id - 1] if 1 <= message.id <= len(self._run.messages) else None
            same = mine is not None and (mine.sender, mine.recipients, mine.text) == (
                message.sender,
                message.recipients,
                message.text,
            )
            if not same:
                raise ValueError(
                    f"Message #{message.id} ({message.sender} → {message.recipient}) was sent in another world, "
                    "and this world has no such message; ask the world it was sent in."
                )
        msg_id = message.id if isinstance(message, Message) else message
        if isinstance(msg_id, bool) or not isinstance(msg_id, int) or not 1 <= msg_id <= len(self._run.messages):
            raise ValueError(f"There is no message {message!r} in this world (it has {len(self.messages)}).")
        return self._run.messages[msg_id - 1]

    def _check_party(self, party: str) -> None:
        if party not in self.parties:
            raise ValueError(f"There is no party called {party!r} here; the parties are {', '.join(self.parties)}.")


def shorten_label(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_policy(policy: object) -> Policy:
    if not isinstance(policy, Policy):
        raise ValueError(f"world.policy must be a Policy(...), not {policy!r}")
    return policy


def _recipients(recipient: object, users=()) -> tuple[str, ...]:
    """One recipient, or the members of a group chat, checked and without repeats."""
    names = (
        (recipient,)
        if isinstance(recipient, str)
        else tuple(recipient)
        if isinstance(recipient, (list, tuple))
        else (recipient,)
    )
    if not names:
        raise MessageRefused("A message needs at least one recipient.")
    unique = tuple(dict.fromkeys(names))
    if len(unique) > MAX_GROUP:
        raise MessageRefused(
            f"A group chat here has at most {MAX_GROUP} recipients, not {len(unique):,}: the model tries every "
            "key on every slot of a group message, which grows with the square of its size."
        )
    known = list(users)
    for name in unique:
        _check_user(name, "recipient", known)
        known.append(name)
    return unique


def _check_user(name: object, role: str, users=()) -> None:
    """A user's name: one word of letters in any script, at most ``MAX_NAME`` long, that is not a look-alike
    of a name already in use (Cyrillic "Аlice" beside Latin "Alice")."""
    if not isinstance(name, str) or not name.isalpha() or len(name) > MAX_NAME:
        raise MessageRefused(
            f"The {role} must be a user's name: one word of letters (any script), such as 'Alice', 'Zoë' or "
            f"'Ярослава', at most {MAX_NAME} letters, not {name!r}."
        )
    if name in (PROVIDER, STATE, ATTACKER):
        raise MessageRefused(f"Only users send and receive messages here; {name} is not a user.")
    if name in users:
        return
    scripts = scripts_of(name)
    if len(scripts) > 1:
        raise MessageRefused(
            f"The name {name!r} mixes {' and '.join(sorted(scripts))} letters, as look-alike names made to "
            "impersonate someone do; write it in one script."
        )
    twin = next((user for user in users if skeleton(user) == skeleton(name)), None)
    if twin is not None:
        raise MessageRefused(
            f"The name {name!r} looks like {twin!r}, who is already here, but is spelt with other letters; "
            "choose a name that cannot be mistaken for theirs."
        )


# Letters that look like Latin ones (Unicode's confusables, the common cases): a name is compared with the
# names in use after these are folded, so "Аlice" (Cyrillic А) is caught beside "Alice".
_LOOK_ALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕӏІЈЅԁԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧΖοιν",
    "ABEKMHOPCTXaeopcyxijslIJSdqwABEZHIKMNOPTYXZoiv",
)


def skeleton(name: str) -> str:
    """``name`` folded for comparison: NFKC, look-alike letters to Latin, case folded, I and l alike."""
    return unicodedata.normalize("NFKC", name).translate(_LOOK_ALIKES).casefold().replace("i", "l")


def scripts_of(name: str) -> set[str]:
    """The scripts of ``name``'s letters, from their Unicode names ("LATIN", "CYRILLIC", …)."""
    scripts = {unicodedata.name(ch, "UNKNOWN").split(" ")[0] for ch in name}
    return {"CJK" if script in ("HIRAGANA", "KATAKANA") else script for script in scripts}  # Japanese mixes them
