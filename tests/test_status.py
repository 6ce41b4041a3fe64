"""The dated status of each live policy story (widgets/content/status.toml): its loader, and that the
explainer, chapter 08 and the timeline say the same thing about the dates they share."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import pytest

from widgets.content import status, timeline
from widgets.ui.explainer import SCENARIOS, card_html, explainer_world, readers_today

ROOT = Path(__file__).resolve().parent.parent


def test_the_loader_reads_every_story_with_a_date_a_status_and_dated_sourced_events():
    stories = status.stories()
    assert stories and len({s.key for s in stories}) == len(stories)
    for story in stories:
        assert story.status.strip() and story.events
        assert all(e.day <= story.as_of for e in story.events)
        assert story.latest.day == max(e.day for e in story.events)
        for event in story.events:
            assert event.source.url.startswith(("http://", "https://")) and event.source.date
    assert status.latest() == max(s.as_of for s in stories)


def test_the_loader_imports_nothing_from_the_rest_of_the_course():
    tree = ast.parse((ROOT / "widgets" / "content" / "status.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and not (node.module or "").startswith("widgets"), ast.dump(node)
        if isinstance(node, ast.Import):
            assert not any(a.name.startswith("widgets") for a in node.names)


def test_a_story_whose_events_outrun_its_date_is_refused(tmp_path, monkeypatch):
    bad = (
        (ROOT / "widgets" / "content" / "status.toml")
        .read_text()
        .replace('as_of = "2025-10-01"', 'as_of = "2025-09-01"')
    )
    path = tmp_path / "status.toml"
    path.write_text(bad)
    monkeypatch.setattr(status, "PATH", path)
    status.stories.cache_clear()
    try:
        with pytest.raises(ValueError, match="later than its as_of"):
            status.stories()
    finally:
        status.stories.cache_clear()


def test_every_explainer_proposal_has_a_status_and_every_status_a_proposal():
    keys = {s.key for s in SCENARIOS}
    for scenario in SCENARIOS:
        assert status.for_proposal(scenario.key), scenario.key
    for story in status.stories():
        assert set(story.proposals) <= keys, story.key


def _timeline_days() -> dict[dt.date, list]:
    days: dict[dt.date, list] = {}
    for event in timeline.events():
        days.setdefault(event.day, []).append(event)
    return days


def test_the_timeline_has_each_shared_event_on_the_same_day_with_the_same_date_words():
    days = _timeline_days()
    shared = [(s, e) for s in status.stories() for e in s.events if e.in_timeline]
    assert len(shared) >= 10
    for story, event in shared:
        assert event.day in days, f"{story.key}: the timeline has nothing on {event.day} ({event.what})"
        assert event.when in {t.when for t in days[event.day]}, (
            story.key,
            event.when,
            [t.when for t in days[event.day]],
        )


def test_no_timeline_event_is_newer_than_the_status_of_its_chapters_live_stories():
    # The bug this guards against: the explainer's backups card stopped in July 2025 while the timeline and
    # chapter 08 had August and October 2025. A chapter's latest timeline event must be in a live story of
    # that chapter, and no later than its as-of date.
    live = [s for s in status.stories() if s.live]
    for chapter in {s.chapter for s in live}:
        events = [e for e in timeline.events() if e.chapter == chapter]
        newest = max(events, key=lambda e: e.day)
        holders = [s for s in live if s.chapter == chapter and newest.day in {e.day for e in s.events}]
        assert holders, f"the timeline's newest {chapter} event ({newest.when}: {newest.title}) is in no status"
        assert all(s.as_of >= newest.day for s in holders)


def test_chapter_08_says_the_backups_status_as_of_its_date():
    story = status.story("uk_apple_backups")
    nb = json.loads((ROOT / "notebooks" / "08_forward_secrecy_and_backups.ipynb").read_text())
    text = " ".join(" ".join("".join(c["source"]).split()) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert f"Status as of {story.as_of_words}" in text
    assert " ".join(story.status.split()) in text
    for event in story.events:  # and its table of events reaches the same date
        assert event.when in text


@pytest.mark.parametrize("key", ["backups", "scanning"])
def test_the_explainer_card_shows_the_live_status_with_its_date(key):
    world = explainer_world()
    today = readers_today(world)
    scenario = next(s for s in SCENARIOS if s.key == key)
    world.policy = scenario.policy
    card = card_html(world, scenario, today)
    for story in status.for_proposal(key):
        assert f"as of {story.as_of_words}" in card
        assert story.latest.source.url in card
