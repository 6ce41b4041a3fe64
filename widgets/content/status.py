"""Where each live policy story stands, and as of when: the loader of ``status.toml``, the course's one dated
source of "status" (the explainer, the embed and chapter 08 read it; a test holds the timeline to the same
dates).

Plain data, standard library only: this module imports nothing from the rest of ``widgets``.

    from widgets.content.status import stories, story, for_proposal
    story("uk_apple_backups").as_of_words   # "1 October 2025"
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATH = Path(__file__).with_name("status.toml")


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    date: str
    url: str


@dataclass(frozen=True)
class Event:
    day: dt.date  # the day the timeline orders it by
    when: str  # the date as precisely as the source gives it
    what: str
    source: Source
    secondary: bool  # read only in reports of the event, not in the original
    in_timeline: bool  # the timeline holds this event on this day


@dataclass(frozen=True)
class Story:
    key: str
    title: str
    proposals: tuple[str, ...]
    live: bool
    as_of: dt.date
    status: str
    chapter: str
    events: tuple[Event, ...]

    @property
    def as_of_words(self) -> str:
        """The as-of date in words, e.g. "1 October 2025"."""
        return words(self.as_of)

    @property
    def secondary(self) -> bool:
        """The latest event, on which the status rests, was read only in reports of it."""
        return self.events[-1].secondary

    @property
    def latest(self) -> Event:
        return self.events[-1]


def words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _source(raw: dict) -> Source:
    missing = {"title", "publisher", "date", "url"} - raw.keys()
    if missing:
        raise ValueError(f"a source lacks {sorted(missing)}: {raw}")
    if not raw["url"].startswith(("http://", "https://")):
        raise ValueError(f"a source needs a web address: {raw['url']!r}")
    return Source(raw["title"], raw["publisher"], raw["date"], raw["url"])


def _story(raw: dict) -> Story:
    events = tuple(
        sorted(
            (
                Event(
                    dt.date.fromisoformat(e["date"]),
                    e["when"],
                    e["what"],
                    _source(e["source"]),
                    bool(e.get("secondary", False)),
                    bool(e.get("in_timeline", False)),
                )
                for e in raw.get("event", ())
            ),
            key=lambda e: e.day,
        )
    )
    if not events:
        raise ValueError(f"story {raw.get('key')!r} has no dated event")
    as_of = dt.date.fromisoformat(raw["as_of"])
    if events[-1].day > as_of:
        raise ValueError(f"story {raw['key']!r}: an event ({events[-1].when}) is later than its as_of ({as_of})")
    return Story(
        raw["key"],
        raw["title"],
        tuple(raw.get("proposals", ())),
        bool(raw["live"]),
        as_of,
        raw["status"],
        raw["chapter"],
        events,
    )


@cache
def stories() -> tuple[Story, ...]:
    """Every story, in the file's order."""
    data = tomllib.loads(PATH.read_text(encoding="utf-8"))
    loaded = tuple(_story(raw) for raw in data["story"])
    keys = [s.key for s in loaded]
    if len(set(keys)) != len(keys):
        raise ValueError(f"story keys repeat: {keys}")
    return loaded


def story(key: str) -> Story:
    for s in stories():
        if s.key == key:
            return s
    raise KeyError(f"no story {key!r}: the keys are {[s.key for s in stories()]}")


def for_proposal(proposal: str) -> tuple[Story, ...]:
    """The stories that give the status of one of the explainer's proposals (e.g. "scanning")."""
    return tuple(s for s in stories() if proposal in s.proposals)


def latest() -> dt.date:
    """The date of the latest source read for any story: the status of the whole file is as of this day."""
    return max(s.as_of for s in stories())
