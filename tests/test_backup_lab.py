"""The backup lab: who opens each kind of backup is decided by real SecretBox decryption of what each holds."""

import msgpack
import pytest
from nacl.secret import SecretBox

from widgets import Policy, World
from widgets.labs.backups import (
    COMMON_GUESSES,
    KINDS,
    OWNER,
    OWNER_LOST,
    PARTIES,
    PASSPHRASE,
    PROVIDER_KEY,
    RECOVERY_KEY,
    Line,
    Secret,
    chat_history,
    guess_passphrase,
    holding,
    make_backup,
    open_with,
    parse_recovery_code,
    recovery_code,
    who_can_open,
)
from widgets.protocol.holdings import ATTACKER, PROVIDER, STATE

STRONG = "otter lantern gravel quietly"


@pytest.fixture(scope="module")
def history():
    world = World(seed=71, policy=Policy(forward_secrecy=True))
    world.send("Alice", "Bob", "The documents are in the blue folder")
    world.send("Bob", "Alice", "Got it. Who else knows?")
    world.send("Bob", "Carol", "Not for Alice")
    world.send("Alice", "Bob", "Only you")
    return chat_history(world, "Alice")


def backup_of(history, kind, owner="Alice", **kwargs):
    if kind == PASSPHRASE:
        kwargs.setdefault("passphrase", STRONG)
    return make_backup(history, owner, kind, seed=8, **kwargs)


def test_chat_history_is_the_owners_own_conversations_as_her_phone_decrypts_them(history):
    assert [line.msg for line in history] == [1, 2, 4]
    assert history[0] == Line(1, "Alice", "Bob", "The documents are in the blue folder")
    assert all("Carol" not in (line.sender, line.recipient) for line in history)


def test_chat_history_refuses_someone_who_is_not_a_user():
    with pytest.raises(ValueError, match="not a user"):
        chat_history(World(seed=1), "Provider")


@pytest.mark.parametrize("kind", KINDS)
def test_the_blob_holds_no_plaintext_and_opens_only_with_the_right_secret(history, kind):
    backup, secret = backup_of(history, kind)
    assert b"blue folder" not in backup.blob and b"Alice" not in backup.blob
    right = [secret] if secret is not None else [Secret("the Provider's backup key", "key", backup.provider_key)]
    assert open_with(backup, right) == history
    assert open_with(backup, []) is None
    assert open_with(backup, [Secret("someone else's key", "key", bytes(32))]) is None


def test_no_breach_who_opens_each_kind(history):
    expected = {
        PROVIDER_KEY: {OWNER: "opens it", OWNER_LOST: "opens it", PROVIDER: "opens it", STATE: "opens it"},
        PASSPHRASE: {OWNER: "opens it", OWNER_LOST: "holds it locked", PROVIDER: "holds it locked"},
        RECOVERY_KEY: {OWNER: "opens it", OWNER_LOST: "holds it locked", PROVIDER: "holds it locked"},
    }
    for kind, levels in expected.items():
        backup, secret = backup_of(history, kind)
        openings = who_can_open(backup, secret)
        assert set(openings) == set(PARTIES)
        for party, level in levels.items():
            assert openings[party].level == level, (kind, party)
        assert openings[ATTACKER].level == "holds nothing"
        if kind != PROVIDER_KEY:
            assert openings[STATE].level == "holds it locked"


def test_a_breach_gives_the_attacker_everything_under_the_providers_key_and_locked_bytes_otherwise(history):
    for kind in KINDS:
        backup, secret = backup_of(history, kind)
        attacker = who_can_open(backup, secret, breach=True)[ATTACKER]
        if kind == PROVIDER_KEY:
            assert attacker.level == "opens it" and attacker.lines == history
        else:
            assert attacker.level == "holds it locked" and attacker.lines == ()


def test_the_warrant_covers_alice_only(history):
    bobs, _ = make_backup(history, "Bob", PROVIDER_KEY, seed=8)
    assert who_can_open(bobs, None)[STATE].level == "holds nothing"
    assert not holding(bobs, STATE, None).has_blob


def test_holdings_name_only_what_each_party_could_really_have(history):
    backup, secret = backup_of(history, RECOVERY_KEY)
    assert holding(backup, OWNER, secret).secrets == (secret,)
    for party in (OWNER_LOST, PROVIDER, STATE):
        assert holding(backup, party, secret).secrets == ()
    assert not holding(backup, ATTACKER, secret).has_blob
    with pytest.raises(ValueError, match="parties"):
        holding(backup, "Carol", secret)


def test_what_the_provider_stores_is_said_in_words(history):
    assert backup_of(history, PROVIDER_KEY)[0].stored()[-1] == "the backup key (32 bytes)"
    assert "salt" in backup_of(history, PASSPHRASE)[0].stored()[1]
    assert len(backup_of(history, RECOVERY_KEY)[0].stored()) == 1


def test_a_passphrase_backup_is_argon2id_then_secretbox(history):
    import nacl.pwhash

    backup, _ = backup_of(history, PASSPHRASE)
    key = nacl.pwhash.argon2id.kdf(32, STRONG.encode(), backup.salt, opslimit=backup.opslimit, memlimit=backup.memlimit)
    rows = msgpack.unpackb(SecretBox(key).decrypt(backup.blob))
    assert rows[0] == [1, "Alice", "Bob", "The documents are in the blue folder"]
    assert open_with(backup, [Secret("wrong", "passphrase", STRONG + " ")]) is None


def test_seeded_backups_are_reproducible_and_seeds_or_kinds_differ(history):
    a, b = backup_of(history, RECOVERY_KEY), backup_of(history, RECOVERY_KEY)
    assert a[0].blob == b[0].blob and a[1].value == b[1].value
    other, _ = make_backup(history, "Alice", RECOVERY_KEY, seed=9)
    assert other.blob != a[0].blob
    fresh1, _ = make_backup(history, "Alice", RECOVERY_KEY, seed=None)
    fresh2, _ = make_backup(history, "Alice", RECOVERY_KEY, seed=None)
    assert fresh1.blob != fresh2.blob


def test_recovery_codes_round_trip_and_tolerate_spacing_and_case():
    key = bytes(range(32))
    code = recovery_code(key)
    assert len(code.replace("-", "")) == 64 and code.count("-") == 15
    assert parse_recovery_code(code) == key
    assert parse_recovery_code(code.lower().replace("-", " ")) == key
    for bad in ("", "XYZ", code[:-1], 42, code + "0"):
        assert parse_recovery_code(bad) is None


def test_a_mistyped_recovery_code_opens_nothing(history):
    backup, secret = backup_of(history, RECOVERY_KEY)
    digits = secret.value.replace("-", "")
    wrong = ("0" if digits[0] != "0" else "1") + digits[1:]
    assert open_with(backup, [Secret("typo", "recovery code", wrong)]) is None
    assert open_with(backup, [Secret("not a code", "recovery code", "hello")]) is None


def test_guessing_finds_a_weak_passphrase_and_not_a_strong_one(history):
    weak, _ = backup_of(history, PASSPHRASE, passphrase="sunshine1")
    found = guess_passphrase(weak, COMMON_GUESSES)
    assert found.found == "sunshine1" and found.tries == COMMON_GUESSES.index("sunshine1") + 1
    strong, _ = backup_of(history, PASSPHRASE)
    missed = guess_passphrase(strong, COMMON_GUESSES)
    assert missed.found is None and missed.tries == len(COMMON_GUESSES)


def test_guessing_is_refused_for_random_keys_and_too_long_lists(history):
    for kind in (PROVIDER_KEY, RECOVERY_KEY):
        with pytest.raises(ValueError, match="random bytes"):
            guess_passphrase(backup_of(history, kind)[0], ["x"])
    with pytest.raises(ValueError, match="at most"):
        guess_passphrase(backup_of(history, PASSPHRASE)[0], ["x"] * 6000)


def test_bad_arguments_say_what_is_wrong(history):
    with pytest.raises(ValueError, match="locked with"):
        make_backup(history, "Alice", "a shoebox")
    with pytest.raises(ValueError, match="needs a passphrase"):
        make_backup(history, "Alice", PASSPHRASE)
    with pytest.raises(ValueError, match="needs a passphrase"):
        make_backup(history, "Alice", RECOVERY_KEY, passphrase="x")
    with pytest.raises(ValueError, match="characters"):
        make_backup(history, "Alice", PASSPHRASE, passphrase="")


def test_an_empty_or_unicode_history_survives_the_round_trip():
    lines = (Line(1, "Alice", "Bob", "Grüße, 東京 🙂"),)
    backup, secret = make_backup(lines, "Alice", PASSPHRASE, passphrase="pässwörd", seed=3)
    assert open_with(backup, [secret]) == lines
    empty, key = make_backup((), "Alice", RECOVERY_KEY, seed=3)
    assert open_with(empty, [key]) == ()
