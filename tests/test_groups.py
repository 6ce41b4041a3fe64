"""Group chats, by real decryption: one message, a key slot per member, delivered to each — and the
proposals that target groups (the ghost above all) working on them."""

import msgpack
import pytest

from widgets import MessageRefused, Policy, World
from widgets.protocol.crypto import read_frame

GROUP = ("Bob", "Carol")


def uplink_slots(world, message):
    uplink = next(r.blob for r in world.holdings("Attacker").records if r.msg == message.id)
    return len(msgpack.unpackb(read_frame(uplink)["body"][1:])["slots"])


def test_every_member_reads_and_keeps_the_message():
    world = World(seed=81)
    m = world.send("Alice", GROUP, "Dinner on Friday?")
    assert (m.recipient, m.recipients, m.status) == ("Bob, Carol", GROUP, "delivered")
    assert world.readers(m) == {"Alice", "Bob", "Carol"}
    assert uplink_slots(world, m) == 2
    assert [s.to for s in m.steps if s.stage == "deliver" and s.size] == ["Bob", "Carol"]


def test_the_ghost_joins_a_group_with_carol_silently():
    world = World(seed=82, policy=Policy(ghost=True))
    m = world.send("Alice", GROUP, "Dinner on Friday?")
    assert world.readers(m) == {"Alice", "Bob", "Carol", "State"}
    assert uplink_slots(world, m) == 3  # one slot more than there are members
    assert m.warnings == () and [n.text for n in m.hidden] == ["State (ghost) joined the chat"]
    checked = World(seed=82, policy=Policy(ghost=True, verify_keys=True)).send("Alice", GROUP, "Dinner?")
    assert checked.status == "not sent: unverified member"


def test_interception_in_a_group_swaps_only_the_keys_the_order_covers():
    world = World(seed=83, policy=Policy(interception=True))
    from_bob = world.send("Bob", ("Alice", "Carol"), "see you")
    assert from_bob.status == "delivered"
    assert world.readers(from_bob) == {"Alice", "Bob", "Carol", "State"}
    assert world.lookup("Bob", "Carol") == world.directory["Carol"]  # Carol's key was not swapped


@pytest.mark.parametrize(
    "policy",
    [
        Policy(forward_secrecy=True),
        Policy(forward_secrecy=True, interception=True),
        Policy(forward_secrecy=True, ghost=True, escrow=True),
    ],
)
def test_groups_under_forward_secrecy_keep_working_message_after_message(policy):
    world = World(seed=84, policy=policy)
    sent = [
        world.send("Alice", GROUP, "one"),
        world.send("Bob", ("Alice", "Carol"), "two"),
        world.send("Carol", "Alice", "three"),
        world.send("Alice", GROUP, "four", tamper=True),
        world.send("Alice", GROUP, "five"),
    ]
    assert [m.status for m in sent] == ["delivered", "delivered", "delivered", "tampering detected", "delivered"]
    assert world.readers(sent[-1]) >= {"Alice", "Bob", "Carol"}


def test_a_stolen_phone_under_forward_secrecy_opens_no_earlier_group_message_but_its_history():
    world = World(seed=85, policy=Policy(forward_secrecy=True))
    earlier = [world.send("Alice", GROUP, "one"), world.send("Bob", ("Alice", "Carol"), "two")]
    world.compromise("Carol")
    assert all(world.read_from("Attacker", m) == ("chat history",) for m in earlier)  # the phone's, not the wire's


@pytest.mark.parametrize(("recipient", "words"), [((), "at least one recipient"), (("Alice", "Bob"), "themselves")])
def test_bad_groups_are_refused_plainly(recipient, words):
    with pytest.raises(MessageRefused, match=words):
        World(seed=1).send("Alice", recipient, "hi")
