"""Forward secrecy (``forward_secrecy``): message keys come from each conversation's Double Ratchet
(``widgets.protocol.ratchet``) instead of being wrapped for long-term identity keys.

Hooks: after *encrypt*, the sender's app advances its session (starting one X3DH-style if there is none),
locks the content under the fresh message key, and sends the ratchet header in place of a key slot (extra
members, such as a ghost, still get a slot wrapping the key). Before *deliver*, the recipient's app works
out the same key on a trial copy of its session; after *deliver*, it keeps that copy only if the message
opened (as the specification says), and forgets the key. So nobody keeps a key that opens past messages: a
phone stolen later gives its thief only the current chain keys (``World.compromise``). Interception under
forward secrecy runs two sessions through the State, one for each identity it poses as (``send_key`` and
``receive_key`` are shared with ``mechanisms.interception``).
"""

from __future__ import annotations

import msgpack
from nacl.secret import SecretBox

from .. import crypto
from ..crypto import Key
from ..holdings import ROLES
from ..ratchet import (
    decrypt_step,
    encrypt_step,
    start_as_initiator,
    start_as_responder,
    trial_copy,
    x3dh_initiator,
    x3dh_responder,
)


class ForwardSecrecy:
    switch = "forward_secrecy"

    def on_start(self, run) -> None:
        for party in list(run.keys):
            if party not in ROLES:
                new_prekey(run, party)

    def on_user(self, run, name: str) -> None:
        new_prekey(run, name)

    def after_encrypt(self, j) -> None:
        run = j.run
        if not run.policy.end_to_end or j.payload is None:
            return
        me = run.identity(j.sender)
        if j.group:
            j.message_key = j.nonce("group-message-key", 32)
            j.payload = group_envelope(j, me, j.message_key)
        else:
            peer, peer_identity = j.addressees[0]
            header, message_key = send_key(run, j.sender, me, peer, peer_identity, prekey_for(run, j.sender, peer), j)
            j.message_key = message_key
            j.payload = ratchet_envelope(j, me, header, message_key)
        j.step("encrypt", j.sender, f"advances its ratchet: a fresh key for this message only ({len(j.payload)} bytes)")

    def before_deliver(self, j) -> None:
        run = j.run
        headers = ratchet_headers(j.payload, len(j.recipients))
        if headers is None:
            return
        for member, header in zip(j.recipients, headers, strict=True):
            me, prekey = run.identity(member), run.prekeys.get(member)
            peer_identity = run.lookup(member, j.sender)
            message_key, commit = receive_key(run, member, me, prekey, j.sender, peer_identity, header, j)
            if message_key is not None:
                key = Key(f"{member}'s key for message {j.id}", "message", message_key)
                j.transient.setdefault(member, []).append(key)
                j.pending.append((member, commit))

    def after_deliver(self, j) -> None:
        for member, commit in j.pending:
            if member in j.delivered_to:
                commit()
        j.pending.clear()


def new_prekey(run, name: str) -> Key:
    """A one-time prekey for ``name``: its private half on the phone, its public half with the Provider."""
    old = run.prekeys.get(name)
    if old is not None:
        run.take_key(name, old)  # used once, then deleted: nothing left to open the first messages with
    number = run.prekey_counts.get(name, 0) + 1
    run.prekey_counts[name] = number
    key = Key.x25519(f"{name}'s one-time prekey #{number} (private)", run.random.key(f"{name}/prekey/{number}"))
    run.prekeys[name] = key
    run.give_key(name, key)
    return key


def prekey_for(run, asker: str, name: str) -> bytes:
    """The prekey the directory gives ``asker`` for ``name`` (under interception, the State's key)."""
    given = run.lookup(asker, name)
    return given if given != run.directory.get(name) else run.prekeys[name].public


def ratchet_key(run, owner: str, peer: str, step: int) -> Key:
    return Key.x25519(f"{owner}'s ratchet key with {peer}", run.random.nonce(f"ratchet/{owner}/{peer}/{step}", 32))


def send_key(run, owner: str, identity: Key, peer: str, peer_identity: bytes, peer_prekey: bytes, j):
    """Advance ``owner``'s session with ``peer`` (starting one if needed): (header, message key)."""
    session = run.sessions.get((owner, peer))
    if session is None:
        ephemeral = Key.x25519("ephemeral", j.nonce(f"x3dh/{owner}/{peer}/ephemeral", 32))
        shared = x3dh_initiator(identity, ephemeral, peer_identity, peer_prekey)
        session = start_as_initiator(shared, ratchet_key(run, owner, peer, 0), peer_prekey)
        # The ephemeral private key is dropped here; its public half rides on every message until a reply
        # shows that the other side has started the session (as X3DH's initial message does in Signal).
        session.announce = {"ek": ephemeral.public}
        run.sessions[(owner, peer)] = session
    return encrypt_step(session)


def receive_key(run, owner: str, identity: Key, prekey: Key | None, peer: str, peer_identity: bytes, header, j):
    """Work out the key of the message ``header`` announces, on a trial copy of ``owner``'s session with
    ``peer``: (message key or None, ``commit`` — call it once the message has opened, to keep the copy)."""
    existing = run.sessions.get((owner, peer))
    starting = existing is None
    if starting:
        if not isinstance(header.get("ek"), bytes):
            return None, lambda: None
        mine = prekey if prekey is not None else identity  # the State, in the middle, answers with one key
        session = start_as_responder(x3dh_responder(identity, mine, peer_identity, header["ek"]), mine)
    else:
        session = trial_copy(existing)
    try:
        message_key = decrypt_step(session, header, lambda step: ratchet_key(run, owner, peer, step))
    except (KeyError, TypeError, ValueError):
        return None, lambda: None

    def commit() -> None:
        run.sessions[(owner, peer)] = session
        if starting and prekey is not None:
            new_prekey(run, owner)

    return message_key, commit


def ratchet_envelope(j, sender: Key, header: dict, message_key: bytes) -> bytes:
    """The end-to-end blob of a one-to-one message under forward secrecy: the ratchet header, the content,
    and a slot wrapping the message key for each extra member (a ghost, say)."""
    slots = [
        crypto.wrap_key(sender, public, message_key, j.nonce(f"ratchet-slot{i}"))
        for i, (_, public) in enumerate(j.addressees[len(j.recipients) :])
    ]
    body = bytes(SecretBox(message_key).encrypt(j.text_frame(), j.nonce("ratchet-content")))
    return bytes([crypto.SLOTS]) + msgpack.packb({"slots": slots, "ratchet": header, "body": body})


def group_envelope(j, sender: Key, message_key: bytes) -> bytes:
    """A group message under forward secrecy: one message key for the content, wrapped for each member under
    a key from that member's own ratchet session (whose header travels alongside), plus a plain slot for
    each extra member (a ghost, say)."""
    run = j.run
    members = j.addressees[: len(j.recipients)]
    headers, slots = [], []
    for i, (peer, peer_identity) in enumerate(members):
        header, member_key = send_key(run, j.sender, sender, peer, peer_identity, prekey_for(run, j.sender, peer), j)
        headers.append(header)
        slots.append(bytes(SecretBox(member_key).encrypt(message_key, j.nonce(f"group-slot{i}"))))
    slots += [
        crypto.wrap_key(sender, public, message_key, j.nonce(f"group-extra-slot{i}"))
        for i, (_, public) in enumerate(j.addressees[len(j.recipients) :])
    ]
    body = bytes(SecretBox(message_key).encrypt(j.text_frame(), j.nonce("ratchet-content")))
    return bytes([crypto.SLOTS]) + msgpack.packb({"slots": slots, "ratchets": headers, "body": body})


def ratchet_headers(blob: bytes | None, members: int) -> list[dict] | None:
    """The ratchet header for each recipient: the one of a one-to-one message, or each of a group's."""
    single = ratchet_header(blob)
    if single is not None:
        return [single]
    try:
        headers = msgpack.unpackb(blob[1:]).get("ratchets") if blob and blob[0] == crypto.SLOTS else None
    except (ValueError, TypeError, AttributeError, msgpack.UnpackException):
        return None
    if isinstance(headers, list) and len(headers) == members and all(isinstance(h, dict) for h in headers):
        return headers
    return None


def ratchet_header(blob: bytes | None) -> dict | None:
    if not blob or blob[0] != crypto.SLOTS:
        return None
    try:
        header = msgpack.unpackb(blob[1:]).get("ratchet")
    except (ValueError, TypeError, AttributeError, msgpack.UnpackException):
        return None
    return header if isinstance(header, dict) else None
