"""Where the world's keys and nonces come from.

A seeded world derives every key and nonce from its seed with BLAKE2b, so that a notebook re-run in a
fresh kernel (and nbval) sees the same bytes. That is a teaching device only: real apps draw every nonce
and key from the operating system's random source. ``seed=None`` draws this world's secret from that
source, so no two unseeded worlds share a byte; within one world, replaying the conversation under another
policy derives the same keys and nonces again (a replay is the same conversation in another world, not a
second use of a nonce by anyone), which also keeps replays fast.
"""

from __future__ import annotations

import hashlib

import nacl.hash
import nacl.utils
from nacl.encoding import RawEncoder

_PERSON = b"who-can-read-it"  # BLAKE2b personalisation: our derivations cannot collide with others'


class Randomness:
    """Keys and nonces for one world: derived from ``seed``, or fresh when ``seed`` is None."""

    def __init__(self, seed: int | None) -> None:
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise ValueError(f"seed must be a whole number or None, not {seed!r}")
        self.seed = seed
        # Keys stay the same for the whole life of a world, even an unseeded one: a phone keeps its key.
        master_input = b"seed:%d" % seed if seed is not None else nacl.utils.random(32)
        self._master = nacl.hash.blake2b(master_input, digest_size=32, person=_PERSON, encoder=RawEncoder)

    def key(self, label: str) -> bytes:
        """32 bytes for the key called ``label``: the same every time for this world."""
        return self._derive(b"key:" + label.encode(), 32)

    def nonce(self, label: str, size: int) -> bytes:
        """A nonce (or ephemeral secret) for one use, named ``label``."""
        return self._derive(b"nonce:" + label.encode(), size)

    def _derive(self, label: bytes, size: int) -> bytes:
        # hashlib's BLAKE2b gives libsodium's bytes without PyNaCl's per-call checks (thousands per replay).
        return hashlib.blake2b(label, digest_size=size, key=self._master).digest()
