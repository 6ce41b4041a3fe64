"""Safety numbers as each phone shows them, and key slots counted on the wire — from real model runs."""

import pytest

from widgets import Policy, World, safety_number
from widgets.labs.safety_numbers import directory_answer, key_slots, phone_pair, slots_on_wire

CONVERSATION = [
    ("Alice", "Bob", "Meet at noon by the river"),
    ("Bob", "Alice", "OK. I'll bring the map"),
    ("Bob", "Carol", "Alice says noon, are you coming?"),
]


def world(**switches) -> World:
    w = World(seed=7, policy=Policy(**switches))
    for sender, recipient, text in CONVERSATION:
        w.send(sender, recipient, text)
    return w


def state_key(w: World, use: str) -> bytes:
    return next(k.public for k in w.holdings("State").keys if k.label == f"State's {use} key (private)")


def test_by_default_both_phones_show_the_number_of_the_real_keys():
    w = world()
    pair = phone_pair(w)
    real = safety_number(w.directory["Alice"], "Alice", w.directory["Bob"], "Bob")
    assert pair.on_a == pair.on_b == pair.checked == real
    assert pair.match and not pair.changed("a") and not pair.changed("Bob")
    assert pair.differing_groups() == []
    assert len(pair.groups("a")) == 12 and all(len(g) == 5 and g.isdigit() for g in pair.groups("a"))


def test_interception_hands_both_apps_the_states_key_and_the_screens_differ():
    w = world(interception=True)
    interception = state_key(w, "interception")
    assert directory_answer(w, "Alice", "Bob") == interception != w.directory["Bob"]
    assert directory_answer(w, "Bob", "Alice") == interception != w.directory["Alice"]
    assert directory_answer(w, "Bob", "Carol") == w.directory["Carol"]  # outside the order
    pair = phone_pair(w)
    assert not pair.match and pair.changed("Alice") and pair.changed("Bob")
    assert pair.on_a == safety_number(w.directory["Alice"], "Alice", interception, "Bob")
    assert pair.on_b == safety_number(interception, "Alice", w.directory["Bob"], "Bob")
    assert pair.differing_groups() == list(range(1, 13))
    # Each phone's own 30-digit half survives; the half computed from the substituted key is new.
    halves = {pair.checked[:30], pair.checked[30:]}
    assert len(halves & {pair.on_a[:30], pair.on_a[30:]}) == 1
    assert len(halves & {pair.on_b[:30], pair.on_b[30:]}) == 1
    assert phone_pair(w, "Bob", "Carol").match


def test_the_number_the_app_warns_with_is_the_one_the_lab_computes():
    w = world(interception=True, verify_keys=True)
    pair = phone_pair(w)
    warning = w.messages[0].warnings[0].text
    grouped = " ".join(pair.groups("a"))
    checked = " ".join(pair.checked[i : i + 5] for i in range(0, 60, 5))
    assert f"you checked {checked}, the app now computes {grouped}." in warning


def test_a_ghost_leaves_the_numbers_matching_but_adds_a_slot_on_the_wire():
    plain, ghosted = world(), world(ghost=True)
    assert phone_pair(ghosted).match and phone_pair(ghosted) == phone_pair(plain)
    assert [slots_on_wire(plain, m) for m in plain.messages] == [1, 1, 1]
    assert [slots_on_wire(ghosted, m) for m in ghosted.messages] == [2, 2, 1]  # Bob → Carol is outside the order
    assert "State" in ghosted.readers(1) and "State" not in plain.readers(1)


def test_interception_does_not_change_the_slot_count():
    w = world(interception=True)
    assert [slots_on_wire(w, m) for m in w.messages] == [1, 1, 1]


def test_messages_the_app_stopped_have_no_slots_and_transport_only_messages_none_on_the_wire():
    stopped = world(ghost=True, verify_keys=True)
    assert [slots_on_wire(stopped, m) for m in stopped.messages] == [None, None, 1]
    transport = world(end_to_end=False)
    assert [slots_on_wire(transport, m) for m in transport.messages] == [0, 0, 0]


def test_key_slots_of_odd_blobs_is_zero():
    assert key_slots(b"") == 0
    assert key_slots(b"\x02not msgpack \xc1") == 0
    assert key_slots(b"\x01" + bytes(40)) == 0


def test_bad_names_and_messages_are_explained():
    w = world()
    with pytest.raises(ValueError, match="no phone in this world"):
        phone_pair(w, "Alice", "Dave")
    with pytest.raises(ValueError, match="two people"):
        phone_pair(w, "Alice", "Alice")
    with pytest.raises(ValueError, match="There is no message 9"):
        slots_on_wire(w, 9)
    with pytest.raises(ValueError, match="neither"):
        phone_pair(w).groups("Carol")
