"""Client-side scanning, by real decryption: a listed item is reported with its message, others are not,
and the fuzzy match catches near-copies but misses a determined edit."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import Policy, WatchItem, World
from widgets.protocol.fuzzy_hash import THRESHOLD, distance, fingerprint

LISTED = "Join the Northern Front: the hour of action has come, take up arms on Friday"
NEAR_COPY = "join the northern front - the hour of action has come. take up arms on friday"
EVADED = "J o i n the N o r t h e r n Front: the h0ur of acti0n has c0me, take up 4rms on Fr1day"


SCANNING = Policy(client_scanning=True)


def scanning_world(policy=SCANNING):
    world = World(seed=61, policy=policy)
    world.watchlist = [("Northern Front call to arms", LISTED)]
    return world


def test_a_near_copy_is_reported_with_its_message_even_outside_any_warrant():
    world = scanning_world()
    m = world.send("Bob", "Carol", NEAR_COPY)
    assert world.readers(m) == {"Bob", "Carol", "State"}
    report = [r for r in world.holdings("State").records if r.kind == "scan report"]
    assert len(report) == 1 and "Northern Front" in report[0].note
    assert m.status == "delivered"  # the message itself still goes through


def test_other_messages_are_untouched():
    world = scanning_world()
    m = world.send("Bob", "Carol", "Meet at noon by the river")
    assert world.readers(m) == {"Bob", "Carol"}
    assert not [r for r in world.holdings("State").records if r.kind == "scan report"]


def test_a_determined_edit_slips_past():
    world = scanning_world()
    m = world.send("Bob", "Carol", EVADED)
    assert distance(fingerprint(EVADED), fingerprint(LISTED)) > THRESHOLD
    assert world.readers(m) == {"Bob", "Carol"}


def test_no_scanning_no_report_and_the_list_holds_no_texts():
    world = scanning_world(Policy())
    m = world.send("Bob", "Carol", NEAR_COPY)
    assert world.readers(m) == {"Bob", "Carol"}
    assert world.watchlist == (WatchItem("Northern Front call to arms", fingerprint(LISTED)),)


def test_changing_the_list_replays_the_conversation():
    world = scanning_world()
    m = world.send("Alice", "Bob", "Vote no on Sunday: the referendum is a fraud")
    assert "State" not in world.readers(m)
    world.watchlist = [*world.watchlist, ("political slogan", "Vote no on Sunday! The referendum is a fraud")]
    assert "State" in world.readers(m)  # scope creep: the same app now reports a political message


@pytest.mark.parametrize("bad", [None, 3, ("only one",), ("a", 2)])
def test_bad_watchlist_entries_are_refused_plainly(bad):
    with pytest.raises(ValueError, match="watchlist entry"):
        World(seed=1).watchlist = [bad]


@given(st.text(alphabet=string.ascii_letters + " ", min_size=1, max_size=200))
def test_fingerprints_ignore_case_and_spacing(text):
    assert fingerprint(text) == fingerprint("  " + text.upper().replace(" ", "   ") + " ")
