"""The side-by-side view of chapter 03: two worlds, one party, a breach checkbox — driven from Python."""

import html
import re

import pytest

from widgets.ui.side_by_side import CONVERSATION, build_worlds, places_figure, side_by_side, where_readable

HOSTILE = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a & b < c > d \" ' `"]


def access_words(markup: str) -> list[str]:
    """The access level in words of each message row of one column (marks and tags stripped)."""
    found = re.findall(r'<td class="access"[^>]*>(.*?)</td>', markup)
    return [html.unescape(re.sub("<[^>]+>", "", cell)).split(" ", 1)[1] for cell in found]


def reads(markup: str) -> list[str]:
    return [html.unescape(cell) for cell in re.findall(r'<td class="reads"[^>]*>(.*?)</td>', markup)]


def test_attacker_with_a_breach_reads_transport_but_only_metadata_end_to_end():
    view = side_by_side(seed=7)
    assert view.controls["party"].value == "Attacker"
    columns = view.columns
    assert access_words(columns["transport"].value) == ["ciphertext only"] * 3
    assert access_words(columns["end_to_end"].value) == ["ciphertext only"] * 3

    view.controls["provider_breach"].value = True

    assert all(world.policy.provider_breach for world in view.worlds.values())
    assert view.worlds["transport"].policy.end_to_end is False and view.worlds["end_to_end"].policy.end_to_end
    assert access_words(columns["transport"].value) == ["can read"] * 3
    assert access_words(columns["end_to_end"].value) == ["metadata only"] * 3
    assert reads(columns["transport"].value) == [f"“{text}”" for _, _, text in CONVERSATION]
    assert reads(columns["end_to_end"].value) == ["nothing: no words come out"] * 3
    assert "stolen from the Provider" in columns["end_to_end"].value
    assert "Criminals have breached the Provider" in view.narration.value
    assert "end-to-end encryption the Attacker can read 0 of 3" in view.narration.value

    view.controls["provider_breach"].value = False
    assert access_words(columns["transport"].value) == ["ciphertext only"] * 3
    assert "stolen" not in columns["transport"].value


def test_choosing_a_party_redraws_both_columns_from_the_model():
    view = side_by_side(seed=7)
    view.controls["party"].value = "State"
    transport, e2e = view.columns["transport"].value, view.columns["end_to_end"].value
    # The warrant covers Alice's conversations: messages 1 and 2, not Bob → Carol.
    assert access_words(transport) == ["can read", "can read", "nothing"]
    assert access_words(e2e) == ["metadata only", "metadata only", "nothing"]
    assert "The State holds 1 key and 2 records" in e2e
    view.controls["party"].value = "Provider"
    assert access_words(view.columns["transport"].value) == ["can read"] * 3
    assert access_words(view.columns["end_to_end"].value) == ["metadata only"] * 3
    assert "Alice → Bob" in view.columns["end_to_end"].value  # the Provider's log: who wrote to whom


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped(text):
    view = side_by_side(seed=3, messages=[("Alice", "Bob", text)], party="Provider")
    view.controls["provider_breach"].value = True
    for party in ("Provider", "State", "Attacker"):
        view.controls["party"].value = party
        for markup in [*(c.value for c in view.columns.values()), view.narration.value]:
            assert "<script" not in markup and "<img" not in markup and 'onerror="' not in markup
    assert html.escape(text) in view.columns["transport"].value
    assert reads(view.columns["transport"].value) == [f"“{text}”"]


def test_long_text_is_shortened():
    view = side_by_side(seed=3, messages=[("Alice", "Bob", "x" * 500)], party="Provider")
    shown = reads(view.columns["transport"].value)[0]
    assert "x" * 500 not in shown and "(500 characters)" in shown


def test_bad_input_shows_a_message_not_a_traceback():
    view = side_by_side(seed=3, messages=[("Alice", "Alice", "hi"), ("oops",), ("Alice", "Bob", "ok")], party="Eve")
    notes = html.unescape(view.children[2].value)
    assert "cannot send a message to themselves" in notes
    assert "must be (sender, recipient, text)" in notes
    assert "no party called 'Eve'" in notes
    assert view.controls["party"].value == "Attacker"
    assert len(view.worlds["transport"].messages) == 1
    broken = side_by_side(seed="seven")
    assert "Cannot build the worlds" in broken.children[0].value


def test_no_messages_says_so():
    view = side_by_side(seed=3, messages=[])
    assert "No messages yet" in view.narration.value
    assert "No messages yet" in view.columns["end_to_end"].value


def test_tampered_message_shows_its_status():
    view = side_by_side(seed=3, messages=[("Alice", "Bob", "hello", True)], party="Provider")
    assert "(tampering detected)" in view.columns["end_to_end"].value


def test_places_figure_reads_its_cells_from_the_model():
    worlds, problems = build_worlds(7, CONVERSATION)
    assert problems == []
    grid = where_readable(worlds)
    assert grid["transport"] == {
        "on the wire": "ciphertext only",
        "on the Provider's servers": "can read",
        "on Bob's phone": "can read",
    }
    assert grid["end_to_end"]["on the Provider's servers"] == "metadata only"
    shown = places_figure(worlds)
    assert "End-to-end encryption: on the wire ciphertext only, on the Provider&#x27;s servers metadata only" in (
        shown.data
    )
    assert "<figcaption" in shown.data
