"""The real cryptography of the course: envelopes built from PyNaCl (libsodium) and the one routine that
tries to open them with the keys a party holds.

Every blob starts with one byte that says its shape, as real protocols carry a version or type byte:

``SEALED``  transport and the warrant hand-over: an ephemeral X25519 public key, then a ``Box`` from that
            ephemeral key to one recipient's key (libsodium's sealed box, written out so that a seeded
            world can choose the ephemeral key and nonce).
``SLOTS``   end-to-end: the content locked with ``SecretBox`` under a fresh 32-byte message key, and the
            message key wrapped with ``Box`` from the sender's key to each recipient's key, one "slot"
            each. Mechanisms that add a reader (escrow, ghost, group members) add a slot.
``SECRET``  storage at rest and backups: ``SecretBox`` under a symmetric key.
``FRAME``   not encrypted: a msgpack map (the text, or routing fields around an inner blob).

Hand-written here, because no library does it: the framing and the try-every-key loop. All encryption
and decryption is PyNaCl's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import msgpack
from nacl.exceptions import CryptoError
from nacl.public import Box, PrivateKey, PublicKey
from nacl.secret import SecretBox

FRAME, SEALED, SLOTS, SECRET = 0, 1, 2, 3
SHAPE_NAMES = {FRAME: "frame", SEALED: "sealed", SLOTS: "end-to-end", SECRET: "secret-key"}
_MAX_DEPTH = 6  # envelopes nest at most a few deep; a hostile blob cannot make us recurse forever


@dataclass(frozen=True)
class Key:
    """A key a party holds. ``kind`` is "x25519" (a private key) or "secret" (a symmetric key)."""

    label: str
    kind: str
    secret: bytes = field(repr=False)
    public: bytes | None = None

    @staticmethod
    def x25519(label: str, secret: bytes) -> Key:
        return Key(label, "x25519", secret, bytes(PrivateKey(secret).public_key))

    @staticmethod
    def symmetric(label: str, secret: bytes) -> Key:
        return Key(label, "secret", secret)


class Tampered(Exception):
    """A blob failed its authentication check: it was altered after it was locked."""


@lru_cache(maxsize=4096)
def _box(private: bytes, public: bytes) -> Box:
    # Box does the X25519 multiplication once; caching it makes re-running a conversation cheap.
    return Box(PrivateKey(private), PublicKey(public))


# --- building blobs -------------------------------------------------------------------------------


def frame(**fields_: object) -> bytes:
    """An unencrypted msgpack map, tagged FRAME. Text goes in as UTF-8 bytes, exactly as typed."""
    return bytes([FRAME]) + msgpack.packb(fields_, use_bin_type=True)


def seal(plaintext: bytes, recipient_public: bytes, ephemeral_secret: bytes, nonce: bytes) -> bytes:
    """Lock ``plaintext`` so that only the holder of ``recipient_public``'s private key can open it."""
    ephemeral = Key.x25519("ephemeral", ephemeral_secret)
    locked = _box(ephemeral.secret, recipient_public).encrypt(plaintext, nonce)
    return bytes([SEALED]) + ephemeral.public + bytes(locked)


def lock_for(
    plaintext: bytes,
    sender: Key,
    recipient_publics: list[bytes],
    message_key: bytes,
    nonces: list[bytes],
) -> bytes:
    """End-to-end: content under ``message_key``, the key wrapped for each recipient public key.

    ``nonces`` holds one nonce for the content and one per recipient slot.
    """
    body = bytes(SecretBox(message_key).encrypt(plaintext, nonces[0]))
    slots = [
        [public, bytes(_box(sender.secret, public).encrypt(message_key, nonce))]
        for public, nonce in zip(recipient_publics, nonces[1:], strict=True)
    ]
    return bytes([SLOTS]) + msgpack.packb({"from": sender.public, "slots": slots, "body": body})


def lock_secret(plaintext: bytes, key: bytes, nonce: bytes) -> bytes:
    """Storage at rest: SecretBox under a symmetric key."""
    return bytes([SECRET]) + bytes(SecretBox(key).encrypt(plaintext, nonce))


def slot_publics(blob: bytes) -> list[bytes]:
    """The public keys an end-to-end blob has slots for (readable by anyone: they are not secret)."""
    if not blob or blob[0] != SLOTS:
        return []
    return [public for public, _ in msgpack.unpackb(blob[1:])["slots"]]


# --- opening blobs --------------------------------------------------------------------------------


@dataclass
class Opened:
    """What trying every key on a blob gave: frames that came out, and layers that stayed locked."""

    frames: list[dict] = field(default_factory=list)
    locked: list[str] = field(default_factory=list)  # shapes of layers no key opened
    tampered: bool = False

    def texts(self) -> list[tuple[int, str]]:
        """(message id, text) for every text frame that came out."""
        found = []
        for f in self.frames:
            if f.get("kind") == "text" and isinstance(f.get("text"), bytes) and isinstance(f.get("msg"), int):
                try:
                    found.append((f["msg"], f["text"].decode("utf-8")))
                except UnicodeDecodeError:
                    self.tampered = True
        return found


def open_blob(blob: bytes, keys: list[Key]) -> Opened:
    """Try every key on ``blob``, layer by layer, and report what came out.

    Nothing here knows who is "allowed" to read: it succeeds only where real decryption does.
    """
    opened = Opened()
    _open_into(blob, keys, opened, 0)
    return opened


def _open_into(blob: bytes, keys: list[Key], opened: Opened, depth: int) -> None:
    if not blob or depth > _MAX_DEPTH:
        return
    shape = blob[0]
    if shape == FRAME:
        try:
            fields_ = msgpack.unpackb(blob[1:])
        except (ValueError, TypeError, msgpack.UnpackException):
            fields_ = None
        if not isinstance(fields_, dict):
            opened.tampered = True
            return
        opened.frames.append(fields_)
        inner = fields_.get("body")
        if isinstance(inner, bytes):
            _open_into(inner, keys, opened, depth + 1)
        return
    try:
        inner = _try_keys(shape, blob, keys)
    except Tampered:
        opened.tampered = True
        return
    if inner is None:
        opened.locked.append(SHAPE_NAMES.get(shape, "unknown"))
    else:
        _open_into(inner, keys, opened, depth + 1)


def _try_keys(shape: int, blob: bytes, keys: list[Key]) -> bytes | None:
    """The plaintext of one layer if some key opens it, None if none does.

    Raises ``Tampered`` when the key that should open it is held but the authentication check fails.
    """
    privates = [k for k in keys if k.kind == "x25519"]
    if shape == SEALED:
        ephemeral, locked = blob[1:33], blob[33:]
        # A sealed blob does not say whose key it is for: every private key is tried, as a thief would.
        for key in privates:
            try:
                return _box(key.secret, ephemeral).decrypt(locked)
            except (CryptoError, ValueError):
                continue
        return None
    if shape == SECRET:
        for key in (k for k in keys if k.kind == "secret"):
            try:
                return SecretBox(key.secret).decrypt(blob[1:])
            except (CryptoError, ValueError):
                continue
        return None
    if shape == SLOTS:
        try:
            header = msgpack.unpackb(blob[1:])
            sender, body = header["from"], header["body"]
            slots = [(public, wrapped) for public, wrapped in header["slots"]]
        except (ValueError, KeyError, TypeError, msgpack.UnpackException) as error:
            raise Tampered from error
        for key in privates:
            for public, wrapped in slots:
                # Box is symmetric: the recipient opens with (own key, sender's public), and the sender
                # can open its own slot with (own key, recipient's public).
                if key.public == public:
                    other = sender
                elif key.public == sender:
                    other = public
                else:
                    continue
                try:
                    message_key = _box(key.secret, other).decrypt(wrapped)
                    return SecretBox(message_key).decrypt(body)
                except (CryptoError, ValueError) as error:
                    raise Tampered from error
        return None
    raise Tampered(f"unknown envelope shape {shape}")
