"""The law-enforcement access field (LEAF) that key escrow attaches beside every end-to-end message.

Modelled on the Clipper chip's LEAF (Escrowed Encryption Standard, 1993): a 32-bit unit id, the message's
session key encrypted so that the escrow agent can recover it, and a 16-bit checksum that the receiving
device verifies before it will decrypt — so that a compliant app refuses messages without a valid field.
Here the session key is the 32-byte message key, sealed (PyNaCl Box with an ephemeral key) to the escrow
agent's public key, and the checksum is BLAKE2b keyed with a "family key" that every compliant app carries
but its user cannot read, cut to 16 bits as Clipper's was.

Blaze (1994) showed the flaw in a 16-bit check: a rogue sender can try random fields until the receiver's
check passes — on average 2^16 tries — and then the escrow agent recovers nothing. ``forge_leaf`` runs that
search for real against a real receiver's check.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

import nacl.hash
from nacl.encoding import RawEncoder

from .crypto import SEALED, Key, Tampered, register_key_source, seal, unseal

UNIT_ID_BYTES, CHECK_BYTES = 4, 2  # 32-bit unit id and 16-bit checksum, as in Clipper's LEAF
SEALED_KEY_BYTES = 1 + 32 + 24 + 16 + 32  # tag, ephemeral public key, nonce, MAC, 32-byte message key
LEAF_BYTES = UNIT_ID_BYTES + SEALED_KEY_BYTES + CHECK_BYTES


def unit_id(device: str) -> bytes:
    """A device's 32-bit unit id (here: derived from its name, so the course can say whose it is)."""
    return nacl.hash.blake2b(device.encode(), digest_size=UNIT_ID_BYTES, encoder=RawEncoder)


def checksum(unit: bytes, sealed_key: bytes, message_key: bytes, family_key: bytes) -> bytes:
    """The 16-bit check over the field and the message key, keyed with the apps' family key.

    BLAKE2b from Python's hashlib: the same function and bytes as libsodium's, without PyNaCl's per-call
    overhead, which matters when Blaze's search calls it 65,536 times on average."""
    data = unit + sealed_key + message_key
    return hashlib.blake2b(data, digest_size=CHECK_BYTES, key=family_key).digest()


def make_leaf(
    device: str, message_key: bytes, escrow_public: bytes, family_key: bytes, ephemeral: bytes, nonce: bytes
) -> bytes:
    """A valid field for ``message_key``: what a compliant app attaches to every message."""
    unit = unit_id(device)
    sealed_key = seal(message_key, escrow_public, ephemeral, nonce)
    return unit + sealed_key + checksum(unit, sealed_key, message_key, family_key)


def check_leaf(leaf: bytes, message_key: bytes, family_key: bytes) -> bool:
    """What a compliant receiving app checks before it decrypts: the 16-bit checksum matches."""
    if len(leaf) != LEAF_BYTES:
        return False
    unit, sealed_key, check = leaf[:UNIT_ID_BYTES], leaf[UNIT_ID_BYTES:-CHECK_BYTES], leaf[-CHECK_BYTES:]
    return checksum(unit, sealed_key, message_key, family_key) == check


def open_leaf(leaf: bytes, key: Key) -> bytes | None:
    """The message key inside the field, if ``key`` is the escrow agent's private key; else None."""
    if len(leaf) != LEAF_BYTES:
        return None
    try:
        message_key = unseal(leaf[UNIT_ID_BYTES:-CHECK_BYTES], key)
    except Tampered:
        return None
    return message_key if len(message_key) == 32 else None


def forge_leaf(accepts: Callable[[bytes], bool], max_tries: int = 2_000_000, randbytes=secrets.token_bytes):
    """Blaze's attack: random fields until ``accepts`` (a receiver's real check) says yes.

    Returns (the forged field, how many tries it took), or (None, max_tries) if none passed. The forged field
    looks like a LEAF but holds no key: the escrow agent who opens it gets nothing.
    """
    for tries in range(1, max_tries + 1):
        candidate = randbytes(UNIT_ID_BYTES) + bytes([SEALED]) + randbytes(LEAF_BYTES - UNIT_ID_BYTES - 1)
        if accepts(candidate):
            return candidate, tries
    return None, max_tries


def message_key_from_field(header: dict, keys: list[Key]):
    """The opener's way into an escrowed message: the escrow agent's private key opens the field beside the
    slots and gives the message key (registered with ``crypto``, which does not import this module)."""
    leaf = header.get("leaf")
    if not isinstance(leaf, bytes):
        return
    for key in (k for k in keys if k.kind == "x25519"):
        recovered = open_leaf(leaf, key)
        if recovered is not None:
            yield recovered, True
            return


register_key_source("from the envelope", message_key_from_field)
