"""The newsroom explainer: each scenario button sets the policy, and its words agree with the model; the raw
bytes stay hidden until the reader asks; every source a scenario leans on is listed in the notebook."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from widgets import Policy
from widgets.ui.explainer import FLYER, SCENARIOS, Explainer, compared_with_today, who_reads

ROOT = Path(__file__).resolve().parent.parent
KEYS = [s.key for s in SCENARIOS]


@pytest.fixture(scope="module")
def explainer():
    return Explainer()


def words(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def readers_count(world, party: str) -> int:
    return sum(party in world.readers(m) for m in world.messages)


@pytest.mark.parametrize("key", KEYS)
def test_each_button_sets_its_policy_and_says_what_the_model_finds(explainer, key):
    scenario = next(s for s in SCENARIOS if s.key == key)
    explainer.buttons[key].click()
    world = explainer.world
    assert world.policy == scenario.policy
    assert all(box.value == getattr(scenario.policy, n) for n, box in explainer.playground.controls.items())
    said = words(explainer.card.value)
    assert scenario.title in said
    total = len(world.messages)
    for party in ("Provider", "State", "Attacker"):
        n = readers_count(world, party)
        expected = (
            f"can read every message ({total} of {total})"
            if n == total
            else f"cannot read any of the {total}"
            if n == 0
            else f"can read {n} of {total}"
        )
        line = next(line for line in who_reads(world) if line.startswith(f"The {party}"))
        assert expected in line and line in said
    assert explainer.buttons[key].button_style == "primary" and explainer.buttons[key].icon == "check"
    assert sum(b.button_style == "primary" for b in explainer.buttons.values()) == 1


def test_the_outcomes_are_those_the_debate_is_about(explainer):
    def outcome(key):
        explainer.choose(key)
        return {p: readers_count(explainer.world, p) for p in ("Provider", "State", "Attacker")}

    total = len(explainer.world.messages)
    alice = sum("Alice" in (m.sender, *m.recipients) for m in explainer.world.messages)
    assert outcome("today") == {"Provider": 0, "State": 0, "Attacker": 0}
    assert outcome("no_end_to_end") == {"Provider": total, "State": alice, "Attacker": 0}
    assert outcome("escrow") == {"Provider": 0, "State": alice, "Attacker": 0}
    assert outcome("escrow_stolen") == {"Provider": 0, "State": alice, "Attacker": total}
    assert outcome("ghost") == {"Provider": 0, "State": alice, "Attacker": 0}
    assert outcome("scanning") == {"Provider": 0, "State": 1, "Attacker": 0}
    assert outcome("implant") == {"Provider": 0, "State": alice, "Attacker": 0}
    assert outcome("backups") == {"Provider": total, "State": alice, "Attacker": 0}
    flyer = next(m for m in explainer.world.messages if m.text == FLYER[2])
    assert "State" in explainer.world.readers(flyer)  # the one the scanner reported: the flyer Bob passed on


def test_the_change_from_today_is_counted_not_written(explainer):
    explainer.choose("escrow_stolen")
    assert "Compared with today" in words(explainer.card.value)
    today = {m.id: frozenset({m.sender, *m.recipients}) for m in explainer.world.messages}
    sentence = compared_with_today(explainer.world, today)
    assert f"the Attacker reads {len(explainer.world.messages)} more messages" in sentence
    explainer.choose("today")
    assert "Compared with today" not in words(explainer.card.value)


def test_the_bytes_are_hidden_until_the_reader_asks(explainer):
    playground = explainer.playground
    playground.bytes_switch.value = False
    assert playground.byte_panels.layout.display == "none"
    playground.bytes_switch.value = True
    assert playground.byte_panels.layout.display is None
    assert "bytes)" in playground.wire.value and "<details>" in playground.wire.value
    playground.bytes_switch.value = False
    assert playground.byte_panels.layout.display == "none"


def test_a_fresh_explainer_starts_with_the_bytes_hidden_and_today_chosen():
    fresh = Explainer()
    assert fresh.playground.bytes_switch.value is False
    assert fresh.playground.byte_panels.layout.display == "none"
    assert fresh.playground.wire.value == ""  # not even drawn while hidden
    assert fresh.world.policy == Policy() and fresh.scenario.key == "today"


def test_a_message_the_reader_sends_is_counted_and_escaped():
    fresh = Explainer()
    playground = fresh.playground
    playground.text.value = "<script>alert(1)</script> meet me"
    playground.send_button.click()
    fresh.choose("no_end_to_end")
    said = fresh.card.value
    assert "<script" not in said
    assert f"every message ({len(fresh.world.messages)} of {len(fresh.world.messages)})" in words(said)


def test_every_source_has_a_date_and_a_link_and_is_listed_in_the_notebook():
    nb = json.loads((ROOT / "notebooks" / "explainer.ipynb").read_text())
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    sources = markdown[markdown.index("## Sources") :]
    for scenario in SCENARIOS:
        assert scenario.sources, scenario.key
        for source in scenario.sources:
            assert re.search(r"\d{4}", source.date) and source.link.startswith(("http://", "https://"))
            assert source.link in sources, f"{source.link} is not in the notebook's Sources"


def test_the_card_lists_the_chosen_scenarios_sources(explainer):
    for scenario in SCENARIOS:
        explainer.choose(scenario.key)
        for source in scenario.sources:
            assert html.escape(source.link) in explainer.card.value


def test_no_button_claims_a_design_someone_did_not_propose():
    # Rudd did not say how access should work: the button that switches end-to-end off must not call itself
    # "what she asked for", and its card must keep the hedge.
    scenario = next(s for s in SCENARIOS if s.key == "no_end_to_end")
    assert "asked for" not in scenario.button and "one way" in scenario.button
    assert "did not say how" in scenario.story and "not what she proposed" in scenario.story


def test_the_access_proposals_give_their_backers_case_as_well_as_their_critics():
    stories = {s.key: s.story for s in SCENARIOS}
    assert "legitimate needs of law enforcement" in stories["escrow"]
    assert "child sexual abuse" in stories["scanning"] and "30 matching images" in stories["scanning"]
    assert "necessary to investigate serious crimes" in stories["backups"]
    assert "successfully accessed" in stories["implant"] and "unpatched" in stories["implant"]
