"""The crypto wars, 1976–2026: the events of ``timeline.toml`` (beside this file), each with its date, what
happened, a source and the chapter that runs its mechanism.

The entries are data, edited in the TOML file without Python; this module only reads and checks them. No
ipywidgets or matplotlib here: ``widgets.ui.timeline_view`` draws the figure, and the timeline notebook's text is
written from the same entries. ``secondary`` marks entries seen only in reports of the event, not in the original
document; the notebook says so beside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ._data import load_toml

_DATA = load_toml("timeline.toml")

# What kind of actor moved: the figure gives each kind its own colour *and* marker, and names it in a legend.
KINDS: dict[str, str] = dict(_DATA["kinds"])
FIRST_YEAR: int = _DATA["first_year"]
LAST_YEAR: int = _DATA["last_year"]


@dataclass(frozen=True)
class Source:
    """Where an entry's facts come from: a title, who published it, its date (as precise as known), an address."""

    title: str
    publisher: str
    date: str
    url: str


@dataclass(frozen=True)
class Event:
    """One entry. ``day`` orders the entries; ``when`` says the date only as precisely as the source gives it."""

    day: dt.date
    when: str
    title: str
    summary: str
    kind: str
    chapter: str | None
    source: Source
    secondary: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}: use one of {sorted(KINDS)}")
        if not FIRST_YEAR <= self.day.year <= LAST_YEAR:
            raise ValueError(f"{self.title!r}: {self.day.year} is outside {FIRST_YEAR}–{LAST_YEAR}")
        if not self.source.url.startswith(("http://", "https://")):
            raise ValueError(f"{self.title!r}: the source needs a web address")

    @property
    def label(self) -> str:
        """The short form used on the figure and in its alt text: date and title."""
        return f"{self.when}: {self.title}"


def _event(entry: dict) -> Event:
    """One ``[[event]]`` table as an Event; a missing or misspelt field is named in the error."""
    where = f"timeline.toml, event {entry.get('title', entry.get('date', '?'))!r}"
    fields = {"date", "when", "title", "summary", "kind", "chapter", "source", "secondary"}
    if unknown := set(entry) - fields:
        raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}; the fields are {sorted(fields)}")
    try:
        source = Source(**{key: entry["source"][key] for key in ("title", "publisher", "date", "url")})
        day = entry["date"]
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise ValueError(f"{where}: date must be a plain date such as 2017-03-26, not {day!r}")
        return Event(
            day, entry["when"], entry["title"], entry["summary"], entry["kind"], entry["chapter"], source,
            bool(entry.get("secondary", False)),
        )  # fmt: skip
    except KeyError as missing:
        raise ValueError(f"{where}: missing {missing.args[0]!r}") from None


EVENTS: tuple[Event, ...] = tuple(_event(entry) for entry in _DATA["event"])


def events() -> tuple[Event, ...]:
    """Every entry, oldest first."""
    return tuple(sorted(EVENTS, key=lambda e: e.day))


def events_for(chapter: str) -> tuple[Event, ...]:
    """The entries whose mechanism a chapter runs, e.g. ``events_for("04_key_escrow")``."""
    return tuple(e for e in events() if e.chapter == chapter)


def sources() -> tuple[Source, ...]:
    """Every source once, in the order of the entries that use it."""
    seen: dict[str, Source] = {}
    for e in events():
        seen.setdefault(e.source.url, e.source)
    return tuple(seen.values())
