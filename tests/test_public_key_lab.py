"""The chapter 02 model: PyNaCl really is X25519, both ends agree on the secret, and Box keeps others out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nacl.bindings import crypto_scalarmult_base

from widgets.labs import public_keys as lab
from widgets.protocol.message import MessageRefused

private_keys = st.binary(min_size=32, max_size=32)


def test_rfc7748_vector_section_6_1():
    check = lab.check_rfc7748()
    assert check.expected.hex() == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
    assert check.computed == check.expected
    assert check.matches
    assert "the same: PyNaCl computes X25519" in str(check)


def test_shared_secret_of_the_rfc_keys_directly():
    secret = lab.shared_secret(lab.RFC7748_ALICE_PRIVATE, lab.RFC7748_BOB_PUBLIC)
    assert secret == lab.RFC7748_SHARED_SECRET


@settings(max_examples=60, deadline=None)
@given(a=private_keys, b=private_keys)
def test_shared_secret_is_symmetric(a, b):
    a_public, b_public = lab.public_key(a), lab.public_key(b)
    assert a_public == crypto_scalarmult_base(a)  # the public key is X25519 with the base point
    assert lab.shared_secret(a, b_public) == lab.shared_secret(b, a_public)


@settings(max_examples=30, deadline=None)
@given(a=private_keys, b=private_keys, c=private_keys)
def test_a_third_private_key_gets_a_different_secret(a, b, c):
    if len({lab.public_key(k) for k in (a, b, c)}) < 3:
        return  # the same key drawn twice (or equivalent after clamping): not a third person
    secret = lab.shared_secret(a, lab.public_key(b))
    assert lab.shared_secret(c, lab.public_key(a)) != secret
    assert lab.shared_secret(c, lab.public_key(b)) != secret


def test_key_pairs_are_reproducible_per_label_and_differ_between_labels():
    assert lab.key_pair("Alice") == lab.key_pair("Alice")
    assert len({lab.key_pair(n).public for n in lab.PEOPLE}) == 3
    pair = lab.key_pair("Bob")
    assert pair.public == lab.public_key(pair.private)
    assert pair.private.hex() not in repr(pair)  # the private key is never printed


def test_random_key_pairs_are_fresh():
    assert lab.random_key_pair("Alice").private != lab.random_key_pair("Alice").private


def test_exchange_agrees_and_outsider_does_not():
    ex = lab.exchange("Alice", "Bob")
    assert ex.outsider == "Carol"
    assert ex.agree and not ex.outsider_matches
    assert ex.sender_secret == lab.shared_secret(lab.key_pair("Bob").private, lab.key_pair("Alice").public)


def test_box_recipient_and_sender_open_third_key_cannot():
    alice, bob, carol = (lab.key_pair(n) for n in lab.PEOPLE)
    locked = lab.box_lock("Meet at noon", alice.private, bob.public, lab.teaching_nonce("t"))
    assert b"Meet at noon" not in locked
    assert lab.box_unlock(locked, bob.private, alice.public).text == "Meet at noon"
    assert lab.box_unlock(locked, alice.private, bob.public).text == "Meet at noon"
    for other in (alice.public, bob.public, carol.public):
        carol_try = lab.box_unlock(locked, carol.private, other)
        assert not carol_try.ok
        assert str(carol_try) == "cannot open: wrong key or tampering detected"


@settings(max_examples=25, deadline=None)
@given(a=private_keys, b=private_keys, c=private_keys, text=st.text(min_size=1, max_size=50).filter(str.strip))
def test_box_opens_only_for_the_two_ends(a, b, c, text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return  # lone surrogates are refused by check_text; covered elsewhere
    if lab.public_key(c) in (lab.public_key(a), lab.public_key(b)):
        return
    locked = lab.box_lock(text, a, lab.public_key(b))
    assert lab.box_unlock(locked, b, lab.public_key(a)).text == text
    assert not lab.box_unlock(locked, c, lab.public_key(a)).ok
    assert not lab.box_unlock(locked, c, lab.public_key(b)).ok


def test_tampering_is_detected_even_by_the_recipient():
    trial = lab.box_trial("Alice", "Bob", "Meet at noon", tampered=True, nonce=lab.teaching_nonce("t"))
    assert all(not opened.ok for opened in trial.attempts.values())
    clean = lab.box_trial("Alice", "Bob", "Meet at noon", nonce=lab.teaching_nonce("t"))
    assert clean.locked != trial.locked and len(clean.locked) == len(trial.locked)
    assert [n for n, o in clean.attempts.items() if o.ok] == ["Bob", "Alice"]


def test_teaching_nonce_makes_bytes_reproducible_and_random_nonce_does_not():
    a, b = lab.key_pair("Alice"), lab.key_pair("Bob")
    nonce = lab.teaching_nonce("x")
    assert lab.box_lock("hi", a.private, b.public, nonce) == lab.box_lock("hi", a.private, b.public, nonce)
    assert lab.box_lock("hi", a.private, b.public) != lab.box_lock("hi", a.private, b.public)


@pytest.mark.parametrize("text", ["", "   ", "\ud800"])
def test_unusable_text_is_refused_in_words(text):
    with pytest.raises(MessageRefused):
        lab.box_trial("Alice", "Bob", text)


def test_bad_input_gives_plain_errors():
    with pytest.raises(ValueError, match="32 bytes"):
        lab.shared_secret(b"short", lab.RFC7748_BOB_PUBLIC)
    with pytest.raises(ValueError, match="not a usable X25519 key"):
        lab.shared_secret(lab.RFC7748_ALICE_PRIVATE, bytes(32))
    with pytest.raises(ValueError, match="two different people"):
        lab.exchange("Alice", "Alice")
    with pytest.raises(ValueError, match="Choose one of"):
        lab.box_trial("Alice", "Mallory", "hi")
    a, b = lab.key_pair("Alice"), lab.key_pair("Bob")
    assert not lab.box_unlock(b"", b.private, a.public).ok
    assert not lab.box_unlock(b"\x00" * 10, b.private, a.public).ok
