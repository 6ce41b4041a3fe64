"""Each side's strongest case, switch by switch, read from ``debate.toml`` beside this file.

Plain data out: ``CASES`` maps every switch name to its ``Case`` (its role, and for a proposal the case for and
the case against, each with one real incident or operation and its sources); ``SOURCES`` maps a source id to
its title, publisher, date, address and whether the course read it only at second hand. The views draw the
boxes (``widgets.ui.debate``); chapter 09 lists the sources. Nothing here imports the rest of the course: which
switches exist is the model's business, and tests/test_debate.py checks that the two agree.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files

ROLES = {
    "proposal": "a way for the State to read",
    "baseline": "the design the proposals change",
    "attack": "what a thief does",
    "defence": "what users can do",
}


@dataclass(frozen=True)
class Source:
    """Where a side's words and facts come from. ``secondary``: read only as others quoted or republished it."""

    key: str
    title: str
    publisher: str
    date: str
    url: str
    secondary: bool = False
    note: str = ""


@dataclass(frozen=True)
class Side:
    """One side's case: its argument (``claim``), one real incident or operation (``example``), its sources,
    and the other side's answer to it (``reply``), kept apart so that each side argues only its own case."""

    claim: str
    example: str
    sources: tuple[Source, ...]
    reply: str = ""

    @property
    def secondary(self) -> bool:
        """True if any of its sources was read only at second hand (the box says so)."""
        return any(s.secondary for s in self.sources)


@dataclass(frozen=True)
class Case:
    """A switch's place in the debate. Proposals have both sides; the others a ``note`` saying what they are."""

    switch: str
    role: str
    note: str = ""
    chapter: str = ""
    for_: Side | None = None
    against: Side | None = None
    model: str = ""  # what the course's model leaves out of the real proposals (the course's voice, not a side's)

    @property
    def is_proposal(self) -> bool:
        return self.role == "proposal"


def _text(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"debate.toml: {where} needs a non-empty {key!r}")
    return " ".join(value.split())


def _source(key: str, table: dict) -> Source:
    where = f"source {key!r}"
    url = _text(table, "url", where)
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"debate.toml: {where} needs a web address, not {url!r}")
    secondary = table.get("secondary", False)
    if not isinstance(secondary, bool):
        raise ValueError(f"debate.toml: {where}: secondary must be true or false")
    note = table.get("note", "")
    return Source(
        key,
        _text(table, "title", where),
        _text(table, "publisher", where),
        _text(table, "date", where),
        url,
        secondary,
        " ".join(note.split()),
    )


def _side(switch: str, name: str, table: dict | None, sources: dict[str, Source]) -> Side:
    where = f"switch {switch!r}, the case {name}"
    if not isinstance(table, dict):
        raise ValueError(f"debate.toml: {where} is missing: a proposal needs a case for and a case against")
    keys = table.get("sources")
    if not isinstance(keys, list) or not keys:
        raise ValueError(f"debate.toml: {where} needs at least one source")
    unknown = [k for k in keys if k not in sources]
    if unknown:
        raise ValueError(f"debate.toml: {where} cites unknown sources {unknown}")
    reply = table.get("reply", "")
    if not isinstance(reply, str):
        raise ValueError(f"debate.toml: {where} has a 'reply' that is not text")
    if not reply.strip():
        raise ValueError(f"debate.toml: {where} needs a 'reply': the other side's answer to it")
    return Side(
        _text(table, "claim", where),
        _text(table, "example", where),
        tuple(sources[k] for k in keys),
        " ".join(reply.split()),
    )


def _model(switch: str, table: dict) -> str:
    model = table.get("model", "")
    if not isinstance(model, str):
        raise ValueError(f"debate.toml: switch {switch!r} has a 'model' that is not text")
    return " ".join(model.split())


def parse(data: dict) -> tuple[dict[str, Case], dict[str, Source]]:
    """Check and convert the parsed TOML; a clear ``ValueError`` names the first thing that is wrong."""
    sources = {key: _source(key, table) for key, table in data.get("sources", {}).items()}
    cases = {}
    for switch, table in data.get("switches", {}).items():
        role = table.get("role")
        if role not in ROLES:
            raise ValueError(f"debate.toml: switch {switch!r} has role {role!r}; use one of {sorted(ROLES)}")
        if role == "proposal":
            cases[switch] = Case(
                switch,
                role,
                chapter=_text(table, "chapter", f"switch {switch!r}"),
                for_=_side(switch, "for", table.get("for"), sources),
                against=_side(switch, "against", table.get("against"), sources),
                model=_model(switch, table),
            )
        else:
            if "for" in table or "against" in table:
                raise ValueError(f"debate.toml: switch {switch!r} is a {role}, not a proposal: it has no sides")
            cases[switch] = Case(switch, role, note=_text(table, "note", f"switch {switch!r}"))
    return cases, sources


def load() -> tuple[dict[str, Case], dict[str, Source]]:
    """Read ``debate.toml`` from the installed package (a checkout, a wheel or JupyterLite alike)."""
    text = files(__package__).joinpath("debate.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"widgets/content/debate.toml: {error}") from None
    return parse(data)


CASES, SOURCES = load()


def case(switch: str) -> Case:
    """The case for one switch, with a clear message for a name the file does not know."""
    try:
        return CASES[switch]
    except KeyError:
        raise ValueError(f"No debate entry for {switch!r}; the entries are {sorted(CASES)}") from None


def cited(switches: tuple[str, ...] | None = None) -> list[Source]:
    """The sources the proposals' boxes cite (of ``switches``, or of all), each once, in order of first use."""
    seen: dict[str, Source] = {}
    for c in CASES.values():
        if not c.is_proposal or (switches is not None and c.switch not in switches):
            continue
        for side in (c.for_, c.against):
            for s in side.sources:
                seen.setdefault(s.key, s)
    return list(seen.values())
