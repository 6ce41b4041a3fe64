"""Forward secrecy: Signal's Double Ratchet (Perrin and Marlinspike, rev. 1, 2016) with Signal's own key
schedule, from PyNaCl's X25519 and the standard library's HMAC.

Every message gets a fresh message key from a *symmetric* ratchet (a chain key stepped through a one-way
function), and every change of speaker mixes a fresh Diffie–Hellman value into the root key (the *DH*
ratchet), so earlier keys cannot be computed from later ones and a stolen state soon stops working.

Signal-exact (checked byte for byte against libsignal's published test vectors in tests/test_ratchet_vectors.py):
``kdf_ck`` (HMAC-SHA256 of the chain key with 0x01 for the message key seed, 0x02 for the next chain key),
the message keys (HKDF-SHA256, info "WhisperMessageKeys": cipher key, MAC key, IV — ``crypto.message_keys``),
the root step ``kdf_rk`` (HKDF-SHA256 salted with the root key, info "WhisperRatchet") and the session start
``x3dh_initiator`` / ``x3dh_responder`` (X3DH: 32 bytes of 0xFF, then DH1–DH3 and DH4 with a one-time prekey,
HKDF-SHA256 with a zero salt and info "WhisperText" into a root key and a chain key). Skipped message keys are
kept as the specification says, with libsignal's bounds: at most ``MAX_SKIPPED`` stored (the oldest are
dropped), and a header that asks to jump more than ``MAX_JUMP`` keys ahead is refused at once.

Still simplified (see chapter 08): the message is locked with XSalsa20-Poly1305 (PyNaCl's SecretBox) under
the cipher key rather than AES-256-CBC with the IV; the header is a msgpack map rather than Signal's
protobuf; the signed prekey is signed with a separate Ed25519 key rather than with the identity key
itself (XEdDSA). Written by hand: no maintained Python library ships the Double Ratchet.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field, replace

from nacl.bindings import crypto_scalarmult

from .crypto import Key, MessageKeys, hkdf, message_keys, register_key_source

CHAIN_LOOKAHEAD = 32  # how many steps ahead a thief tries with a stolen chain key
MAX_SKIPPED = 2_000  # libsignal's MAX_MESSAGE_KEYS: skipped keys kept per session
MAX_JUMP = 25_000  # libsignal's MAX_FORWARD_JUMPS: a header asking for more is refused


class RatchetRefused(ValueError):
    """The receiving app refuses a header: the reason in words."""


def dh(mine: Key, theirs: bytes) -> bytes:
    return crypto_scalarmult(mine.secret, theirs)


def kdf_rk(root: bytes, dh_out: bytes) -> tuple[bytes, bytes]:
    """Root-key step: HKDF-SHA256 salted with the root key, info "WhisperRatchet": (new root key, chain key)."""
    out = hkdf(dh_out, b"WhisperRatchet", 64, salt=root)
    return out[:32], out[32:]


def kdf_ck(chain_key: bytes) -> tuple[bytes, MessageKeys]:
    """Chain step, as libsignal's ChainKey: (next chain key, this step's message keys). One-way."""
    following = hmac.new(chain_key, b"\x02", hashlib.sha256).digest()
    seed = hmac.new(chain_key, b"\x01", hashlib.sha256).digest()
    return following, message_keys(seed)


def _x3dh(parts: bytes) -> tuple[bytes, bytes]:
    out = hkdf(b"\xff" * 32 + parts, b"WhisperText", 64)
    return out[:32], out[32:]


def x3dh_initiator(
    identity: Key, base: Key, their_identity: bytes, their_signed_prekey: bytes, their_one_time: bytes | None = None
) -> tuple[bytes, bytes]:
    """Alice's side of X3DH: (root key, chain key). DH1 = identity × signed prekey, DH2 = base × their
    identity, DH3 = base × signed prekey, DH4 = base × one-time prekey (if there is one)."""
    parts = dh(identity, their_signed_prekey) + dh(base, their_identity) + dh(base, their_signed_prekey)
    if their_one_time is not None:
        parts += dh(base, their_one_time)
    return _x3dh(parts)


def x3dh_responder(
    identity: Key, signed_prekey: Key, their_identity: bytes, their_base: bytes, one_time: Key | None = None
) -> tuple[bytes, bytes]:
    """Bob's side of X3DH: the same (root key, chain key) from the other halves."""
    parts = dh(signed_prekey, their_identity) + dh(identity, their_base) + dh(signed_prekey, their_base)
    if one_time is not None:
        parts += dh(one_time, their_base)
    return _x3dh(parts)


@dataclass
class Session:
    """One side of a conversation's ratchet."""

    dhs: Key  # our current ratchet key pair
    dhr: bytes | None  # their current ratchet public key
    root: bytes
    send_chain: bytes | None = None
    receive_chain: bytes | None = None
    sent: int = 0
    received: int = 0
    previous: int = 0
    steps: int = 0  # how many ratchet keys we made (names the next one)
    announce: dict | None = None  # X3DH fields the initiator repeats until the other side first replies
    base: bytes | None = None  # responder: the initiator's base key this session began with
    skipped: dict = field(default_factory=dict)  # (their ratchet key, n) → message key seed, oldest first


def start_as_initiator(root: bytes, first_ratchet: Key, their_signed_prekey: bytes) -> Session:
    """Alice after X3DH: Bob's signed prekey is his first ratchet key; she steps the root with her own."""
    root, chain = kdf_rk(root, dh(first_ratchet, their_signed_prekey))
    return Session(first_ratchet, their_signed_prekey, root, send_chain=chain, steps=1)


def start_as_responder(root: bytes, signed_prekey: Key, base: bytes | None = None) -> Session:
    return Session(signed_prekey, None, root, base=base)


def encrypt_step(session: Session) -> tuple[dict, bytes]:
    """Advance the sending chain: the header to send and this message's key seed."""
    session.send_chain, keys = kdf_ck(session.send_chain)
    header = {"dh": session.dhs.public, "pn": session.previous, "n": session.sent, **(session.announce or {})}
    session.sent += 1
    return header, keys.seed


def _skip(session: Session, until: int) -> None:
    """Keep the keys of messages not yet received up to ``until``, within libsignal's bounds."""
    if session.receive_chain is None:
        return
    if until - session.received > MAX_JUMP:
        raise RatchetRefused(
            f"the header asks to skip {until - session.received:,} messages; apps refuse more than {MAX_JUMP:,}"
        )
    while session.received < until:
        session.receive_chain, keys = kdf_ck(session.receive_chain)
        session.skipped[(session.dhr, session.received)] = keys.seed
        session.received += 1
        if len(session.skipped) > MAX_SKIPPED:  # the oldest kept key goes, as in libsignal
            del session.skipped[next(iter(session.skipped))]


def decrypt_step(session: Session, header: dict, new_ratchet) -> bytes:
    """Follow the sender: a skipped key if it is one, else a DH ratchet step if its ratchet key is new, then
    the receiving chain. ``new_ratchet(step)`` makes our next ratchet key pair (fresh randomness in a real app).
    Raises ``RatchetRefused`` (with the reason) for a header no app would follow."""
    their, n, pn = header.get("dh"), header.get("n"), header.get("pn")
    if not (isinstance(their, bytes) and len(their) == 32 and isinstance(n, int) and isinstance(pn, int)):
        raise RatchetRefused("the ratchet header is malformed")
    if n < 0 or pn < 0:
        raise RatchetRefused("the ratchet header counts backwards")
    if (their, n) in session.skipped:
        return session.skipped.pop((their, n))
    if their != session.dhr:
        if n > MAX_JUMP:
            raise RatchetRefused(f"the header asks to skip {n:,} messages; apps refuse more than {MAX_JUMP:,}")
        _skip(session, pn)
        session.previous, session.sent, session.received = session.sent, 0, 0
        session.dhr = their
        session.root, session.receive_chain = kdf_rk(session.root, dh(session.dhs, session.dhr))
        session.dhs = new_ratchet(session.steps)
        session.steps += 1
        session.root, session.send_chain = kdf_rk(session.root, dh(session.dhs, session.dhr))
    elif n < session.received:
        raise RatchetRefused("this message's key was already used: a replay")
    _skip(session, n)
    session.receive_chain, keys = kdf_ck(session.receive_chain)
    session.received += 1
    session.announce = None  # the other side's message opened: it has the session, no need to announce it
    return keys.seed


def trial_copy(session: Session) -> Session:
    """A copy to advance while a message is checked: the spec keeps state changes only if it decrypts."""
    return replace(session, skipped=dict(session.skipped))


def message_keys_from_stolen_chains(header: dict, keys: list[Key]):
    """The opener's way in with a stolen chain key: step it forward, as its thief would (registered with
    ``crypto``, which does not import this module)."""
    for key in (k for k in keys if k.kind == "chain"):
        chain = key.secret
        for _ in range(CHAIN_LOOKAHEAD):
            chain, keys_ = kdf_ck(chain)
            yield keys_.seed, False


register_key_source("from held keys", message_keys_from_stolen_chains)
