"""The course's colours, in one place: Okabe and Ito's colour-blind-safe palette, light tints of it for
backgrounds behind black text, and a few greys for borders and secondary text.

Every view takes its colours from here (tests/test_accessibility.py checks that no other module in
``widgets/ui`` writes a colour of its own). Colour is never the only cue: every coloured thing also says
what it means in words, a mark or a line style.

Source: Masataka Okabe and Kei Ito, "Color Universal Design (CUD) – How to make figures and presentations
that are friendly to Colorblind people", 20 November 2002 (modified 2008), https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

from cycler import cycler

# Okabe & Ito's eight colours, by their own names.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

# The order in which matplotlib uses them for lines and bars that are not given a colour (black last: it is
# kept for reference lines and text).
CYCLE = [OKABE_ITO[name] for name in ("blue", "orange", "bluish green", "vermillion", "sky blue", "reddish purple")]


def tint(name: str, amount: float = 0.55) -> str:
    """An Okabe–Ito colour mixed with white (``amount`` of white), as a background that black text reads on."""
    rgb = OKABE_ITO[name].lstrip("#")
    mixed = [round(int(rgb[i : i + 2], 16) * (1 - amount) + 255 * amount) for i in (0, 2, 4)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def shade(name: str, amount: float = 0.25) -> str:
    """An Okabe–Ito colour mixed with black (``amount`` of black), for small text that must stand out on white."""
    rgb = OKABE_ITO[name].lstrip("#")
    mixed = [round(int(rgb[i : i + 2], 16) * (1 - amount)) for i in (0, 2, 4)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


# Greys and white for text, borders and grids: not cues, only structure.
WHITE = "#ffffff"
INK = "#000000"  # body text and reference lines
TEXT_MUTED = "#333333"  # secondary text on white: contrast 12.6:1
TEXT_SOFT = "#444444"  # small help text on white: contrast 9.7:1
BORDER = "#999999"
BORDER_DARK = "#333333"  # a phone's frame
BORDER_LIGHT = "#cccccc"
GRID = "#dddddd"
LANE = "#aaaaaa"  # a lane of the sequence diagram

# Roles: what a colour means in the course. Each is Okabe–Ito or a tint of it.
CAN_READ = tint("orange")  # access "can read"; the cell also says it in words and with ●
METADATA_ONLY = tint("sky blue")  # access "metadata only" (◐)
CIPHERTEXT_ONLY = GRID  # access "ciphertext only" (○): grey, no hue
NOTHING = WHITE  # access "nothing" (·)
WIRE = OKABE_ITO["blue"]  # bytes on the wire
TAP = OKABE_ITO["vermillion"]  # the Attacker's tap (drawn dashed too)
WARNING_TEXT = shade("vermillion")  # warnings as text, always in words ("Not sent"): 6.2:1 on white
WARNING_BACKGROUND = tint("yellow", 0.7)  # a phone's warning bubble (with ⚠️ and words)
WARNING_BORDER = OKABE_ITO["orange"]
ALERT = tint("vermillion", 0.8)  # background of a flagged row or region (the row says "reported")
DIFFERS = tint("orange", 0.7)  # a safety-number group that differs (also ≠ and a dashed border)
DIFFERS_BORDER = OKABE_ITO["vermillion"]
MATCH = OKABE_ITO["bluish green"]  # a verdict bar for "MATCH" (the verdict says it, with ✓)
NO_MATCH = OKABE_ITO["vermillion"]  # a verdict bar for "NO MATCH" (with ✗)
MINE = tint("bluish green", 0.8)  # my own chat bubbles (each also says "to Bob")
THEIRS = WHITE  # bubbles from others ("from Alice")

MATPLOTLIB_STYLE = {"axes.prop_cycle": cycler(color=CYCLE)}


def use_in_matplotlib() -> None:
    """Make Okabe–Ito matplotlib's default colour cycle, for figures that do not choose their colours."""
    import matplotlib

    matplotlib.rcParams.update(MATPLOTLIB_STYLE)
