"""Signal's key schedule, byte for byte against libsignal's own published test vectors, and the ratchet's
bounds on skipped keys."""

import time

import pytest

from widgets.protocol.crypto import Key, hkdf, message_keys
from widgets.protocol.ratchet import (
    MAX_JUMP,
    MAX_SKIPPED,
    RatchetRefused,
    decrypt_step,
    encrypt_step,
    kdf_ck,
    kdf_rk,
    start_as_initiator,
    start_as_responder,
    x3dh_initiator,
    x3dh_responder,
)

h = bytes.fromhex


def x(private_hex: str) -> Key:
    return Key.x25519("test", h(private_hex))


def public(signal_hex: str) -> bytes:
    """libsignal serialises a Curve25519 public key as 0x05 followed by its 32 bytes."""
    data = h(signal_hex)
    assert data[0] == 0x05
    return data[1:]


# From signalapp/libsignal, rust/protocol/src/ratchet/keys.rs, test_chain_key_derivation.
CHAIN_SEED = "8ab72d6f4cc5ac0d387eaf463378ddb28edd07385b1cb01250c715982e7ad48f"
CHAIN_CIPHER_KEY = "bf51e9d75e0e31031051f82a2491ffc084fa298b7793bd9db620056febf45217"
CHAIN_MAC_KEY = "c6c77d6a73a354337a56435e34607dfe48e3ace14e77314dc6abc172e7a7030b"
CHAIN_NEXT = "28e8f8fee54b801eef7c5cfb2f17f32c7b334485bbb70fac6ec10342a246d15d"

# From signalapp/libsignal, rust/protocol/tests/ratchet.rs (the same values as
# java/client/src/test/java/org/signal/libsignal/protocol/ratchet/RatchetingSessionTest.java).
BOB_IDENTITY_PUBLIC = "05f1f43874f6966956c2dd473f8fa15adeb71d1cb991b2341692324cefb1c5e626"
BOB_IDENTITY_PRIVATE = "4875cc69ddf8ea0719ec947d61081135868d5fd801f02c0225e516df2156605e"
BOB_SIGNED_PREKEY_PUBLIC = "05ac248a8f263be6863576eb0362e28c828f0107a3379d34bab1586bf8c770cd67"
BOB_SIGNED_PREKEY_PRIVATE = "583900131fb727998b7803fe6ac22cc591f342e4e42a8c8d5d78194209b8d253"
ALICE_BASE_PUBLIC = "05472d1fb1a9862c3af6beaca8920277e2b26f4a79213ec7c906aeb35e03cf8950"
ALICE_BASE_PRIVATE = "11ae7c64d1e61cd596b76a0db5012673391cae66edbfcf073b4da80516a47449"
ALICE_IDENTITY_PUBLIC = "05b4a8455660ada65b401007f615e654041746432e3339c6875149bceefcb42b4a"
ALICE_IDENTITY_PRIVATE = "9040f0d4e09cf38f6dc7c13779c908c015a1da4fa78737a080eb0a6f4f5f8f58"
BOB_EXPECTED_SENDER_CHAIN = "9797caca53c989bbe229a40ca7727010eb2604fc14945d77958a0aeda088b44d"
ALICE_EXPECTED_RECEIVER_CHAIN = "ab9be50e5cb22a925446ab90ee5670545f4fd32902459ec274b6ad0ae5d6031a"


def test_kdf_ck_reproduces_libsignals_chain_key_vector():
    following, keys = kdf_ck(h(CHAIN_SEED))
    assert keys.cipher_key.hex() == CHAIN_CIPHER_KEY
    assert keys.mac_key.hex() == CHAIN_MAC_KEY
    assert following.hex() == CHAIN_NEXT
    assert len(keys.iv) == 16 and keys == message_keys(keys.seed)


def test_x3dh_as_bob_gives_libsignals_sender_chain_key():
    _root, chain = x3dh_responder(
        x(BOB_IDENTITY_PRIVATE),
        x(BOB_SIGNED_PREKEY_PRIVATE),
        public(ALICE_IDENTITY_PUBLIC),
        public(ALICE_BASE_PUBLIC),
    )
    assert chain.hex() == BOB_EXPECTED_SENDER_CHAIN


def test_x3dh_as_alice_gives_libsignals_receiver_chain_key():
    # The vector's private halves do not match its public halves (libsignal's test notes that this value
    # "differs from the Java test"): so Alice's value differs from Bob's, and each is reproduced from its own.
    base = x(ALICE_BASE_PRIVATE)
    assert base.public != public(ALICE_BASE_PUBLIC)
    _root, chain = x3dh_initiator(
        x(ALICE_IDENTITY_PRIVATE), base, public(BOB_IDENTITY_PUBLIC), public(BOB_SIGNED_PREKEY_PUBLIC)
    )
    assert chain.hex() == ALICE_EXPECTED_RECEIVER_CHAIN


def test_hkdf_matches_rfc_5869_test_case_1():
    okm = hkdf(h("0b" * 22), h("f0f1f2f3f4f5f6f7f8f9"), 42, salt=h("000102030405060708090a0b0c"))
    assert okm.hex() == ("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")


def test_both_sides_agree_with_a_one_time_prekey_and_the_root_step_is_salted_with_the_root():
    alice, bob = x("11" * 32), x("22" * 32)
    signed, one_time, base = x("33" * 32), x("44" * 32), x("55" * 32)
    sent = x3dh_initiator(alice, base, bob.public, signed.public, one_time.public)
    assert sent == x3dh_responder(bob, signed, alice.public, base.public, one_time)
    assert sent != x3dh_initiator(alice, base, bob.public, signed.public)  # DH4 changes everything
    assert kdf_rk(b"\x01" * 32, b"\x02" * 32) != kdf_rk(b"\x03" * 32, b"\x02" * 32)


def pair():
    root = b"\x09" * 32
    bob_signed = x("66" * 32)
    alice = start_as_initiator(root, x("77" * 32), bob_signed.public)
    bob = start_as_responder(root, bob_signed)
    return alice, bob


def ratchet_for(seed: int):
    return lambda step: Key.x25519("r", bytes([seed + step]) * 32)


def test_out_of_order_messages_open_with_the_skipped_keys_and_a_replay_is_refused():
    alice, bob = pair()
    sent = [encrypt_step(alice) for _ in range(4)]
    order = [3, 0, 2, 1]
    for i in order:
        header, key = sent[i]
        assert decrypt_step(bob, header, ratchet_for(100)) == key
    with pytest.raises(RatchetRefused, match="already used"):
        decrypt_step(bob, sent[1][0], ratchet_for(100))


def test_a_huge_jump_is_refused_at_once_with_a_reason():
    alice, bob = pair()
    header, _ = encrypt_step(alice)
    started = time.perf_counter()
    with pytest.raises(RatchetRefused, match="25,000"):
        decrypt_step(bob, {**header, "n": 10**6}, ratchet_for(100))
    assert time.perf_counter() - started < 1  # refused before any stepping, not after 10^6 steps
    assert decrypt_step(bob, header, ratchet_for(100)) is not None  # the session was not spoiled


def test_at_most_two_thousand_skipped_keys_are_kept():
    alice, bob = pair()
    first, _ = encrypt_step(alice)
    decrypt_step(bob, first, ratchet_for(100))
    header, _ = encrypt_step(alice)
    decrypt_step(bob, {**header, "n": MAX_SKIPPED + 500}, ratchet_for(100))
    assert len(bob.skipped) == MAX_SKIPPED
    assert (alice.dhs.public, 1) not in bob.skipped  # the oldest went first
    assert MAX_JUMP == 25_000
