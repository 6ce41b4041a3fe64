"""Public keys, step by step (chapter 02): X25519 key pairs, the shared secret both sides compute, and Box.

Everything here is PyNaCl (libsodium). ``shared_secret`` is raw X25519 (``crypto_scalarmult``), the
Diffie–Hellman function of RFC 7748; ``box_lock``/``box_unlock`` are ``nacl.public.Box``, which does the
same X25519 calculation inside and then turns the result into the key for XSalsa20-Poly1305.

Teaching device: ``key_pair(label)`` derives the private key from a label with BLAKE2b, so that every run
of the chapter shows the same keys. A real app draws a private key from the phone's random source
(``random_key_pair``) — a key that anyone could recompute from a name would protect nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import nacl.hash
import nacl.utils
from nacl.bindings import crypto_scalarmult
from nacl.encoding import RawEncoder
from nacl.exceptions import CryptoError
from nacl.public import Box, PrivateKey, PublicKey

from ..protocol.message import check_text

PEOPLE = ("Alice", "Bob", "Carol")
KEY_SIZE = 32
NONCE_SIZE = Box.NONCE_SIZE  # 24 bytes
CANNOT_OPEN = "cannot open: wrong key or tampering detected"
_PERSON = b"pubkey-lab"  # BLAKE2b personalisation: lab keys cannot collide with the World's keys

# RFC 7748 (January 2016), section 6.1: the X25519 test vector.
RFC7748_ALICE_PRIVATE = bytes.fromhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
RFC7748_BOB_PUBLIC = bytes.fromhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
RFC7748_SHARED_SECRET = bytes.fromhex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")


# --- key pairs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyPair:
    """One person's X25519 key pair: ``private`` stays on their phone, ``public`` may be shown to anyone."""

    name: str
    private: bytes = field(repr=False)
    public: bytes

    def __repr__(self) -> str:
        return f"KeyPair({self.name!r}, public {short_hex(self.public)}, private key kept on {self.name}'s phone)"


def key_pair(label: str) -> KeyPair:
    """The same key pair every time for ``label`` (a teaching device: real keys come from randomness)."""
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"A key pair needs a name such as 'Alice', not {label!r}.")
    private = nacl.hash.blake2b(label.encode("utf-8"), digest_size=KEY_SIZE, person=_PERSON, encoder=RawEncoder)
    return KeyPair(label, private, public_key(private))


def random_key_pair(name: str) -> KeyPair:
    """A fresh key pair from the operating system's random source, as a real app makes one."""
    private = bytes(PrivateKey.generate())
    return KeyPair(name, private, public_key(private))


def public_directory(people: tuple[str, ...] = PEOPLE) -> dict[str, bytes]:
    """Everyone's public key by name, as a directory would list them (the lab's key pairs)."""
    return {name: key_pair(name).public for name in people}


def public_key(private: bytes) -> bytes:
    """The public half of an X25519 private key (X25519 of the private key and the curve's base point)."""
    return bytes(PrivateKey(_key32(private, "private key")).public_key)


def short_hex(data: bytes, show: int = 8) -> str:
    """Bytes as hex, cut to the first and last ``show`` hex digits when longer: ``de9edb7d…6f882b4f``."""
    text = bytes(data).hex()
    return text if len(text) <= 2 * show + 1 else f"{text[:show]}…{text[-show:]}"


# --- the shared secret ----------------------------------------------------------------------------


def shared_secret(private: bytes, public: bytes) -> bytes:
    """Raw X25519: the 32-byte secret that ``private`` and someone else's ``public`` key give together.

    Alice's private key with Bob's public key gives the same bytes as Bob's private key with Alice's.
    """
    private, public = _key32(private, "private key"), _key32(public, "public key")
    try:
        return crypto_scalarmult(private, public)
    except RuntimeError as error:  # libsodium refuses "public keys" that would give an all-zero secret
        raise ValueError("That public key is not a usable X25519 key (it gives an all-zero secret).") from error


@dataclass(frozen=True)
class VectorCheck:
    """The RFC 7748 §6.1 test vector and what PyNaCl computes from it."""

    alice_private: bytes
    bob_public: bytes
    expected: bytes
    computed: bytes

    @property
    def matches(self) -> bool:
        return self.computed == self.expected

    def __str__(self) -> str:
        verdict = "the same: PyNaCl computes X25519" if self.matches else "DIFFERENT: this is not X25519"
        return "\n".join(
            [
                f"Alice's private key (RFC 7748): {self.alice_private.hex()}",
                f"Bob's public key (RFC 7748):    {self.bob_public.hex()}",
                f"shared secret, RFC 7748:        {self.expected.hex()}",
                f"shared secret, PyNaCl:          {self.computed.hex()}",
                f"→ {verdict}",
            ]
        )

    __repr__ = __str__


def check_rfc7748() -> VectorCheck:
    """Compute the RFC 7748 §6.1 shared secret with PyNaCl and compare it with the published one."""
    computed = shared_secret(RFC7748_ALICE_PRIVATE, RFC7748_BOB_PUBLIC)
    return VectorCheck(RFC7748_ALICE_PRIVATE, RFC7748_BOB_PUBLIC, RFC7748_SHARED_SECRET, computed)


@dataclass(frozen=True)
class Exchange:
    """Two people compute their shared secret; a third tries with what she can see."""

    sender: str
    recipient: str
    outsider: str | None
    publics: dict[str, bytes]  # everyone's public key, as the directory shows them
    sender_secret: bytes  # sender's private key + recipient's public key
    recipient_secret: bytes  # recipient's private key + sender's public key
    outsider_secrets: tuple[bytes, ...]  # outsider's private key + each of the two public keys

    @property
    def agree(self) -> bool:
        return self.sender_secret == self.recipient_secret

    @property
    def outsider_matches(self) -> bool:
        return self.sender_secret in self.outsider_secrets

    def __str__(self) -> str:
        a, b = self.sender, self.recipient
        lines = [
            f"{a} computes X25519({a}'s private key, {b}'s public key) = {self.sender_secret.hex()}",
            f"{b} computes X25519({b}'s private key, {a}'s public key) = {self.recipient_secret.hex()}",
            "→ " + ("the same secret" if self.agree else "DIFFERENT secrets"),
        ]
        if self.outsider is not None:
            c = self.outsider
            for name, secret in zip((a, b), self.outsider_secrets, strict=True):
                lines.append(f"{c} computes X25519({c}'s private key, {name}'s public key) = {secret.hex()}")
            lines.append("→ " + ("a match (this should never happen)" if self.outsider_matches else "no match"))
        return "\n".join(lines)

    __repr__ = __str__


def exchange(sender: str, recipient: str, people: tuple[str, ...] = PEOPLE) -> Exchange:
    """Both sides compute the shared secret from their own private key and the other's public key."""
    _check_pair(sender, recipient, people)
    pairs = {name: key_pair(name) for name in people}
    a, b = pairs[sender], pairs[recipient]
    outsider = next((name for name in people if name not in (sender, recipient)), None)
    tries: tuple[bytes, ...] = ()
    if outsider is not None:
        c = pairs[outsider]
        tries = (shared_secret(c.private, a.public), shared_secret(c.private, b.public))
    return Exchange(
        sender,
        recipient,
        outsider,
        {name: pair.public for name, pair in pairs.items()},
        shared_secret(a.private, b.public),
        shared_secret(b.private, a.public),
        tries,
    )


# --- Box ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unlocked:
    """What an attempt to open a box gave: the text, or nothing (``str`` then says why, in words)."""

    text: str | None

    @property
    def ok(self) -> bool:
        return self.text is not None

    def __str__(self) -> str:
        return self.text if self.text is not None else CANNOT_OPEN

    def __repr__(self) -> str:
        return f"opened: {self.text!r}" if self.text is not None else CANNOT_OPEN


def teaching_nonce(label: str) -> bytes:
    """A 24-byte nonce derived from ``label``, so the chapter shows the same bytes on every run.

    A teaching device only: a real app takes a fresh random nonce for every message (``nonce=None``).
    """
    return nacl.hash.blake2b(
        b"nonce:" + label.encode("utf-8"), digest_size=NONCE_SIZE, person=_PERSON, encoder=RawEncoder
    )


def box_lock(text: str, sender_private: bytes, recipient_public: bytes, nonce: bytes | None = None) -> bytes:
    """Lock ``text`` with Box from the sender's private key to the recipient's public key.

    Returns nonce + ciphertext + 16-byte authentication tag. ``nonce=None`` takes a random one.
    Raises ``MessageRefused`` (a ValueError) with a plain explanation for empty or unusable text.
    """
    data = check_text(text)
    box = Box(PrivateKey(_key32(sender_private, "private key")), PublicKey(_key32(recipient_public, "public key")))
    if nonce is not None and (not isinstance(nonce, bytes) or len(nonce) != NONCE_SIZE):
        raise ValueError(f"A Box nonce is {NONCE_SIZE} bytes.")
    return bytes(box.encrypt(data, nonce))


def box_unlock(locked: bytes, recipient_private: bytes, sender_public: bytes) -> Unlocked:
    """Try to open ``locked`` with a private key and the sender's public key: text, or ``CANNOT_OPEN``.

    A wrong key and altered bytes look the same: the authentication check fails, nothing comes out.
    """
    box = Box(PrivateKey(_key32(recipient_private, "private key")), PublicKey(_key32(sender_public, "public key")))
    try:
        data = box.decrypt(bytes(locked))
    except (CryptoError, ValueError, TypeError):
        return Unlocked(None)
    return Unlocked(data.decode("utf-8", errors="replace"))


def tamper(locked: bytes) -> bytes:
    """``locked`` with one bit flipped in the middle, as an attacker on the wire might do."""
    locked = bytes(locked)
    if not locked:
        return locked
    middle = len(locked) // 2
    return locked[:middle] + bytes([locked[middle] ^ 0x01]) + locked[middle + 1 :]


@dataclass(frozen=True)
class BoxTrial:
    """A message locked by ``sender`` for ``recipient``, and what each person got trying to open it."""

    sender: str
    recipient: str
    text: str
    locked: bytes
    tampered: bool
    attempts: dict[str, Unlocked]  # person → result, recipient first, then sender, then the others


def box_trial(
    sender: str,
    recipient: str,
    text: str,
    *,
    tampered: bool = False,
    nonce: bytes | None = None,
    people: tuple[str, ...] = PEOPLE,
) -> BoxTrial:
    """Lock ``text`` for ``recipient``; then everyone tries to open it with their own private key.

    The recipient and any outsider use the sender's public key; the sender uses the recipient's (Box
    gives both ends the same shared secret, so the sender can reopen her own message).
    """
    _check_pair(sender, recipient, people)
    pairs = {name: key_pair(name) for name in people}
    locked = box_lock(text, pairs[sender].private, pairs[recipient].public, nonce)
    if tampered:
        locked = tamper(locked)
    order = [recipient, sender] + [name for name in people if name not in (sender, recipient)]
    attempts = {}
    for name in order:
        other = pairs[recipient] if name == sender else pairs[sender]
        attempts[name] = box_unlock(locked, pairs[name].private, other.public)
    return BoxTrial(sender, recipient, text, locked, tampered, attempts)


# --- checks ---------------------------------------------------------------------------------------


def _key32(value: object, what: str) -> bytes:
    if isinstance(value, PrivateKey | PublicKey):
        value = bytes(value)
    if not isinstance(value, bytes) or len(value) != KEY_SIZE:
        raise ValueError(f"An X25519 {what} is {KEY_SIZE} bytes, not {value!r:.40}.")
    return value


def _check_pair(sender: str, recipient: str, people: tuple[str, ...]) -> None:
    for name in (sender, recipient):
        if name not in people:
            raise ValueError(f"Choose one of {', '.join(people)}, not {name!r}.")
    if sender == recipient:
        raise ValueError("Choose two different people.")
