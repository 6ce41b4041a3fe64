"""Accessibility: one colour-blind-safe palette, alt text on every figure, text beside every colour cue, and a
name (and, for switches and buttons, a tooltip) on every control a keyboard or a screen reader reaches."""

from __future__ import annotations

import ast
import html
import json
import re
from pathlib import Path

import ipywidgets as w
import pytest
from matplotlib.figure import Figure

from widgets import World
from widgets.ui import palette
from widgets.ui.figures import show_figure

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "widgets" / "ui"
VIEWS = sorted(p for p in UI.glob("*.py") if p.name not in ("palette.py", "__init__.py"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b")
NAMED = re.compile(
    r"""(?:color|colour|background|facecolor|edgecolor|fill|stroke)\s*[=:]\s*["']?"""
    r"(red|green|blue|orange|yellow|purple|pink|brown|gray|grey|black|white|navy|teal|crimson|gold|"
    r"darkred|darkgreen|lightblue|lightgreen|tab:\w+|C\d)\b",
    re.I,
)


# --- one palette --------------------------------------------------------------------------------------------


def hex_literals(source: str) -> list[str]:
    """Colour literals in code, leaving out comments and HTML entities such as &#x27;."""
    found = []
    for line in source.splitlines():
        code = line.split("  #", 1)[0]
        found += [m.group() for m in HEX.finditer(code) if code[max(0, m.start() - 1)] != "&"]
    return found


@pytest.mark.parametrize("path", VIEWS, ids=[p.name for p in VIEWS])
def test_views_take_every_colour_from_the_palette(path):
    source = path.read_text()
    assert not hex_literals(source), f"{path.name} writes colours of its own: {hex_literals(source)}"
    assert not NAMED.findall(source), f"{path.name} names colours of its own: {NAMED.findall(source)}"
    if re.search(r"Figure\(|colou?r[=:]|background:|stroke=|fill=", source):  # it draws, or colours HTML
        assert re.search(r"^from \.palette import|^from \. import palette", source, re.M), path.name


def test_the_scan_catches_a_hard_coded_colour():
    assert hex_literals('style="color:#a00"') == ["#a00"]
    assert hex_literals("x = '&#x27;'  # #fff in a comment") == []
    assert NAMED.findall('ax.plot(x, color="red")') == ["red"]


def luminance(colour: str) -> float:
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def from_okabe_ito(colour: str) -> bool:
    """An Okabe–Ito colour, a tint or shade of one, or a grey (which carries no hue to confuse)."""
    colour = colour.lower()
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    if r == g == b:
        return True
    steps = [i / 100 for i in range(0, 100)]
    return any(
        colour in (palette.tint(name, t).lower(), palette.shade(name, t).lower())
        for name in palette.OKABE_ITO
        for t in steps
    )


def roles() -> dict[str, str]:
    return {k: v for k, v in vars(palette).items() if k.isupper() and isinstance(v, str) and v.startswith("#")}


def test_every_colour_in_the_palette_is_okabe_ito_a_tint_or_a_grey():
    assert set(palette.OKABE_ITO.values()) == {
        "#000000",
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
    }
    for name, colour in roles().items():
        assert from_okabe_ito(colour), f"palette.{name} = {colour} is not Okabe–Ito, a tint of it or a grey"


def test_text_colours_read_on_white_and_black_text_reads_on_every_background():
    for name in ("INK", "TEXT_MUTED", "TEXT_SOFT", "WARNING_TEXT"):
        assert contrast(getattr(palette, name), palette.WHITE) >= 4.5, name  # WCAG 2 AA for body text
    for name in ("CAN_READ", "METADATA_ONLY", "CIPHERTEXT_ONLY", "ALERT", "DIFFERS", "MINE", "WARNING_BACKGROUND"):
        assert contrast(palette.INK, getattr(palette, name)) >= 7, name  # AAA


def test_matplotlib_uses_the_palette_for_figures_that_choose_no_colour():
    import matplotlib

    import widgets.ui  # noqa: F401  (importing the views sets the cycle)

    cycle = [c.lower() for c in matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert cycle == [c.lower() for c in palette.CYCLE]
    fig = Figure()
    line = fig.add_subplot().plot([1, 2], [2, 1])[0]
    assert line.get_color().lower() == palette.OKABE_ITO["blue"].lower()


# --- alt text on every figure -------------------------------------------------------------------------------


def test_a_figure_without_alt_text_is_refused():
    fig = Figure()
    fig.add_subplot().plot([1, 2], [3, 4])
    for alt in ("", "   ", None):
        with pytest.raises(ValueError, match="alt text"):
            show_figure(fig, alt)


def show_figure_calls(source: str):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "show_figure":
            yield node


@pytest.mark.parametrize("path", VIEWS, ids=[p.name for p in VIEWS])
def test_every_show_figure_call_passes_alt_text(path):
    for call in show_figure_calls(path.read_text()):
        alt = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "alt"), None)
        assert alt is not None, f"{path.name}:{call.lineno}: show_figure without alt text"
        if isinstance(alt, ast.Constant):
            assert str(alt.value).strip(), f"{path.name}:{call.lineno}: empty alt text"


@pytest.mark.parametrize("path", VIEWS, ids=[p.name for p in VIEWS])
def test_figures_reach_the_page_only_through_show_figure(path):
    source = path.read_text()
    if path.name != "figures.py":
        assert not re.search(
            r"\.savefig\(|plt\.show\(|^\s*(import matplotlib\.pyplot|from matplotlib import pyplot)", source, re.M
        ), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_image_in_a_stored_notebook_has_alt_text(path):
    nb = json.loads(path.read_text())
    for number, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            assert "image/png" not in data, f"{path.name} cell {number}: a bare figure (use show_figure)"
            markup = "".join(data.get("text/html", ""))
            for img in re.findall(r"<img\b[^>]*>", markup):
                alt = re.search(r'\balt="([^"]*)"', img)
                assert alt and alt.group(1).strip(), f"{path.name} cell {number}: an image without alt text"


def test_the_course_figures_describe_themselves_in_words():
    from widgets.labs.scanning import compare
    from widgets.protocol.fuzzy_hash import fingerprint
    from widgets.ui.bruteforce_plot import _figure_html
    from widgets.ui.escrow_plots import forgery_plot
    from widgets.ui.scanning_views import distance_plot
    from widgets.ui.side_by_side import CONVERSATION, build_worlds, places_figure

    worlds, _ = build_worlds(7, CONVERSATION)
    shown = [
        _figure_html(1e21),
        forgery_plot([3, 70_000, 120_000, 65_000]).data,
        distance_plot(compare([("a near copy", "Meet at noon!")], fingerprint("Meet at noon"))).data,
        places_figure(worlds).data,
    ]
    for markup in shown:
        alt = html.unescape(re.search(r'alt="([^"]*)"', markup).group(1))
        caption = html.unescape(re.search(r"<figcaption[^>]*>(.*?)</figcaption>", markup, re.S).group(1))
        assert len(alt) > 60 and re.search(r"\d", alt), alt  # says what the figure shows, with its numbers
        assert caption.strip()


def test_the_journey_diagram_is_an_image_with_a_title_a_description_and_a_list():
    from widgets.ui.sequence import journey_html

    world = World(seed=3)
    message = world.send("Alice", "Bob", "hello")
    markup = journey_html(message)
    assert 'role="img"' in markup and "<title" in markup and "<desc" in markup
    # The steps in words twice: under the diagram (collapsed) and as the narrow-screen form that replaces it.
    assert markup.count("<li>") == 2 * len(message.steps)
    assert 'class="journey-narrow"' in markup and "@media (max-width: 640px)" in markup


# --- text beside every colour cue ---------------------------------------------------------------------------


def test_every_access_level_has_a_word_a_mark_and_a_distinct_colour():
    from widgets.ui.tables import LEVEL_STYLE, access_table_html

    colours = [c for c, _ in LEVEL_STYLE.values()]
    marks = [m for _, m in LEVEL_STYLE.values()]
    assert len(set(colours)) == len(colours) and len(set(marks)) == len(marks)
    world = World(seed=2)
    world.send("Alice", "Bob", "hi")
    for cell in re.findall(r"<td[^>]*>(.*?)</td>", access_table_html(world)):
        mark, word = html.unescape(cell).split(" ", 1)
        assert LEVEL_STYLE[word][1] == mark


def test_coloured_cells_in_the_chapter_tables_say_their_meaning_in_words():
    from widgets.labs.backups import PROVIDER_KEY, Line, make_backup
    from widgets.ui.ratchet_views import backup_table

    backup, secret = make_backup([Line(1, "Alice", "Bob", "hi")], "Alice", PROVIDER_KEY, seed=1)
    for cell in re.findall(r'<td style="[^"]*background:[^"]*">(.*?)</td>', backup_table([(backup, secret)]).data):
        assert cell.startswith(("opens", "reads")), cell


def test_a_differing_safety_number_group_is_marked_by_more_than_colour():
    from widgets.labs.safety_numbers import phone_pair
    from widgets.protocol.policy import Policy
    from widgets.ui.safety_number_view import phones_html

    world = World(seed=5)
    world.send("Alice", "Bob", "hi")
    world.policy = Policy(interception=True)
    world.send("Alice", "Bob", "again")
    markup = phones_html(phone_pair(world, "Alice", "Bob"))
    if "NO MATCH" in markup:
        assert "≠" in markup and "dashed" in markup and "differs from" in markup
    assert "✓" in markup or "✗" in markup


def test_warnings_on_a_phone_carry_a_sign_and_words():
    from widgets.ui.phones import phone_html

    world = World(seed=6)
    world.send("Alice", "Bob", "hi", tamper=True)
    phone = phone_html(world, "Bob")
    assert 'role="alert"' in phone and "⚠️" in phone and "rejected" in phone


# --- keyboard and screen readers: every control has a name ------------------------------------------------

CONTROLS = (w.Button, w.Checkbox, w.ToggleButton, w.ToggleButtons, w.Dropdown, w.Text, w.Textarea)
SLIDERS = (w.FloatSlider, w.IntSlider, w.FloatLogSlider)


def controls_in(widget) -> list:
    found = [widget] if isinstance(widget, CONTROLS + SLIDERS) else []
    for child in getattr(widget, "children", ()):
        found += controls_in(child)
    return found


def every_view():
    from widgets.labs.backups import Line
    from widgets.labs.conversations import starter_world
    from widgets.ui.bruteforce_plot import bruteforce_explorer
    from widgets.ui.explainer import Explainer
    from widgets.ui.key_exchange import key_exchange
    from widgets.ui.playground import Playground
    from widgets.ui.ratchet_views import backup_explorer
    from widgets.ui.safety_number_view import safety_number_view
    from widgets.ui.secret_lab import secret_lab
    from widgets.ui.side_by_side import side_by_side
    from widgets.ui.switchboard import switchboard

    return {
        "Playground": lambda: Playground(starter_world(seed=1)),
        "Explainer": lambda: Explainer(),
        "switchboard": lambda: switchboard(World(seed=1), ("end_to_end", "provider_breach")),
        "side_by_side": lambda: side_by_side(),
        "safety_number_view": lambda: safety_number_view(starter_world(seed=1)),
        "key_exchange": lambda: key_exchange(),
        "secret_lab": lambda: secret_lab(),
        "bruteforce_explorer": lambda: bruteforce_explorer(),
        "backup_explorer": lambda: backup_explorer([Line(1, "Alice", "Bob", "hi")]),
    }


@pytest.mark.parametrize("name", list(every_view()))
def test_every_control_has_a_name_and_every_switch_or_button_a_tooltip(name):
    view = every_view()[name]()
    controls = controls_in(view)
    assert controls, f"{name}: no controls found"
    for control in controls:
        label = control.description or getattr(control, "placeholder", "")
        assert label.strip(), f"{name}: a {type(control).__name__} without a description (no name to read out)"
        if isinstance(control, (w.Button, w.Checkbox, w.ToggleButton)):
            assert (control.tooltip or "").strip(), f"{name}: {control.description!r} has no tooltip"


def test_the_playground_switches_and_the_bytes_switch_are_plain_checkboxes():
    """Checkboxes reach the keyboard (Tab) and toggle with Space; their label is the switch's name."""
    from widgets.labs.conversations import starter_world
    from widgets.protocol.policy import Policy
    from widgets.ui.playground import Playground

    playground = Playground(starter_world(seed=1))
    assert all(isinstance(box, w.Checkbox) for box in playground.controls.values())
    assert [box.description for box in playground.controls.values()] == [
        Policy.describe(n)["label"] for n in Policy.switches()
    ]
    assert isinstance(playground.bytes_switch, w.Checkbox) and playground.bytes_switch.description == "Show the bytes"
