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
