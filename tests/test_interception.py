"""Interception and safety numbers, by real decryption: the directory lies, the State reads and passes
messages on, and users who checked their safety numbers see the change and do not send."""

from widgets import Policy, World, safety_number

INTERCEPT = Policy(interception=True)


def conversation(policy):
    world = World(seed=31, policy=policy)
    return world, [
        world.send("Alice", "Bob", "Meet at noon"),
        world.send("Bob", "Alice", "OK"),
        world.send("Bob", "Carol", "Alice says noon"),
    ]


def test_the_state_reads_alices_conversations_and_messages_still_arrive():
    world, (a, b, c) = conversation(INTERCEPT)
    assert [m.status for m in (a, b, c)] == ["delivered"] * 3
    assert world.readers(a) == world.readers(b) == {"Alice", "Bob", "State"}
    assert world.readers(c) == {"Bob", "Carol"}
    assert any(r.kind == "intercepted" for r in world.holdings("State").about(a.id))


def test_the_journey_shows_the_detour_through_the_state():
    _, (a, *_rest) = conversation(INTERCEPT)
    hops = [(s.actor, s.to) for s in a.steps if s.size]
    assert ("Provider", "State") in hops and ("State", "Provider") in hops
    assert hops[-1] == ("Provider", "Bob")


def test_the_directory_lies_only_inside_the_orders_scope():
    world, _ = conversation(INTERCEPT)
    state_key = world.lookup("Alice", "Bob")
    assert state_key != world.directory["Bob"]
    assert world.lookup("Bob", "Alice") == state_key
    assert world.lookup("Bob", "Carol") == world.directory["Carol"]


def test_checked_safety_numbers_stop_the_message_and_say_why():
    world, (a, b, c) = conversation(Policy(interception=True, verify_keys=True))
    assert a.status == b.status == "not sent: safety number changed"
    assert world.readers(a) == {"Alice"} and world.readers(b) == {"Bob"}
    assert c.status == "delivered"
    warning = a.warnings[0]
    assert warning.party == "Alice" and "safety number with Bob has changed" in warning.text
    real = safety_number(world.directory["Alice"], "Alice", world.directory["Bob"], "Bob")
    assert " ".join(real[i : i + 5] for i in range(0, 60, 5)) in warning.text
    assert not [r for r in world.holdings("Attacker").records if r.msg == a.id]  # nothing left the phone


def test_safety_numbers_alone_change_nothing():
    world, messages = conversation(Policy(verify_keys=True))
    assert [m.status for m in messages] == ["delivered"] * 3
    assert world.readers(messages[0]) == {"Alice", "Bob"}


def test_interception_needs_end_to_end_to_mean_anything():
    world, (a, *_rest) = conversation(Policy(end_to_end=False, interception=True))
    assert world.readers(a) == {"Alice", "Bob", "Provider", "State"}


def test_intercepted_messages_still_carry_a_valid_escrow_field():
    world, messages = conversation(Policy(interception=True, escrow=True, escrow_breach=True))
    assert [m.status for m in messages] == ["delivered"] * 3
    assert all("Attacker" in world.readers(m) for m in messages)
