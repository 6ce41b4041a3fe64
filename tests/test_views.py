"""Views render model results: words in every cell, everything escaped, widgets that redraw from the model."""

import html
import re

import pytest
from matplotlib.figure import Figure

from widgets import World
from widgets.ui import access_table, access_table_html, holdings_html, show_figure, switchboard

HOSTILE = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a & b < c > d \" ' `"]


def world_with(*texts):
    world = World(seed=4)
    for i, text in enumerate(texts):
        world.send("Alice" if i % 2 == 0 else "Bob", "Bob" if i % 2 == 0 else "Alice", text)
    return world


def cells(markup: str) -> list[str]:
    return [html.unescape(re.sub("<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", markup)]


def test_access_table_says_each_level_in_words():
    world = world_with("one", "two")
    words = cells(access_table_html(world))
    assert len(words) == 2 * len(world.parties)
    assert all(w.split(" ", 1)[1] in ("can read", "metadata only", "ciphertext only", "nothing") for w in words)
    assert repr(access_table(world)).splitlines()[1].startswith("#1 Alice → Bob: Alice can read")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_everywhere(text):
    world = world_with(text)
    board = switchboard(world, ("end_to_end", "provider_breach"))
    board.controls["end_to_end"].value = False
    for markup in [
        access_table_html(world),
        holdings_html(world.holdings("Attacker")),
        board.table.value,
        board.narration.value,
    ]:
        assert "<script" not in markup and "<img" not in markup and 'onerror="' not in markup
    assert html.escape(text[:39]) in access_table_html(world)


def test_switchboard_redraws_from_the_model_when_a_switch_flips():
    world = world_with("Meet at noon", "Where?", "The café")
    board = switchboard(world, ("end_to_end", "provider_breach"))
    provider_column = 2 + 1  # Alice, Bob, Provider

    def provider_cells():
        rows = [cells(row) for row in re.findall(r"<tr>.*?</tr>", board.table.value)[1:]]
        return [row[provider_column - 1] for row in rows]

    assert provider_cells() == ["◐ metadata only"] * 3
    before = board.narration.value
    board.controls["end_to_end"].value = False
    assert provider_cells() == ["● can read"] * 3
    assert world.policy.end_to_end is False
    assert board.narration.value != before
    assert "the Provider can now read 3 of 3 messages and the State can now read 3 of 3" in board.narration.value
    board.controls["end_to_end"].value = True
    assert "can no longer read any message" in board.narration.value


def test_switch_labels_and_tooltips_come_from_the_policy():
    board = switchboard(World(seed=1), ("end_to_end", "provider_breach"))
    assert board.controls["end_to_end"].description == "End-to-end encryption"
    assert "Provider" in board.controls["provider_breach"].tooltip


def test_figures_carry_alt_text_and_a_caption():
    fig = Figure()
    fig.add_subplot().plot([1, 2], [3, 4])
    shown = show_figure(fig, 'A rising line <from 3 to 4> & "more"', caption="Caption")
    assert 'alt="A rising line &lt;from 3 to 4&gt; &amp; &quot;more&quot;"' in shown.data
    assert "<figcaption" in shown.data and "data:image/png;base64," in shown.data
    assert repr(shown) == 'Figure: A rising line <from 3 to 4> & "more"'
