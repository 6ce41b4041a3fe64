"""Chapter 08's backup lab: three ways to back up a chat history, and who can open each — by real decryption.

A phone that backs up its chats to the Provider sends it the whole history, locked. Who can open that
backup depends only on where the key to it lives:

``PROVIDER_KEY``  ("the Provider's key") — locked with ``SecretBox`` under 32 random bytes that the Provider
                  makes and keeps beside the backup, as the world's ``cloud_backup`` switch does. The owner
                  gets it back on a new phone just by signing in: the Provider opens it for them.
``PASSPHRASE``    ("a passphrase only the owner knows") — the key is derived on the phone from the owner's
                  passphrase with Argon2id (``nacl.pwhash.argon2id.kdf``), a deliberately slow and
                  memory-hungry function; the random salt and the cost settings are stored beside the backup
                  (opening it again needs them), the passphrase never leaves the phone.
``RECOVERY_KEY``  ("a recovery key only the owner keeps") — 32 random bytes, shown to the owner once as 64
                  hexadecimal digits to write down; the Provider stores the locked backup and nothing else.

Who holds what follows the course's standing assumptions (see docs/architecture.md): the Provider holds what its
servers store; under the warrant for Alice's conversations the State obtains a copy of what the Provider
holds about *Alice's* backup; after a breach of the Provider the Attacker has a copy too; the owner, on a
new phone, downloads the backup and holds their own secret — unless they have lost it. ``who_can_open`` then
has each party try every secret it holds on the bytes it holds (a passphrase or a recovery code is tried
the way the app would use it), and a party "opens it" only if ``SecretBox`` decryption succeeds.

``guess_passphrase`` is the other way into a passphrase backup: someone holding the locked backup and its
salt tries candidate passphrases, each costing one Argon2id run. A random 32-byte key cannot be guessed
like that (2**256 possibilities), so it refuses other kinds.

Settings. Argon2id's cost here is ``LAB_OPSLIMIT`` = 2 passes over ``LAB_MEMLIMIT`` = 8 MiB, small so that the
chapter runs in a moment; libsodium's own "interactive" level is 2 passes over 64 MiB
(``INTERACTIVE``), and its "moderate" and "sensitive" levels cost more. Seeds make keys, salts and nonces
reproducible for the notebook (a teaching device: real apps draw them from the operating system); ``seed=None``
draws fresh randomness.

Real services add more than this lab: WhatsApp's end-to-end encrypted backups (2021), for example, keep a
password-protected key in hardware security modules that refuse further guesses after a limited number of
wrong ones. The lab shows the core: whoever holds the key opens the backup, and nobody else does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import msgpack
import nacl.pwhash
from nacl.exceptions import CryptoError
from nacl.secret import SecretBox

from ..protocol.holdings import ATTACKER, PROVIDER, STATE
from ..protocol.journey import WARRANT_TARGET
from ..protocol.randomness import Randomness

PROVIDER_KEY = "the Provider's key"
PASSPHRASE = "a passphrase only the owner knows"
RECOVERY_KEY = "a recovery key only the owner keeps"
KINDS = (PROVIDER_KEY, PASSPHRASE, RECOVERY_KEY)

_ARGON = nacl.pwhash.argon2id
LAB_OPSLIMIT = 2  # passes over memory
LAB_MEMLIMIT = 8 * 1024 * 1024  # 8 MiB
INTERACTIVE = (_ARGON.OPSLIMIT_INTERACTIVE, _ARGON.MEMLIMIT_INTERACTIVE)  # libsodium: 2 passes, 64 MiB
MODERATE = (_ARGON.OPSLIMIT_MODERATE, _ARGON.MEMLIMIT_MODERATE)
SALT_BYTES = _ARGON.SALTBYTES  # 16
MIN_PASSPHRASE = 1
MAX_PASSPHRASE = 1024
MAX_GUESSES = 5000  # each guess is one Argon2id run: keep a lab run short

# Guesses of the kind people often choose, written by hand for this lab (not taken from any leaked list).
COMMON_GUESSES = (
    "123456",
    "password",
    "12345678",
    "qwerty",
    "letmein",
    "iloveyou",
    "welcome",
    "monkey",
    "dragon",
    "football",
    "princess",
    "sunshine",
    "sunshine1",
    "password1",
    "abc123",
    "trustno1",
    "starwars",
    "baseball",
    "whatsapp",
    "london2017",
    "alice1990",
    "bluefolder",
    "secret",
    "changeme",
)

OWNER, OWNER_LOST = "owner, on a new phone", "owner, secret lost"
PARTIES = (OWNER, OWNER_LOST, PROVIDER, STATE, ATTACKER)


@dataclass(frozen=True)
class Line:
    """One message of a chat history, as the owner's phone reads it."""

    msg: int
    sender: str
    recipient: str
    text: str


@dataclass(frozen=True)
class Secret:
    """Something that may open a backup: a 32-byte ``key``, a ``passphrase``, or a written-down ``recovery code``."""

    label: str
    kind: str  # "key" | "passphrase" | "recovery code"
    value: bytes | str = field(repr=False)


@dataclass(frozen=True)
class Backup:
    """A locked chat history as the Provider stores it: the blob, and (for a passphrase) the salt and settings.

    ``provider_key`` is set only for ``PROVIDER_KEY`` backups: the Provider keeps it beside the blob.
    """

    owner: str
    kind: str
    blob: bytes = field(repr=False)  # SecretBox: nonce (24) | tag (16) | ciphertext
    lines: int  # how many messages are inside (the owner's app knows; the blob's size hints at it too)
    salt: bytes | None = field(default=None, repr=False)
    opslimit: int | None = None
    memlimit: int | None = None
    provider_key: bytes | None = field(default=None, repr=False)

    def stored(self) -> list[str]:
        """What the Provider's servers keep for this backup, in words."""
        items = [f"the locked backup ({len(self.blob):,} bytes)"]
        if self.salt is not None:
            items.append(
                f"its salt ({len(self.salt)} bytes) and Argon2id settings ({self.opslimit} passes, "
                f"{self.memlimit // (1024 * 1024)} MiB)"
            )
        if self.provider_key is not None:
            items.append("the backup key (32 bytes)")
        return items


@dataclass(frozen=True)
class Holding:
    """What one party holds of one backup: the blob or not, and every secret it could try on it."""

    party: str
    has_blob: bool
    secrets: tuple[Secret, ...]
    note: str  # how it came to hold it, in words


@dataclass(frozen=True)
class Opening:
    """What one party got from one backup by trying everything it holds."""

    party: str
    level: str  # "opens it" | "holds it locked" | "holds nothing"
    lines: tuple[Line, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Guessing:
    """The result of trying candidate passphrases on a backup: the one that worked (or None), and how many tries."""

    found: str | None
    tries: int
    candidates: int


# --- the chat history ----------------------------------------------------------------------------


def chat_history(world, owner: str) -> tuple[Line, ...]:
    """Every message ``owner`` sent or received that their own phone can read (by real decryption in the world)."""
    if owner not in world.users:
        raise ValueError(f"{owner!r} is not a user of this world ({', '.join(world.users)}).")
    lines = []
    for message in world.messages:
        if owner not in (message.sender, message.recipient):
            continue
        text = world.read_as(owner, message)
        if text is not None:
            lines.append(Line(message.id, message.sender, message.recipient, text))
    return tuple(lines)


def _pack(lines: Sequence[Line]) -> bytes:
    return msgpack.packb([[ln.msg, ln.sender, ln.recipient, ln.text] for ln in lines], use_bin_type=True)


def _unpack(data: bytes) -> tuple[Line, ...] | None:
    try:
        rows = msgpack.unpackb(data, raw=False)
        return tuple(Line(int(m), str(s), str(r), str(t)) for m, s, r, t in rows)
    except (ValueError, TypeError, msgpack.UnpackException):
        return None


# --- making backups ------------------------------------------------------------------------------


def make_backup(
    lines: Sequence[Line],
    owner: str,
    kind: str,
    *,
    passphrase: str | None = None,
    seed: int | None = None,
    opslimit: int = LAB_OPSLIMIT,
    memlimit: int = LAB_MEMLIMIT,
) -> tuple[Backup, Secret | None]:
    """Lock ``lines`` as a backup of ``kind``; return it with the secret the owner keeps (None for the Provider's key).

    ``passphrase`` is required for ``PASSPHRASE`` and refused for the other kinds.
    """
    if kind not in KINDS:
        raise ValueError(f"A backup is locked with {', '.join(KINDS)}; not {kind!r}.")
    if (kind == PASSPHRASE) != (passphrase is not None):
        raise ValueError("A passphrase backup needs a passphrase, and only a passphrase backup takes one.")
    random = Randomness(seed)
    label = f"backup-lab/{owner}/{kind}"
    nonce = random.nonce(f"{label}/nonce", SecretBox.NONCE_SIZE)
    plaintext = _pack(lines)
    if kind == PROVIDER_KEY:
        key = random.key(f"{label}/key")
        blob = bytes(SecretBox(key).encrypt(plaintext, nonce))
        return Backup(owner, kind, blob, len(lines), provider_key=key), None
    if kind == RECOVERY_KEY:
        key = random.key(f"{label}/key")
        blob = bytes(SecretBox(key).encrypt(plaintext, nonce))
        return Backup(owner, kind, blob, len(lines)), Secret(
            f"{owner}'s recovery key", "recovery code", recovery_code(key)
        )
    passphrase = _check_passphrase(passphrase)
    salt = random.nonce(f"{label}/salt", SALT_BYTES)
    key = _derive(passphrase, salt, opslimit, memlimit)
    blob = bytes(SecretBox(key).encrypt(plaintext, nonce))
    backup = Backup(owner, kind, blob, len(lines), salt=salt, opslimit=opslimit, memlimit=memlimit)
    return backup, Secret(f"{owner}'s passphrase", "passphrase", passphrase)


def recovery_code(key: bytes) -> str:
    """32 key bytes written as 64 hexadecimal digits in groups of four, for writing down."""
    digits = key.hex().upper()
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def parse_recovery_code(code: str) -> bytes | None:
    """The 32 bytes a written-down code stands for (spaces, dashes and case ignored), or None if it is not one."""
    if not isinstance(code, str):
        return None
    digits = re.sub(r"[\s-]", "", code)
    if not re.fullmatch(r"[0-9A-Fa-f]{64}", digits):
        return None
    return bytes.fromhex(digits)


def _check_passphrase(passphrase: object) -> str:
    if not isinstance(passphrase, str) or not MIN_PASSPHRASE <= len(passphrase) <= MAX_PASSPHRASE:
        raise ValueError(f"A passphrase must be text of {MIN_PASSPHRASE} to {MAX_PASSPHRASE} characters.")
    return passphrase


def _derive(passphrase: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return _ARGON.kdf(SecretBox.KEY_SIZE, passphrase.encode("utf-8"), salt, opslimit=opslimit, memlimit=memlimit)


# --- opening backups -----------------------------------------------------------------------------


def open_with(backup: Backup, secrets: Iterable[Secret]) -> tuple[Line, ...] | None:
    """The history inside ``backup`` if one of ``secrets`` opens it (by SecretBox decryption), else None.

    Each secret is used as the app would use it: a key as it is, a passphrase through Argon2id with the
    backup's salt and settings, a recovery code read back into 32 bytes. Secrets that cannot apply are skipped.
    """
    for secret in secrets:
        key = _key_from(backup, secret)
        if key is None:
            continue
        try:
            data = SecretBox(key).decrypt(backup.blob)
        except (CryptoError, ValueError):
            continue
        lines = _unpack(data)
        if lines is not None:
            return lines
    return None


def _key_from(backup: Backup, secret: Secret) -> bytes | None:
    if secret.kind == "key" and isinstance(secret.value, bytes) and len(secret.value) == SecretBox.KEY_SIZE:
        return secret.value
    if secret.kind == "recovery code":
        return parse_recovery_code(secret.value)
    if secret.kind == "passphrase" and backup.salt is not None and isinstance(secret.value, str):
        if not MIN_PASSPHRASE <= len(secret.value) <= MAX_PASSPHRASE:
            return None
        return _derive(secret.value, backup.salt, backup.opslimit, backup.memlimit)
    return None


def holding(backup: Backup, party: str, owner_secret: Secret | None, *, breach: bool = False) -> Holding:
    """What ``party`` (one of ``PARTIES``) holds of ``backup`` under the course's standing assumptions."""
    provider_secrets = (
        (Secret("the Provider's backup key", "key", backup.provider_key),) if backup.provider_key is not None else ()
    )
    if party == OWNER:
        secrets = (owner_secret,) if owner_secret is not None else ()
        return Holding(party, True, secrets, "downloads the backup on a new phone")
    if party == OWNER_LOST:
        return Holding(
            party, True, (), "downloads the backup, but has forgotten the passphrase or lost the recovery key"
        )
    if party == PROVIDER:
        return Holding(party, True, provider_secrets, "stores the backup on its servers")
    if party == STATE:
        if backup.owner != WARRANT_TARGET:
            return Holding(party, False, (), f"its warrant covers {WARRANT_TARGET}'s conversations only")
        # The State never holds the Provider's key: it gets what the Provider's own decryption gives (below).
        return Holding(party, True, (), "obtains from the Provider what its stored copy gives the Provider (warrant)")
    if party == ATTACKER:
        if not breach:
            return Holding(party, False, (), "the upload was sealed on the wire; no breach")
        return Holding(party, True, provider_secrets, "copied the Provider's servers (breach)")
    raise ValueError(f"The parties here are {', '.join(PARTIES)}; not {party!r}.")


def who_can_open(backup: Backup, owner_secret: Secret | None, *, breach: bool = False) -> dict[str, Opening]:
    """For every party in ``PARTIES``: what trying everything it holds on ``backup`` gives it.

    The owner of a Provider-key backup, lost secret or not, gets it back because the Provider opens it for
    them when they sign in (if the Provider can open it, so can the owner, through it).
    """
    provider_lines = open_with(backup, holding(backup, PROVIDER, owner_secret, breach=breach).secrets)
    result = {}
    for party in PARTIES:
        held = holding(backup, party, owner_secret, breach=breach)
        lines = open_with(backup, held.secrets) if held.has_blob else None
        note = held.note
        if lines is None and party in (OWNER, OWNER_LOST) and provider_lines is not None:
            lines, note = provider_lines, "signs in; the Provider opens the backup for them"
        if lines is None and party == STATE and held.has_blob and provider_lines is not None:
            lines, note = (
                provider_lines,
                "the Provider opened its stored copy with its own key and handed over the contents (warrant)",
            )
        if lines is not None:
            result[party] = Opening(party, "opens it", lines, note)
        elif held.has_blob:
            result[party] = Opening(party, "holds it locked", (), note)
        else:
            result[party] = Opening(party, "holds nothing", (), note)
    return result


# --- guessing a passphrase -----------------------------------------------------------------------


def guess_passphrase(backup: Backup, candidates: Sequence[str]) -> Guessing:
    """Try ``candidates`` in order on a passphrase backup, as someone holding it and its salt could."""
    if backup.kind != PASSPHRASE:
        raise ValueError(
            "Only a passphrase backup can be attacked by guessing passphrases; the others are locked with 32 "
            "random bytes (2**256 possibilities)."
        )
    candidates = list(candidates)
    if len(candidates) > MAX_GUESSES:
        raise ValueError(f"This lab tries at most {MAX_GUESSES:,} candidates in one go, not {len(candidates):,}.")
    for tries, candidate in enumerate(candidates, start=1):
        if not isinstance(candidate, str) or not candidate:
            continue
        if open_with(backup, [Secret("guess", "passphrase", candidate)]) is not None:
            return Guessing(candidate, tries, len(candidates))
    return Guessing(None, len(candidates), len(candidates))
