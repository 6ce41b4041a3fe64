"""The safety-number view: two phones, twelve groups each, a verdict in words; live switches redraw it."""

import html
import re

import pytest

from widgets import Policy, World
from widgets.labs.safety_numbers import phone_pair
from widgets.ui.safety_number_view import chat_facts, phones_html, safety_number_view, safety_numbers, verdict_lines

CONVERSATION = [
    ("Alice", "Bob", "Meet at noon by the river"),
    ("Bob", "Alice", "OK. I'll bring the map"),
    ("Bob", "Carol", "Alice says noon, are you coming?"),
]
HOSTILE = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a & b < c > d \" ' `"]


def world(**switches) -> World:
    w = World(seed=7, policy=Policy(**switches))
    for sender, recipient, text in CONVERSATION:
        w.send(sender, recipient, text)
    return w


def screens(markup: str) -> list[list[str]]:
    """The visible digits of each phone's groups, phone by phone."""
    phones = markup.split('<div class="phone"')[1:]
    return [re.findall(r'<span class="group"[^>]*>(\d{5})', phone) for phone in phones]


def marked(markup: str) -> int:
    return len(re.findall(r"differs from", markup)) // 2  # title and aria-label of each marked group


def verdict(markup: str) -> str:
    found = re.search(r'<div class="verdict"[^>]*>(.*?)</div>', markup)
    return html.unescape(re.sub("<[^>]+>", " ", found.group(1)))


def test_matching_numbers_show_twelve_groups_on_each_phone_and_say_match_in_words():
    pair = phone_pair(world())
    markup = phones_html(pair)
    a, b = screens(markup)
    assert a == b == pair.groups("a") and len(a) == 12
    assert marked(markup) == 0
    assert "MATCH: both phones show the same 60 digits" in verdict(markup)
    assert "NO MATCH" not in markup
    assert "Alice's phone" in html.unescape(markup) and "Safety number with Bob" in markup


def test_a_substituted_key_is_marked_in_words_and_on_every_differing_group():
    pair = phone_pair(world(interception=True))
    markup = phones_html(pair)
    a, b = screens(markup)
    assert a == pair.groups("a") and b == pair.groups("b") and a != b
    assert marked(markup) == 2 * 12  # every group on both phones carries "differs from …"
    words = verdict(markup)
    assert "NO MATCH: all 12 groups differ" in words
    assert "The number on Alice's phone has changed since they checked it." in words
    assert "The number on Bob's phone has changed since they checked it." in words


def test_verdict_lists_the_groups_that_differ_when_only_some_do():
    pair = phone_pair(world())
    other = pair.on_b[:10] + ("1" if pair.on_b[10] != "1" else "2") + pair.on_b[11:]
    changed = type(pair)(pair.a, pair.b, pair.on_a, other, pair.checked)
    assert "NO MATCH: 1 of 12 groups differ (group 3)." in verdict_lines(changed)[0]
    assert "Bob's phone has changed" in " ".join(verdict_lines(changed))
    assert "Alice's phone is still the one they checked" in " ".join(verdict_lines(changed))


def test_plain_text_form_says_the_same_as_the_html():
    pair = phone_pair(world(interception=True))
    text = repr(safety_numbers(pair, ["a fact"]))
    assert text.splitlines()[0] == "Alice's phone, safety number with Bob: " + " / ".join(
        " ".join(pair.groups("a")[i : i + 4]) for i in (0, 4, 8)
    )
    assert "NO MATCH: all 12 groups differ" in text and text.endswith("a fact")


def test_chat_facts_count_the_slots_and_the_hidden_notices():
    assert chat_facts(world(), "Alice", "Bob") == [
        "Message #2 (Bob → Alice) left Bob's phone locked for 1 key (a key slot does not say whose key it is).",
        "No notice was hidden from these phones.",
    ]
    ghost = chat_facts(world(ghost=True), "Alice", "Bob")
    assert ghost[0] == (
        "Message #2 (Bob → Alice) left Bob's phone locked for 2 keys, though only Alice should read it: 1 more "
        "than needed."
    )
    assert ghost[1] == "The Provider hid 2 notices from these phones: “State (ghost) joined the chat”."
    stopped = chat_facts(world(ghost=True, verify_keys=True), "Alice", "Bob")
    assert stopped[0] == "Message #2 (Bob → Alice) was not sent: unverified member."
    # every message the checks held back is named, with who never received it — not only the last one
    assert stopped[1] == (
        "Not sent, so never received: 2 of the 2 messages between Alice and Bob — #1 (Alice → Bob): unverified "
        "member; #2 (Bob → Alice): unverified member. Each sender's phone warned; Alice and Bob never learn that "
        "they were written."
    )
    assert not any("Not sent" in fact for fact in chat_facts(world(ghost=True), "Alice", "Bob"))
    assert chat_facts(World(seed=7), "Alice", "Bob") == ["Alice and Bob have not written to each other yet."]
    assert chat_facts(world(end_to_end=False), "Alice", "Bob")[0].endswith("carries no key slots.")


def test_the_live_view_redraws_from_the_model_when_a_switch_flips():
    w = world()
    view = safety_number_view(w)
    assert set(view.controls) == {"interception", "ghost", "verify_keys"}
    assert "MATCH: both phones" in verdict(view.phones.value)

    view.controls["interception"].value = True
    assert w.policy.interception
    assert "NO MATCH: all 12 groups differ" in verdict(view.phones.value)
    assert "State" in w.readers(1)
    assert "the State can now read 2 of 3 messages" in view.board.narration.value

    view.controls["verify_keys"].value = True
    assert w.messages[0].status == "not sent: safety number changed"
    assert "was not sent: safety number changed" in html.unescape(view.phones.value)

    view.controls["interception"].value = False
    view.controls["ghost"].value = True
    assert w.policy == Policy(ghost=True, verify_keys=True)
    assert "MATCH: both phones" in verdict(view.phones.value)  # a ghost does not change the numbers …
    assert "was not sent: unverified member" in html.unescape(view.phones.value)  # … but the app lists it
    view.controls["verify_keys"].value = False
    assert "locked for 2 keys" in view.phones.value and "State" in w.readers(1)


def test_a_bad_name_shows_a_message_in_the_widget_not_a_traceback():
    view = safety_number_view(world(), "Alice", "<b>Dave</b>")
    assert "No safety numbers to show" in view.phones.value
    assert "<b>Dave" not in view.phones.value and "&lt;b&gt;Dave" in view.phones.value
    same = safety_number_view(world(), "Alice", "Alice")
    assert "two people" in same.phones.value
    bad_switch = safety_number_view(world(), switches=("no_such_switch",))
    assert "Cannot build the view" in bad_switch.children[0].value


@pytest.mark.parametrize("text", HOSTILE)
def test_everything_shown_is_escaped(text):
    pair = phone_pair(world())
    markup = phones_html(pair, [text])
    assert "<script" not in markup and "<img" not in markup and 'onerror="' not in markup
    assert html.escape(text) in markup
