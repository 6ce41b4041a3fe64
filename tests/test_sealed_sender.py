"""Sealed sender: the Provider's log loses the sender's name, the recipient still knows who wrote, and the
warrant reaches only what the Provider can still tell is the target's. Every answer comes from decryption."""

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import Policy, World
from widgets.protocol import crypto, journey
from widgets.protocol.message import MessageRefused

SEALED = Policy(sealed_sender=True)
users = st.sampled_from(["Alice", "Bob", "Carol", "Dave"])


def exchange(policy: Policy) -> World:
    world = World(seed=6, policy=policy)
    world.send("Alice", "Bob", "From Alice to Bob")
    world.send("Bob", "Alice", "From Bob to Alice")
    world.send("Carol", "Bob", "From Carol to Bob")
    return world


def test_the_providers_log_names_recipients_and_times_but_no_senders():
    world = exchange(SEALED)
    log = world.holdings("Provider").metadata()
    assert [line.recipient for line in log] == ["Bob", "Alice", "Bob"]
    assert all(line.sender is None for line in log)
    assert "(sender hidden)" in str(log[0])
    # What the Provider decrypts for itself agrees with its log.
    for m in world.messages:
        learned = world.learned("Provider", m)
        assert learned.level == "metadata only"
        assert learned.sender is None and learned.recipient == m.recipient


def test_without_sealed_sender_the_log_names_every_sender():
    world = exchange(Policy())
    assert [line.sender for line in world.holdings("Provider").metadata()] == ["Alice", "Bob", "Carol"]


def test_recipients_still_read_and_learn_the_sender_from_inside_the_envelope():
    world = exchange(SEALED)
    for m in world.messages:
        assert m.status == "delivered"
        assert world.readers(m) == {m.sender, m.recipient}
        assert world.learned(m.recipient, m).sender == m.sender  # the name is inside the locked content
        assert world.learned("Provider", m).sender is None


def test_a_name_inside_the_envelope_that_is_not_the_senders_is_refused(monkeypatch):
    # A forger puts someone else's name inside: the recipient's app checks that person's key and refuses.
    def forged(j):
        return crypto.frame(kind="text", msg=j.id, text=j.text, sender="Carol")

    world = World(seed=6, policy=SEALED)
    world.send("Carol", "Bob", "Hello from Carol")  # so that Bob's app knows Carol's key
    monkeypatch.setattr(journey.Journey, "text_frame", forged)
    m = world.send("Alice", "Bob", "Pretending to be Carol")
    assert m.status == "tampering detected"
    assert "Bob" not in world.readers(m)


def test_the_warrant_reaches_messages_to_the_target_but_not_from_her():
    world = exchange(SEALED)
    from_alice, to_alice = world.messages[0], world.messages[1]
    assert world.access("State", to_alice) == "metadata only"  # handed over: the Provider delivers to Alice
    assert world.access("State", from_alice) == "nothing"  # nothing on the label says it is Alice's
    world.policy = Policy()
    assert world.access("State", from_alice) == "metadata only"


def test_the_escrow_field_gives_the_sender_away():
    # The field's unit id travels in the clear and names the phone, so the Provider finds the sender again.
    world = exchange(Policy(sealed_sender=True, escrow=True))
    from_alice, carol_to_bob = world.messages[0], world.messages[2]
    assert world.learned("Provider", from_alice).sender == "Alice"
    assert world.read_as("State", from_alice) == "From Alice to Bob"
    assert world.learned("Provider", carol_to_bob).sender == "Carol"
    assert world.learned("Provider", world.messages[1]).sender == "Bob"  # to Alice: handed over, named too
    assert world.access("State", carol_to_bob) == "nothing"  # not the target's: nothing handed over


def test_the_ghost_gets_the_targets_messages_as_a_member():
    world = exchange(Policy(sealed_sender=True, ghost=True))
    from_alice = world.messages[0]
    assert world.read_as("State", from_alice) == "From Alice to Bob"
    assert [r.kind for r in world.holdings("State").about(from_alice.id)] == ["delivered"]
    assert world.access("State", world.messages[2]) == "nothing"  # Carol → Bob: no ghost there


def test_backups_still_name_who_wrote_each_message():
    world = exchange(Policy(sealed_sender=True, cloud_backup=True))
    assert world.learned("Provider", 1).sender == "Alice"  # the backup is the chat as the phone keeps it


def test_sealed_sender_needs_end_to_end_encryption():
    assert Policy.describe("sealed_sender")["needs"] == "end_to_end"
    world = exchange(Policy(sealed_sender=True, end_to_end=False))
    assert [line.sender for line in world.holdings("Provider").metadata()] == ["Alice", "Bob", "Carol"]
    assert "Provider" in world.readers(1)


def test_a_breach_gives_criminals_the_shorter_log_only():
    world = exchange(Policy(sealed_sender=True, provider_breach=True))
    for m in world.messages:
        learned = world.learned("Attacker", m)
        assert learned.level == "metadata only" and learned.sender is None


def test_a_message_can_be_sent_at_a_chosen_time_and_keeps_it_when_replayed():
    world = World(seed=1)
    when = datetime(2017, 4, 2, 23, 45)
    m = world.send("Alice", "Bob", "Late", at=when)
    assert m.time == when and world.holdings("Provider").metadata()[0].time == when
    world.policy = SEALED
    assert world.messages[0].time == when
    with pytest.raises(MessageRefused, match="datetime"):
        world.send("Alice", "Bob", "When?", at="tomorrow")


@given(script=st.lists(st.tuples(users, users), min_size=1, max_size=5), sealed=st.booleans())
def test_the_log_names_a_sender_exactly_when_the_sender_is_not_sealed(script, sealed):
    world = World(seed=3, policy=Policy(sealed_sender=sealed))
    sent = [world.send(a, b, f"{a} to {b}") for a, b in script if a != b]
    log = world.holdings("Provider").metadata()
    assert len(log) == len(sent)
    for line, m in zip(log, sent, strict=True):
        assert line.sender == (None if sealed else m.sender)
        assert line.recipient == m.recipient
