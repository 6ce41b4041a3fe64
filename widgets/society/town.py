"""A small town's month of messages, sent through the real protocol, and the log the Provider keeps of it.

``make_town(seed)`` invents the people: residents in households, friendships and workplaces, and a few
services that use the app like anyone else (the Clinic, the Pharmacy, a Helpline, a Church, a Gunshop, a
Lawyer, the Bank). ``plan_month`` writes a month's schedule with daily rhythms — breakfast and evening chats,
office hours, a pharmacy's weekly reminders, a helpline at night — from ``numpy.random.default_rng(seed)``.
``town_log`` sends every planned message with ``World.send(..., at=time)`` and returns the World, the
Provider's own log (read from ``world.holdings("Provider")``, nothing else) and the plan, which is the
ground truth the analysis never sees. Texts are short and dull: they stay end-to-end encrypted anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import networkx as nx
import numpy as np

from ..protocol.policy import Policy
from ..protocol.world import World

MONTH_START = datetime(2017, 4, 3)  # a Monday, a week after the Marr interview; any month would do
RESIDENTS = (
    "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Karl", "Lena",
    "Mia", "Nina", "Oscar", "Peggy", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wendy", "Xavier",
    "Yara", "Zoe", "Amir", "Bea", "Chen", "Dina", "Emil", "Fatima", "Gita", "Hugo", "Iris", "Jonas",
)  # fmt: skip
SERVICES = ("Clinic", "Pharmacy", "Helpline", "Church", "Gunshop", "Lawyer", "Bank")
SENSITIVE = ("Clinic", "Pharmacy", "Helpline", "Church", "Gunshop", "Lawyer")  # a call there says something
WORKPLACES = ("the school", "the shop", "the garage", "the council")

TEXTS = {
    "household": ("Home by 7?", "Can you get milk?", "On my way", "OK", "Dinner is ready", "Running late"),
    "friends": ("Free tonight?", "Sure, where?", "The usual place", "Haha yes", "See you at 8", "Good night"),
    "work": ("Meeting moved to 3", "Noted", "Can you cover Friday?", "Yes", "Report attached", "Thanks"),
    "Clinic": ("I'd like an appointment", "Tuesday 10:30 is free", "Thank you", "Reminder: your appointment"),
    "Pharmacy": ("Your prescription is ready", "Thanks, I'll come by", "Is it ready?", "Ready for collection"),
    "Helpline": ("Are you there?", "We're here. Take your time.", "I can't sleep", "You're not alone"),
    "Church": ("Service at 10 on Sunday", "See you there", "Choir practice moved", "Thanks"),
    "Gunshop": ("Is the order in?", "It arrived today", "I'll pick it up"),
    "Lawyer": ("Can we talk about the papers?", "Thursday at 2?", "Fine", "Documents received"),
    "Bank": ("Card payment of 23.50", "Your statement is ready", "New login from a phone"),
}


@dataclass(frozen=True)
class Town:
    """Who lives here and who knows whom: the generator's knowledge, never the Provider's."""

    residents: tuple[str, ...]
    services: tuple[str, ...]
    households: tuple[tuple[str, ...], ...]
    friends: tuple[tuple[str, str], ...]
    workplaces: dict[str, tuple[str, ...]]
    uses: dict[str, tuple[str, ...]]  # service → residents who use it this month

    @property
    def people(self) -> tuple[str, ...]:
        return self.residents + self.services


@dataclass(frozen=True)
class Planned:
    """One message of the plan (the ground truth): who really sent it to whom, when, and why."""

    time: datetime
    sender: str
    recipient: str
    kind: str  # "household", "friends", "work", or the service's name
    text: str


@dataclass(frozen=True)
class LogRow:
    """One line of the Provider's log: message number, time, sender (None if hidden), recipient, bytes."""

    msg: int
    time: datetime
    sender: str | None
    recipient: str
    size: int

    @property
    def recipients(self) -> tuple[str, ...]:
        return tuple(self.recipient.split(", "))

    def __str__(self) -> str:
        sender = self.sender if self.sender is not None else "hidden"
        return f"#{self.msg} {self.time:%a %d %b %H:%M} {sender} → {self.recipient}, {self.size} bytes"


@dataclass(frozen=True)
class TownMonth:
    """A month in the town: the World it ran in, the Provider's log, and the plan it came from."""

    world: World
    log: tuple[LogRow, ...]
    truth: tuple[Planned, ...]  # truth[i] is message i + 1: what really happened (the analysis never uses it)
    town: Town
    start: datetime
    days: int

    def true_pairs(self) -> frozenset[frozenset[str]]:
        """Every pair of people who really exchanged at least one message."""
        return frozenset(frozenset((p.sender, p.recipient)) for p in self.truth)


def provider_log(world: World) -> tuple[LogRow, ...]:
    """The Provider's log as a table, straight from what the Provider holds: one row per message, naming the
    sender if any of the Provider's lines about it does (under sealed sender with key escrow, a second line
    names the sender the escrow field gave away)."""
    rows: dict[int, LogRow] = {}
    for meta in world.holdings("Provider").metadata():
        row = rows.get(meta.msg)
        if row is None or (row.sender is None and meta.sender is not None):
            rows[meta.msg] = LogRow(meta.msg, meta.time, meta.sender, meta.recipient, meta.size)
    return tuple(rows.values())


def reply_delays(plan: tuple[Planned, ...]) -> dict[str, tuple[float, ...]]:
    """From the ground truth: how many seconds each answer took, by kind of conversation. An answer is a
    message from B to A within an hour of A's last message to B (what the generator's ``mean_gap`` sets)."""
    last: dict[frozenset[str], Planned] = {}
    delays: dict[str, list[float]] = {}
    for m in sorted(plan, key=lambda m: m.time):
        pair = frozenset((m.sender, m.recipient))
        before = last.get(pair)
        if before is not None and before.sender == m.recipient and m.time - before.time <= timedelta(hours=1):
            delays.setdefault(m.kind, []).append((m.time - before.time).total_seconds())
        last[pair] = m
    return {kind: tuple(seconds) for kind, seconds in delays.items()}


def make_town(seed: int = 0) -> Town:
    """Households of one to four, two or three friends each, four workplaces, and who uses which service."""
    rng = np.random.default_rng(seed)
    people = list(RESIDENTS)
    rng.shuffle(people)
    households, i = [], 0
    while i < len(people):
        size = int(rng.choice([1, 2, 2, 3, 3, 4]))
        households.append(tuple(sorted(people[i : i + size])))
        i += size
    home = {name: h for h in households for name in h}
    friends: set[tuple[str, str]] = set()
    for name in RESIDENTS:
        for other in rng.choice([p for p in RESIDENTS if p not in home[name]], size=2, replace=False):
            friends.add(tuple(sorted((name, str(other)))))
    workers = [str(p) for p in rng.permutation(RESIDENTS)[: int(len(RESIDENTS) * 0.7)]]
    workplaces = {place: tuple(sorted(workers[k :: len(WORKPLACES)])) for k, place in enumerate(WORKPLACES)}
    share = {"Clinic": 0.4, "Pharmacy": 0.25, "Helpline": 0.06, "Church": 0.15, "Gunshop": 0.05, "Lawyer": 0.06}
    uses = {
        service: tuple(
            sorted(str(p) for p in rng.choice(RESIDENTS, size=max(1, round(s * len(RESIDENTS))), replace=False))
        )
        for service, s in share.items()
    }
    uses["Bank"] = tuple(sorted(str(p) for p in rng.choice(RESIDENTS, size=len(RESIDENTS) // 2, replace=False)))
    return Town(RESIDENTS, SERVICES, tuple(households), tuple(sorted(friends)), workplaces, uses)


class _Planner:
    """Writes conversations into the plan: an opener at a chosen time, then replies a few minutes apart."""

    def __init__(self, rng: np.random.Generator, start: datetime) -> None:
        self.rng, self.start, self.plan = rng, start, []

    def at(self, day: int, hour_from: float, hour_to: float) -> datetime:
        hours = self.rng.uniform(hour_from, hour_to)
        return self.start + timedelta(days=day, seconds=int(hours * 3600))

    def text(self, kind: str) -> str:
        options = TEXTS[kind]
        return options[int(self.rng.integers(len(options)))]

    def chat(self, a: str, b: str, when: datetime, turns: int, kind: str, mean_gap: float = 2.5) -> None:
        """``turns`` messages alternating between ``a`` and ``b``, each answer ``mean_gap`` minutes later on
        average (at least 20 seconds: people read before they reply)."""
        for turn in range(turns):
            sender, recipient = (a, b) if turn % 2 == 0 else (b, a)
            self.plan.append(Planned(when, sender, recipient, kind, self.text(kind)))
            when += timedelta(seconds=20 + int(self.rng.exponential(mean_gap * 60)))

    def one_way(self, a: str, b: str, when: datetime, kind: str) -> None:
        self.plan.append(Planned(when, a, b, kind, self.text(kind)))


def plan_month(town: Town, seed: int = 0, days: int = 30, start: datetime = MONTH_START) -> tuple[Planned, ...]:
    """A month of messages with daily rhythms, in time order."""
    rng = np.random.default_rng(seed + 1)
    p = _Planner(rng, start)
    helpline_nights = {name: set(rng.choice(days, size=min(days, 6), replace=False)) for name in town.uses["Helpline"]}
    chronic = set(town.uses["Pharmacy"][:2])  # two people collect a repeat prescription every week
    for day in range(days):
        weekday = (start + timedelta(days=day)).weekday() < 5
        for home in town.households:
            if len(home) > 1 and rng.random() < 0.8:
                a, b = (str(x) for x in rng.choice(home, size=2, replace=False))
                morning = rng.random() < 0.4
                p.chat(
                    a, b, p.at(day, 7, 8.5) if morning else p.at(day, 16.5, 19.5), int(rng.integers(2, 4)), "household"
                )
        for a, b in town.friends:
            if rng.random() < 0.12:
                late = p.at(day, 18, 23) if weekday else p.at(day, 10, 23.5)
                first, second = (a, b) if rng.random() < 0.5 else (b, a)
                p.chat(first, second, late, int(rng.integers(2, 6)), "friends")
        if weekday:
            for staff in town.workplaces.values():
                for _ in range(2):
                    a, b = (str(x) for x in rng.choice(staff, size=2, replace=False))
                    p.chat(a, b, p.at(day, 9, 17), 2, "work", mean_gap=6)
            for name in town.uses["Clinic"]:
                if rng.random() < 0.06:  # about one appointment a month each
                    p.chat(name, "Clinic", p.at(day, 8, 12), 3, "Clinic", mean_gap=10)
            for name in town.uses["Pharmacy"]:
                weekly = name in chronic and day % 7 == 1
                if weekly or rng.random() < 0.05:
                    p.chat("Pharmacy", name, p.at(day, 9, 18), 2, "Pharmacy", mean_gap=15)
            for name in town.uses["Lawyer"]:
                if rng.random() < 0.15:
                    p.chat(name, "Lawyer", p.at(day, 9, 17), 2, "Lawyer", mean_gap=30)
            for name in town.uses["Gunshop"]:
                if rng.random() < 0.06:
                    p.chat(name, "Gunshop", p.at(day, 10, 18), 3, "Gunshop", mean_gap=8)
        else:
            for name in town.uses["Church"]:
                if rng.random() < 0.5:
                    p.chat("Church", name, p.at(day, 8, 11), 2, "Church", mean_gap=20)
        for name in town.uses["Bank"]:
            if rng.random() < 0.2:  # automatic alerts: nobody replies
                p.one_way("Bank", name, p.at(day, 7, 22), "Bank")
        for name, nights in helpline_nights.items():
            if day in nights:  # a conversation in the small hours: 23:00 to 02:00
                p.chat(name, "Helpline", p.at(day, 23, 26), int(rng.integers(4, 9)), "Helpline", mean_gap=2)
    return tuple(sorted(p.plan, key=lambda m: m.time))


def planned_contacts(seed: int = 0, days: int = 30, start: datetime = MONTH_START) -> nx.Graph:
    """Who exchanged messages with whom in the month's plan (the ground truth), without sending a message.

    Under end-to-end encryption the Provider's log names the same pairs (tests/test_town.py checks it), so this
    is the log's contact graph for a town the chapter has not sent through the protocol, at a fraction of the
    time: for comparing many towns."""
    town = make_town(seed)
    graph = nx.Graph()
    graph.add_nodes_from(town.people)
    graph.add_edges_from((m.sender, m.recipient) for m in plan_month(town, seed, days, start))
    return graph


def town_log(seed: int = 0, policy: Policy | None = None, days: int = 30, start: datetime = MONTH_START) -> TownMonth:
    """Send the month's messages through a real World under ``policy`` and read back the Provider's log."""
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 366:
        raise ValueError(f"days must be a whole number from 1 to 366, not {days!r}")
    town = make_town(seed)
    plan = plan_month(town, seed, days, start)
    world = World(seed=seed, policy=policy if policy is not None else Policy())
    for m in plan:
        world.send(m.sender, m.recipient, m.text, at=m.time)
    return TownMonth(world, provider_log(world), plan, town, start, days)
