"""The playground driven from Python: every switch, the compose box, the phones, the panels, the journey."""

import re
from html.parser import HTMLParser

import ipywidgets as w
import pytest

from widgets import Playground, Policy, World
from widgets.labs.conversations import starter_world
from widgets.protocol.message import MAX_BYTES
from widgets.ui.playground import WINDOW

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']


def html_values(widget) -> list[str]:
    """Every HTML string shown anywhere inside ``widget``."""
    found = [widget.value] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        found += html_values(child)
    return found


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_in(markup: str) -> list[tuple[str, dict]]:
    parser = TagCollector()
    parser.feed(markup)
    return parser.tags


def column(pg, party: str) -> list[str]:
    table = pg.table.value
    heads = re.findall(r'<th scope="col">(.*?)</th>', table)
    index = heads.index(party)
    rows = re.findall(r"<tr><th scope=\"row\".*?</tr>", table)
    return [re.sub("<[^>]+>", "", re.findall(r"<td.*?</td>", row)[index - 1]).strip() for row in rows]


def test_there_is_a_labelled_control_for_every_policy_switch():
    pg = Playground(starter_world())
    assert list(pg.controls) == list(Policy.switches())
    for name, box in pg.controls.items():
        assert box.description == Policy.describe(name)["label"]
        assert box.tooltip == Policy.describe(name)["help"]


def test_flipping_escrow_gives_the_state_its_warrant_messages_and_says_so():
    pg = Playground(starter_world())
    assert column(pg, "State") == ["◐ metadata only"] * 3 + ["· nothing"]
    before = pg.narration.value
    pg.controls["escrow"].value = True
    assert pg.world.policy.escrow
    assert column(pg, "State") == ["● can read"] * 3 + ["· nothing"]
    assert pg.narration.value != before
    assert "the State can now read 3 of 4 messages" in pg.narration.value
    assert "steals the escrow key" in pg.narration.value


def test_sealed_sender_changes_no_reader_but_says_what_it_hides():
    pg = Playground(starter_world())
    readers_before = [column(pg, party) for party in ("Provider", "State", "Attacker")]
    pg.controls["sealed_sender"].value = True
    # Messages to Alice are still handed over: the State keeps its "metadata only" for those.
    assert [column(pg, party) for party in ("Provider", "Attacker")] == readers_before[0:3:2]
    assert "no one gains or loses the ability to read" in pg.narration.value
    assert "no longer names who sent each message" in pg.narration.value
    assert all(line.sender is None for line in pg.world.holdings("Provider").metadata())


def test_a_switch_that_needs_another_waits_for_it():
    pg = Playground(starter_world())
    breach = pg.controls["escrow_breach"]
    assert breach.disabled and not breach.value
    pg.controls["escrow"].value = True
    assert not breach.disabled
    breach.value = True
    assert column(pg, "Attacker") == ["● can read"] * 4
    pg.controls["escrow"].value = False
    assert breach.disabled and not breach.value and not pg.world.policy.escrow_breach
    assert not any("can read" in cell for cell in column(pg, "Attacker"))  # routing labels to Alice, at most


def test_every_panel_redraws_from_the_model():
    pg = Playground(starter_world())
    panels = [pg.wire, pg.provider, pg.state, pg.loot, pg.journey, *pg.phones.values()]
    before = [p.value for p in panels]
    pg.controls["end_to_end"].value = False
    after = [p.value for p in panels]
    changed = [b != a for b, a in zip(before, after, strict=True)]
    assert changed[:5] == [True, True, True, False, True]  # the Attacker's loot: still nothing stolen
    assert "Great. I&#x27;ll bring the documents." in pg.provider.value
    pg.controls["provider_breach"].value = True
    assert "stolen from the Provider" in pg.loot.value and pg.loot.value != after[3]


def test_the_journey_shows_the_stages_the_policy_touches():
    pg = Playground(starter_world())
    assert "escrow field" not in pg.journey.value
    pg.controls["escrow"].value = True
    assert "attaches the escrow field" in pg.journey.value
    svg = [attrs for tag, attrs in tags_in(pg.journey.value) if tag == "svg"]
    assert svg and svg[0]["role"] == "img" and svg[0]["aria-labelledby"] == "journey-4-title journey-4-desc"
    last = pg.world.messages[-1]
    arrows = [attrs for tag, attrs in tags_in(pg.journey.value) if tag == "line" and attrs.get("marker-end")]
    assert len(arrows) == sum(1 for step in last.steps if step.to)  # one arrow per step that goes somewhere
    assert "attaches the escrow field" in pg.journey.value.split("<ol>")[1]  # and the same in words


def test_send_is_disabled_until_there_is_something_to_send():
    pg = Playground(World(seed=1))
    assert pg.send_button.disabled
    pg.text.value = "   "
    assert pg.send_button.disabled
    pg.text.value = "hello"
    assert not pg.send_button.disabled
    pg.recipient.value = "Alice"
    assert pg.send_button.disabled and "different recipient" in pg.send_button.tooltip


def test_sending_adds_the_message_everywhere():
    pg = Playground(World(seed=1))
    pg.text.value = "Lunch?"
    pg.send_button.click()
    assert pg.text.value == ""
    assert len(pg.world.messages) == 1
    assert "Lunch?" in pg.phones["Alice"].value and "Lunch?" in pg.phones["Bob"].value
    assert "#1 Alice → Bob" in pg.table.value


def test_a_refused_message_is_explained_and_the_text_is_kept():
    pg = Playground(World(seed=1))
    huge = "x" * (MAX_BYTES + 1)
    pg.text.value = huge
    pg.send_button.click()
    assert "Not sent" in pg.feedback.value and "65,537 bytes" in pg.feedback.value
    assert pg.text.value == huge and pg.world.messages == ()


def test_a_tampered_message_warns_on_the_recipients_phone():
    pg = Playground(World(seed=1))
    pg.text.value = "Transfer 10"
    pg.tamper.value = True
    pg.send_button.click()
    assert "tampering detected" in pg.phones["Bob"].value
    assert "Transfer 10" not in pg.phones["Bob"].value
    assert "Transfer 10" in pg.phones["Alice"].value


def test_long_messages_are_shortened_with_a_way_to_see_all():
    pg = Playground(World(seed=1))
    pg.text.value = "word " * 200
    pg.send_button.click()
    assert "show all 1,000 characters" in pg.phones["Bob"].value
    assert "<details>" in pg.phones["Bob"].value


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_in_every_html_value(text):
    pg = Playground(World(seed=1))
    pg.text.value = text
    pg.send_button.click()
    pg.controls["end_to_end"].value = False  # now the Provider, the State and their panels show the text
    pg.controls["provider_breach"].value = True
    for value in html_values(pg):
        for tag, attrs in tags_in(value):
            assert tag not in ("script", "img"), value
            assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
    assert sum(text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in v for v in html_values(pg)) >= 3


def test_stealing_alices_phone_shows_what_forward_secrecy_protects():
    pg = Playground(starter_world())
    pg.steal_button.click()
    assert "it can now read 3" in pg.feedback.value  # Alice's three messages with Bob; not Bob's to Carol
    assert "stolen from Alice&#x27;s phone" in pg.loot.value
    pg.controls["forward_secrecy"].value = True  # the same theft, replayed in a world with forward secrecy
    world = pg.world
    readable = [m for m in world.messages if "Attacker" in world.readers(m)]
    assert readable and all(world.read_from("Attacker", m) == ("chat history",) for m in readable)  # the phone's


def test_a_group_message_from_the_compose_box_reaches_everyone_else():
    pg = Playground(starter_world())
    pg.recipient.value = "everyone else (group)"
    pg.text.value = "Hello all"
    pg.send_button.click()
    last = pg.world.messages[-1]
    assert last.recipients == ("Bob", "Carol") and last.status == "delivered"
    assert "Hello all" in pg.phones["Bob"].value and "group with Carol" in pg.phones["Bob"].value
    assert '<text x="' in pg.journey.value and ">Carol</text>" in pg.journey.value


def test_the_bytes_are_shown_by_default_and_the_switch_hides_and_redraws_them():
    pg = Playground(starter_world())
    assert pg.bytes_switch.value is True and pg.byte_panels.layout.display is None
    assert "bytes)" in pg.wire.value
    pg.bytes_switch.value = False
    assert pg.byte_panels.layout.display == "none"
    pg.text.value = "sent while the bytes are hidden"
    pg.send_button.click()
    pg.bytes_switch.value = True  # shown again: redrawn from the model, the new message included
    assert f"#{pg.world.messages[-1].id} " in pg.wire.value


def test_set_policy_sets_every_switch_at_once_and_keeps_prerequisites():
    pg = Playground(starter_world(), show_bytes=False)
    assert pg.byte_panels.layout.display == "none"
    pg.set_policy(Policy(escrow=True, escrow_breach=True, ghost=True))
    assert pg.world.policy == Policy(escrow=True, escrow_breach=True, ghost=True)
    assert pg.controls["escrow_breach"].value and not pg.controls["escrow_breach"].disabled
    assert "can read" in column(pg, "Attacker")[0]
    pg.set_policy(Policy(escrow_breach=True))  # a breach of escrow without escrow means nothing: it stays off
    assert pg.world.policy == Policy() and pg.controls["escrow_breach"].disabled


def test_who_can_write_as_alice_is_tried_on_demand_and_cleared_by_a_switch():
    pg = Playground(starter_world())
    assert "press the button" in pg.writers.value
    pg.writers_button.click()
    assert "nobody but Alice can write to Bob as Alice" in pg.writers.value
    pg.controls["escrow"].value = True
    assert "press the button" in pg.writers.value  # the answer was for the old switches
    pg.writers_button.click()
    assert "State can write to Bob as Alice" in pg.writers.value
    assert "<script" not in pg.writers.value


def test_a_long_conversation_draws_only_its_latest_messages():
    world = starter_world()
    for i in range(WINDOW + 5):
        world.send("Alice", "Bob", f"note {i}")
    pg = Playground(world)
    total = len(world.messages)
    assert pg.table.value.count("<tr>") == WINDOW + 1  # the header row and the window
    assert f"Showing the latest {WINDOW} of {total} messages" in pg.window_note.value
    assert f"#{total} " in pg.table.value and "#1 " not in pg.table.value
