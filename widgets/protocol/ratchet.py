"""Forward secrecy: Signal's Double Ratchet (Perrin and Marlinspike, rev. 1, 2016), from PyNaCl primitives.

Every message gets a fresh message key from a *symmetric* ratchet (a chain key stepped through a one-way
function), and every change of speaker mixes a fresh Diffie–Hellman value into the root key (the *DH*
ratchet), so earlier keys cannot be computed from later ones and a stolen state soon stops working.
Sessions start as in X3DH, simplified: the initiator combines its identity key and a one-use ephemeral key
with the responder's identity key and one-time prekey, which the responder deletes once used.

Written by hand (no Python library ships the Double Ratchet); KDFs are BLAKE2b keyed hashes in place of the
specification's HKDF/HMAC, the DH function is X25519 (``crypto_scalarmult``), and header encryption,
associated data and out-of-order delivery are left out: messages here arrive in order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import nacl.hash
from nacl.bindings import crypto_scalarmult
from nacl.encoding import RawEncoder

from .crypto import Key, register_key_source

CHAIN_LOOKAHEAD = 32  # how many steps ahead a thief tries with a stolen chain key


def dh(mine: Key, theirs: bytes) -> bytes:
    return crypto_scalarmult(mine.secret, theirs)


def kdf_rk(root: bytes, dh_out: bytes) -> tuple[bytes, bytes]:
    """Root-key step: a new root key and a new chain key from the old root key and a DH output."""
    out = nacl.hash.blake2b(dh_out, digest_size=64, key=root, person=b"wcri-root", encoder=RawEncoder)
    return out[:32], out[32:]


def kdf_ck(chain: bytes) -> tuple[bytes, bytes]:
    """Chain step: the next chain key, and this step's message key. One-way: the old chain key is gone."""
    step = nacl.hash.blake2b(b"\x02", digest_size=32, key=chain, encoder=RawEncoder)
    message = nacl.hash.blake2b(b"\x01", digest_size=32, key=chain, encoder=RawEncoder)
    return step, message


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


def x3dh_initiator(identity: Key, ephemeral: Key, their_identity: bytes, their_prekey: bytes) -> bytes:
    parts = dh(identity, their_prekey) + dh(ephemeral, their_identity) + dh(ephemeral, their_prekey)
    return nacl.hash.blake2b(parts, digest_size=32, person=b"wcri-x3dh", encoder=RawEncoder)


def x3dh_responder(identity: Key, prekey: Key, their_identity: bytes, their_ephemeral: bytes) -> bytes:
    parts = dh(prekey, their_identity) + dh(identity, their_ephemeral) + dh(prekey, their_ephemeral)
    return nacl.hash.blake2b(parts, digest_size=32, person=b"wcri-x3dh", encoder=RawEncoder)


def start_as_initiator(shared: bytes, first_ratchet: Key, their_prekey: bytes) -> Session:
    root, chain = kdf_rk(shared, dh(first_ratchet, their_prekey))
    return Session(first_ratchet, their_prekey, root, send_chain=chain, steps=1)


def start_as_responder(shared: bytes, prekey: Key) -> Session:
    return Session(prekey, None, shared)


def encrypt_step(session: Session) -> tuple[dict, bytes]:
    """Advance the sending chain: the header to send and this message's key."""
    session.send_chain, message_key = kdf_ck(session.send_chain)
    header = {"dh": session.dhs.public, "pn": session.previous, "n": session.sent, **(session.announce or {})}
    session.sent += 1
    return header, message_key


def decrypt_step(session: Session, header: dict, new_ratchet) -> bytes:
    """Follow the sender: a DH ratchet step if its ratchet key is new, then the receiving chain.

    ``new_ratchet(step)`` makes our next ratchet key pair (fresh randomness in a real app).
    """
    session.announce = None  # the other side has answered: it has the session, no need to announce it
    if header["dh"] != session.dhr:
        session.previous, session.sent, session.received = session.sent, 0, 0
        session.dhr = header["dh"]
        session.root, session.receive_chain = kdf_rk(session.root, dh(session.dhs, session.dhr))
        session.dhs = new_ratchet(session.steps)
        session.steps += 1
        session.root, session.send_chain = kdf_rk(session.root, dh(session.dhs, session.dhr))
    while session.received < header["n"]:  # in-order delivery: only skips a rejected message
        session.receive_chain, _ = kdf_ck(session.receive_chain)
        session.received += 1
    session.receive_chain, message_key = kdf_ck(session.receive_chain)
    session.received += 1
    return message_key


def trial_copy(session: Session) -> Session:
    """A copy to advance while a message is checked: the spec keeps state changes only if it decrypts."""
    return replace(session)


def message_keys_from_stolen_chains(header: dict, keys: list[Key]):
    """The opener's way in with a stolen chain key: step it forward, as its thief would (registered with
    ``crypto``, which does not import this module)."""
    for key in (k for k in keys if k.kind == "chain"):
        chain = key.secret
        for _ in range(CHAIN_LOOKAHEAD):
            chain, message_key = kdf_ck(chain)
            yield message_key, False


register_key_source("from held keys", message_keys_from_stolen_chains)
