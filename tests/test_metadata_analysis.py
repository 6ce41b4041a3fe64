"""The analysis reads only the Provider's log: contact chains on a hand-made log, the pattern, and what
timing gives back under sealed sender — checked against the town's ground truth, never a fixed number."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import Policy
from widgets.society.metadata import (
    chain_reach,
    contact_chain,
    contact_graph,
    day_profile,
    hour_profile,
    links_graph,
    log_summary,
    night_users,
    score_links,
    service_users,
    timing_links,
    what_it_reveals,
)
from widgets.society.town import LogRow, town_log

T0 = datetime(2017, 4, 3, 9, 0)


def log_of(*pairs, sealed=False, start=T0, gap=timedelta(hours=1)):
    """A hand-made log: one row per (sender, recipient), an hour apart."""
    return tuple(LogRow(i + 1, start + i * gap, None if sealed else a, b, 300) for i, (a, b) in enumerate(pairs))


# Alice — Bob — Carol — Dave, and Alice — Erin; Frank talks only to Gina.
HAND = log_of(
    ("Alice", "Bob"), ("Bob", "Alice"), ("Alice", "Bob"), ("Bob", "Carol"), ("Carol", "Dave"),
    ("Erin", "Alice"), ("Frank", "Gina"),
)  # fmt: skip


def test_one_hop_is_exactly_the_people_the_target_exchanged_messages_with():
    chain = contact_chain(HAND, "Alice", 1)
    assert [(c.name, c.hop, c.messages) for c in chain] == [("Bob", 1, 3), ("Erin", 1, 1)]


def test_two_hops_add_the_contacts_contacts_and_say_through_whom():
    chain = contact_chain(HAND, "Alice", 2)
    assert [(c.name, c.hop, c.via) for c in chain] == [
        ("Bob", 1, ("Alice",)),
        ("Erin", 1, ("Alice",)),
        ("Carol", 2, ("Bob",)),
    ]
    assert "Dave" not in {c.name for c in chain}  # three hops away
    assert not {"Frank", "Gina"} & {c.name for c in chain}


def test_unknown_targets_have_no_chain_and_hops_must_be_one_or_two():
    assert contact_chain(HAND, "Zed", 2) == ()
    for hops in (0, 3, True, "2"):
        with pytest.raises(ValueError):
            contact_chain(HAND, "Alice", hops)


names = st.sampled_from(["Alice", "Bob", "Carol", "Dave", "Erin", "Frank"])
logs = st.lists(st.tuples(names, names).filter(lambda p: p[0] != p[1]), max_size=30).map(lambda p: log_of(*p))


@given(logs, names)
def test_two_hops_include_one_hop_and_never_the_target(log, target):
    one = {c.name for c in contact_chain(log, target, 1)}
    two = contact_chain(log, target, 2)
    assert one <= {c.name for c in two}
    assert target not in {c.name for c in two}
    graph = contact_graph(log)
    for link in two:
        if link.hop == 1:
            assert graph.has_edge(target, link.name)
        else:
            assert all(graph.has_edge(target, v) and graph.has_edge(v, link.name) for v in link.via)


@given(logs)
def test_hidden_senders_leave_no_edges(log):
    sealed = tuple(LogRow(r.msg, r.time, None, r.recipient, r.size) for r in log)
    assert contact_graph(sealed).number_of_edges() == 0
    assert all(contact_chain(sealed, n, 2) == () for n in ("Alice", "Bob"))
    summary = log_summary(sealed)
    assert summary.senders_hidden == len(log) and not summary.names_as_sender


def test_service_use_and_night_pattern_from_a_hand_made_log():
    night = datetime(2017, 4, 3, 23, 30)
    rows = []
    for d in range(3):  # Dora writes to the Helpline on three nights, it answers two minutes later
        rows += [
            ("Dora", "Helpline", night + timedelta(days=d)),
            ("Helpline", "Dora", night + timedelta(days=d, minutes=2)),
        ]
    rows += [("Ed", "Helpline", datetime(2017, 4, 4, 14, 0)), ("Pharmacy", "Ed", datetime(2017, 4, 5, 10, 0))]
    log = tuple(LogRow(i + 1, t, a, b, 300) for i, (a, b, t) in enumerate(sorted(rows, key=lambda r: r[2])))
    uses = {u.name: u for u in service_users(log, "Helpline")}
    assert (uses["Dora"].sent, uses["Dora"].received, uses["Dora"].days, uses["Dora"].night) == (3, 3, 3, 6)
    assert (uses["Ed"].sent, uses["Ed"].night) == (1, 0)
    assert [u.name for u in night_users(log, "Helpline")] == ["Dora"]
    assert [u.name for u in service_users(log, "Pharmacy")] == ["Ed"]
    assert hour_profile(log, "Dora")[23] == 6 and sum(hour_profile(log, "Dora")) == 6
    assert day_profile(log, "Dora", datetime(2017, 4, 3), 4) == (2, 2, 2, 0)
    words = " ".join(what_it_reveals(log, "Dora", ("Helpline", "Pharmacy")))
    assert "Helpline" in words and "at night" in words and "Pharmacy" not in words


def test_timing_links_a_night_conversation_on_a_hand_made_sealed_log():
    rows, t = [], datetime(2017, 4, 3, 23, 0)
    for d in range(4):
        start = t + timedelta(days=d)
        rows += [("Dora", "Helpline", start), ("Helpline", "Dora", start + timedelta(minutes=2))]
        rows += [("Ed", "Fay", start + timedelta(hours=-10)), ("Gus", "Ed", start + timedelta(hours=-5))]
    log = tuple(LogRow(i + 1, when, None, b, 300) for i, (a, b, when) in enumerate(sorted(rows, key=lambda r: r[2])))
    links = timing_links(log)
    assert {link.pair for link in links} == {frozenset({"Dora", "Helpline"})}
    truth = {frozenset((a, b)) for a, b, _ in rows}
    score = score_links(links, truth)
    assert (score.claimed, score.correct, score.wrong, score.true_pairs) == (1, 1, 0, 3)


@pytest.fixture(scope="module")
def sealed_month():
    return town_log(seed=2, days=14, policy=Policy(sealed_sender=True))


def test_under_sealed_sender_timing_recovers_real_links_from_recipients_and_times_only(sealed_month):
    assert all(row.sender is None for row in sealed_month.log)
    links = timing_links(sealed_month.log)
    score = score_links(links, sealed_month.true_pairs())
    assert score.correct > 0
    # far better than guessing: a random pair of people in the town is a real pair this often
    people = len(sealed_month.town.people)
    chance = score.true_pairs / (people * (people - 1) / 2)
    assert score.precision > 2 * chance and score.correct > score.wrong
    assert score.correct <= score.true_pairs
    assert {frozenset(edge) for edge in links_graph(links).edges} == {link.pair for link in links}


def test_timing_finds_the_night_helpline_callers_and_accuses_no_one_else(sealed_month):
    # The chapter's most sensitive claim: every link to the Helpline is a real caller (from the ground truth).
    callers = {p.sender for p in sealed_month.truth if p.recipient == "Helpline"}
    assert callers == set(sealed_month.town.uses["Helpline"]) & {p.sender for p in sealed_month.truth}
    linked = {
        next(iter(link.pair - {"Helpline"})) for link in timing_links(sealed_month.log) if "Helpline" in link.pair
    }
    assert linked and linked <= callers


def test_chance_counts_the_next_hour_when_a_window_runs_into_it():
    # Every day Rae gets a message at 09:58 and Xan one at 10:00 — but Xan also gets one every two minutes
    # from 10:00 to 10:58, so a message to Xan within five minutes of 09:58 is what chance gives anyway.
    def day(d, busy):
        morning = datetime(2017, 4, 3, 9, 58) + timedelta(days=d)
        rows = [("Rae", morning), ("Xan", morning + timedelta(minutes=2))]
        if busy:
            rows += [("Xan", morning + timedelta(minutes=2 + 2 * k)) for k in range(1, 30)]
        return rows

    for busy, linked in ((True, False), (False, True)):
        rows = sorted((row for d in range(6) for row in day(d, busy)), key=lambda r: r[1])
        log = tuple(LogRow(i + 1, when, None, who, 300) for i, (who, when) in enumerate(rows))
        pairs = {link.pair for link in timing_links(log)}
        assert (frozenset({"Rae", "Xan"}) in pairs) is linked


def test_with_names_in_the_log_the_chain_matches_the_ground_truth():
    month = town_log(seed=2, days=7)
    truth = month.true_pairs()
    for target in ("Alice", "Bob", "Clinic"):
        expected = {next(iter(p - {target})) for p in truth if target in p}
        assert {c.name for c in contact_chain(month.log, target, 1)} == expected


def test_two_hop_reach_is_set_beside_random_contacts_with_the_same_degrees():
    import networkx as nx

    from widgets.society.town import planned_contacts

    town = planned_contacts(seed=0)
    reach = chain_reach(town, "Alice", rewirings=5)
    assert (reach.contacts, reach.others) == (12, 42)
    assert reach.reach == len(contact_chain(town, "Alice", hops=2)) == 40
    assert reach.second_names > reach.others  # her contacts' contacts, with repeats: more names than the town
    assert reach.random_low <= reach.random_mean <= reach.random_high <= reach.others
    assert abs(reach.random_mean - reach.reach) < 4  # saturation: random contacts reach about as far
    # a town where everyone knows only their neighbours on a ring: two hops reach 4, random contacts further
    ring = nx.circulant_graph(40, [1])
    ring = nx.relabel_nodes(ring, {0: "Alice"})
    local = chain_reach(ring, "Alice", rewirings=5)
    assert (local.contacts, local.reach) == (2, 4) and local.random_mean >= local.reach
    with pytest.raises(ValueError, match="not in this contact graph"):
        chain_reach(town, "Nobody")
    with pytest.raises(ValueError, match="rewirings"):
        chain_reach(town, "Alice", rewirings=0)


def test_what_the_log_reveals_counts_contacts_as_the_chain_does():
    month = town_log(seed=0, days=7)
    first = what_it_reveals(month.log, "Alice", ("Clinic", "Helpline"))[0]
    assert first.startswith(
        f"Alice exchanged messages with {len(contact_chain(month.log, 'Alice', 1))} people and services"
    )
