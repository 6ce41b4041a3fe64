"""Chapter 01's secret-key lab (model): real SecretBox locking, tampering and wrong keys."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.labs.secret_keys import (
    KEY_SIZE,
    NONCE_SIZE,
    OVERHEAD,
    TAG_SIZE,
    UnlockError,
    first_text_bit,
    flip_bit,
    lock,
    new_key,
    parts,
    random_key,
    teaching_nonce,
    unlock,
)

KEY = new_key("tests: Alice and Bob")


@given(text=st.text(), label=st.text())
def test_lock_then_unlock_returns_any_unicode_text(text, label):
    blob = lock(text, KEY, teaching_nonce(label))
    assert unlock(blob, KEY) == text
    assert len(blob) == len(text.encode("utf-8")) + OVERHEAD


@given(text=st.text())
def test_lock_with_a_fresh_random_nonce_also_round_trips(text):
    key = random_key()
    first, second = lock(text, key), lock(text, key)
    assert unlock(first, key) == unlock(second, key) == text
    assert parts(first)["nonce"] != parts(second)["nonce"]  # fresh nonce each time: 2**-192 chance to fail


@given(text=st.text(min_size=1), data=st.data())
def test_any_flipped_bit_is_detected(text, data):
    blob = lock(text, KEY, teaching_nonce("flip"))
    index = data.draw(st.integers(0, 8 * len(blob) - 1))
    with pytest.raises(UnlockError, match="tampering detected"):
        unlock(flip_bit(blob, index), KEY)


def test_a_wrong_key_is_refused():
    blob = lock("Meet at noon", KEY, teaching_nonce("wrong key"))
    with pytest.raises(UnlockError, match="wrong key"):
        unlock(blob, new_key("someone else"))


def test_too_short_blob_is_refused_with_a_clear_message():
    with pytest.raises(UnlockError, match="too short"):
        unlock(b"\x00" * (OVERHEAD - 1), KEY)


def test_new_key_is_32_bytes_and_reproducible_from_its_label():
    assert len(KEY) == KEY_SIZE == 32
    assert new_key("tests: Alice and Bob") == KEY
    assert new_key("tests: Alice and Bob!") != KEY
    assert len(teaching_nonce("x")) == NONCE_SIZE == 24
    assert teaching_nonce("x") == teaching_nonce("x") != teaching_nonce("y")
    # keys and nonces from the same label are unrelated (different BLAKE2b personalisation)
    assert new_key("same")[:NONCE_SIZE] != teaching_nonce("same")


def test_the_same_key_and_nonce_give_the_same_bytes_and_a_new_nonce_changes_them_all():
    a = lock("Meet at noon", KEY, teaching_nonce("one"))
    assert lock("Meet at noon", KEY, teaching_nonce("one")) == a
    b = lock("Meet at noon", KEY, teaching_nonce("two"))
    assert parts(a)["ciphertext"] != parts(b)["ciphertext"] and parts(a)["tag"] != parts(b)["tag"]


def test_the_ciphertext_does_not_contain_the_text():
    text = "a long and very recognisable secret message " * 3
    blob = lock(text, KEY, teaching_nonce("leak"))
    assert text.encode() not in blob and b"recognisable" not in blob


def test_parts_split_nonce_tag_and_text():
    blob = lock("héllo", KEY, teaching_nonce("parts"))
    p = parts(blob)
    assert p["nonce"] == teaching_nonce("parts")
    assert len(p["tag"]) == TAG_SIZE == 16
    assert len(p["ciphertext"]) == len("héllo".encode())
    assert p["nonce"] + p["tag"] + p["ciphertext"] == blob
    assert first_text_bit(blob) == 8 * OVERHEAD


def test_flip_bit_changes_exactly_one_bit_and_twice_restores():
    blob = bytes(range(50))
    for index in (0, 7, 8, 321, 399):
        flipped = flip_bit(blob, index)
        diff = int.from_bytes(bytes(a ^ b for a, b in zip(blob, flipped, strict=True)), "little")
        assert diff == 1 << index
        assert flip_bit(flipped, index) == blob


@pytest.mark.parametrize("index", [-1, 400])
def test_flip_bit_outside_the_blob_is_refused(index):
    with pytest.raises(IndexError):
        flip_bit(bytes(50), index)
