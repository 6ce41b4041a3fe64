"""Two worlds side by side: the same seed and the same conversation, once with transport encryption only
and once end-to-end. For one party (the Provider, the State or the Attacker) each column shows what that
party holds and, message by message, what it gets in words and what decrypting its holdings gives back.

A checkbox lets criminals breach the Provider in both worlds at once. Every answer comes from the model
(``World.holdings``, ``World.access``, ``World.read_as``): there is no cryptography here. Everything shown
is escaped.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace

import ipywidgets as w
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..protocol.holdings import short_bytes
from ..protocol.message import MessageRefused
from ..protocol.policy import Policy
from ..protocol.world import World
from .figures import show_figure
from .html import esc, shorten
from .palette import NOTHING, TEXT_SOFT, WARNING_TEXT
from .tables import LEVEL_STYLE
from .words import counted

PARTIES = ("Provider", "State", "Attacker")
MODES = (("transport", "Transport encryption only"), ("end_to_end", "End-to-end encryption"))
CONVERSATION = (
    ("Alice", "Bob", "Meet at noon by the river"),
    ("Bob", "Alice", "OK. I'll bring the map"),
    ("Bob", "Carol", "Alice says noon, are you coming?"),
)
MEANING = {
    "can read": "Decrypting what {who} holds gives the text back.",
    "metadata only": "{Who} learns who wrote to whom and how big the message was; the text stays locked.",
    "ciphertext only": "{Who} holds only locked bytes that none of its keys opens.",
    "nothing": "{Who} holds nothing about this message.",
}
TEXT_LIMIT = 40
CELL = 1.6  # width of a cell of the places figure


def build_worlds(seed, messages, breach: bool = False) -> tuple[dict[str, World], list[str]]:
    """The two worlds (keyed "transport" and "end_to_end") with ``messages`` sent in each, and the
    plain-words reasons for any message the app refused to send.

    ``messages`` holds (sender, recipient, text) tuples, optionally with a fourth item ``tamper``.
    Raises ValueError (with the model's explanation) only for a seed the model does not accept.
    """
    worlds = {
        "transport": World(seed=seed, policy=Policy(end_to_end=False, provider_breach=breach)),
        "end_to_end": World(seed=seed, policy=Policy(end_to_end=True, provider_breach=breach)),
    }
    problems = []
    for number, item in enumerate(messages, start=1):
        try:
            sender, recipient, text, *rest = item
            tamper = bool(rest[0]) if rest else False
        except (TypeError, ValueError):
            problems.append(f"Message {number} must be (sender, recipient, text), not {item!r}; it was skipped.")
            continue
        try:
            for world in worlds.values():
                world.send(sender, recipient, text, tamper=tamper)
        except MessageRefused as refusal:
            problems.append(f"Message {number} was not sent: {refusal}")
    return worlds, problems


def set_breach(worlds: dict[str, World], breach: bool) -> None:
    """Switch ``provider_breach`` in every world (each replays its conversation under the new policy)."""
    for world in worlds.values():
        world.policy = replace(world.policy, provider_breach=bool(breach))


def column_html(world: World, party: str, title: str) -> str:
    """One column: a heading, what ``party`` holds, and one row per message with its access in words."""
    held = world.holdings(party)
    keys = "".join(f"<li>key: {esc(k.label)}</li>" for k in held.keys) or "<li>no keys</li>"
    records = "".join(f"<li>message {r.msg}: {esc(_record_words(r))}</li>" for r in held.records)
    rows = []
    for msg in world.messages:
        level = world.access(party, msg)
        colour, mark = LEVEL_STYLE[level]
        text = world.read_as(party, msg)
        got = "nothing: no words come out" if text is None else f"“{shorten(text, TEXT_LIMIT)}”"
        label = f"#{msg.id} {msg.sender} → {msg.recipient} ({msg.status})"
        rows.append(
            f'<tr><th scope="row" style="text-align:left">{esc(label)}</th>'
            f'<td class="access" style="background:{colour};padding:2px 6px">{mark} {esc(level)}</td>'
            f'<td class="reads" style="padding:2px 6px">{esc(got)}</td></tr>'
            f'<tr><td colspan="3" style="font-size:0.85em;padding:0 6px 4px">'
            f"{esc(MEANING[level].format(who=_the(party), Who=_cap(_the(party))))}</td></tr>"
        )
    table = (
        '<table style="border-collapse:collapse"><thead><tr><th scope="col">message</th>'
        '<th scope="col">access</th><th scope="col">the words it gets</th></tr></thead>'
        f"<tbody>{''.join(rows) or '<tr><td colspan=3>No messages yet.</td></tr>'}</tbody></table>"
    )
    summary = f"{_cap(_the(party))} holds {counted(len(held.keys), 'key')} and {counted(len(held.records), 'record')}:"
    return (
        f'<div class="side" style="padding:0 8px"><p style="margin:4px 0"><strong>{esc(title)}</strong></p>'
        f"<p style='margin:2px 0'>{esc(summary)}</p><ul style='font-size:0.85em;margin:2px 0'>{keys}{records}</ul>"
        f"{table}</div>"
    )


def narration_text(worlds: dict[str, World], party: str) -> str:
    """One plain sentence comparing the two columns for ``party``."""
    parts = []
    for mode, title in MODES:
        world = worlds[mode]
        messages = world.messages
        if not messages:
            return "No messages yet: add some to the conversation."
        readable = sum(world.access(party, m) == "can read" for m in messages)
        metadata = sum(world.access(party, m) == "metadata only" for m in messages)
        part = f"with {title.lower()} {_the(party)} can read {readable} of {counted(len(messages), 'message')}"
        if metadata:
            part += f" and sees only the metadata of {metadata}"
        parts.append(part)
    breach = worlds["transport"].policy.provider_breach
    prefix = "Criminals have breached the Provider. " if breach else ""
    sentence = "; ".join(parts)
    return prefix + sentence[:1].upper() + sentence[1:] + "."


def side_by_side(seed=7, messages=CONVERSATION, party: str = "Attacker", breach: bool = False) -> w.VBox:
    """Two columns — transport only and end-to-end — for the chosen party, with a breach checkbox."""
    note = ""
    try:
        worlds, problems = build_worlds(seed, messages, breach)
    except ValueError as error:
        return w.VBox([w.HTML(f"<p><strong>Cannot build the worlds:</strong> {esc(error)}</p>")])
    if party not in PARTIES:
        note = f"There is no party called {party!r} to choose here; showing the Attacker."
        party = "Attacker"
    chooser = w.Dropdown(options=PARTIES, value=party, description="Party:")
    info = Policy.describe("provider_breach")
    breach_box = w.Checkbox(
        value=bool(breach),
        description=info["label"],
        description_allow_html=False,
        tooltip=info["help"],
        indent=False,
        layout=w.Layout(width="auto"),
    )
    columns = {mode: w.HTML(layout=w.Layout(flex="1 1 360px", min_width="300px")) for mode, _ in MODES}
    narration = w.HTML()
    problems_html = "".join(f"<li>{esc(p)}</li>" for p in [note, *problems] if p)
    notices = w.HTML(f"<ul style='color:{WARNING_TEXT}'>{problems_html}</ul>" if problems_html else "")

    def redraw(_=None) -> None:
        for mode, title in MODES:
            columns[mode].value = column_html(worlds[mode], chooser.value, title)
        narration.value = f"<p><strong>{esc(narration_text(worlds, chooser.value))}</strong></p>"

    def on_breach(change) -> None:
        set_breach(worlds, change["new"])
        redraw()

    chooser.observe(redraw, names="value")
    breach_box.observe(on_breach, names="value")
    redraw()
    help_line = w.HTML(f'<span style="font-size:0.85em">{esc(info["help"])}</span>')
    row = w.HBox(list(columns.values()), layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
    view = w.VBox([w.HBox([chooser, breach_box]), help_line, notices, narration, row])
    view.controls = {"party": chooser, "provider_breach": breach_box}  # tests and chapters reach them by name
    view.columns, view.narration, view.worlds = columns, narration, worlds
    return view


def where_readable(worlds: dict[str, World], message: int = 1) -> dict[str, dict[str, str]]:
    """For one message, in each world: is the text open on the wire, on the Provider's servers, on the phones?

    Read from the model: the wire is what the Attacker captures (without a breach), the servers are what
    the Provider holds, the phones are what the recipient holds.
    """
    out = {}
    for mode, _ in MODES:
        world = worlds[mode]
        msg = world.messages[message - 1]
        out[mode] = {
            "on the wire": world.access("Attacker", msg) if not world.policy.provider_breach else "(breach on)",
            "on the Provider's servers": world.access("Provider", msg),
            f"on {msg.recipient}'s phone": world.access(msg.recipient, msg),
        }
    return out


def places_figure(worlds: dict[str, World], message: int = 1):
    """A small grid: the three places bytes live (rows) × the two worlds (columns), each cell saying its access
    in words. Two columns, not three: drawn narrow, it fits a phone's width (390 px) with readable text."""
    grid = where_readable(worlds, message)
    places = list(next(iter(grid.values())))
    fig = Figure(figsize=(4.6, 0.75 + 0.8 * len(places)))
    ax = fig.add_subplot()
    for col, (mode, title) in enumerate(MODES):
        for row, place in enumerate(places):
            level = grid[mode][place]
            colour = LEVEL_STYLE.get(level, (NOTHING, ""))[0]
            y = len(places) - 1 - row
            ax.add_patch(_box(col * CELL, y, colour))
            ax.text(col * CELL + CELL / 2, y + 0.5, level.replace(" only", "\nonly"), ha="center", va="center")
        ax.text(col * CELL + CELL / 2, len(places) + 0.05, textwrap.fill(title, 14), ha="center", va="bottom")
    for row, place in enumerate(places):
        ax.text(-0.1, len(places) - 0.5 - row, textwrap.fill(place, 14), ha="right", va="center")
    ax.set_xlim(-1.9, len(MODES) * CELL)
    ax.set_ylim(0, len(places) + 0.7)
    ax.axis("off")
    sentences = [f"{title}: " + ", ".join(f"{p} {grid[mode][p]}" for p in places) for mode, title in MODES]
    alt = f"Where message {message} is readable. " + ". ".join(sentences) + "."
    caption = (
        f"Message {message} in the two worlds: what each place gets, from real decryption in the model. "
        "Colour repeats the words: orange = can read, blue = metadata only, grey = ciphertext only."
    )
    return show_figure(fig, alt, caption, fits=True)


def _box(x: float, y: float, colour: str) -> Rectangle:
    return Rectangle((x + 0.04, y + 0.06), CELL - 0.08, 0.88, facecolor=colour, edgecolor=TEXT_SOFT)


def _record_words(record) -> str:
    """A record in words: metadata lines as they are; blobs by kind, origin and a short look at the bytes."""
    if record.meta is not None:
        return f"{record.kind}: {record.meta}"
    return f"{record.kind} ({record.note}): {short_bytes(record.blob, 6)}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _the(party: str) -> str:
    return f"the {party}" if party in PARTIES else party
