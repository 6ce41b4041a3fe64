"""The population model keeps its invariants, takes its facts from the real protocol, and says no clearly."""

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import Policy, World
from widgets.society.population import (
    ASSUMPTIONS,
    CURRENCY,
    DEFAULTS,
    LIMITATIONS,
    PROPOSALS,
    Assumption,
    Band,
    Outcome,
    compare,
    exposure,
    simulate,
)

RUNS = 300  # enough runs for the invariants; the chapter uses the default
REQUIRED = (
    "criminal_share",
    "sophisticated_share",
    "warrants_per_year",
    "messages_per_user_per_day",
    "breach_chance_per_year",
    "scan_false_positive_rate",
    "implant_cost",
    "verify_share",
    "backup_share",
)
policies = st.builds(Policy, **{name: st.booleans() for name in Policy.switches()})
# The switches that give the State a way in: a law would impose them; everything else is how the app is built.
ACCESS = ("escrow", "interception", "ghost", "client_scanning", "endpoint_implant", "cloud_backup")


def leaked(policy: Policy) -> set[tuple[str, str]]:
    """The key stores whose breach exposes everyone, per kind of user, as the real model shows them."""
    found = set()
    for leak in exposure(policy).leaks:
        for kind, whose in (("backs up", leak.for_user_who_backs_up), ("does not", leak.for_user_who_does_not)):
            if whose == "everyone":
                found.add((leak.store, kind))
    return found


# --- assumptions and proposals ---------------------------------------------------------------------------


def test_every_assumption_has_a_range_a_unit_and_a_source_or_an_honest_note():
    assert set(REQUIRED) <= set(ASSUMPTIONS)
    for name, a in ASSUMPTIONS.items():
        assert isinstance(a, Assumption) and a.name == name
        assert 0 < a.low <= a.default <= a.high, name
        assert a.valid[0] <= a.low and a.high <= a.valid[1], name
        assert a.label and a.unit and a.note, name
        assert "http" in a.source or "no reliable figure" in a.source, name
    assert "dollars" in ASSUMPTIONS["implant_cost"].unit.lower() and CURRENCY == "US dollars"


def test_proposals_are_the_six_in_order():
    assert list(PROPOSALS) == [
        "no exceptional access",
        "key escrow",
        "ghost participant",
        "client-side scanning",
        "targeted implants",
        "backups the Provider can open",
    ]
    assert PROPOSALS["no exceptional access"] == Policy()
    assert PROPOSALS["key escrow"] == Policy(escrow=True)
    assert PROPOSALS["backups the Provider can open"] == Policy(cloud_backup=True)


def test_limitations_are_plain_sentences():
    assert len(LIMITATIONS) >= 5
    assert all(isinstance(s, str) and s.endswith(".") and len(s) > 40 for s in LIMITATIONS)
    text = " ".join(LIMITATIONS).lower()
    for topic in ("chilling", "insider", "other governments"):
        assert topic in text


# --- exposure: the facts come from the real protocol ----------------------------------------------------


def test_escrow_breach_lets_the_attacker_read_a_non_targets_message_in_the_real_model():
    assert exposure(Policy(escrow=True)).leak("escrow key").for_user_who_backs_up == "everyone"
    world = World(seed=1, policy=Policy(escrow=True, escrow_breach=True))
    world.send("Alice", "Bob", "hello")
    message = world.send("Bob", "Carol", "not suspected of anything")
    assert "Attacker" in world.readers(message)


def test_exposure_of_each_proposal_matches_what_the_crypto_shows():
    base = exposure(Policy())
    assert not base.state_reads_target
    assert all(leak.for_user_who_backs_up == "nobody" for leak in base.leaks)

    escrow = exposure(Policy(escrow=True))
    assert escrow.state_reads_target and escrow.sophisticated_escape
    assert not escrow.caught_by_verification
    assert not escrow.state_reads_non_target  # the State opens only what its warrant covers

    ghost = exposure(Policy(ghost=True))
    assert ghost.state_reads_target and ghost.caught_by_verification and ghost.sophisticated_escape
    assert all(leak.for_user_who_backs_up == "nobody" for leak in ghost.leaks)  # targeted: no one else leaks

    scanning = exposure(Policy(client_scanning=True))
    assert scanning.scanning_reports_listed and not scanning.state_reads_target
    assert scanning.case().reads_listed and not scanning.case(sophisticated=True).reads_listed
    assert scanning.case().reads_incoming_listed and not scanning.case().reads_incoming
    # what she escapes on another app is the scanning of her listed messages
    assert scanning.sophisticated_escape and scanning.escape_words() == "yes"
    assert base.nothing_to_escape and base.escape_words() == "n/a (nothing to escape)"
    assert escrow.case().reads_incoming  # the warrant covers what Alice receives, too

    implant = exposure(Policy(endpoint_implant=True))
    assert implant.case(implanted=True).reads_ordinary and not implant.case(implanted=False).reads_ordinary
    assert implant.case(sophisticated=True, implanted=True).reads_ordinary  # another app does not help
    assert implant.case(implanted=True).reads_incoming  # the implant sees her screen: what she receives too
    assert implant.escape_words() == "no"
    assert all(leak.for_user_who_backs_up == "nobody" for leak in implant.leaks)

    backups = exposure(Policy(cloud_backup=True))
    provider = backups.leak("Provider's servers")
    assert (provider.for_user_who_backs_up, provider.for_user_who_does_not) == ("everyone", "nobody")
    assert backups.case(backs_up=True).reads_ordinary and not backups.case(backs_up=False).reads_ordinary

    transport = exposure(Policy(end_to_end=False))
    assert transport.leak("Provider's servers").for_user_who_does_not == "everyone"
    assert "Alice" in str(escrow) and any("escrow key" in line for line in escrow.facts())
    assert "The State holds a warrant for Alice; not for Bob or Carol." in escrow.facts()[0]
    assert any(line.startswith("A criminal who steals the escrow key") for line in escrow.facts())


def test_sealed_sender_changes_nothing_the_population_model_counts():
    """The model follows the real World: under sealed sender the escrow field still names the sender to the
    Provider (which hands the target's messages over), and the ghost, a member, still gets them."""
    for switch in ("escrow", "ghost", "interception", "cloud_backup"):
        sealed = exposure(Policy(**{switch: True}, sealed_sender=True))
        plain = exposure(Policy(**{switch: True}))
        assert sealed.cases == plain.cases and sealed.leaks == plain.leaks, switch


def test_exposure_is_cached_per_policy_and_ignores_switches_the_model_draws():
    assert exposure(Policy(escrow=True)) is exposure(Policy(escrow=True))
    assert exposure(Policy(escrow=True, escrow_breach=True, verify_keys=True)) is exposure(Policy(escrow=True))


# --- invariants -------------------------------------------------------------------------------------------


@given(policy=policies)
def test_access_never_exposes_fewer_innocents_than_the_same_app_without_it(policy):
    """Each run compared with itself (the same breaches, the same backers): only the access switches differ."""
    without = replace(policy, **dict.fromkeys(ACCESS, False))
    a = simulate(without, users=50_000, runs=RUNS, seed=3, breach_chance_per_year=0.3)
    b = simulate(policy, users=50_000, runs=RUNS, seed=3, breach_chance_per_year=0.3)
    assert np.array_equal(a.draws["breached"], b.draws["breached"])
    assert np.all(b.runs["innocent_exposed"] >= a.runs["innocent_exposed"])


def test_access_does_expose_more_innocents_in_the_runs_with_a_breach():
    """The comparison above is not empty: escrow and Provider-key backups add exposure in some runs."""
    for policy in (Policy(escrow=True), Policy(cloud_backup=True)):
        without = simulate(Policy(), users=50_000, runs=RUNS, seed=3, breach_chance_per_year=0.3)
        access = simulate(policy, users=50_000, runs=RUNS, seed=3, breach_chance_per_year=0.3)
        more = access.runs["innocent_exposed"] > without.runs["innocent_exposed"]
        assert 0 < more.sum() < RUNS
        assert np.array_equal(more, access.runs["innocent_exposed"] > 0)


@given(policy=policies, switch=st.sampled_from([s for s in Policy.switches() if s != "end_to_end"]))
def test_turning_a_switch_on_never_removes_a_leaking_key_store(policy, switch):
    """Structural, from the real protocol: access switches (and every other switch but end-to-end encryption)
    only ever add stores whose breach exposes everyone."""
    before, after = replace(policy, **{switch: False}), replace(policy, **{switch: True})
    assert leaked(after) >= leaked(before)


def test_only_end_to_end_encryption_removes_a_leaking_key_store():
    assert leaked(Policy()) < leaked(Policy(end_to_end=False))
    assert ("Provider's servers", "does not") in leaked(Policy(end_to_end=False)) - leaked(Policy())


@given(policy=policies, switch=st.sampled_from(Policy.switches()))
def test_adding_a_switch_lowers_exposure_only_if_it_removes_a_key_store(policy, switch):
    before = policy
    after = Policy(**{**{n: getattr(policy, n) for n in Policy.switches()}, switch: not getattr(policy, switch)})
    if not leaked(after) >= leaked(before):
        return  # the change removes a key store: exposure may fall
    a = simulate(before, users=50_000, runs=RUNS, seed=5)
    b = simulate(after, users=50_000, runs=RUNS, seed=5)
    assert np.all(b.runs["innocent_exposed"] >= a.runs["innocent_exposed"])


def test_end_to_end_encryption_removes_the_providers_store_and_exposure_with_it():
    transport = simulate(Policy(end_to_end=False), users=50_000, runs=RUNS, breach_chance_per_year=0.3)
    assert transport.innocent_exposed.mean > 0
    assert simulate(Policy(), users=50_000, runs=RUNS, breach_chance_per_year=0.3).innocent_exposed.mean == 0


@given(shares=st.lists(st.floats(0, 1), min_size=2, max_size=2).map(sorted))
def test_more_sophisticated_criminals_never_raise_the_states_reach_under_escrow(shares):
    few, many = (simulate(Policy(escrow=True), runs=RUNS, sophisticated_share=s) for s in shares)
    a, b = few.runs["target_messages_read"], many.runs["target_messages_read"]
    assert np.array_equal(np.isnan(a), np.isnan(b))
    assert np.all(b[~np.isnan(b)] <= a[~np.isnan(a)])


def test_a_case_exists_where_access_helps():
    outcomes = compare(runs=RUNS, sophisticated_share=0.05)
    base, escrow = outcomes["no exceptional access"], outcomes["key escrow"]
    assert base.target_messages_read.high == 0
    assert escrow.target_messages_read.mean > 0.8
    assert escrow.target_messages_read.low > base.target_messages_read.high


def test_zero_breach_chance_exposes_nobody():
    for outcome in compare(runs=RUNS, breach_chance_per_year=0.0).values():
        assert not outcome.runs["innocent_exposed"].any()


def test_a_store_that_opens_everyone_exposes_everyone_or_nobody_in_each_run():
    outcome = simulate(Policy(escrow=True), users=100_000, runs=RUNS, breach_chance_per_year=0.3)
    exposed = outcome.runs["innocent_exposed"]
    innocents = outcome.users - outcome.runs["targets"]  # at least this many are not targets
    assert set(np.unique(exposed > 0)) == {False, True}
    assert np.all((exposed == 0) | (exposed >= 0.95 * innocents))
    longer = simulate(Policy(escrow=True), users=100_000, days=3650, runs=RUNS, breach_chance_per_year=0.3)
    assert longer.chance_anyone_exposed() > outcome.chance_anyone_exposed()


def test_false_reports_are_zero_without_scanning_and_grow_with_the_false_positive_rate():
    for name, outcome in compare(runs=RUNS).items():
        if name != "client-side scanning":
            assert not outcome.runs["false_reports"].any(), name
    means = [
        simulate(Policy(client_scanning=True), runs=RUNS, scan_false_positive_rate=rate).false_reports.mean
        for rate in (0.0, 1e-8, 1e-7, 1e-6, 1e-5)
    ]
    assert means[0] == 0 and all(a < b for a, b in itertools.pairwise(means))


def test_implants_are_limited_by_the_budget():
    users, days = 1_000_000, 365
    outcome = simulate(Policy(endpoint_implant=True), users=users, days=days, runs=RUNS)
    budget = outcome.drawn["implant_budget"] * users / 1e6 * days / 365
    assert np.all(outcome.runs["cost"] <= budget + 1e-6)
    broke = simulate(Policy(endpoint_implant=True), runs=RUNS, implant_budget=0)
    assert broke.cost.high == 0 and broke.target_messages_read.high == 0
    rich = simulate(Policy(endpoint_implant=True), runs=RUNS, implant_budget=1e9)
    assert rich.target_messages_read.low == 1.0  # implants read even sophisticated criminals


def test_ghost_is_caught_by_targets_who_verify():
    never = simulate(Policy(ghost=True), runs=RUNS, verify_share=0.0, sophisticated_share=0.0)
    always = simulate(Policy(ghost=True), runs=RUNS, verify_share=1.0, sophisticated_share=0.0)
    assert never.target_messages_read.low == 1.0 and never.detected.high == 0
    assert always.target_messages_read.high == 0.0
    assert np.array_equal(always.runs["detected"], always.runs["targets"])


# --- reproducibility and the outcome's form ---------------------------------------------------------------


def test_runs_are_reproducible_and_common_across_proposals():
    a, b = simulate(Policy(escrow=True), runs=RUNS, seed=4), simulate(Policy(escrow=True), runs=RUNS, seed=4)
    for name in a.runs:
        assert np.array_equal(a.runs[name], b.runs[name], equal_nan=True)
    c = simulate(Policy(escrow=True), runs=RUNS, seed=5)
    assert not np.array_equal(a.runs["targets"], c.runs["targets"])
    assert not np.array_equal(a.draws["breached"], c.draws["breached"])
    outcomes = list(compare(runs=RUNS, seed=4).values())
    first = outcomes[0]
    assert first.draws["breached"].any() and first.draws["sophisticated"].any()  # not trivially equal
    for other in outcomes[1:]:
        for draw in ("breached", "sophisticated", "verifies", "backs_up"):
            assert np.array_equal(first.draws[draw], other.draws[draw]), draw
        for name, values in first.drawn.items():
            assert np.array_equal(values, other.drawn[name]), name


@pytest.mark.parametrize("seed", [2, 6])
def test_one_more_warrant_leaves_the_first_targets_traits_as_they_were(seed):
    a = simulate(Policy(escrow=True), runs=RUNS, seed=seed, warrants_per_year=53)
    b = simulate(Policy(escrow=True), runs=RUNS, seed=seed, warrants_per_year=54)
    k = min(a.draws["sophisticated"].shape[1], b.draws["sophisticated"].shape[1])
    assert k > 10
    for trait in ("sophisticated", "verifies", "backs_up"):
        assert np.array_equal(a.draws[trait][:, :k], b.draws[trait][:, :k]), trait
    # runs that drew as many targets under both give exactly the same result: the slider's effect, not noise
    same = a.runs["targets"] == b.runs["targets"]
    assert same.any()
    assert np.array_equal(a.runs["target_messages_read"][same], b.runs["target_messages_read"][same])


def test_medians_and_a_run_at_the_defaults():
    scanning = simulate(Policy(client_scanning=True), runs=RUNS, seed=0)
    band = scanning.false_reports
    assert band.low <= band.median <= band.high and band.median < band.mean  # rare high draws pull the mean up
    defaults = simulate(Policy(client_scanning=True), runs=RUNS, seed=0, **DEFAULTS)
    assert not defaults.drawn and defaults.held == frozenset(ASSUMPTIONS)
    expected = DEFAULTS["scan_false_positive_rate"] * DEFAULTS["messages_per_user_per_day"] * 365
    innocents = 1_000_000 * (1 - DEFAULTS["criminal_share"])
    assert defaults.false_reports.median == pytest.approx(expected * innocents, rel=0.02)


def test_outcome_reports_the_assumptions_it_used():
    outcome = simulate(Policy(), runs=RUNS, verify_share=0.25)
    assert isinstance(outcome, Outcome) and outcome.policy == Policy()
    assert outcome.assumptions["verify_share"] == 0.25 and "verify_share" in outcome.held
    assert outcome.assumptions["backup_share"] == ASSUMPTIONS["backup_share"].default
    assert "verify_share" not in outcome.drawn
    for name, values in outcome.drawn.items():
        a = ASSUMPTIONS[name]
        assert values.shape == (RUNS,) and np.all((values >= a.low) & (values <= a.high)), name
    # log-triangular around the default: the median of the draws lies between low and high, near the default
    breach = outcome.drawn["breach_chance_per_year"]
    assert ASSUMPTIONS["breach_chance_per_year"].low < np.median(breach) < ASSUMPTIONS["breach_chance_per_year"].high
    for measure in ("target_messages_read", "innocent_exposed", "false_reports", "cost"):
        band = getattr(outcome, measure)
        assert isinstance(band, Band) and band.low <= band.high and outcome.runs[measure].shape == (RUNS,)
    assert outcome.currency == CURRENCY


def test_no_targets_gives_no_share_rather_than_a_made_up_one():
    outcome = simulate(Policy(escrow=True), users=10, runs=50, warrants_per_year=0.0)
    assert math.isnan(outcome.target_messages_read.mean)


# --- bad arguments ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"criminal_rate": 0.1}, "Unknown assumption 'criminal_rate'"),
        ({"verify_share": 1.5}, "verify_share must be a share between 0 and 1"),
        ({"backup_share": -0.1}, "backup_share must be a share between 0 and 1"),
        ({"implant_cost": -5}, "implant_cost must be a number greater than 0"),
        ({"implant_cost": 0}, "implant_cost must be a number greater than 0"),
        ({"breach_chance_per_year": float("nan")}, "breach_chance_per_year must be"),
        ({"verify_share": "lots"}, "verify_share must be a number"),
        ({"verify_share": True}, "verify_share must be a number"),
        ({"users": 0}, "users must be a whole number of at least 1"),
        ({"users": -5}, "users must be a whole number of at least 1"),
        ({"users": 2.5}, "users must be a whole number"),
        ({"days": 0}, "days must be a whole number of at least 1"),
        ({"runs": 0}, "runs must be a whole number of at least 1"),
        ({"seed": -1}, "seed must be a whole number"),
    ],
)
def test_bad_arguments_are_refused_in_plain_words(kwargs, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        simulate(Policy(), **kwargs)


def test_a_policy_must_be_a_policy():
    with pytest.raises(ValueError, match="policy must be a Policy"):
        simulate("escrow")
    with pytest.raises(ValueError, match="at least one proposal"):
        compare({})
