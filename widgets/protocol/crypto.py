"""The real cryptography of the course: envelopes built from PyNaCl (libsodium) and the one routine that
tries to open them with the keys a party holds.

Every blob starts with one byte that says its shape, as real protocols carry a version or type byte:

``SEALED``  anything locked for one public key — transport labels, warrant hand-overs, scanning reports,
            implant copies, backup uploads, the key inside an escrow field: an ephemeral X25519 public
            key, then a ``Box`` from that ephemeral key to one recipient's key (libsodium's sealed box,
            written out so that a seeded world can choose the ephemeral key and nonce).
``SLOTS``   end-to-end: a 32-byte message key (Signal's "message key seed") is expanded with HKDF-SHA256,
            info "WhisperMessageKeys", into a cipher key, a MAC key and an IV (``message_keys``); the content
            is locked with ``SecretBox`` under the cipher key, and the seed is wrapped with ``Box`` from the
            sender's identity key to each recipient's key, one "slot" each. The slots name no one: a reader
            finds its slot by trying its private key with the public keys in the Provider's directory, and
            only a slot made with the sender's real key opens. The content itself is authenticated as Signal
            does it: a one-to-one message carries an 8-byte HMAC-SHA256 under the MAC key over both identity
            keys and everything in the envelope but the slots (``mac``); a group message carries the
            sender's Ed25519 signature over the same bytes (``sig``), whose public key rides in each slot,
            as Signal's sender keys do. So holding a message key lets one write a one-to-one message (as in
            Signal), but not a group message. Mechanisms that add a reader add a slot; key escrow adds a
            law-enforcement access field (``leaf``) beside them; forward secrecy a ratchet header.
``SECRET``  storage at rest and backups: ``SecretBox`` under a symmetric key.
``FRAME``   not encrypted: a msgpack map (the text, or routing fields around an inner blob).

Hand-written here, because no library does it: the framing, the try-every-key loop, and HKDF (RFC 5869, a
few lines over the standard library's ``hmac``, as the issue asked: stdlib for Signal's KDFs). All
encryption, decryption and signing is PyNaCl's.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import msgpack
from nacl.bindings import (
    crypto_box_beforenm,
    crypto_box_easy_afternm,
    crypto_box_open_easy_afternm,
    crypto_scalarmult_base,
)
from nacl.exceptions import BadSignatureError, CryptoError
from nacl.secret import SecretBox
from nacl.signing import SigningKey, VerifyKey

FRAME, SEALED, SLOTS, SECRET = 0, 1, 2, 3
SHAPE_NAMES = {FRAME: "frame", SEALED: "sealed", SLOTS: "end-to-end", SECRET: "secret-key"}
_MAX_DEPTH = 6  # envelopes nest at most a few deep; a hostile blob cannot make us recurse forever


@dataclass(frozen=True)
class Key:
    """A key a party holds: "x25519" (a private key), "ed25519" (a signing key), "secret" (a storage key),
    "message" (one message's key seed) or "chain" (a stolen ratchet chain key, which yields the message keys
    that follow it)."""

    label: str
    kind: str
    secret: bytes = field(repr=False)
    public: bytes | None = None

    @staticmethod
    def x25519(label: str, secret: bytes) -> Key:
        return Key(label, "x25519", secret, _public_of(secret))

    @staticmethod
    def symmetric(label: str, secret: bytes) -> Key:
        return Key(label, "secret", secret)

    @staticmethod
    def ed25519(label: str, seed: bytes) -> Key:
        return Key(label, "ed25519", seed, bytes(SigningKey(seed).verify_key))


# --- Signal's key derivations (HKDF-SHA256 over the standard library's HMAC) -----------------------


def hkdf(ikm: bytes, info: bytes, length: int, salt: bytes | None = None) -> bytes:
    """HKDF-SHA256 (RFC 5869); no salt means 32 zero bytes, as in libsignal."""
    prk = hmac.new(salt if salt is not None else bytes(32), ikm, hashlib.sha256).digest()
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out, counter = out + block, counter + 1
    return out[:length]


@dataclass(frozen=True)
class MessageKeys:
    """One message's keys, from its 32-byte seed: Signal's cipher key (32), MAC key (32) and IV (16)."""

    seed: bytes = field(repr=False)
    cipher_key: bytes = field(repr=False)
    mac_key: bytes = field(repr=False)
    iv: bytes = field(repr=False)


@lru_cache(maxsize=8192)
def message_keys(seed: bytes) -> MessageKeys:
    """Expand a message key seed as libsignal does: HKDF-SHA256, info "WhisperMessageKeys", 80 bytes."""
    okm = hkdf(seed, b"WhisperMessageKeys", 80)
    return MessageKeys(seed, okm[:32], okm[32:64], okm[64:80])


MAC_BYTES = 8  # Signal truncates its message MAC to 8 bytes


def associated_data(header: dict) -> bytes:
    """What the MAC or signature covers: every field of the envelope but the per-member key wrappers (slots,
    and a group's per-member ratchet headers, each checked by its own pairwise session) and the tag itself.
    A one-to-one ratchet header travels in the clear, so it is authenticated here as associated data."""
    covered = {name: header[name] for name in sorted(header) if name not in ("slots", "ratchets", "mac", "sig")}
    return msgpack.packb(covered)


def content_mac(seed: bytes, sender_public: bytes, recipient_public: bytes, header: dict) -> bytes:
    """A one-to-one message's MAC: HMAC-SHA256 under the message's MAC key over both identity keys and the
    associated data, cut to 8 bytes (libsignal's SignalMessage MAC, without its protobuf framing)."""
    data = sender_public + recipient_public + associated_data(header)
    return hmac.new(message_keys(seed).mac_key, data, hashlib.sha256).digest()[:MAC_BYTES]


def sign_content(signing: Key, header: dict) -> bytes:
    """A group message's signature: the sender's Ed25519 signature over the associated data."""
    return bytes(SigningKey(signing.secret).sign(associated_data(header)).signature)


def signature_valid(signer_public: bytes, header: dict) -> bool:
    signature = header.get("sig")
    if not isinstance(signature, bytes):
        return False
    try:
        VerifyKey(signer_public).verify(associated_data(header), signature)
        return True
    except (BadSignatureError, ValueError, TypeError):
        return False


def mac_valid(seed: bytes, sender_public: bytes, recipient_public: bytes, header: dict) -> bool:
    tag = header.get("mac")
    expected = content_mac(seed, sender_public, recipient_public, header)
    return isinstance(tag, bytes) and hmac.compare_digest(tag, expected)


class Tampered(Exception):
    """A blob failed its authentication check: it was altered after it was locked."""


@lru_cache(maxsize=65536)
def _public_of(secret: bytes) -> bytes:
    # What PrivateKey(secret).public_key gives (libsodium clamps the scalar the same way), computed once.
    return crypto_scalarmult_base(secret)


@lru_cache(maxsize=65536)
def _shared(private: bytes, public: bytes) -> bytes:
    # The X25519 product behind a Box, computed once per pair: trying a slot is then one quick check.
    return crypto_box_beforenm(public, private)


def _open_slot(shared: bytes, slot: bytes) -> bytes | None:
    try:
        return crypto_box_open_easy_afternm(slot[24:], slot[:24], shared)
    except (CryptoError, ValueError, TypeError):
        return None


class _Box:
    """PyNaCl's Box, over the shared key computed once per pair of keys (``_shared``): the same bytes as
    ``Box(PrivateKey(private), PublicKey(public))``, which redoes the X25519 work on every construction."""

    def __init__(self, shared: bytes) -> None:
        self.shared = shared

    def encrypt(self, plaintext: bytes, nonce: bytes) -> bytes:
        return nonce + crypto_box_easy_afternm(plaintext, nonce, self.shared)

    def decrypt(self, locked: bytes) -> bytes:
        return crypto_box_open_easy_afternm(locked[24:], locked[:24], self.shared)


def _box(private: bytes, public: bytes) -> _Box:
    return _Box(_shared(private, public))


# --- building blobs -------------------------------------------------------------------------------


def frame(**fields_: object) -> bytes:
    """An unencrypted msgpack map, tagged FRAME. Text goes in as UTF-8 bytes, exactly as typed."""
    return bytes([FRAME]) + msgpack.packb(fields_, use_bin_type=True)


def open_secret(blob: bytes, key: bytes) -> bytes | None:
    """A SECRET blob's plaintext under ``key``, or None if that key does not open it."""
    try:
        return SecretBox(key).decrypt(blob[1:]) if blob and blob[0] == SECRET else None
    except (CryptoError, ValueError):
        return None


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
    signer: bytes = b"",
) -> bytes:
    """End-to-end: content under ``message_key``'s cipher key, the key wrapped for each recipient public key.

    ``nonces`` holds one nonce for the content and one per recipient slot. ``signer``: a group sender's
    signature public key, carried inside each slot beside the message key. The MAC or signature is added
    once the envelope is complete (``authenticate``).
    """
    body = lock_body(plaintext, message_key, nonces[0])
    slots = [
        wrap_key(sender, public, message_key + signer, nonce)
        for public, nonce in zip(recipient_publics, nonces[1:], strict=True)
    ]
    return bytes([SLOTS]) + msgpack.packb({"slots": slots, "body": body})


def lock_body(plaintext: bytes, message_key: bytes, nonce: bytes) -> bytes:
    return bytes(SecretBox(message_keys(message_key).cipher_key).encrypt(plaintext, nonce))


def wrap_key(sender: Key, recipient_public: bytes, message_key: bytes, nonce: bytes) -> bytes:
    """One key slot: ``message_key`` (and a group sender's signature key) wrapped with Box from ``sender``
    to ``recipient_public``."""
    return bytes(_box(sender.secret, recipient_public).encrypt(message_key, nonce))


def envelope(blob: bytes) -> dict | None:
    """The fields of an end-to-end blob (its header is not encrypted: anyone can read it), or None."""
    if not blob or blob[0] != SLOTS:
        return None
    try:
        header = msgpack.unpackb(blob[1:])
    except (ValueError, TypeError, msgpack.UnpackException):
        return None
    return header if isinstance(header, dict) else None


def pack_envelope(header: dict) -> bytes:
    return bytes([SLOTS]) + msgpack.packb(header)


def authenticate(
    blob: bytes, message_key: bytes, sender_public: bytes, recipient_public: bytes | None, signing: Key | None
) -> bytes:
    """The sender's app's last step: a MAC for one recipient, or (``signing``) a group signature."""
    header = envelope(blob)
    header.pop("mac", None)
    header.pop("sig", None)
    if signing is not None:
        header["sig"] = sign_content(signing, header)
    else:
        header["mac"] = content_mac(message_key, sender_public, recipient_public, header)
    return pack_envelope(header)


def flip_bit_in_content(blob: bytes) -> bytes:
    """``blob`` with one bit of its locked content flipped, as an active attacker on the wire would do: in an
    end-to-end blob, inside the body's ciphertext; in any other blob, near its end (in the ciphertext)."""
    if blob and blob[0] == SLOTS:
        header = msgpack.unpackb(blob[1:])
        body = bytearray(header["body"])
        body[-1] ^= 0x01
        header["body"] = bytes(body)
        return bytes([SLOTS]) + msgpack.packb(header)
    where = len(blob) - 1
    return blob[:where] + bytes([blob[where] ^ 0x01])


def with_field(blob: bytes, name: str, value: bytes) -> bytes:
    """An end-to-end blob with one more header field beside its slots (e.g. an escrow "leaf")."""
    header = msgpack.unpackb(blob[1:])
    header[name] = value
    return bytes([SLOTS]) + msgpack.packb(header)


def header_field(blob: bytes, name: str) -> bytes | None:
    """A header field of an end-to-end blob, or None (the header is not encrypted: anyone can read it)."""
    if not blob or blob[0] != SLOTS:
        return None
    try:
        value = msgpack.unpackb(blob[1:]).get(name)
    except (ValueError, TypeError, AttributeError, msgpack.UnpackException):
        return None
    return value if isinstance(value, bytes) else None


def seal_from(plaintext: bytes, sender: Key, recipient_public: bytes, nonce: bytes) -> bytes:
    """Like ``seal``, but from ``sender``'s long-term key instead of a fresh one: the recipient, seeing that
    public key in front, knows who locked it (how the model's phones know a delivery comes from the
    Provider's servers, as a TLS connection would tell them)."""
    locked = _box(sender.secret, recipient_public).encrypt(plaintext, nonce)
    return bytes([SEALED]) + sender.public + bytes(locked)


def sealed_by(blob: bytes) -> bytes | None:
    """The public key in front of a SEALED blob (its ephemeral key, or its sender's: ``seal_from``)."""
    return blob[1:33] if blob and blob[0] == SEALED and len(blob) > 33 else None


def unseal(blob: bytes, key: Key) -> bytes:
    """Open a SEALED blob with one private key; ``Tampered`` if it does not open."""
    try:
        if blob[0] != SEALED:
            raise Tampered("not a sealed blob")
        return _box(key.secret, blob[1:33]).decrypt(blob[33:])
    except (CryptoError, ValueError, IndexError) as error:
        raise Tampered(str(error)) from error


def read_frame(blob: bytes) -> dict:
    """The fields of an unencrypted FRAME; ``Tampered`` if it is not one."""
    try:
        fields_ = msgpack.unpackb(blob[1:]) if blob and blob[0] == FRAME else None
    except (ValueError, TypeError, msgpack.UnpackException):
        fields_ = None
    if not isinstance(fields_, dict):
        raise Tampered("not a frame")
    return fields_


def lock_secret(plaintext: bytes, key: bytes, nonce: bytes) -> bytes:
    """Storage at rest: SecretBox under a symmetric key."""
    return bytes([SECRET]) + bytes(SecretBox(key).encrypt(plaintext, nonce))


# --- opening blobs ---------------------------------------------------------------------------------

# Formats defined elsewhere teach the opener how to get a message key out of them, so that this module imports
# none of them: a source takes (the end-to-end header, the keys a party holds) and yields (message key,
# recovered), where recovered says the key came out of this very envelope (then a body that fails to open was
# altered). "from the envelope" sources are tried before keys the party already holds, "from held keys" after.
KEY_SOURCES: dict[str, list[Callable]] = {"from the envelope": [], "from held keys": []}


def register_key_source(where: str, source: Callable) -> Callable:
    """Teach the opener one more way to recover a message key (see ``KEY_SOURCES``)."""
    if source not in KEY_SOURCES[where]:
        KEY_SOURCES[where].append(source)
    return source


@dataclass
class Opened:
    """What trying every key on a blob gave: frames that came out, and layers that stayed locked."""

    frames: list[dict] = field(default_factory=list)
    locked: list[str] = field(default_factory=list)  # shapes of layers no key opened
    tampered: bool = False
    message_keys: list[bytes] = field(default_factory=list)  # keys that opened end-to-end bodies
    signers: list[bytes] = field(default_factory=list)  # group senders' signature keys found in the slots

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


NESTED = ("route", "body", "leaf")  # frame fields that hold another blob


def open_blob(blob: bytes, keys: list[Key], publics: list[bytes] = ()) -> Opened:
    """Try every key on ``blob``, layer by layer, and report what came out.

    ``keys`` are what the party holds; ``publics`` the public keys anyone can look up (the directory),
    needed to open end-to-end slots. Nothing here knows who is "allowed" to read: it succeeds only where
    real decryption does.
    """
    opened = Opened()
    _open_into(blob, keys, list(publics), opened, 0)
    return opened


def _open_into(blob: bytes, keys: list[Key], publics: list[bytes], opened: Opened, depth: int) -> None:
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
        for name in NESTED:
            inner = fields_.get(name)
            if isinstance(inner, bytes):
                _open_into(inner, keys, publics, opened, depth + 1)
        return
    try:
        inner = _try_keys(shape, blob, keys, publics, opened)
    except Tampered:
        opened.tampered = True
        return
    if inner is None:
        opened.locked.append(SHAPE_NAMES.get(shape, "unknown"))
    else:
        _open_into(inner, keys, publics, opened, depth + 1)


def _try_keys(shape: int, blob: bytes, keys: list[Key], publics: list[bytes], opened: Opened) -> bytes | None:
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
            slots, body = [bytes(slot) for slot in header["slots"]], bytes(header["body"])
        except (ValueError, KeyError, TypeError, AttributeError, msgpack.UnpackException) as error:
            raise Tampered from error
        for found, recovered in _message_keys(header, slots, keys, publics):
            message_key, signer = found[:32], found[32:]
            try:
                content = SecretBox(message_keys(message_key).cipher_key).decrypt(body)
                opened.message_keys.append(message_key)
                if signer:
                    opened.signers.append(signer)
                return content
            except (CryptoError, ValueError) as error:
                if recovered:  # the key came out of this very envelope, so its body was altered
                    raise Tampered from error
        return None
    raise Tampered(f"unknown envelope shape {shape}")


def _message_keys(header: dict, slots: list[bytes], keys: list[Key], publics: list[bytes]):
    """Every message key this party can recover: from a slot, from another format's field, or already held."""
    for key in (k for k in keys if k.kind == "x25519"):
        for public in publics:
            # Box is symmetric: the recipient opens a slot with (own key, sender's public key) and the
            # sender can reopen it with (own key, recipient's public key).
            shared = _shared(key.secret, public)
            for slot in slots:
                found = _open_slot(shared, slot)
                if found is not None:
                    yield found, True
                    return
    for source in KEY_SOURCES["from the envelope"]:  # e.g. the escrow field beside the slots
        yield from source(header, keys)
    for key in (k for k in keys if k.kind == "message"):  # message keys a party was handed or stole
        yield key.secret, False
        for slot in slots:  # a group message's key, wrapped for each member under its own ratchet key
            try:
                yield SecretBox(key.secret).decrypt(slot), True
                return
            except (CryptoError, ValueError):
                continue
    for source in KEY_SOURCES["from held keys"]:  # e.g. a stolen ratchet chain key, stepped forward
        yield from source(header, keys)
