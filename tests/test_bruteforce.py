"""Chapter 01's brute-force numbers (model) and the plot and explorer that show them (view)."""

import math

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from widgets.labs.brute_force import (
    AGE_OF_UNIVERSE_YEARS,
    BOLTZMANN,
    DEFAULT_GUESSES_PER_SECOND,
    SECONDS_PER_YEAR,
    SOLAR_LUMINOSITY,
    count_in_words,
    counting_energy_joules,
    duration_in_words,
    in_sun_years,
    key_space,
    landauer_joules_per_bit,
    scientific,
    seconds_to_search,
    sun_yearly_output_joules,
    years,
    years_to_search,
)
from widgets.ui.bruteforce_plot import OKABE_ITO, bruteforce_explorer, bruteforce_figure, result_in_words

# --- time ------------------------------------------------------------------------------------------------


def test_a_128_bit_key_at_a_quintillion_guesses_a_second_takes_over_a_trillion_years():
    assert years_to_search(128, 1e18) > 1e12
    assert years_to_search(128, 1e18) == pytest.approx(2**127 / 1e18 / (365.25 * 86400))


def test_average_is_half_the_key_space_and_worst_case_all_of_it():
    assert seconds_to_search(10, 1.0) == 512.0
    assert seconds_to_search(10, 1.0, fraction=1) == 1024.0
    assert key_space(10) == 1024.0


def test_each_extra_bit_doubles_the_time_and_arrays_match_single_values():
    bits = np.arange(40, 257)
    times = seconds_to_search(bits, DEFAULT_GUESSES_PER_SECOND)
    assert isinstance(times, np.ndarray) and times.shape == bits.shape
    np.testing.assert_allclose(times[1:] / times[:-1], 2.0)
    assert times[88] == pytest.approx(seconds_to_search(128, DEFAULT_GUESSES_PER_SECOND))
    assert isinstance(seconds_to_search(128, 1e21), float)


def test_the_default_assumption_and_what_it_gives():
    assert DEFAULT_GUESSES_PER_SECOND == 1e9 * 1e12
    assert duration_in_words(seconds_to_search(56, DEFAULT_GUESSES_PER_SECOND)) == "less than a millisecond"
    assert duration_in_words(seconds_to_search(80, DEFAULT_GUESSES_PER_SECOND)) == "about 10 minutes"
    assert duration_in_words(seconds_to_search(128, DEFAULT_GUESSES_PER_SECOND)) == "about 5.4 billion years"
    assert years_to_search(256, DEFAULT_GUESSES_PER_SECOND) > 1e38 * AGE_OF_UNIVERSE_YEARS


def test_years_use_365_25_days():
    assert SECONDS_PER_YEAR == 31_557_600
    assert years(31_557_600) == 1.0


@pytest.mark.parametrize("speed", [0, -1.0, float("nan")])
def test_a_speed_that_is_not_positive_is_refused(speed):
    with pytest.raises(ValueError):
        seconds_to_search(128, speed)


# --- energy ----------------------------------------------------------------------------------------------


def test_landauer_energy_matches_a_hand_computation():
    # k·T·ln 2 at 300 K: 1.380649e-23 J/K × 300 K × 0.693147... = 2.870979e-21 J
    assert BOLTZMANN == 1.380649e-23
    assert landauer_joules_per_bit(300) == pytest.approx(2.870979e-21, rel=1e-6)
    assert landauer_joules_per_bit(3) == pytest.approx(landauer_joules_per_bit(300) / 100)


def test_counting_energy_and_the_suns_output():
    assert SOLAR_LUMINOSITY == 3.828e26
    assert sun_yearly_output_joules() == pytest.approx(3.828e26 * 31_557_600)
    assert counting_energy_joules(10, 300) == pytest.approx(1024 * landauer_joules_per_bit(300))
    # Honest: merely counting to 2**128 at the floor is far less than a year of sunshine...
    assert in_sun_years(counting_energy_joules(128)) < 1e-15
    # ...but counting to 2**256 needs more than 10**22 years of the Sun's entire output.
    assert in_sun_years(counting_energy_joules(256)) > 1e22


def test_a_temperature_at_or_below_absolute_zero_is_refused():
    with pytest.raises(ValueError):
        landauer_joules_per_bit(0)


# --- words -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1e-4, "less than a millisecond"),
        (0.5, "less than a second"),
        (1, "about 1 second"),
        (604.46, "about 10 minutes"),
        (5400, "about 90 minutes"),
        (3 * 86400, "about 3 days"),
        (1142 * SECONDS_PER_YEAR, "about 1,100 years"),
        (5.39e9 * SECONDS_PER_YEAR, "about 5.4 billion years"),
        (1.83e48 * SECONDS_PER_YEAR, "about 1.8 × 10⁴⁸ years"),
    ],
)
def test_durations_in_words(seconds, words):
    assert duration_in_words(seconds) == words


def test_scientific_and_counts():
    assert scientific(1.83e48) == "1.8 × 10⁴⁸"
    assert scientific(9.96e5) == "1.0 × 10⁶"
    assert scientific(2.5e-3) == "2.5 × 10⁻³"
    assert count_in_words(2.3e13, "years") == "about 23 trillion years"


# --- the plot and the explorer (views) -------------------------------------------------------------------


def _legend_labels(fig):
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_the_figure_is_a_matplotlib_figure_with_log_years_and_labelled_references():
    fig = bruteforce_figure()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert "bits" in ax.get_xlabel() and "years" in ax.get_ylabel()
    labels = " | ".join(_legend_labels(fig))
    for needle in ("56-bit DES", "80-bit Skipjack", "128-bit", "256-bit key (SecretBox)", "age of the universe"):
        assert needle in labels
    assert "5.4 billion years" in labels
    assert any("Assumptions:" in t.get_text() and "10²¹" in t.get_text() for t in fig.texts)


def test_the_figure_uses_okabe_ito_colours():
    fig = bruteforce_figure()
    palette = {c.lower() for c in OKABE_ITO.values()}
    lines = fig.axes[0].get_lines()
    colours = {to_hex(line.get_color()) for line in lines}
    faces = {to_hex(line.get_markerfacecolor()) for line in lines if line.get_marker() not in ("None", None, "")}
    assert len(faces) == 4
    assert colours <= palette and faces <= palette


def test_the_figure_states_a_different_assumption_when_the_speed_changes():
    fig = bruteforce_figure(1e6)
    text = " ".join(t.get_text() for t in fig.texts)
    assert "10⁶ guesses a second" in text and "default" not in text
    assert "10⁶" in fig.axes[0].get_title()


def test_the_explorer_redraws_and_restates_when_the_slider_moves():
    explorer = bruteforce_explorer()
    assert "10²¹ guesses a second" in explorer.words.value
    assert "data:image/png;base64," in explorer.picture.value and "alt=" in explorer.picture.value
    before = explorer.picture.value
    explorer.slider.value = 1e12
    assert "10¹² guesses a second" in explorer.words.value
    assert "56-bit DES about 10 hours" in explorer.words.value
    assert explorer.picture.value != before
    assert math.isclose(explorer.slider.value, 1e12)


def test_the_explorer_reaches_the_speed_at_which_a_128_bit_key_falls_in_about_a_year():
    # Chapter 01's exercise: 2¹²⁷ guesses in a year is about 5.4 × 10³⁰ guesses a second.
    explorer = bruteforce_explorer()
    assert (explorer.slider.min, explorer.slider.max) == (3, 32)
    explorer.slider.value = 10**30.7
    assert "5.0 × 10³⁰ guesses a second" in explorer.words.value
    assert "128-bit about 390 days" in explorer.words.value
    explorer.slider.value = 1e32
    assert math.isclose(explorer.slider.value, 1e32)
    assert "10³² guesses a second" in explorer.words.value
    assert "128-bit about 20 days" in explorer.words.value


def test_result_in_words_compares_with_the_age_of_the_universe():
    sentence = result_in_words(1e21)
    assert "SecretBox's 256-bit key about 1.8 × 10⁴⁸ years" in sentence
    assert "times the age of the universe" in sentence
