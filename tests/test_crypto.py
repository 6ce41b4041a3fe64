"""The envelopes and the try-every-key opener: real PyNaCl, and robust to hostile bytes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.protocol import crypto
from widgets.protocol.crypto import Key, frame, lock_for, lock_secret, open_blob, seal

ALICE = Key.x25519("Alice", bytes([1]) * 32)
BOB = Key.x25519("Bob", bytes([2]) * 32)
EVE = Key.x25519("Eve", bytes([3]) * 32)
STORE = Key.symmetric("store", bytes([4]) * 32)
N = [bytes([i]) * 24 for i in range(5)]


def text(msg, words):
    return frame(kind="text", msg=msg, text=words.encode())


def test_sealed_opens_only_for_its_recipient():
    blob = seal(text(1, "hi"), BOB.public, bytes([9]) * 32, N[0])
    assert open_blob(blob, [BOB]).texts() == [(1, "hi")]
    assert open_blob(blob, [ALICE, EVE]).texts() == []
    assert open_blob(blob, [EVE]).locked == ["sealed"]


DIRECTORY = [ALICE.public, BOB.public, EVE.public]


def test_end_to_end_slots_open_for_recipient_and_sender_but_no_one_else():
    blob = lock_for(text(2, "yo"), ALICE, [BOB.public], bytes([7]) * 32, N[:2])
    assert open_blob(blob, [BOB], DIRECTORY).texts() == [(2, "yo")]
    assert open_blob(blob, [ALICE], DIRECTORY).texts() == [(2, "yo")]  # Box is symmetric: the sender reopens it
    assert open_blob(blob, [EVE, STORE], DIRECTORY).texts() == []
    assert open_blob(blob, [BOB], []).texts() == []  # without the sender's public key the slot stays shut


def test_end_to_end_blobs_name_no_one():
    blob = lock_for(text(2, "yo"), ALICE, [BOB.public], bytes([7]) * 32, N[:2])
    for key in (ALICE, BOB):
        assert key.public not in blob


def test_a_slot_made_with_an_unlisted_key_does_not_open_a_strict_recipient():
    forger = Key.x25519("forger", bytes([9]) * 32)
    forged = lock_for(text(4, "I am Alice"), forger, [BOB.public], bytes([7]) * 32, N[:2])
    assert open_blob(forged, [BOB], [ALICE.public]).texts() == []  # Bob checks against Alice's real key


def test_a_flipped_bit_in_an_end_to_end_body_is_tampering():
    blob = bytearray(lock_for(text(3, "pay 10"), ALICE, [BOB.public], bytes([7]) * 32, N[:2]))
    blob[-3] ^= 1
    opened = open_blob(bytes(blob), [BOB], DIRECTORY)
    assert opened.texts() == [] and opened.tampered


def test_a_held_message_key_opens_only_its_own_message():
    key = bytes([7]) * 32
    blob = lock_for(text(5, "later"), ALICE, [BOB.public], key, N[:2])
    assert open_blob(blob, [Key("stolen", "message", key)]).texts() == [(5, "later")]
    wrong = open_blob(blob, [Key("other", "message", bytes(32))])
    assert wrong.texts() == [] and not wrong.tampered


def test_secret_layer_needs_the_symmetric_key():
    blob = lock_secret(text(4, "diary"), STORE.secret, N[0])
    assert open_blob(blob, [STORE]).texts() == [(4, "diary")]
    assert open_blob(blob, [Key.symmetric("x", bytes(32))]).texts() == []


def test_layers_nest_and_routing_frames_come_out_on_the_way():
    inner = lock_for(text(5, "deep"), ALICE, [BOB.public], bytes([7]) * 32, N[:2])
    outer = seal(frame(kind="relay", msg=5, sender="Alice", to="Bob", body=inner), EVE.public, bytes([8]) * 32, N[2])
    eve = open_blob(outer, [EVE], DIRECTORY)
    assert eve.texts() == [] and eve.frames[0]["to"] == "Bob" and eve.locked == ["end-to-end"]
    assert open_blob(outer, [EVE, BOB], DIRECTORY).texts() == [(5, "deep")]


@given(st.binary(max_size=400))
def test_hostile_bytes_never_raise(blob):
    opened = open_blob(blob, [ALICE, BOB, STORE], DIRECTORY)
    assert opened.texts() == [] or blob[:1] == bytes([crypto.FRAME])


@pytest.mark.parametrize("depth", [10, 50])
def test_deeply_nested_frames_stop(depth):
    blob = text(1, "core")
    for _ in range(depth):
        blob = frame(kind="relay", msg=1, body=blob)
    assert open_blob(blob, []).texts() == []  # too deep to be one of ours: not followed


packable = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.binary(max_size=40) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(shape=st.sampled_from([crypto.FRAME, crypto.SLOTS]), body=packable)
def test_well_formed_but_hostile_structures_never_raise(shape, body):
    import msgpack

    blob = bytes([shape]) + msgpack.packb(body, use_bin_type=True)
    opened = open_blob(blob, [ALICE, BOB, STORE], DIRECTORY)
    assert isinstance(opened.texts(), list)


@given(kind=st.just("text"), msg=packable, words=packable)
def test_text_frames_with_wrong_types_are_ignored(kind, msg, words):
    blob = frame(kind=kind, msg=msg, text=words)
    texts = open_blob(blob, []).texts()
    assert all(isinstance(m, int) and isinstance(t, str) for m, t in texts)
