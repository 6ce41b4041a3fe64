"""A fuzzy hash for text: SimHash (Charikar, 2002) over character trigrams, 64 bits.

Client-side scanning compares content with a list of fingerprints, not exact copies, so that a re-sent
or slightly altered item still matches — Apple's NeuralHash did this for images. SimHash is the text
analogue: each three-character piece of the (lower-cased, space-collapsed) text votes on 64 bits through
its BLAKE2b hash; similar texts share most pieces and so most bits. Two fingerprints "match" when they
differ in at most ``THRESHOLD`` bits. Written by hand (a few lines; the hash is PyNaCl's BLAKE2b) so that
every step is visible to the chapter that uses it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nacl.hash
from nacl.encoding import RawEncoder

BITS = 64
THRESHOLD = 10  # bits that may differ for a match: loose enough for re-sent copies, as such systems must be


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def pieces(text: str) -> list[str]:
    """The overlapping three-character pieces the fingerprint is built from."""
    text = normalise(text)
    return [text[i : i + 3] for i in range(max(1, len(text) - 2))]


@lru_cache(maxsize=4096)  # a conversation is replayed on every switch: each text is hashed once
def fingerprint(text: str) -> int:
    """The 64-bit SimHash of ``text``."""
    votes = [0] * BITS
    for piece in pieces(text):
        h = int.from_bytes(nacl.hash.blake2b(piece.encode(), digest_size=8, encoder=RawEncoder), "big")
        for bit in range(BITS):
            votes[bit] += 1 if h >> bit & 1 else -1
    return sum(1 << bit for bit in range(BITS) if votes[bit] > 0)


def distance(a: int, b: int) -> int:
    """How many of the 64 bits differ."""
    return (a ^ b).bit_count()
