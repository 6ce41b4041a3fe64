"""Chapter 09's scorecard: findings come from running the model, the rules that turn measurements into
verdicts hold, a reader's scores are compared in words, and the view builds, escapes and redraws."""

import html
import re
from dataclasses import replace

import ipywidgets as w
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import Policy, World
from widgets.labs.escrow import field_on_the_wire, keys_from_field
from widgets.society.scorecard import (
    CRITERIA,
    PRINCIPLES,
    PROPOSALS,
    QUESTIONS,
    SCORES,
    Finding,
    Measurements,
    compare_scores,
    evidence,
    favoured_by_default,
    judge,
    measure,
    proposal,
    scenario,
)
from widgets.ui.scorecard import comparison_html, scorecard

NAMES = [p.name for p in PROPOSALS]


def outsiders(world):
    return [m for m in world.messages if "Alice" not in (m.sender, *m.recipients)]


def test_the_frameworks_and_proposals_are_all_there():
    assert len(PRINCIPLES) == 8 and len(QUESTIONS) == 6
    assert all("course's paraphrase" in c.source for c in CRITERIA)  # the descriptions are not the reports' words
    assert len({c.name for c in CRITERIA}) == len(CRITERIA)
    assert NAMES == [
        "key escrow",
        "ghost participant",
        "client-side scanning",
        "targeted implants",
        "backups the Provider can open",
    ]
    for name in NAMES:
        assert set(evidence(name)) == {c.name for c in CRITERIA}


def test_escrow_specificity_says_every_users_messages_carry_a_field_the_state_opens():
    world = scenario(Policy(escrow=True))
    assert world.messages, "the scenario sent nothing"
    for message in world.messages:  # checked here with the model itself, not with the scorecard
        field = field_on_the_wire(world, message)
        assert field is not None and keys_from_field(world, "State", field) is not None
    found = evidence("key escrow")["Specificity"]
    assert found.verdict == "fails"
    assert "both messages between Bob and Carol carry an escrow field that the State's escrow key opens" in found.text


def test_escrow_focus_comes_from_a_real_theft_of_the_escrow_key():
    stolen = scenario(Policy(escrow=True, escrow_breach=True))
    assert all("Attacker" in stolen.readers(m) for m in outsiders(stolen))
    assert not any("Attacker" in w.readers(m) for w in [scenario(Policy())] for m in outsiders(w))
    assert evidence("key escrow")["Focus"].verdict == "fails"
    assert evidence("key escrow")["Security"].text == evidence("key escrow")["Focus"].text


def test_effectiveness_quotes_the_population_models_runs():
    from widgets.society.population import PROPOSALS as SOCIETY
    from widgets.society.population import simulate

    band = simulate(SOCIETY["key escrow"], seed=0).target_messages_read
    m = measure("key escrow")
    assert (m.population_median, m.population_low, m.population_high) == (band.median, band.low, band.high)
    assert f"{100 * band.median:.0f}%" in evidence("key escrow")["Effectiveness"].text


def test_the_ghost_needs_the_checks_off_and_touches_nobody_else():
    m = measure("ghost participant")
    assert m.target_read == m.target_total == 3
    assert m.needs_checks_off and m.dodge_warned == 3 and m.dodged_read == 0
    assert m.notices_hidden == 3 and m.warnings_shown == 0
    found = evidence("ghost participant")
    assert found["Specificity"].verdict == "meets" and found["Focus"].verdict == "partly"
    assert "suppressed 3 notices" in found["Auditability"].text and found["Auditability"].verdict is None


def test_scanning_reports_an_outsider_and_is_dodged_by_small_edits():
    world = scenario(Policy(client_scanning=True))
    carol = [m for m in outsiders(world) if m.sender == "Carol"]
    assert carol and all("State" in world.readers(m) for m in carol)
    m = measure("client-side scanning")
    assert (m.target_read, m.dodged_total, m.dodged_read) == (1, 1, 0)
    found = evidence("client-side scanning")
    assert found["Specificity"].verdict == "fails"
    assert found["Law enforcement utility"].verdict == "partly"
    # Carol, under no warrant, had a message read by the State: she is not as secure as before
    assert m.outsider_read_by_state == 1 and found["Focus"].verdict == "partly"
    assert "the State read 1 of the 2 messages between Bob and Carol" in found["Focus"].text
    assert "cannot reach" in found["Focus"].text  # the Provider breach says nothing about a scanner on phones
    # over a population it reads only listed messages: well under a tenth of targets' messages
    assert found["Effectiveness"].verdict == "fails" and "scanning list" in found["Effectiveness"].text


def test_implants_and_backups():
    implant = evidence("targeted implants")
    assert implant["Law enforcement utility"].verdict == "meets" and not measure("targeted implants").dodge_tested
    assert "Not run by the model" in implant["Focus"].text  # the critics' main worry is named, not hidden
    # no experiment reaches the implant's risk: no verdict, and the finding says why
    assert implant["Focus"].verdict is None and implant["Security"].verdict is None
    assert "cannot reach where this proposal keeps its access" in implant["Focus"].text
    # at scale, the budget limits it: the population model, not one scenario, decides
    m = measure("targeted implants")
    assert 0 < m.population_low < 0.9 and m.population_high >= 0.1
    assert implant["Effectiveness"].verdict == "partly" and "budget" in implant["Effectiveness"].text
    backups = measure("backups the Provider can open")
    assert backups.outsider_read_by_provider == 2 and backups.breach_read == 2 and backups.baseline_breach_read == 0


def test_findings_follow_the_model_when_the_model_changes(monkeypatch):
    """Swap the escrow proposal's policy for plain end-to-end encryption: the findings must change with it."""
    import widgets.society.scorecard as sc

    changed = tuple(replace(p, policy=Policy()) if p.name == "key escrow" else p for p in PROPOSALS)
    monkeypatch.setattr(sc, "PROPOSALS", changed)
    sc.measure.cache_clear()
    try:
        found = sc.evidence("key escrow")
        assert found["Law enforcement utility"].verdict == "fails"
        assert found["Specificity"].verdict == "meets"
    finally:
        sc.measure.cache_clear()


def test_every_judgement_free_criterion_says_why():
    for name in NAMES:
        for finding in evidence(name).values():
            assert finding.text.strip()
            assert finding.verdict in (*SCORES[:3], None)
    assert evidence("key escrow")["Equity"].verdict is None
    assert evidence("key escrow")["Authorization"].verdict is None


counts = st.integers(min_value=0, max_value=5)


shares = st.floats(min_value=0, max_value=1)


@st.composite
def measurements(draw):
    low, high = sorted((draw(shares), draw(shares)))
    total = draw(st.integers(min_value=1, max_value=5))
    read = draw(st.integers(min_value=0, max_value=total))
    dodged = draw(st.integers(min_value=0, max_value=read))
    return Measurements(
        proposal=draw(st.sampled_from(NAMES)),
        target_total=total,
        target_read=read,
        dodge_tested=draw(st.booleans()),
        dodged_total=dodged,
        dodged_read=draw(st.integers(min_value=0, max_value=dodged)),
        dodge_warned=draw(counts),
        outsider_total=2,
        outsider_read_by_state=draw(st.integers(0, 2)),
        outsider_read_by_provider=draw(st.integers(0, 2)),
        outsider_fields_state_opens=draw(st.integers(0, 2)),
        breach_read=draw(st.integers(0, 2)),
        baseline_breach_read=draw(st.integers(0, 2)),
        needs_checks_off=draw(st.booleans()),
        warnings_shown=draw(counts),
        notices_hidden=draw(counts),
        breach_reaches=draw(st.booleans()),
        population_median=draw(shares),
        population_low=low,
        population_high=high,
        population_limits=draw(st.lists(st.text(min_size=1, max_size=20), max_size=3).map(tuple)),
    )


@given(measurements())
def test_the_rules_hold_for_any_measurements(m):
    found = judge(m)
    if m.target_read == 0:
        assert found["Law enforcement utility"].verdict == "fails"
    if m.dodged_total and m.dodged_read < m.dodged_total:
        assert found["Law enforcement utility"].verdict != "meets"  # a dodge that works never leaves it at "meets"
    exposed = m.outsider_read_by_state + m.outsider_read_by_provider + m.outsider_fields_state_opens
    assert (found["Specificity"].verdict == "fails") == (exposed > 0)
    focus = found["Focus"].verdict
    read = max(m.outsider_read_by_state, m.outsider_read_by_provider)
    if m.breach_reaches and m.breach_read > m.baseline_breach_read:
        assert focus == "fails"
    elif read:  # the State or the Provider read someone under no warrant: never "meets"
        assert focus == ("fails" if read == m.outsider_total else "partly")
    elif m.needs_checks_off:
        assert focus == "partly"
    elif not m.breach_reaches:  # nothing could reach the mechanism: no verdict, and it says so
        assert focus is None and "cannot reach" in found["Focus"].text
    else:
        assert focus == "meets"
    assert found["Security"] == replace(found["Focus"], criterion="Security")
    effective = found["Effectiveness"].verdict
    if m.population_high < 0.1:
        assert effective == "fails"
    elif m.population_low >= 0.9:
        assert effective == "meets"
    else:
        assert effective == "partly"


def test_compare_scores_sorts_agreements_disagreements_and_judgements():
    result = compare_scores(
        {
            ("key escrow", "Specificity"): "fails",
            ("key escrow", "Focus"): "meets",
            ("ghost participant", "Equity"): "partly",
            ("targeted implants", "Law enforcement utility"): "can't tell",
            ("targeted implants", "Limitation"): "can't tell",
            ("client-side scanning", "Costs"): None,
        }
    )
    assert [(x.proposal, x.criterion) for x in result.agreements] == [("key escrow", "Specificity")]
    assert [(x.proposal, x.criterion, x.found) for x in result.disagreements] == [("key escrow", "Focus", "fails")]
    assert [(x.proposal, x.criterion) for x in result.judgements] == [("ghost participant", "Equity")]
    assert [(x.proposal, x.found) for x in result.left_open] == [("targeted implants", "meets")]
    assert result.unscored == len(PROPOSALS) * len(CRITERIA) - 5
    text = result.text()
    assert "1 agreement, 1 disagreement" in text
    assert "Key escrow, Focus: you said “meets”; the experiments found “fails”" in text


def test_compare_scores_rejects_unknown_names_and_scores():
    with pytest.raises(ValueError, match="no proposal"):
        compare_scores({("a master key", "Focus"): "meets"})
    with pytest.raises(ValueError, match="no criterion"):
        compare_scores({("key escrow", "Speed"): "meets"})
    with pytest.raises(ValueError, match="must be one of"):
        compare_scores({("key escrow", "Focus"): "great"})


def test_compare_scores_escapes_what_the_findings_say():
    hostile = "<script>alert(1)</script> & <img src=x onerror=alert(1)>"
    found = {p.name: evidence(p.name) for p in PROPOSALS}
    found["key escrow"] = {**found["key escrow"], "Focus": Finding("Focus", "fails", hostile, "04_key_escrow.ipynb")}
    markup = comparison_html(compare_scores({("key escrow", "Focus"): "meets"}, found))
    assert "<script" not in markup and "<img" not in markup
    assert html.escape(hostile) in markup


def test_the_view_builds_keeps_scores_per_proposal_and_fills_the_summary_on_click():
    card = scorecard()
    assert set(card.rows) == {c.name for c in CRITERIA}
    assert all(b.value is None and list(b.options) == list(SCORES) for b in card.rows.values())
    assert "Compare with the experiments" in card.summary.value
    card.rows["Specificity"].value = "meets"
    card.picker.value = "targeted implants"
    assert card.rows["Specificity"].value is None  # another proposal: its own, empty scores
    card.rows["Law enforcement utility"].value = "fails"
    card.picker.value = "key escrow"
    assert card.rows["Specificity"].value == "meets"
    assert card.scores[("key escrow", "Specificity")] == "meets"
    assert card.scores[("targeted implants", "Law enforcement utility")] == "fails"
    assert card.scores[("targeted implants", "Specificity")] is None
    assert "2 of 70" in card.progress.value
    card.button.click()
    words = html.unescape(re.sub("<[^>]+>", " ", card.summary.value))
    assert "Key escrow, Specificity: you said “meets”; the experiments found “fails”" in words
    assert "Targeted implants, Law enforcement utility: you said “fails”; the experiments found “meets”" in words


def test_the_view_names_every_control_and_says_each_criterion_in_words():
    card = scorecard()
    for c in CRITERIA:
        assert card.rows[c.name].description == c.name  # what a screen reader reads out for the row
        assert all(c.name in tip for tip in card.rows[c.name].tooltips)
    assert card.picker.description and card.button.tooltip
    labels = [child for row in card.children for child in getattr(row, "children", ()) if isinstance(child, w.HTML)]
    text = " ".join(label.value for label in labels)
    for c in CRITERIA:
        assert html.escape(c.short) in text


def test_unknown_proposal_names_raise():
    with pytest.raises(ValueError, match="no proposal"):
        proposal("a golden key")
    assert World  # the model the findings run on


def test_an_empty_verdict_on_a_risk_the_model_does_not_run_is_flagged_as_favouring_the_proposal():
    """Implants' own risk (phone flaws kept open) is not run, while escrow's stolen key is: an empty verdict there
    would rate implants above escrow by default, so the finding says so and a "can't tell" is listed apart."""
    flagged = favoured_by_default()
    assert ("targeted implants", "Security") in flagged and ("targeted implants", "Focus") in flagged
    assert all(evidence(p)[c].verdict is None for p, c in flagged)
    assert not any(p == "key escrow" for p, _ in flagged)  # its risk is run, and it fails
    finding = evidence("targeted implants")["Security"]
    assert finding.favours_by_default and "favours it by default" in finding.text
    assert not evidence("targeted implants")["Equity"].favours_by_default  # a matter of values, run for no one
    left_open = {("targeted implants", "Security"): "can't tell", ("key escrow", "Equity"): "can't tell"}
    comparison = compare_scores(left_open)
    assert [(line.proposal, line.criterion) for line in comparison.favoured] == [("targeted implants", "Security")]
    assert "favours the proposal by default" in comparison.text()
    assert "favours the proposal by default" in comparison_html(comparison)


def test_privacy_says_what_was_measured_and_leaves_the_weighing_to_the_reader():
    """Chapter 09 §5.1: "fails" on privacy is the course's measure (someone can open the messages of people
    under no warrant), said as such, not a value judgement following from decryption."""
    crit = "Privacy, civil liberties and human rights"
    for p in PROPOSALS:
        finding = evidence(p.name)[crit]
        if finding.verdict is None:
            continue
        assert finding.verdict_words.startswith(f"{finding.verdict} as the course scores it (whether someone")
        assert "yours to make" in finding.text
    escrow = evidence("key escrow")
    assert escrow[crit].verdict == escrow["Specificity"].verdict == "fails"  # the same measurement
    assert escrow["Specificity"].verdict_words == "fails"  # a question decryption settles: said bare
