"""The chapters' switchboard: a switch that needs another is greyed out until it is on, and the narration says
what changed in one sentence — with a reason when nothing can change."""

from __future__ import annotations

import html
import re

from widgets import Policy, World
from widgets.ui.narration import narration_html
from widgets.ui.switchboard import switchboard

CONVERSATION = (("Alice", "Bob", "Meet at noon"), ("Bob", "Alice", "OK"), ("Bob", "Carol", "Coming?"))


def world(**switches) -> World:
    w = World(seed=7, policy=Policy(**switches))
    for sender, recipient, text in CONVERSATION:
        w.send(sender, recipient, text)
    return w


def words(markup: str) -> str:
    return html.unescape(re.sub("<[^>]+>", "", markup))


def test_stealing_the_escrow_key_is_greyed_out_until_escrow_is_on():
    board = switchboard(world(), ("end_to_end", "escrow", "escrow_breach"))
    breach, escrow = board.controls["escrow_breach"], board.controls["escrow"]
    assert breach.disabled and not breach.value
    rows = [child for child in board.children if len(getattr(child, "children", ())) == 2]  # (switch, its help)
    assert "Needs “Key escrow”" in " ".join(row.children[1].value for row in rows)
    escrow.value = True
    assert not breach.disabled
    breach.value = True
    assert "the Attacker can now read 3 of 3 messages" in words(board.narration.value)
    escrow.value = False  # the key to steal is gone: the theft switch goes off with it, and greys out again
    assert breach.disabled and not breach.value
    assert board.controls["escrow_breach"].value is False


def test_gains_and_losses_make_one_sentence():
    w = world(escrow=True, escrow_breach=True)
    before = {m.id: w.readers(m) for m in w.messages}
    w.policy = Policy(end_to_end=False, escrow=True, escrow_breach=True)
    sentence = words(narration_html(w, "end_to_end", before))
    assert "the Provider can now read 3 of 3 messages" in sentence and "the Attacker" in sentence
    assert ". and" not in sentence and sentence.count(".") >= 1
    first = sentence.split(".")[0]
    assert "Provider" in first and "Attacker" in first  # both in the same sentence


def test_a_switch_that_cannot_act_says_why():
    w = world()
    before = {m.id: w.readers(m) for m in w.messages}
    w.policy = Policy(escrow_breach=True)
    sentence = words(narration_html(w, "escrow_breach", before))
    assert "no one gains or loses the ability to read a message: it needs “Key escrow”, which is off." in sentence


def test_messages_the_apps_held_back_are_said_even_when_no_reader_changes():
    """Chapter 05: ghost on, members verified. No outsider's count moves, but Alice's messages are never
    delivered: the line says so, with the app's reason, counted from the messages' fate."""
    w = world(verify_keys=True)
    before = {m.id: w.readers(m) for m in w.messages}
    w.policy = Policy(ghost=True, verify_keys=True)
    held = [m for m in w.messages if not set(m.recipients) <= w.readers(m)]
    assert held and all(m.status == "not sent: unverified member" for m in held)
    sentence = words(narration_html(w, "ghost", before))
    assert "no one gains or loses the ability to read a message" in sentence
    assert f"but {len(held)} of {len(w.messages)} messages were never delivered" in sentence
    assert "member nobody verified" in sentence
    # and back: the line says they reach their recipients again
    before = {m.id: w.readers(m) for m in w.messages}
    w.policy = Policy(verify_keys=True)
    assert f"{len(held)} messages held back before now reached their recipients" in words(
        narration_html(w, "ghost", before)
    )


def test_nothing_is_said_to_be_held_back_when_every_message_arrives():
    w = world()
    before = {m.id: w.readers(m) for m in w.messages}
    w.policy = Policy(ghost=True)
    assert "delivered" not in words(narration_html(w, "ghost", before))


def test_turning_end_to_end_off_says_why_the_stolen_escrow_key_stops_opening_messages():
    """The Attacker keeps the stolen key, but with end-to-end encryption off no message carries an escrow field
    (there is no message key to escrow): the reason is read from what the Attacker holds."""
    from widgets.ui.narration import _escrow_key_idle

    w = world(escrow=True, escrow_breach=True)
    before = {m.id: w.readers(m) for m in w.messages}
    assert all("Attacker" in r for r in before.values())
    assert _escrow_key_idle(w) == ""  # the key is stolen and the fields are there: not idle
    w.policy = Policy(end_to_end=False, escrow=True, escrow_breach=True)
    assert not any("Attacker" in w.readers(m) for m in w.messages)
    sentence = words(narration_html(w, "end_to_end", before))
    assert "the Attacker can no longer read any message: the Attacker still holds the stolen escrow key" in sentence
    assert "no message carries an escrow field" in sentence
    # losing the Attacker for another reason (escrow off: no key stolen) gives no such reason
    w2 = world(escrow=True, escrow_breach=True)
    before = {m.id: w2.readers(m) for m in w2.messages}
    w2.policy = Policy()
    assert "escrow field" not in words(narration_html(w2, "escrow", before))
