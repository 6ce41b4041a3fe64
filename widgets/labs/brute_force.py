"""Why guessing a key fails: how long a brute-force search takes, and what physics charges for it.

Two models, both deliberately generous to the attacker:

* **Time.** An attacker tries keys one after another. The key is equally likely to be anywhere in the key
  space, so *on average* the search ends after half of it: expected time = 2**bits / 2 / guesses per second.
  (The worst case, the whole space, is twice that: pass ``fraction=1``.)
* **Energy.** Landauer's principle: an ordinary (irreversible) computer that erases one bit of information
  dissipates at least k·T·ln 2 of heat. The classic form of the argument charges each step of a counter
  that merely steps through all 2**bits states one bit operation at that price, so counting alone costs at
  least 2**bits · k·T·ln 2, before any key is tested. It is a yardstick set by physics, not an engineering
  estimate. Strictly, Landauer's bound is about *erasing* information, and reversible computing is the
  known loophole in principle; this model ignores it, as the classic argument does.

Every constant is named here with its source. The speeds are assumptions, not measurements: the course
states them next to every plot and lets the reader change them.

No ipywidgets here: the plot and the explorer live in ``widgets/ui/bruteforce_plot.py``.
"""

from __future__ import annotations

import math

import numpy as np

BOLTZMANN = 1.380649e-23
"""Boltzmann constant k in J/K, exact by definition since 20 May 2019.

Source: BIPM, definition of the kelvin agreed by the 26th CGPM (November 2018), in force 20 May 2019,
https://www.bipm.org/metrology/thermometry/units.html
"""

SOLAR_LUMINOSITY = 3.828e26
"""The Sun's power output in W: the nominal solar luminosity of IAU 2015 Resolution B3 (a standard value,
exact by convention; the real Sun varies slightly). Source: "IAU 2015 Resolution B3 on Recommended Nominal
Conversion Constants for Selected Solar and Planetary Properties", arXiv:1510.07674 (26 October 2015).
"""

SECONDS_PER_YEAR = 365.25 * 24 * 3600
"""A year of 365.25 days (the Julian year astronomers use), in seconds."""

AGE_OF_UNIVERSE_YEARS = 13.8e9
"""About 13.8 billion years: Planck Collaboration, "Planck 2018 results. VI. Cosmological parameters",
Astronomy & Astrophysics 641, A6 (2020), arXiv:1807.06209 (base ΛCDM model), rounded.
"""

ROOM_TEMPERATURE = 300.0
"""An assumption, not a measurement: a computer running at about room temperature, 300 K (27 °C)."""

MACHINES = 1e9
GUESSES_PER_MACHINE = 1e12
DEFAULT_GUESSES_PER_SECOND = MACHINES * GUESSES_PER_MACHINE
"""The course's default attacker, an assumption chosen to be absurdly generous: a billion machines, each
trying a trillion keys a second (10**21 guesses a second in all). Not a claim about any real hardware."""

LANDAUER_SOURCE = (
    'R. Landauer, "Irreversibility and Heat Generation in the Computing Process", IBM Journal of Research '
    "and Development 5(3):183–191, 1961, doi:10.1147/rd.53.0183"
)


def _out(value: np.ndarray) -> float | np.ndarray:
    """A plain float for a single number in, an array for an array in."""
    return float(value) if np.ndim(value) == 0 else value


def key_space(bits) -> float | np.ndarray:
    """How many different keys ``bits`` bits can make: 2**bits (as floats; exact up to 2**1023)."""
    return _out(np.power(2.0, np.asarray(bits, dtype=float)))


def seconds_to_search(bits, guesses_per_second: float, fraction: float = 0.5) -> float | np.ndarray:
    """Expected seconds to find a key of ``bits`` bits by trying ``guesses_per_second`` keys a second.

    ``fraction=0.5`` (the default) is the **average**: half the key space, because the key is equally
    likely to be anywhere in it. ``fraction=1`` is the worst case: the whole key space.
    """
    if not guesses_per_second > 0:
        raise ValueError(f"guesses_per_second must be positive, not {guesses_per_second!r}")
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], not {fraction!r}")
    return _out(fraction * np.power(2.0, np.asarray(bits, dtype=float)) / guesses_per_second)


def years(seconds) -> float | np.ndarray:
    """``seconds`` in years of 365.25 days."""
    return _out(np.asarray(seconds, dtype=float) / SECONDS_PER_YEAR)


def years_to_search(bits, guesses_per_second: float, fraction: float = 0.5) -> float | np.ndarray:
    """Expected years to find a key of ``bits`` bits (on average, half the key space; see seconds_to_search)."""
    return years(seconds_to_search(bits, guesses_per_second, fraction))


def landauer_joules_per_bit(temperature_k: float = ROOM_TEMPERATURE) -> float:
    """Landauer's minimum heat to erase one bit at ``temperature_k`` kelvin: k·T·ln 2 joules.

    Source: see ``LANDAUER_SOURCE``. About 2.87e-21 J at 300 K.
    """
    if not temperature_k > 0:
        raise ValueError(f"temperature must be above absolute zero, not {temperature_k!r} K")
    return BOLTZMANN * temperature_k * math.log(2)


def counting_energy_joules(bits, temperature_k: float = ROOM_TEMPERATURE) -> float | np.ndarray:
    """The least energy to merely count through all 2**bits states at ``temperature_k``: 2**bits · k·T·ln 2.

    A yardstick: one bit operation per state, at Landauer's limit, and nothing else (no key tested).
    """
    return _out(np.power(2.0, np.asarray(bits, dtype=float)) * landauer_joules_per_bit(temperature_k))


def sun_yearly_output_joules() -> float:
    """Everything the Sun radiates in one year: nominal solar luminosity × one year, about 1.2e34 J."""
    return SOLAR_LUMINOSITY * SECONDS_PER_YEAR


def in_sun_years(joules) -> float | np.ndarray:
    """``joules`` as a number of years of the Sun's entire output."""
    return _out(np.asarray(joules, dtype=float) / sun_yearly_output_joules())


# --- numbers in words ----------------------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_BIG = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]


def _figure(value: float) -> str:
    """Two significant figures, written plainly: 5.4, 54, 540."""
    if value >= 10:
        return f"{round(value, -math.floor(math.log10(value)) + 1):,.0f}"
    return f"{value:.1f}".removesuffix(".0")


def scientific(value: float) -> str:
    """``value`` as 1.8 × 10⁴⁸ (two significant figures)."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10**exponent
    if round(mantissa, 1) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.1f} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def count_in_words(value: float, unit: str) -> str:
    """``value`` ``unit`` in words: "about 5.4 billion years", "about 1.8 × 10⁴⁸ years"."""
    if value >= 1e15:
        return f"about {scientific(value)} {unit}"
    for size, name in _BIG:
        if value >= size:
            return f"about {_figure(value / size)} {name} {unit}"
    return f"about {_figure(value)} {unit}"


def duration_in_words(seconds: float) -> str:
    """A duration in plain words, rounded to two figures: "less than a millisecond", "about 10 minutes"."""
    if seconds < 1e-3:
        return "less than a millisecond"
    if seconds < 1:
        return "less than a second"
    steps = [(1, "second", 120), (60, "minute", 120), (3600, "hour", 48), (86400, "day", 730)]
    for size, name, limit in steps:
        if seconds < size * limit:
            value = seconds / size
            return f"about {_figure(value)} {name}{'' if _figure(value) == '1' else 's'}"
    return count_in_words(seconds / SECONDS_PER_YEAR, "years")
