"""Key escrow by real decryption: the State opens the law-enforcement field, a breach opens everything,
compliant apps refuse messages without a valid field, and Blaze's forgery defeats the 16-bit check."""

import random

import pytest

from widgets import Policy, World
from widgets.protocol.crypto import Key, header_field
from widgets.protocol.leaf import LEAF_BYTES, check_leaf, forge_leaf, make_leaf, open_leaf

ESCROWED = Policy(escrow=True)


def sent(policy, seed=21):
    world = World(seed=seed, policy=policy)
    return world, [
        world.send("Alice", "Bob", "Meet at noon"),
        world.send("Bob", "Alice", "OK"),
        world.send("Bob", "Carol", "Alice says noon"),
    ]


def test_escrow_lets_the_state_read_what_its_warrant_covers():
    world, (a, b, c) = sent(ESCROWED)
    assert world.readers(a) == world.readers(b) == {"Alice", "Bob", "State"}
    assert world.readers(c) == {"Bob", "Carol"}  # no warrant copy of Bob and Carol's chat
    assert world.access("Provider", a) == "metadata only"  # the Provider has no escrow key


def test_a_stolen_escrow_key_opens_every_recorded_message():
    world, messages = sent(Policy(escrow=True, escrow_breach=True))
    for m in messages:
        assert "Attacker" in world.readers(m)
    stolen = [k for k in world.holdings("Attacker").keys if "escrow" in k.label]
    assert len(stolen) == 1


def test_without_escrow_the_breach_switch_has_nothing_to_steal():
    world, messages = sent(Policy(escrow_breach=True))
    assert all(world.readers(m) <= {"Alice", "Bob", "Carol"} for m in messages)
    assert world.holdings("Attacker").keys == ()


def test_escrow_does_nothing_when_the_provider_already_reads():
    world, (a, *_rest) = sent(Policy(end_to_end=False, escrow=True))
    assert world.readers(a) == {"Alice", "Bob", "Provider", "State"}


def test_the_field_travels_beside_the_message_on_the_wire():
    world, (a, *_rest) = sent(ESCROWED)
    from widgets.protocol.crypto import read_frame

    uplink = next(r.blob for r in world.holdings("Attacker").records if r.msg == a.id)
    leaf = header_field(read_frame(uplink)["body"], "leaf")
    assert leaf is not None and len(leaf) == LEAF_BYTES == 4 + 105 + 2


FAMILY = bytes(range(32))
ESCROW_AGENT = Key.x25519("escrow", bytes([5]) * 32)
MESSAGE_KEY = bytes([8]) * 32


def a_leaf():
    return make_leaf("Alice", MESSAGE_KEY, ESCROW_AGENT.public, FAMILY, bytes([1]) * 32, bytes([2]) * 24)


def test_a_valid_field_checks_and_opens_only_for_the_escrow_agent():
    leaf = a_leaf()
    assert check_leaf(leaf, MESSAGE_KEY, FAMILY)
    assert open_leaf(leaf, ESCROW_AGENT) == MESSAGE_KEY
    assert open_leaf(leaf, Key.x25519("someone", bytes([6]) * 32)) is None
    assert not check_leaf(leaf, bytes(32), FAMILY)  # the check binds the field to this message's key


@pytest.mark.parametrize("index", [0, 10, LEAF_BYTES - 1])
def test_an_altered_field_fails_the_check(index):
    leaf = bytearray(a_leaf())
    leaf[index] ^= 1
    assert not check_leaf(bytes(leaf), MESSAGE_KEY, FAMILY)


def test_blazes_forgery_passes_the_receivers_check_but_gives_the_agent_nothing():
    rng = random.Random(1994)
    forged, tries = forge_leaf(lambda f: check_leaf(f, MESSAGE_KEY, FAMILY), randbytes=rng.randbytes)
    assert forged is not None and forged != a_leaf()
    assert check_leaf(forged, MESSAGE_KEY, FAMILY)  # the compliant receiver accepts it
    assert open_leaf(forged, ESCROW_AGENT) is None  # the escrow agent recovers no key
    assert 1 <= tries < 2**16 * 20  # geometric with mean 2^16; 20 means out is a 1-in-485-million event


def test_a_bit_flipped_on_the_wire_is_caught_by_the_authentication_tag_not_the_escrow_check():
    world = World(seed=22, policy=ESCROWED)
    m = world.send("Alice", "Bob", "Pay 10", tamper=True)
    assert m.status == "tampering detected"
    words = [s.what for s in m.steps if s.actor == "Bob"]
    assert "unlocks and shows the message" not in words
    assert "altered on the way" in m.warnings[0].text
