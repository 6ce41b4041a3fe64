"""Safety numbers: the 60 digits two people compare to check that each holds the other's real key.

Computed exactly as Signal's NumericFingerprintGenerator does (libsignal; WhatsApp's security code uses the
same construction): for each party, SHA-512 iterated 5200 times over the version 0x0000, the identity key
serialised as 33 bytes (0x05 followed by the 32-byte X25519 key), the party's identifier, and the key
again on every round; the first 30 bytes become 30 digits (six groups of five bytes, each taken as a
big-endian number mod 100000); the two parties' 30 digits are sorted and joined. Written by hand because
no Python library publishes it; checked against libsignal's own test vector (tests/test_safety_numbers.py).
"""

from __future__ import annotations

from functools import lru_cache

import nacl.hash
from nacl.encoding import RawEncoder

ITERATIONS = 5200
VERSION = b"\x00\x00"
DJB_TYPE = b"\x05"  # libsignal's prefix for a Curve25519 public key


def _sha512(data: bytes) -> bytes:
    return nacl.hash.sha512(data, encoder=RawEncoder)


@lru_cache(maxsize=1024)  # 5200 rounds of SHA-512 take milliseconds; a key's digits never change
def fingerprint_digits(public_key: bytes, identifier: str, iterations: int = ITERATIONS) -> str:
    """One party's 30 digits."""
    if len(public_key) != 32:
        raise ValueError(f"an identity key is 32 bytes, not {len(public_key)}")
    key = DJB_TYPE + public_key
    digest = VERSION + key + identifier.encode("utf-8")
    for _ in range(iterations):
        digest = _sha512(digest + key)
    chunks = (digest[i : i + 5] for i in range(0, 30, 5))
    return "".join(f"{int.from_bytes(chunk, 'big') % 100_000:05d}" for chunk in chunks)


def safety_number(key_a: bytes, id_a: str, key_b: bytes, id_b: str, iterations: int = ITERATIONS) -> str:
    """The 60 digits both parties see: the same whichever side computes it."""
    a, b = fingerprint_digits(key_a, id_a, iterations), fingerprint_digits(key_b, id_b, iterations)
    return a + b if a <= b else b + a


def grouped(number: str) -> str:
    """The digits as apps show them: twelve groups of five."""
    return " ".join(number[i : i + 5] for i in range(0, len(number), 5))
