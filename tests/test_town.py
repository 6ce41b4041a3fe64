"""The town's month runs through the real protocol: the log is the Provider's own, and it holds no content."""

from datetime import datetime, timedelta

import pytest

from widgets import Policy
from widgets.society.town import (
    MONTH_START,
    SERVICES,
    LogRow,
    Planned,
    make_town,
    plan_month,
    planned_contacts,
    provider_log,
    reply_delays,
    town_log,
)


@pytest.fixture(scope="module")
def month():
    return town_log(seed=3, days=7)


@pytest.fixture(scope="module")
def sealed_month():
    return town_log(seed=3, days=7, policy=Policy(sealed_sender=True))


def test_the_log_is_what_the_provider_holds(month):
    held = month.world.holdings("Provider").metadata()
    assert [(r.msg, r.time, r.sender, r.recipient, r.size) for r in month.log] == [
        (m.msg, m.time, m.sender, m.recipient, m.size) for m in held
    ]
    assert month.log == provider_log(month.world)
    assert len(month.log) == len(month.truth) == len(month.world.messages) > 100


def test_every_message_went_as_planned_and_the_log_matches_the_plan(month):
    for row, planned, message in zip(month.log, month.truth, month.world.messages, strict=True):
        assert (row.sender, row.recipient, row.time) == (planned.sender, planned.recipient, planned.time)
        assert message.status == "delivered" and message.text == planned.text


def test_the_provider_reads_no_content_under_end_to_end(month):
    provider_bytes = b"".join(month.world.holdings("Provider").all_bytes())
    for message in month.world.messages[::25]:
        assert "Provider" not in month.world.readers(message)
        assert {message.sender, message.recipient} <= month.world.readers(message)
        if len(message.text) >= 10:  # a two-letter text can turn up in random bytes by chance
            assert message.text.encode() not in provider_bytes


def test_sealed_sender_hides_every_sender_from_the_provider(month, sealed_month):
    assert all(row.sender is None for row in sealed_month.log)
    assert [(r.recipient, r.time) for r in sealed_month.log] == [(r.recipient, r.time) for r in month.log]
    provider_bytes = b"".join(sealed_month.world.holdings("Provider").all_bytes())
    for message in sealed_month.world.messages[::25]:
        # the recipient still learns who wrote (the name is inside the envelope); the Provider does not
        assert message.recipient in sealed_month.world.readers(message)
        assert sealed_month.world.learned("Provider", message).sender is None
        if len(message.text) >= 10:
            assert message.text.encode() not in provider_bytes


def test_the_plan_has_daily_rhythms_and_stays_inside_the_month():
    town = make_town(0)
    plan = plan_month(town, seed=0, days=14)
    assert [p.time for p in plan] == sorted(p.time for p in plan)
    assert all(MONTH_START <= p.time < MONTH_START + timedelta(days=15) for p in plan)
    helpline = [p for p in plan if "Helpline" in (p.sender, p.recipient)]
    assert helpline and all(p.time.hour >= 23 or p.time.hour < 3 for p in helpline)
    work = [p for p in plan if p.kind == "work"]
    assert work and all(p.time.weekday() < 5 and 9 <= p.time.hour < 18 for p in work)
    people = set(town.people)
    assert all(p.sender in people and p.recipient in people and p.sender != p.recipient for p in plan)
    assert set(SERVICES) <= people and "Alice" in town.residents


def test_the_same_seed_gives_the_same_town_and_another_seed_another():
    assert plan_month(make_town(5), 5, 3) == plan_month(make_town(5), 5, 3)
    assert plan_month(make_town(5), 5, 3) != plan_month(make_town(6), 6, 3)


def test_names_are_users_the_world_accepts():
    town = make_town(1)
    for name in town.people:
        assert name.isalpha() and name[0].isupper() and name not in ("Provider", "State", "Attacker")
    households = [n for h in town.households for n in h]
    assert sorted(households) == sorted(town.residents)


@pytest.mark.parametrize("days", [0, -1, 1.5, True, 400])
def test_a_month_needs_a_sensible_number_of_days(days):
    with pytest.raises(ValueError):
        town_log(seed=0, days=days)


def test_a_log_row_says_hidden_for_a_sealed_sender():
    row = LogRow(1, datetime(2017, 4, 3, 23, 5), None, "Helpline", 300)
    assert "hidden → Helpline" in str(row) and row.recipients == ("Helpline",)


def test_with_key_escrow_the_log_names_sealed_senders_again_and_rightly():
    # The escrow field's unit id, in the clear, names the phone: the Provider's second line names the sender.
    month = town_log(seed=3, days=3, policy=Policy(sealed_sender=True, escrow=True))
    assert [r.msg for r in month.log] == [m.id for m in month.world.messages]
    named = [(row, planned) for row, planned in zip(month.log, month.truth, strict=True) if row.sender is not None]
    assert len(named) > len(month.log) / 2
    assert all(row.sender == planned.sender for row, planned in named)
    from_alice = [row.sender for row, planned in zip(month.log, month.truth, strict=True) if planned.sender == "Alice"]
    assert from_alice and set(from_alice) == {"Alice"}  # the warrant target's sent messages are named again


def test_reply_delays_count_only_answers_within_the_hour():
    t = datetime(2017, 4, 3, 20, 0)
    plan = (
        Planned(t, "Ann", "Ben", "friends", "Free tonight?"),
        Planned(t + timedelta(seconds=90), "Ben", "Ann", "friends", "Sure, where?"),
        Planned(t + timedelta(seconds=200), "Ann", "Ben", "friends", "The usual place"),
        Planned(t + timedelta(seconds=260), "Ann", "Ben", "friends", "See you at 8"),  # not an answer: same way
        Planned(t + timedelta(hours=3), "Ben", "Ann", "friends", "Good night"),  # hours later: not an answer
        Planned(t, "Bank", "Ann", "Bank", "Card payment of 23.50"),  # nobody answers the Bank
    )
    assert reply_delays(plan) == {"friends": (90.0, 110.0)}


def test_planned_contacts_are_the_pairs_the_providers_log_names(month):
    """Under end-to-end encryption the log names exactly the plan's pairs: the chapter may compare many towns
    from their plans without sending every message through the protocol."""
    from widgets.society.metadata import contact_graph

    logged = contact_graph(month.log)
    planned = planned_contacts(seed=3, days=7)
    assert {frozenset(e) for e in logged.edges} == {frozenset(e) for e in planned.edges}
    assert set(planned.nodes) == set(make_town(3).people)
    assert {frozenset(e) for e in planned_contacts(seed=4, days=7).edges} != {frozenset(e) for e in planned.edges}
