"""Chapter 01's secret-key lab: lock and unlock a message with one shared 32-byte key (PyNaCl's ``SecretBox``,
XSalsa20-Poly1305), flip a bit, and watch the authentication check refuse it.

The helpers are thin on purpose: every byte comes from PyNaCl, so what a reader sees is the real thing.

A locked blob is laid out exactly as PyNaCl's ``SecretBox.encrypt`` returns it::

    nonce (24 bytes) | authentication tag (16 bytes) | encrypted text (as long as the UTF-8 text)

Reproducibility is a teaching device. ``new_key(label)`` and ``teaching_nonce(label)`` derive their bytes
from a label with BLAKE2b, so the notebook shows the same bytes on every run (and nbval can check them).
Real apps draw keys and nonces from the operating system's random source: ``random_key()`` does that, and
``lock`` does it for the nonce when none is given. A key derived from a public label is no secret at all.

See PyNaCl's documentation, "Secret Key Encryption": https://pynacl.readthedocs.io/en/latest/secret/
"""

from __future__ import annotations

import nacl.hash
import nacl.utils
from nacl.encoding import RawEncoder
from nacl.exceptions import CryptoError
from nacl.secret import SecretBox

KEY_SIZE = SecretBox.KEY_SIZE  # 32 bytes = 256 bits
NONCE_SIZE = SecretBox.NONCE_SIZE  # 24 bytes
TAG_SIZE = SecretBox.MACBYTES  # 16 bytes: the Poly1305 authentication tag
OVERHEAD = NONCE_SIZE + TAG_SIZE  # a locked blob is this much longer than the text's UTF-8 bytes

_KEY_PERSON = b"wcri-01-key"  # BLAKE2b personalisation (at most 16 bytes): keys and nonces never collide
_NONCE_PERSON = b"wcri-01-nonce"


class UnlockError(Exception):
    """The blob did not open: it was altered after it was locked, or the key is not the one that locked it.

    SecretBox cannot tell these two apart, and says nothing more on purpose: either way the check failed.
    """


def new_key(seed_label: str) -> bytes:
    """32 key bytes derived from ``seed_label`` with BLAKE2b: the same label gives the same key every time.

    A teaching device, so that the notebook's bytes are reproducible. Anyone who knows the label can make
    the key, so a real app never does this: it uses ``random_key()``.
    """
    return nacl.hash.blake2b(seed_label.encode("utf-8"), digest_size=KEY_SIZE, person=_KEY_PERSON, encoder=RawEncoder)


def random_key() -> bytes:
    """32 fresh random bytes from the operating system, as real apps make a key."""
    return nacl.utils.random(KEY_SIZE)


def teaching_nonce(seed_label: str) -> bytes:
    """A 24-byte nonce derived from ``seed_label``: reproducible for the notebook, and a teaching device.

    A nonce must never be used twice with the same key. A fixed label breaks that rule the moment it is used
    for a second message; real apps let ``lock`` draw a fresh random nonce.
    """
    return nacl.hash.blake2b(
        seed_label.encode("utf-8"), digest_size=NONCE_SIZE, person=_NONCE_PERSON, encoder=RawEncoder
    )


def lock(text: str, key: bytes, nonce: bytes | None = None) -> bytes:
    """``text`` locked under ``key``: nonce, tag and encrypted UTF-8 bytes, as PyNaCl's SecretBox makes them.

    Without ``nonce``, PyNaCl draws a fresh random one (what real apps do).
    """
    box = SecretBox(key)
    plaintext = text.encode("utf-8")
    return bytes(box.encrypt(plaintext) if nonce is None else box.encrypt(plaintext, nonce))


def unlock(blob: bytes, key: bytes) -> str:
    """The text inside ``blob``, or ``UnlockError`` if the Poly1305 check fails (tampering or wrong key)."""
    if len(blob) < OVERHEAD:
        raise UnlockError(f"too short to be a locked message ({len(blob)} bytes; at least {OVERHEAD} needed)")
    try:
        plaintext = SecretBox(key).decrypt(blob)
    except CryptoError as error:
        raise UnlockError("tampering detected (or wrong key): the authentication tag does not match") from error
    return plaintext.decode("utf-8")


def flip_bit(blob: bytes, index: int) -> bytes:
    """A copy of ``blob`` with bit number ``index`` flipped (bit 0 is the lowest bit of the first byte)."""
    if not 0 <= index < 8 * len(blob):
        raise IndexError(f"bit {index} is outside a blob of {len(blob)} bytes ({8 * len(blob)} bits)")
    changed = bytearray(blob)
    changed[index // 8] ^= 1 << (index % 8)
    return bytes(changed)


def parts(blob: bytes) -> dict[str, bytes]:
    """The three parts of a locked blob: ``nonce``, ``tag`` and ``ciphertext`` (the encrypted text)."""
    return {
        "nonce": blob[:NONCE_SIZE],
        "tag": blob[NONCE_SIZE:OVERHEAD],
        "ciphertext": blob[OVERHEAD:],
    }


def first_text_bit(blob: bytes) -> int:
    """The index of the first bit of the encrypted text (after the nonce and the tag)."""
    return 8 * OVERHEAD if len(blob) > OVERHEAD else 0
