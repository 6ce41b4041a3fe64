"""Chapter 01's brute-force plot: key size in bits against the years an attacker needs, on average.

``bruteforce_figure`` draws a ``matplotlib.figure.Figure`` (not pyplot, so nothing leaks between cells);
``bruteforce_explorer`` is a small widget with a slider for the one assumption that matters, the guessing
speed, which redraws the figure and restates the result in words. All the numbers come from the model,
``widgets.labs.brute_force``; the assumptions are printed on the figure itself.
"""

from __future__ import annotations

import math

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from ..labs.brute_force import (
    AGE_OF_UNIVERSE_YEARS,
    DEFAULT_GUESSES_PER_SECOND,
    duration_in_words,
    scientific,
    seconds_to_search,
    years_to_search,
)
from .figures import show_figure
from .html import esc
from .palette import GRID, OKABE_ITO

# The key sizes the chapter talks about: (bits, label, colour, marker). Markers differ too, not only colours.
MARKED_KEYS = (
    (56, "56-bit DES", OKABE_ITO["vermillion"], "X"),
    (80, "80-bit Skipjack (Clipper's session key)", OKABE_ITO["orange"], "s"),
    (128, "128-bit key", OKABE_ITO["reddish purple"], "^"),
    (256, "256-bit key (SecretBox)", OKABE_ITO["bluish green"], "o"),
)

REFERENCES = (
    (AGE_OF_UNIVERSE_YEARS, "age of the universe, about 13.8 billion years (Planck 2018)", "--"),
    (1.0, "one year", ":"),
    (1 / 365.25, "one day", "-."),
)


def bruteforce_figure(
    guesses_per_second: float = DEFAULT_GUESSES_PER_SECOND,
    bits_range: tuple[int, int] = (40, 256),
    assumption: str | None = None,
) -> Figure:
    """Years to find a key by trying every key (on average: half the key space), for each key size.

    ``assumption`` is printed on the figure; by default it states the guessing speed.
    """
    low, high = bits_range
    if not 1 <= low < high <= 1023:
        raise ValueError(f"bits_range must satisfy 1 <= low < high <= 1023, not {bits_range!r}")
    bits = np.arange(low, high + 1)
    needed = years_to_search(bits, guesses_per_second)

    fig = Figure(figsize=(8.0, 5.2), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(bits, needed, color=OKABE_ITO["blue"], linewidth=2.2, label="average years to find the key")
    for value, label, style in REFERENCES:
        ax.axhline(value, color=OKABE_ITO["black"], linestyle=style, linewidth=1.1, label=label)
        # Labelled on the line itself too, at the right, where the curve is far above.
        ax.annotate(
            label.split(",")[0],
            (high + 3, value),
            ha="right",
            va="bottom",
            fontsize=8,
            xytext=(0, 1),
            textcoords="offset points",
        )
    for key_bits, label, colour, marker in MARKED_KEYS:
        if low <= key_bits <= high:
            value = years_to_search(key_bits, guesses_per_second)
            ax.plot(
                [key_bits],
                [value],
                linestyle="none",
                color=colour,
                marker=marker,
                markersize=10,
                markerfacecolor=colour,
                markeredgecolor=OKABE_ITO["black"],
                label=f"{label}: {duration_in_words(seconds_to_search(key_bits, guesses_per_second))}",
            )
    ax.set_yscale("log")
    ax.set_xlim(low - 4, high + 4)
    ax.set_xlabel("key size (bits); every extra bit doubles the number of keys")
    ax.set_ylabel("years to find the key, on average (log scale)")
    ax.set_title(f"Brute force at {speed_in_words(guesses_per_second)}")
    ax.grid(True, which="major", color=GRID, linewidth=0.6)
    ax.legend(loc="upper left", fontsize=8, framealpha=0.95)
    fig.text(
        0.01,
        -0.02,
        assumption or assumptions_text(guesses_per_second),
        ha="left",
        va="top",
        fontsize=8,
        wrap=True,
    )
    return fig


def speed_in_words(guesses_per_second: float) -> str:
    """10²¹ guesses a second, in the form the figure and the explorer use."""
    exponent = math.log10(guesses_per_second)
    if abs(exponent - round(exponent)) < 1e-9:
        return f"10{_sup(round(exponent))} guesses a second"
    return f"{scientific(guesses_per_second)} guesses a second"


def assumptions_text(guesses_per_second: float) -> str:
    """The assumptions behind the figure, in one short paragraph printed under it."""
    default = (
        " (the course's default: a billion machines, each trying a trillion keys a second)"
        if math.isclose(guesses_per_second, DEFAULT_GUESSES_PER_SECOND)
        else ""
    )
    return (
        f"Assumptions: the attacker tries {speed_in_words(guesses_per_second)}{default}, an assumed speed, "
        "not a measured one. On average the key is found after trying half of all keys; the worst case takes "
        "twice as long. Only guessing is modelled: not stolen keys, weak passwords or flawed software. "
        "Age of the universe: Planck 2018 results VI, arXiv:1807.06209."
    )


def result_in_words(guesses_per_second: float) -> str:
    """One plain sentence restating the figure for the chapter's key sizes."""
    times = {bits: duration_in_words(seconds_to_search(bits, guesses_per_second)) for bits in (56, 80, 128, 256)}
    universe = years_to_search(256, guesses_per_second) / AGE_OF_UNIVERSE_YEARS
    return (
        f"At {speed_in_words(guesses_per_second)}, finding a key takes on average: 56-bit DES {times[56]}; "
        f"80-bit Skipjack {times[80]}; 128-bit {times[128]}; SecretBox's 256-bit key {times[256]}, "
        f"{_compare_to_universe(universe)} the age of the universe."
    )


def _compare_to_universe(ratio: float) -> str:
    """How a time compares with the age of the universe: "about 10³⁸ times", "a small fraction of"."""
    if ratio >= 2:
        return f"about {scientific(ratio)} times" if ratio >= 1000 else f"about {ratio:.0f} times"
    if ratio >= 0.5:
        return "about"
    return "a small fraction of"


def bruteforce_explorer(guesses_per_second: float = DEFAULT_GUESSES_PER_SECOND) -> w.VBox:
    """A log-scale slider for the guessing speed that redraws the figure and restates the result.

    It runs from 10³ to 10³² guesses a second in tenths of a power of ten, so that chapter 01's exercise (the
    speed at which a 128-bit key falls in about a year, some 5 × 10³⁰ guesses a second) can be found on it.
    """
    slider = w.FloatLogSlider(
        value=guesses_per_second,
        base=10,
        min=3,
        max=32,
        step=0.1,
        description="guesses/s",
        tooltip="How many keys the attacker tries each second (log scale); the arrow keys move it by a tenth of "
        "a power of ten",
        readout_format=".1e",
        continuous_update=False,
        layout=w.Layout(width="95%"),
    )
    picture = w.HTML(_figure_html(guesses_per_second))
    words = w.HTML(_words_html(guesses_per_second))

    def on_change(change) -> None:
        picture.value = _figure_html(change["new"])
        words.value = _words_html(change["new"])

    slider.observe(on_change, names="value")
    explorer = w.VBox([slider, words, picture])
    explorer.slider, explorer.picture, explorer.words = slider, picture, words
    return explorer


def _figure_html(guesses_per_second: float) -> str:
    fig = bruteforce_figure(guesses_per_second)
    alt = f"Line chart, log scale. {result_in_words(guesses_per_second)}"
    return show_figure(fig, alt, assumptions_text(guesses_per_second)).data


def _words_html(guesses_per_second: float) -> str:
    return f"<p>{esc(result_in_words(guesses_per_second))}</p>"


def _sup(exponent: int) -> str:
    return str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
