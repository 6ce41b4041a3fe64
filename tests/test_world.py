"""The World's contract (docs/architecture.md): who can read what, by real decryption, and bad input refused clearly."""

from datetime import datetime

import pytest

from widgets import MessageRefused, Metadata, Policy, World
from widgets.protocol.crypto import Key, open_blob
from widgets.protocol.message import MAX_BYTES

TRANSPORT_ONLY = Policy(end_to_end=False)


def conversation(policy=None, seed=7):
    world = World(seed=seed, policy=policy)
    sent = [
        world.send("Alice", "Bob", "Meet at noon"),
        world.send("Bob", "Alice", "Where?"),
        world.send("Alice", "Bob", "The usual café ☕"),
    ]
    return world, sent


def test_default_only_alice_and_bob_read():
    world, sent = conversation()
    for m in sent:
        assert world.readers(m) == {"Alice", "Bob"}
        assert world.read_as("Bob", m) == m.text
        assert world.read_as("Provider", m) is None
        assert world.read_as("State", m) is None


def test_transport_only_adds_provider_and_state():
    world, sent = conversation(TRANSPORT_ONLY)
    for m in sent:
        assert world.readers(m) == {"Alice", "Bob", "Provider", "State"}
        assert world.read_as("State", m) == m.text


def test_provider_breach_under_end_to_end_gives_attacker_metadata_only():
    world, sent = conversation()
    assert {world.access("Attacker", m) for m in sent} == {"ciphertext only"}
    world.policy = Policy(provider_breach=True)
    for m in sent:
        assert "Attacker" not in world.readers(m)
        assert world.access("Attacker", m) == "metadata only"
    learned = world.holdings("Attacker").metadata()
    assert [(md.sender, md.recipient) for md in learned] == [("Alice", "Bob"), ("Bob", "Alice"), ("Alice", "Bob")]


def test_provider_breach_under_transport_only_lets_attacker_read():
    world, sent = conversation(Policy(end_to_end=False, provider_breach=True))
    for m in sent:
        assert world.readers(m) == {"Alice", "Bob", "Provider", "State", "Attacker"}


def test_reading_depends_on_the_keys_held_not_on_a_table():
    world, sent = conversation(Policy(end_to_end=False, provider_breach=True))
    attacker = world.holdings("Attacker")
    stolen = [k for k in attacker.keys if "storage" in k.label]
    stored = [r for r in attacker.about(sent[0].id) if r.kind == "server store"]
    assert stored and stolen
    assert open_blob(stored[0].blob, stolen).texts() == [(sent[0].id, sent[0].text)]
    # The same bytes with any other key: nothing comes out.
    other = Key.symmetric("some other key", bytes(range(32)))
    assert open_blob(stored[0].blob, [other]).texts() == []


def test_state_warrant_covers_only_alices_conversations():
    world = World(seed=1, policy=TRANSPORT_ONLY)
    about_alice = world.send("Alice", "Bob", "hello")
    not_alice = world.send("Bob", "Carol", "hi Carol")
    assert "State" in world.readers(about_alice)
    assert world.access("State", not_alice) == "nothing"
    assert world.readers(not_alice) == {"Bob", "Carol", "Provider"}


def test_state_under_end_to_end_gets_metadata_only():
    world, sent = conversation()
    assert {world.access("State", m) for m in sent} == {"metadata only"}
    assert {world.access("Provider", m) for m in sent} == {"metadata only"}


def test_tampering_is_detected_not_raised():
    world = World(seed=3)
    ok = world.send("Alice", "Bob", "first")
    bad = world.send("Alice", "Bob", "second", tamper=True)
    assert ok.status == "delivered"
    assert bad.status == "tampering detected"
    assert [n.party for n in bad.warnings] == ["Bob"]
    assert "tampering detected" in bad.warnings[0].text
    assert world.readers(bad) == {"Alice"}
    world.policy = TRANSPORT_ONLY  # the transport layer's MAC catches it too
    assert world.messages[1].status == "tampering detected"
    assert "Bob" not in world.readers(bad)


def test_seeded_worlds_are_byte_for_byte_reproducible():
    a, _ = conversation(seed=11)
    b, _ = conversation(seed=11)
    c, _ = conversation(seed=12)
    for party in a.parties:
        assert a.holdings(party).all_bytes() == b.holdings(party).all_bytes()
    assert a.holdings("Attacker").all_bytes() != c.holdings("Attacker").all_bytes()


def test_unseeded_worlds_differ_but_agree_on_readers():
    a, sa = conversation(seed=None)
    b, sb = conversation(seed=None)
    assert a.holdings("Attacker").all_bytes() != b.holdings("Attacker").all_bytes()
    assert [a.readers(m) for m in sa] == [b.readers(m) for m in sb]


def test_changing_policy_replays_the_conversation_and_switching_back_restores_it():
    world, sent = conversation()
    before = world.holdings("Provider").all_bytes()
    world.policy = TRANSPORT_ONLY
    assert [m.id for m in world.messages] == [m.id for m in sent]
    assert "Provider" in world.readers(sent[0])  # an old Message still names its message
    world.policy = Policy()
    assert world.holdings("Provider").all_bytes() == before


def test_metadata_records_who_when_and_size_but_no_content():
    world, sent = conversation()
    meta = world.holdings("Provider").metadata()
    assert meta[0] == Metadata(1, "Alice", "Bob", datetime(2017, 3, 27, 9, 0), sent[0].size)
    assert all(m.text not in str(md) for m in sent for md in meta)


def test_steps_follow_the_journey_in_order():
    _, sent = conversation()
    stages = [s.stage for s in sent[0].steps]
    order = ["compose", "key_lookup", "encrypt", "relay", "deliver", "store"]
    assert [s for s in order if s in stages] == order
    assert stages == sorted(stages, key=order.index)
    hops = [(s.actor, s.to) for s in sent[0].steps if s.size]
    assert hops == [("Alice", "Provider"), ("Provider", "State"), ("Provider", "Bob")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("   \n\t", "empty"),
        ("x" * (MAX_BYTES + 1), "65,537 bytes"),
        ("é" * (MAX_BYTES // 2 + 1), "bytes"),
        ("broken \ud800 char", r"U\+D800"),
        (b"bytes", "must be text"),
        (None, "must be text"),
    ],
)
def test_bad_messages_are_refused_with_a_plain_reason(text, words):
    world = World(seed=1)
    with pytest.raises(MessageRefused, match=words):
        world.send("Alice", "Bob", text)
    assert world.messages == ()  # nothing half-sent


@pytest.mark.parametrize(
    "text", ["x" * MAX_BYTES, "nul\x00 and bell\x07", "<script>alert(1)</script>", "🙂 مرحبا 你好", "\u200b"]
)
def test_odd_but_valid_messages_are_sent_faithfully(text):
    world = World(seed=1)
    m = world.send("Alice", "Bob", text)
    assert world.read_as("Bob", m) == text
    assert world.readers(m) == {"Alice", "Bob"}


@pytest.mark.parametrize(
    ("sender", "recipient", "words"),
    [
        ("Alice", "Alice", "themselves"),
        ("State", "Bob", "not a user"),
        ("Alice", "Provider", "not a user"),
        ("alice", "Bob", "looks like 'Alice'"),
        ("Al1ce", "Bob", "one word of letters"),
        ("", "Bob", "one word of letters"),
        ("\u0410lice", "Bob", "mixes CYRILLIC and LATIN"),  # Cyrillic А in front of Latin letters
        ("Alice", "\u0410\u04cf\u0456\u0441\u0435", "looks like 'Alice'"),  # all Cyrillic look-alikes
        ("Alice", "AIice", "looks like 'Alice'"),
        ("Alice", tuple(f"Member{chr(65 + i % 26)}{chr(65 + i // 26)}" for i in range(101)), "at most 100"),
    ],
)
def test_bad_names_are_refused(sender, recipient, words):
    with pytest.raises(MessageRefused, match=words):
        World(seed=1).send(sender, recipient, "hi")


@pytest.mark.parametrize("name", ["Zoë", "李娜", "Ярослава", "zed", "さくら"])
def test_names_in_any_script_are_welcome(name):
    world = World(seed=1)
    assert world.send("Alice", name, "hi").status == "delivered"
    assert name in world.users


def test_inputs_must_be_what_they_say():
    world, other = World(seed=1), World(seed=2)
    mine, theirs = world.send("Alice", "Bob", "mine"), other.send("Alice", "Bob", "theirs")
    with pytest.raises(ValueError, match="another world"):
        world.readers(theirs)
    with pytest.raises(ValueError, match="no message True"):
        world.readers(True)
    assert world.readers(mine) == {"Alice", "Bob"}
    with pytest.raises(MessageRefused, match="True or False, not 'no'"):
        world.send("Alice", "Bob", "hi", tamper="no")
    with pytest.raises(ValueError, match="list of texts"):
        world.watchlist = "abc"
    world.watchlist = ["take up arms"]
    assert [item.label for item in world.watchlist] == ["take up arms"]


def test_bad_policy_and_party_and_message_are_explained():
    world = World(seed=1)
    with pytest.raises(ValueError, match="True or False"):
        Policy(end_to_end="yes")
    with pytest.raises(ValueError, match="must be a Policy"):
        world.policy = {"end_to_end": False}
    with pytest.raises(ValueError, match="no party called 'Eve'"):
        world.holdings("Eve")
    with pytest.raises(ValueError, match="no message 5"):
        world.readers(5)
    with pytest.raises(ValueError, match="whole number"):
        World(seed="7")


def test_holdings_print_readably():
    world, _ = conversation()
    text = str(world.holdings("Provider"))
    assert text.startswith("The Provider holds 2 keys and 6 records.")  # words, not "2 key(s)"
    assert str(world.holdings("State")).startswith("The State holds 1 key and 3 records.")  # one: no plural
    assert str(world.holdings("Alice")).startswith("Alice holds 3 keys")  # a person: no "The"
    assert "Alice → Bob" in text and "bytes" in text
    assert "Meet at noon" not in text


def test_more_users_join_by_sending():
    world = World(seed=2)
    m = world.send("Carol", "Dave", "hi Dave")
    assert world.users == ("Alice", "Bob", "Carol", "Dave")
    assert world.readers(m) == {"Carol", "Dave"}


def test_learned_says_what_each_party_can_tell_about_a_message():
    world, sent = conversation()
    state = world.learned("State", sent[0])
    assert (state.level, state.text, state.sender, state.recipient, state.time) == (
        "metadata only",
        None,
        "Alice",
        "Bob",
        "2017-03-27T09:00",
    )
    wire = world.learned("Attacker", sent[0])
    assert (wire.level, wire.sender, wire.recipient) == ("ciphertext only", None, None)  # the wire names no one
    assert world.learned("Bob", sent[0]).text == "Meet at noon"


def test_the_world_describes_its_policy_plainly():
    assert repr(World(seed=1, policy=TRANSPORT_ONLY)) == "World(seed=1, policy: end_to_end=False, 0 message(s))"
    assert repr(World(seed=1)) == "World(seed=1, policy: default, 0 message(s))"


def test_message_size_is_the_message_on_its_way_up_whatever_else_travels():
    plain = World(seed=9).send("Alice", "Bob", "same words")
    scanned_world = World(seed=9, policy=Policy(endpoint_implant=True))
    scanned = scanned_world.send("Alice", "Bob", "same words")
    uplink = next(r for r in scanned_world.holdings("Attacker").records if r.note == "Alice's phone → Provider")
    assert scanned.size == len(uplink.blob) == plain.size
