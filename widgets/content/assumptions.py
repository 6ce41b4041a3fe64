"""Chapter 09's assumptions as data: ``assumptions.toml`` beside this file, read with the standard library.

Every number the population model needs, with its source or an explicit "no reliable figure"; what the model
cannot capture; and the routes investigators already have under every policy. A teacher or a journalist edits
the TOML file, not Python. ``load()`` checks the schema and returns plain records; the model
(``widgets.society.population``) builds its ``Assumption`` objects from them. This module reads nothing else of
the course's.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from importlib.resources import files

FILE = "assumptions.toml"
NO_FIGURE = "Assumption, no reliable"  # how a source without a measured figure begins


@dataclass(frozen=True)
class AssumptionRecord:
    """One assumption as the file states it (see the file's header for each field)."""

    name: str
    label: str
    default: float
    low: float
    high: float
    unit: str
    no_reliable_figure: bool
    source: str
    note: str
    valid: tuple[float, float]
    positive: bool = False


@dataclass(frozen=True)
class Route:
    """A route to a target's messages that exists under every policy, with its source."""

    name: str
    what: str
    source: str


@dataclass(frozen=True)
class Content:
    assumptions: tuple[AssumptionRecord, ...]
    limitations: tuple[str, ...]
    routes: tuple[Route, ...]


def problems(data: dict) -> list[str]:
    """Everything wrong with parsed ``data`` against the schema, in plain words (empty if it is sound)."""
    found = []
    records = data.get("assumption", [])
    if not records:
        found.append("no [[assumption]] entries")
    names = [r.get("name") for r in records]
    found += [f"assumption {n!r} appears twice" for n in sorted({n for n in names if names.count(n) > 1})]
    for r in records:
        who = f"assumption {r.get('name', '(no name)')!r}"
        for key in ("name", "label", "unit", "source", "note"):
            if not isinstance(r.get(key), str) or not r.get(key, "").strip():
                found.append(f"{who}: {key} is missing or empty")
        numbers = [r.get(k) for k in ("default", "low", "high")]
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in numbers):
            found.append(f"{who}: default, low and high must be finite numbers")
            continue
        default, low, high = numbers
        if not 0 < low <= default <= high:
            found.append(f"{who}: needs 0 < low <= default <= high (the model draws on a log scale)")
        valid = r.get("valid")
        if not (isinstance(valid, list) and len(valid) == 2 and valid[0] <= low and high <= valid[1]):
            found.append(f"{who}: valid must be [lowest, highest] and hold the range")
        sourced = isinstance(r.get("source"), str) and "http" in r["source"]
        if not isinstance(r.get("no_reliable_figure"), bool):
            found.append(f"{who}: no_reliable_figure must be true or false")
        elif r["no_reliable_figure"]:
            if not str(r.get("source", "")).startswith(NO_FIGURE):
                found.append(f"{who}: a figure nobody measured must say so: its source begins {NO_FIGURE!r}")
        elif not sourced:
            found.append(f"{who}: a measured figure needs a source with a web address")
    for r in data.get("limitation", []):
        if not str(r.get("text", "")).strip():
            found.append("a [[limitation]] without text")
    for r in data.get("existing_route", []):
        if not all(str(r.get(k, "")).strip() for k in ("name", "what", "source")) or "http" not in r.get("source", ""):
            found.append(f"existing route {r.get('name', '(no name)')!r}: needs name, what and a sourced address")
    return found


def parse(text: str) -> Content:
    """``text`` in the file's format, checked; a ValueError lists every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"widgets/content/{FILE}: {error}") from None
    wrong = problems(data)
    if wrong:
        raise ValueError(f"widgets/content/{FILE}: " + "; ".join(wrong))
    assumptions = tuple(
        AssumptionRecord(
            name=r["name"],
            label=r["label"],
            default=float(r["default"]),
            low=float(r["low"]),
            high=float(r["high"]),
            unit=r["unit"],
            no_reliable_figure=r["no_reliable_figure"],
            source=r["source"],
            note=r["note"],
            valid=(float(r["valid"][0]), float(r["valid"][1])),
            positive=bool(r.get("positive", False)),
        )
        for r in data["assumption"]
    )
    limitations = tuple(r["text"] for r in data.get("limitation", []))
    routes = tuple(Route(r["name"], r["what"], r["source"]) for r in data.get("existing_route", []))
    return Content(assumptions, limitations, routes)


def load() -> Content:
    """The file shipped with the package (``importlib.resources`` finds it in a checkout, a wheel or the browser)."""
    return parse(files(__package__).joinpath(FILE).read_text(encoding="utf-8"))
