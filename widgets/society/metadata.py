"""What a Provider's log reveals without a single word of content — and what is left under sealed sender.

Every function here reads only a log of ``LogRow``s (message number, time, sender or None, recipient, size),
exactly what the Provider holds (``widgets.society.town.provider_log``). None of them sees the town's plan: the
ground truth is used only by ``score_links``, to mark the analysis's guesses right or wrong.

- ``contact_graph`` / ``contact_chain``: who talked to whom, one or two hops out from a target (the
  "contact chaining" investigators do with call records).
- ``service_users``, ``hour_profile``, ``day_profile``, ``night_users``, ``what_it_reveals``: the pattern.
- ``timing_links``: under sealed sender the log names no senders, but a reply a few minutes after a message
  still links the two people. For each recipient R, count whose messages arrive within ``window`` after a
  message to R, across the month, and compare with how often that would happen by chance at those hours; a
  pair that turns up far more often than chance is probably a conversation. This is a simple version of the
  idea that Martiny et al. ("Improving Signal's Sealed Sender", NDSS 2021) built into a statistical
  disclosure attack on Signal's sealed sender.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import networkx as nx

from .town import LogRow

NIGHT = (22, 6)  # 22:00 up to 06:00
Log = Sequence[LogRow]


@dataclass(frozen=True)
class ChainLink:
    """Someone in a target's contact chain: how far out (1 or 2 hops), through whom, and how many messages
    link them to the target (hop 1) or to those go-betweens (hop 2)."""

    name: str
    hop: int
    via: tuple[str, ...]
    messages: int


@dataclass(frozen=True)
class ServiceUse:
    """One person's messages with a service: to it, from it, on how many days, and at which hours."""

    name: str
    service: str
    sent: int
    received: int
    days: int
    hours: tuple[int, ...]
    night: int  # messages between 22:00 and 06:00


@dataclass(frozen=True)
class LogSummary:
    messages: int
    senders_named: int
    senders_hidden: int
    names_as_sender: frozenset[str]
    names_as_recipient: frozenset[str]


@dataclass(frozen=True)
class TimingLink:
    """Two people the timing says talk to each other: ``hits`` replies-within-the-window, against the
    ``expected`` number by chance."""

    a: str
    b: str
    hits: int
    expected: float

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


@dataclass(frozen=True)
class LinkScore:
    claimed: int
    correct: int
    true_pairs: int

    @property
    def wrong(self) -> int:
        return self.claimed - self.correct

    @property
    def precision(self) -> float:
        return self.correct / self.claimed if self.claimed else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.true_pairs if self.true_pairs else 0.0


# --- who talks to whom -----------------------------------------------------------------------------


def _rows(log: Iterable[LogRow]) -> list[LogRow]:
    rows = list(log)
    if not all(isinstance(r, LogRow) for r in rows):
        raise ValueError("a log is a sequence of LogRow (see widgets.society.town.provider_log)")
    return rows


def contact_graph(log: Log) -> nx.Graph:
    """Everyone named in the log as a node; an edge for each pair with a known sender, weighted by messages.
    Messages whose sender is hidden add their recipient as a node but no edge: the log cannot say from whom."""
    graph = nx.Graph()
    for row in _rows(log):
        for recipient in row.recipients:
            graph.add_node(recipient)
            if row.sender is None:
                continue
            graph.add_node(row.sender)
            if graph.has_edge(row.sender, recipient):
                graph[row.sender][recipient]["messages"] += 1
            else:
                graph.add_edge(row.sender, recipient, messages=1)
    return graph


def links_graph(links: Iterable[TimingLink], names: Iterable[str] = ()) -> nx.Graph:
    """A contact graph from links the timing recovered (edge weight: the hits), over ``names`` too."""
    graph = nx.Graph()
    graph.add_nodes_from(names)
    for link in links:
        graph.add_edge(link.a, link.b, messages=link.hits)
    return graph


def contact_chain(source: Log | nx.Graph, target: str, hops: int = 1) -> tuple[ChainLink, ...]:
    """The target's contacts (hop 1) and, with ``hops=2``, their contacts too (hop 2), most messages first.

    ``source`` is a log or a contact graph (e.g. ``links_graph`` of what timing recovered). Two hops always
    include everyone one hop finds."""
    if hops not in (1, 2) or isinstance(hops, bool):
        raise ValueError(f"hops must be 1 or 2, not {hops!r}")
    graph = source if isinstance(source, nx.Graph) else contact_graph(source)
    if target not in graph:
        return ()
    first = {n: graph[target][n].get("messages", 1) for n in graph[target] if n != target}
    chain = [ChainLink(n, 1, (target,), count) for n, count in first.items()]
    if hops == 2:
        second: dict[str, list[str]] = defaultdict(list)
        weight: Counter[str] = Counter()
        for middle in first:
            for n in graph[middle]:
                if n != target and n not in first:
                    second[n].append(middle)
                    weight[n] += graph[middle][n].get("messages", 1)
        chain += [ChainLink(n, 2, tuple(sorted(via)), weight[n]) for n, via in second.items()]
    return tuple(sorted(chain, key=lambda c: (c.hop, -c.messages, c.name)))


@dataclass(frozen=True)
class ChainReach:
    """How far a two-hop chain reaches in one contact graph, and how far it would reach if everyone kept as many
    contacts but chose them at random (the same degrees, rewired): the share that is mere saturation."""

    target: str
    contacts: int  # one hop
    reach: int  # one and two hops together
    others: int  # everyone in the graph but the target
    second_names: int  # the contacts' own contacts (not the target), counted once per contact who names them
    random_mean: float  # two-hop reach in rewired graphs: its average …
    random_low: int  # … and its range over the rewirings
    random_high: int


def chain_reach(graph: nx.Graph, target: str, rewirings: int = 10, seed: int = 0) -> ChainReach:
    """The two-hop reach from ``target`` in ``graph``, beside the same in ``rewirings`` random graphs with the
    same number of contacts for everyone (networkx's degree-preserving ``double_edge_swap``)."""
    if target not in graph:
        raise ValueError(f"{target!r} is not in this contact graph")
    if isinstance(rewirings, bool) or not isinstance(rewirings, int) or not 1 <= rewirings <= 200:
        raise ValueError(f"rewirings must be a whole number from 1 to 200, not {rewirings!r}")

    def reach(g: nx.Graph) -> int:
        return len(nx.single_source_shortest_path_length(g, target, cutoff=2)) - 1

    contacts = set(graph[target])
    random_reach = []
    for k in range(rewirings):
        shuffled = graph.copy()
        swaps = 2 * shuffled.number_of_edges()
        try:
            nx.double_edge_swap(shuffled, nswap=swaps, max_tries=100 * swaps, seed=seed * 1000 + k)
        except (nx.NetworkXError, nx.NetworkXAlgorithmError):  # too small to rewire: keep it as it is
            shuffled = graph

        random_reach.append(reach(shuffled))
    return ChainReach(
        target=target,
        contacts=len(contacts),
        reach=reach(graph),
        others=graph.number_of_nodes() - 1,
        second_names=sum(len(set(graph[c]) - {target}) for c in contacts),
        random_mean=sum(random_reach) / len(random_reach),
        random_low=min(random_reach),
        random_high=max(random_reach),
    )


# --- the pattern -------------------------------------------------------------------------------------


def _is_night(when: datetime, night: tuple[int, int] = NIGHT) -> bool:
    begin, end = night
    return when.hour >= begin or when.hour < end


def service_users(log: Log, service: str) -> tuple[ServiceUse, ...]:
    """Everyone the log shows exchanging messages with ``service``, most messages first.

    Every match needs a named sender: a person's message *to* the service, or the service's own message *to*
    a person. Under sealed sender the log names no sender at all — the service's included — so this finds
    no one (``timing_links`` is what still works there)."""
    sent: Counter[str] = Counter()
    received: Counter[str] = Counter()
    days: dict[str, set] = defaultdict(set)
    hours: dict[str, set] = defaultdict(set)
    night: Counter[str] = Counter()
    for row in _rows(log):
        if service in row.recipients and row.sender is not None and row.sender != service:
            person = row.sender
            sent[person] += 1
        elif row.sender == service:
            person = row.recipient
            received[person] += 1
        else:
            continue
        # a night that began before midnight counts as that evening's day
        days[person].add((row.time - timedelta(hours=NIGHT[1])).date())
        hours[person].add(row.time.hour)
        night[person] += _is_night(row.time)
    names = set(sent) | set(received)
    found = [
        ServiceUse(n, service, sent[n], received[n], len(days[n]), tuple(sorted(hours[n])), night[n]) for n in names
    ]
    return tuple(sorted(found, key=lambda u: (-(u.sent + u.received), u.name)))


def hour_profile(log: Log, person: str) -> tuple[int, ...]:
    """Messages ``person`` sent or received in each hour of the day (24 counts)."""
    counts = [0] * 24
    for row in _rows(log):
        if row.sender == person or person in row.recipients:
            counts[row.time.hour] += 1
    return tuple(counts)


def day_profile(log: Log, person: str, start: datetime, days: int) -> tuple[int, ...]:
    """Messages ``person`` sent or received on each day from ``start`` (``days`` counts)."""
    counts = [0] * days
    first = start.date()
    for row in _rows(log):
        if row.sender == person or person in row.recipients:
            day = (row.time.date() - first).days
            if 0 <= day < days:
                counts[day] += 1
    return tuple(counts)


def night_users(log: Log, service: str, min_nights: int = 2) -> tuple[ServiceUse, ...]:
    """People in touch with ``service`` at night on at least ``min_nights`` different nights."""
    found = []
    for use in service_users(log, service):
        nights = {
            (row.time - timedelta(hours=NIGHT[1])).date()
            for row in _rows(log)
            if _is_night(row.time)
            and (
                (row.sender == use.name and service in row.recipients)
                or (row.sender == service and use.name in row.recipients)
            )
        }
        if len(nights) >= min_nights:
            found.append(use)
    return tuple(found)


def what_it_reveals(log: Log, person: str, services: Sequence[str]) -> tuple[str, ...]:
    """Plain sentences: what the log alone says about ``person`` — contacts, busy hours, and services."""
    rows = _rows(log)
    chain = contact_chain(rows, person, 1)
    total = sum(1 for r in rows if r.sender == person or person in r.recipients)
    if not total:
        return (f"The log shows no message to or from {person}.",)
    sentences = []
    people = [c for c in chain if c.name not in services]
    if chain:
        # The count is the whole chain, as contact_chain and the chain table count it: people and services.
        top = ", ".join(f"{c.name} ({c.messages})" for c in (people or chain)[:4])
        sentences.append(f"{person} exchanged messages with {len(chain)} people and services; most often with {top}.")
    else:
        sentences.append(f"The log shows {total} messages for {person} but not who sent them.")
    profile = hour_profile(rows, person)
    busiest = max(range(24), key=lambda h: (profile[h], -h))
    night = sum(profile[h] for h in range(24) if _is_night(datetime(2000, 1, 1, h)))
    sentences.append(
        f"Busiest hour: {busiest:02d}:00–{busiest:02d}:59; {night} of {total} messages at night (22:00–06:00)."
    )
    for service in services:
        use = next((u for u in service_users(rows, service) if u.name == person), None)
        if use is None:
            continue
        when = ", ".join(f"{h:02d}h" for h in use.hours)
        sentences.append(
            f"In touch with the {service}: {use.sent} message{_s(use.sent)} to it, {use.received} from it, "
            f"on {use.days} day{_s(use.days)}, at {when}" + (f" — {use.night} at night." if use.night else ".")
        )
    return tuple(sentences)


# --- sealed sender: what is left, and what timing gives back ----------------------------------------


def log_summary(log: Log) -> LogSummary:
    rows = _rows(log)
    named = [r for r in rows if r.sender is not None]
    return LogSummary(
        messages=len(rows),
        senders_named=len(named),
        senders_hidden=len(rows) - len(named),
        names_as_sender=frozenset(r.sender for r in named),
        names_as_recipient=frozenset(n for r in rows for n in r.recipients),
    )


def _hour_spans(start: datetime, seconds: float) -> tuple[tuple[int, float], ...]:
    """The window (start, start + seconds] cut at the hour boundaries: (hour of the day, seconds in it)."""
    spans, when, left = [], start, seconds
    while left > 0:
        next_hour = when.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        length = min(left, (next_hour - when).total_seconds())
        spans.append((when.hour, length))
        when, left = next_hour, left - length
    return tuple(spans)


def timing_links(
    log: Log, window: timedelta = timedelta(minutes=5), min_hits: int = 3, factor: float = 5.0
) -> tuple[TimingLink, ...]:
    """Pairs linked by replies: for a message to R at time t, everyone who receives a message in (t, t +
    window] gets a hit with R. A pair is claimed when its hits (both ways) reach ``min_hits`` and ``factor``
    times what chance gives at those hours (from each person's own hour-by-hour rate in the log).
    Uses only recipients and times — it works on a log whose senders are all hidden."""
    rows = sorted(_rows(log), key=lambda r: r.time)
    if not rows:
        return ()
    seconds = window.total_seconds()
    days = max(1, (rows[-1].time.date() - rows[0].time.date()).days + 1)
    by_hour: dict[str, list[int]] = defaultdict(lambda: [0] * 24)  # messages each person receives, per hour
    windows: dict[str, Counter[tuple[tuple[int, float], ...]]] = defaultdict(Counter)  # see ``expected``
    hits: Counter[tuple[str, str]] = Counter()
    for i, row in enumerate(rows):
        spans = _hour_spans(row.time, seconds)
        for r in row.recipients:
            by_hour[r][row.time.hour] += 1
            windows[r][spans] += 1
        after = set()
        j = i + 1
        while j < len(rows) and (rows[j].time - row.time).total_seconds() <= seconds:
            after.update(rows[j].recipients)
            j += 1
        for r in row.recipients:
            for x in after - {r}:
                hits[(r, x)] += 1

    def expected(r: str, x: str) -> float:
        # For each message to r: the chance that x receives something in the window after it, at x's own
        # rate in each hour the window covers (a window at 09:58 runs on into 10:00–10:59).
        rate = [n / (days * 3600) for n in by_hour[x]]
        return sum(
            n * (1 - math.exp(-sum(rate[hour] * length for hour, length in spans))) for spans, n in windows[r].items()
        )

    links = []
    pairs = {tuple(sorted(p)) for p in hits}
    for a, b in sorted(pairs):
        count = hits[(a, b)] + hits[(b, a)]
        chance = expected(a, b) + expected(b, a)
        if count >= min_hits and count >= factor * chance:
            links.append(TimingLink(a, b, count, round(chance, 2)))
    return tuple(sorted(links, key=lambda link: (-link.hits, link.a, link.b)))


def score_links(links: Iterable[TimingLink], true_pairs: Iterable[Iterable[str]]) -> LinkScore:
    """How many claimed links are real pairs (from the ground truth), out of how many real pairs."""
    truth = {frozenset(p) for p in true_pairs}
    claimed = {link.pair for link in links}
    return LinkScore(len(claimed), len(claimed & truth), len(truth))


def _s(n: int) -> str:
    """The plural ending a count needs in a sentence: "1 message", "2 messages" (never "2 message(s)")."""
    return "" if n == 1 else "s"
