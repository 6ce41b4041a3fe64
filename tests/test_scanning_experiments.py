"""Chapter 07's scanning experiments, by outcome: a crafted text matches the list yet shares little wording
with it; an evasion stays readable yet passes unreported in a World; an innocent lookalike found by search is
reported; a secret second hash rejects the crafted text; seeded searches reproduce. And the view's words."""

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from widgets import Policy, World
from widgets.labs.conversations import STARTER_WATCHLIST
from widgets.labs.scanning import (
    EVERYDAY_PHRASES,
    INNOCENT_WORDS,
    Comparison,
    chance_of_match,
    compare,
    craft_collision,
    evade,
    everyday_message,
    false_positive_search,
    fast_fingerprint,
    second_fingerprint,
    second_hash_trial,
    shared_pieces,
    shared_words,
    unmask,
)
from widgets.protocol.fuzzy_hash import BITS, THRESHOLD, distance, fingerprint
from widgets.ui.scanning_views import distance_alt, distance_figure, distance_plot, distance_table

LISTED = STARTER_WATCHLIST[0][1]
TARGET = fingerprint(LISTED)
NEAR_COPY = "join the northern front - the hour of action has come. take up arms"
START = "Shopping list for Saturday:"


def scanning_world():
    world = World(seed=7, policy=Policy(client_scanning=True))
    world.watchlist = STARTER_WATCHLIST
    return world


def reports(world):
    return [r for r in world.holdings("State").records if r.kind == "scan report"]


@pytest.fixture(scope="module")
def crafted():
    return craft_collision(TARGET, START, rng=2021, max_steps=20_000)


# --- the fast fingerprint is the model's fingerprint ---------------------------------------------


@given(st.text(max_size=120))
def test_the_fast_fingerprint_is_the_models_fingerprint(text):
    assert fast_fingerprint(text) == fingerprint(text)


def test_a_second_keyed_hash_differs_from_the_first_and_needs_a_proper_key():
    key = bytes(range(32))
    assert second_fingerprint(LISTED, key) != fingerprint(LISTED)
    assert second_fingerprint(LISTED, key) == second_fingerprint(LISTED, key)
    assert second_fingerprint(LISTED, key) != second_fingerprint(LISTED, bytes(range(1, 33)))
    with pytest.raises(ValueError, match="secret key of 16 to 64 bytes"):
        second_fingerprint(LISTED, b"short")


def test_chance_of_a_match_between_independent_fingerprints():
    assert chance_of_match(BITS) == 1.0
    assert chance_of_match(0) == 2.0**-BITS
    assert 0.9e-8 < chance_of_match() < 1.1e-8  # 10 of 64 bits: about 1 in 100 million
    with pytest.raises(ValueError, match="threshold"):
        chance_of_match(65)


# --- a collision crafted on purpose ---------------------------------------------------------------


def test_the_crafted_text_matches_the_listed_fingerprint_but_shares_little_wording(crafted):
    assert crafted.matched and crafted.distance <= THRESHOLD
    assert distance(fingerprint(crafted.text), TARGET) == crafted.distance  # the model's own measure
    assert crafted.text.startswith(START)
    assert not shared_words(crafted.text, LISTED)
    assert shared_pieces(crafted.text, LISTED) < 0.2  # the re-typed copy shares almost all
    assert shared_pieces(NEAR_COPY, LISTED) > 0.8
    added = [w.strip() for w in crafted.added.split(",")]
    assert added and set(added) <= set(INNOCENT_WORDS) and len(set(added)) == len(added)


def test_the_crafted_text_gets_its_sender_reported_in_a_world(crafted):
    world = scanning_world()
    m = world.send("Carol", "Bob", crafted.text)
    assert world.readers(m) == {"Bob", "Carol", "State"}
    assert len(reports(world)) == 1 and "Northern Front" in reports(world)[0].note


def test_seeded_searches_reproduce(crafted):
    again = craft_collision(TARGET, START, rng=random.Random(2021), max_steps=20_000)
    assert again == crafted
    other = craft_collision(TARGET, START, rng=7, max_steps=20_000)
    assert other.matched and other.text != crafted.text
    first = false_positive_search(TARGET, rng=2021, tries=500)
    assert false_positive_search(TARGET, rng=2021, tries=500) == first
    assert everyday_message(5) == everyday_message(random.Random(5))


def test_a_search_that_runs_out_of_steps_says_so_honestly():
    short = craft_collision(TARGET, START, rng=1, max_steps=5)
    assert short.steps == 5
    assert short.distance == distance(fingerprint(short.text), TARGET)
    assert short.matched == (short.distance <= THRESHOLD)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": -1}, "64-bit fingerprint"),
        ({"target": 1 << 64}, "64-bit fingerprint"),
        ({"start_text": "  "}, "opening line"),
        ({"rng": "seed"}, "random.Random"),
        ({"max_steps": 0}, "max_steps"),
    ],
)
def test_bad_search_settings_are_refused_plainly(kwargs, message):
    settings = {"target": TARGET, "start_text": START, "rng": 1, **kwargs}
    with pytest.raises(ValueError, match=message):
        craft_collision(**settings)


def test_a_secret_second_hash_rejects_the_crafted_text_but_mostly_keeps_the_near_copy(crafted):
    trial = second_hash_trial(LISTED, [NEAR_COPY, crafted.text], rng=7, keys=50)
    assert trial.share(crafted.text) == 0
    assert trial.share(NEAR_COPY) > 0.5
    assert second_hash_trial(LISTED, [NEAR_COPY], rng=7, keys=50).share(NEAR_COPY) == trial.share(NEAR_COPY)


# --- evasion ------------------------------------------------------------------------------------------


def test_the_evasion_stays_readable_yet_passes_unreported_in_a_world():
    evasion = evade(LISTED)
    assert evasion.evaded and evasion.distance > THRESHOLD
    assert distance(fingerprint(evasion.text), TARGET) == evasion.distance
    assert unmask(evasion.text) == LISTED  # a reader sees the same words
    assert evasion.characters_changed <= 0.1 * len(LISTED)
    world = scanning_world()
    listed = world.send("Bob", "Carol", LISTED)
    slipped = world.send("Bob", "Carol", evasion.text)
    assert "State" in world.readers(listed)
    assert world.readers(slipped) == {"Bob", "Carol"}
    assert [r.msg for r in reports(world)] == [listed.id]


@pytest.mark.parametrize(
    "text", [LISTED, NEAR_COPY, "Join the Northern Front: the hour of action has come, take up arms on Friday"]
)
def test_an_evader_wanting_a_margin_makes_more_edits_and_is_still_readable(text):
    wide = evade(text, margin=6)
    assert distance(fingerprint(wide.text), fingerprint(text)) > THRESHOLD + 6
    assert len(wide.edits) >= len(evade(text).edits)
    assert unmask(wide.text) == text


def test_evading_a_given_fingerprint_measures_against_it():
    evasion = evade(NEAR_COPY, against=TARGET)
    assert evasion.reference == TARGET and distance(fingerprint(evasion.text), TARGET) > THRESHOLD


def test_unmask_leaves_real_numbers_and_ordinary_text_alone():
    assert unmask("Change of plan: 3 pm on 12 May 2017") == "Change of plan: 3 pm on 12 May 2017"
    assert unmask("I am a cat") == "I am a cat"
    assert unmask("J o i n the h0ur of 4cti0n") == "Join the hour of action"


# --- a false positive, searched for -----------------------------------------------------------------


def test_the_false_positive_search_finds_innocent_lookalikes_that_a_world_reports():
    search = false_positive_search(TARGET, rng=2021, tries=2000)
    assert search.tried == 2000 and len(search.distances) == 2000
    assert search.matches, "the seeded search should find at least one lookalike"
    for text, bits in search.matches:
        assert bits == distance(fingerprint(text), TARGET) <= THRESHOLD
        assert LISTED.lower() not in text.lower()
    assert search.closest == search.matches[0]
    assert 0 < search.share < 0.05
    world = scanning_world()
    m = world.send("Carol", "Bob", search.closest[0])
    assert "State" in world.readers(m)


def test_everyday_messages_are_made_of_the_phrase_book():
    text = everyday_message(3)
    assert text.startswith(EVERYDAY_PHRASES[0])
    assert any(news in text for news in EVERYDAY_PHRASES[3])


def test_compare_measures_with_the_models_fingerprint():
    rows = compare([("near", NEAR_COPY), ("other", "Meet at noon by the river")], TARGET)
    assert rows[0] == Comparison("near", NEAR_COPY, distance(fingerprint(NEAR_COPY), TARGET))
    assert rows[0].matches and not rows[1].matches


# --- the view ---------------------------------------------------------------------------------------------


def test_the_view_says_in_words_what_the_bars_show_and_escapes_text():
    rows = compare([("<b>near</b>", NEAR_COPY), ("price $5", "<script>alert(1)</script>")], TARGET)
    table = distance_table(rows)
    assert "<script>" not in table.data and "&lt;script&gt;" in table.data and "&lt;b&gt;near" in table.data
    assert re.search(r"near</b>\s+\d+ bits  reported", repr(table))
    alt = distance_alt(rows)
    assert "1 of 2 are reported" in alt and "not reported" in alt
    fig = distance_figure(rows)
    assert isinstance(fig, Figure) and len(fig.axes[0].patches) >= 2
    assert repr(distance_plot(rows)).startswith("Figure: Bar chart of 2 messages")
    with pytest.raises(ValueError, match="at least one Comparison"):
        distance_table([])
