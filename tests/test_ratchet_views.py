"""Chapter 08's views: words in every cell, the theft marked where it happened, everything escaped, and the
backup widget redrawing from the model when its controls change."""

import html
import re

import pytest

from widgets import Policy, World
from widgets.labs.backups import PASSPHRASE, PROVIDER_KEY, RECOVERY_KEY, Line, make_backup
from widgets.ui.ratchet_views import backup_explorer, backup_table, theft_timeline

HOSTILE = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a & b < c > d \" ' `"]


DIRECTIONS = [
    ("Alice", "Bob"),
    ("Bob", "Alice"),
    ("Alice", "Bob"),
    ("Alice", "Bob"),
    ("Bob", "Alice"),
    ("Alice", "Bob"),
]


def stolen_phone(policy, texts=("one", "two", "three", "four", "five", "six"), theft_after=3):
    """The chapter's experiment: Alice's phone is copied after message ``theft_after``."""
    world = World(seed=71, policy=policy)
    for i, text in enumerate(texts):
        if i == theft_after:
            world.compromise("Alice", by="Attacker")
        world.send(*DIRECTIONS[i], text)
    return world


def cells(markup: str) -> list[str]:
    return [html.unescape(re.sub("<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", markup)]


def test_the_timeline_says_in_words_what_the_thief_reads_before_and_after_the_theft():
    plain, ratchet = stolen_phone(Policy()), stolen_phone(Policy(forward_secrecy=True))
    view = theft_timeline([("no FS", plain, "Attacker"), ("FS", ratchet, "Attacker")], theft_after=3)
    lines = repr(view).splitlines()
    assert lines[0] == "message | no FS | FS"
    assert lines[4] == "— Alice's phone is copied here —"
    rows = [line.split(" | ") for line in lines[1:] if " | " in line]
    assert [row[1] for row in rows] == ["reads it"] * 6
    history = "reads it (from the phone's stored history)"
    assert [row[2] for row in rows[:4]] == [history] * 3 + ["reads it"]  # the past only from the phone itself
    assert not any(row[2].startswith("reads") for row in rows[4:])
    assert all(row[0].endswith("(before the theft)") for row in rows[:3])
    assert all(row[0].endswith("(after the theft)") for row in rows[3:])
    words = cells(view.data)
    assert words[:3] == ["reads it", history, "reads it"]  # row 1, row 2's first cell
    assert "— Alice's phone is copied here —" in words


def test_the_theft_row_can_come_first():
    world = stolen_phone(Policy(forward_secrecy=True), texts=("a", "b"), theft_after=0)
    lines = repr(theft_timeline([("FS", world, "Attacker")], theft_after=0)).splitlines()
    assert lines[1] == "— Alice's phone is copied here —"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_in_the_timeline(text):
    world = stolen_phone(Policy(forward_secrecy=True), texts=(text, "ok"), theft_after=1)
    markup = theft_timeline([(text, world, "Attacker")], theft_after=1, phone=text).data
    assert "<script" not in markup and "<img" not in markup and 'onerror="' not in markup
    assert html.escape(text[:39]) in markup


def test_the_timeline_refuses_worlds_with_different_conversations_and_bad_theft_points():
    a = stolen_phone(Policy())
    b = stolen_phone(Policy(), texts=("x", "y"), theft_after=1)
    with pytest.raises(ValueError, match="another conversation"):
        theft_timeline([("a", a, "Attacker"), ("b", b, "Attacker")], theft_after=1)
    for bad in (-1, 7, "3"):
        with pytest.raises(ValueError, match="theft_after"):
            theft_timeline([("a", a, "Attacker")], theft_after=bad)
    with pytest.raises(ValueError, match="at least one column"):
        theft_timeline([], theft_after=0)


HISTORY = (Line(1, "Alice", "Bob", "The documents are in the blue folder"), Line(2, "Bob", "Alice", "Got it"))


def test_the_backup_table_says_who_opens_each_kind_in_words():
    backups = [
        make_backup(HISTORY, "Alice", PROVIDER_KEY, seed=8),
        make_backup(HISTORY, "Alice", PASSPHRASE, passphrase="otter lantern", seed=8),
        make_backup(HISTORY, "Alice", RECOVERY_KEY, seed=8),
    ]
    calm, breached = backup_table(backups), backup_table(backups, breach=True)
    rows = [line.split(" | ") for line in repr(breached).splitlines()[2:]]
    assert rows[0] == [PROVIDER_KEY] + ["opens it (2 messages)"] * 5
    assert rows[1] == [PASSPHRASE, "opens it (2 messages)"] + ["holds it locked"] * 4
    assert repr(calm).splitlines()[2].endswith("| holds nothing")
    assert "Alice, secret lost" in repr(calm).splitlines()[1]
    assert "after a breach of the Provider" in breached.data and "no breach" in calm.data
    assert len(cells(calm.data)) == 3 * 5


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_history_and_names_never_reach_the_page_unescaped(text):
    lines = (Line(1, "Alice", "Bob", text),)
    markup = backup_table([make_backup(lines, "Alice", RECOVERY_KEY, seed=1)]).data
    assert "<script" not in markup and "<img" not in markup


def test_the_backup_widget_redraws_from_the_model_when_its_controls_change():
    box = backup_explorer(HISTORY, seed=8)
    kind, breach, passphrase = (box.controls[n] for n in ("kind", "breach", "passphrase"))
    assert passphrase.disabled and "32 random bytes" in box.verdict.value
    assert cells(box.table.value)[-1] == "holds nothing"  # Attacker, Provider's key, no breach
    breach.value = True
    assert cells(box.table.value)[-1] == "opens it (2 messages)"
    kind.value = PASSPHRASE
    assert not passphrase.disabled
    assert "found this one at guess 13" in box.verdict.value  # the default "sunshine1" is on the list
    assert cells(box.table.value)[-1] == "holds it locked"
    passphrase.value = "otter lantern gravel quietly"
    assert "none opened it" in box.verdict.value
    passphrase.value = "   "
    assert box.table.value == "" and "Type a passphrase" in box.verdict.value
    passphrase.value = "<script>alert(1)</script>"
    assert "<script" not in box.verdict.value + box.table.value
    kind.value = RECOVERY_KEY
    assert passphrase.disabled and cells(box.table.value)[1] == "holds it locked"  # Alice, secret lost
