"""Forward secrecy (``forward_secrecy``): message keys come from each conversation's Double Ratchet
(``widgets.protocol.ratchet``) instead of being wrapped for long-term identity keys.

Each user publishes a prekey bundle: a signed prekey (its signature made with the user's Ed25519 signing key)
and a one-time prekey. After *encrypt*, the sender's app advances its session — starting one with X3DH if
there is none, after checking the signed prekey's signature — locks the content under the fresh message key,
and sends the ratchet header in place of a key slot (extra members, such as a ghost, still get a slot). The
recipient's app works out the same key from the header *it received* (``receive_keys``, called by
``journey.receive``) on a trial copy of its session, and keeps the copy only if the message opened and its
MAC checked (as the specification says); the header is covered by the MAC as associated data. So nobody keeps
a key that opens past messages: a phone stolen later gives its thief only the current chain keys and the
history stored on it (``World.compromise``). Interception under forward secrecy runs two sessions through the
State, one for each identity it poses as (``send_key`` and ``receive_key`` are shared with
``mechanisms.interception``).
"""

from __future__ import annotations

from nacl.exceptions import BadSignatureError
from nacl.secret import SecretBox
from nacl.signing import SigningKey, VerifyKey

from .. import crypto
from ..crypto import Key
from ..holdings import ROLES
from ..ratchet import (
    RatchetRefused,
    decrypt_step,
    encrypt_step,
    start_as_initiator,
    start_as_responder,
    trial_copy,
    x3dh_initiator,
    x3dh_responder,
)

KEY_PREFIX = b"\x05"  # Signal serialises a Curve25519 public key with a type byte; the signature covers it


class ForwardSecrecy:
    switch = "forward_secrecy"

    def on_start(self, run) -> None:
        for party in list(run.keys):
            if party not in ROLES:
                self.on_user(run, party)
        run.receive_key_sources.append(receive_keys)

    def on_user(self, run, name: str) -> None:
        signed = Key.x25519(f"{name}'s signed prekey (private)", run.random.key(f"{name}/signed prekey"))
        run.give_key(name, signed)
        run.signed_prekeys[name] = (signed, sign_prekey(run.signing_key(name), signed.public))
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
            header, message_key = send_key(run, j.sender, me, peer, peer_identity, bundle(run, j.sender, peer), j)
            j.message_key = message_key
            j.payload = ratchet_envelope(j, me, header, message_key)
        j.step("encrypt", j.sender, f"advances its ratchet: a fresh key for this message only ({len(j.payload)} bytes)")


def sign_prekey(signing: Key, public: bytes) -> bytes:
    return bytes(SigningKey(signing.secret).sign(KEY_PREFIX + public).signature)


def prekey_signature_valid(signing_public: bytes, public: bytes, signature: bytes) -> bool:
    try:
        VerifyKey(signing_public).verify(KEY_PREFIX + public, signature)
        return True
    except (BadSignatureError, ValueError, TypeError):
        return False


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


def bundle(run, asker: str, name: str) -> dict:
    """The prekey bundle the directory gives ``asker`` for ``name``: identity key, signed prekey and its
    signature, one-time prekey, and the signing key that checks the signature. Under interception the
    State's own bundle, signed with the State's signing key (the lying directory hands out both)."""
    identity = run.lookup(asker, name)
    signing = run.lookup_signing(asker, name)
    if identity != run.directory.get(name):  # the directory lied: the State answers with its own bundle
        key = run.interception_key
        return {"identity": identity, "spk": key.public, "sig": run.interception_prekey_signature, "signing": signing}
    signed, signature = run.signed_prekeys[name]
    return {
        "identity": identity,
        "spk": signed.public,
        "sig": signature,
        "opk": run.prekeys[name].public,
        "signing": signing,
    }


def ratchet_key(run, owner: str, peer: str, step: int) -> Key:
    return Key.x25519(f"{owner}'s ratchet key with {peer}", run.random.nonce(f"ratchet/{owner}/{peer}/{step}", 32))


def send_key(run, owner: str, identity: Key, peer: str, peer_identity: bytes, their: dict, j, fresh: bool = False):
    """Advance ``owner``'s session with ``peer`` (starting one with X3DH if needed, or if ``fresh``):
    (header, message key). Raises ``RatchetRefused`` if the bundle's signed prekey is not signed."""
    session = None if fresh else run.sessions.get((owner, peer))
    if session is None:
        if not prekey_signature_valid(their["signing"], their["spk"], their["sig"]):
            raise RatchetRefused(f"{peer}'s signed prekey does not carry a valid signature")
        base = Key.x25519("base", j.nonce(f"x3dh/{owner}/{peer}/base", 32))
        root, _ = x3dh_initiator(identity, base, peer_identity, their["spk"], their.get("opk"))
        session = start_as_initiator(root, ratchet_key(run, owner, peer, 0), their["spk"])
        # The base private key is dropped here; its public half rides on every message until a reply shows
        # that the other side has started the session (as X3DH's initial message does in Signal).
        session.announce = {"ek": base.public, "spk": their["spk"], **({"opk": their["opk"]} if "opk" in their else {})}
        run.sessions[(owner, peer)] = session
    return encrypt_step(session)


def receive_key(run, owner: str, identity: Key, peer: str, peer_identity: bytes, header, j, signed: Key | None = None):
    """Work out the key of the message ``header`` announces, on a trial copy of ``owner``'s session with
    ``peer``: (message key or None, ``commit`` — call it once the message has opened —, refusal reason or None).
    ``signed``: the signed prekey to answer a new session with (the State, in the middle, uses one key)."""
    existing = run.sessions.get((owner, peer))
    if not isinstance(header, dict):
        return None, _nothing, "it carried no ratchet header"
    base = header.get("ek")
    starting = isinstance(base, bytes) and (existing is None or existing.base != base)
    one_time = None
    if starting:
        signed = signed if signed is not None else run.signed_prekeys[owner][0]
        opk = header.get("opk")
        if opk is not None:
            one_time = run.prekeys.get(owner)
            if one_time is None or one_time.public != opk:
                return None, _nothing, "it was started with a one-time prekey this phone no longer has"
        if header.get("spk") != signed.public or len(base) != 32:
            return None, _nothing, "it was started with a prekey this phone does not have"
        root, _ = x3dh_responder(identity, signed, peer_identity, base, one_time)
        session = start_as_responder(root, signed, base)
    elif existing is None:
        return None, _nothing, "no conversation with the sender has been started on this phone"
    else:
        session = trial_copy(existing)
    try:
        message_key = decrypt_step(session, header, lambda step: ratchet_key(run, owner, peer, step))
    except RatchetRefused as refused:
        return None, _nothing, str(refused)

    def commit() -> None:
        run.sessions[(owner, peer)] = session
        if one_time is not None:
            new_prekey(run, owner)

    return message_key, commit, None


def _nothing() -> None:
    pass


def receive_keys(run, member: str, sender: str, header: dict, members: list[str]):
    """What ``member``'s app derives from the ratchet header(s) of an envelope it received, claimed to come
    from ``sender``: (keys to try, commit, refusal). Registered as a receive-key source by ``on_start``."""
    if "ratchet" in header:
        their = header["ratchet"]
    elif "ratchets" in header:
        headers = header["ratchets"]
        if not isinstance(headers, list) or member not in members or len(headers) != len(members):
            return [], _nothing, "its ratchet headers do not match the chat's members"
        their = headers[members.index(member)]
    else:
        return [], _nothing, None  # no ratchet here: nothing to add
    message_key, commit, refusal = receive_key(
        run, member, run.identity(member), sender, run.lookup(member, sender), their, None
    )
    if message_key is None:
        return [], _nothing, refusal
    return [Key(f"{member}'s key for this message", "message", message_key)], commit, None


def ratchet_envelope(j, sender: Key, header: dict, message_key: bytes, content: bytes | None = None) -> bytes:
    """The end-to-end blob of a one-to-one message under forward secrecy: the ratchet header, the content
    (the sender's words, or ``content``: the frame someone passing it on decrypted), and a slot wrapping the
    message key for each extra member (a ghost, say)."""
    slots = [
        crypto.wrap_key(sender, public, message_key, j.nonce(f"ratchet-slot{i}"))
        for i, (_, public) in enumerate(j.addressees[len(j.recipients) :])
    ]
    frame = content if content is not None else j.text_frame()
    body = crypto.lock_body(frame, message_key, j.nonce("ratchet-content"))
    return crypto.pack_envelope({"slots": slots, "ratchet": header, "body": body})


def group_envelope(j, sender: Key, message_key: bytes) -> bytes:
    """A group message under forward secrecy: one message key for the content, wrapped (with the sender's
    signature key, as Signal's sender-key distribution) for each member under a key from that member's own
    ratchet session (whose header travels alongside), plus a plain slot for each extra member (a ghost)."""
    run = j.run
    signer = run.signing_key(j.sender).public
    members = j.addressees[: len(j.recipients)]
    headers, slots = [], []
    for i, (peer, peer_identity) in enumerate(members):
        header, member_key = send_key(run, j.sender, sender, peer, peer_identity, bundle(run, j.sender, peer), j)
        headers.append(header)
        slots.append(bytes(SecretBox(member_key).encrypt(message_key + signer, j.nonce(f"group-slot{i}"))))
    slots += [
        crypto.wrap_key(sender, public, message_key + signer, j.nonce(f"group-extra-slot{i}"))
        for i, (_, public) in enumerate(j.addressees[len(j.recipients) :])
    ]
    body = crypto.lock_body(j.text_frame(), message_key, j.nonce("ratchet-content"))
    return crypto.pack_envelope({"slots": slots, "ratchets": headers, "body": body})


def ratchet_headers(blob: bytes | None, members: int) -> list[dict] | None:
    """The ratchet header for each recipient: the one of a one-to-one message, or each of a group's."""
    header = crypto.envelope(blob)
    if header is None:
        return None
    if isinstance(header.get("ratchet"), dict):
        return [header["ratchet"]]
    headers = header.get("ratchets")
    if isinstance(headers, list) and len(headers) == members and all(isinstance(h, dict) for h in headers):
        return headers
    return None


def ratchet_header(blob: bytes | None) -> dict | None:
    header = crypto.envelope(blob)
    return header.get("ratchet") if header is not None and isinstance(header.get("ratchet"), dict) else None
