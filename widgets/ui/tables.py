"""Tables of who can read what, and of what a party holds — words first, colour only as a second cue."""

from __future__ import annotations

from IPython.display import HTML

from ..protocol.policy import Policy
from .html import TextHTML, esc, shorten
from .palette import BORDER_LIGHT, CAN_READ, CIPHERTEXT_ONLY, METADATA_ONLY, NOTHING
from .words import counted

# Okabe–Ito tints (palette.py) behind black text; the word and the mark in each cell carry the meaning.
LEVEL_STYLE = {
    "can read": (CAN_READ, "●"),
    "metadata only": (METADATA_ONLY, "◐"),
    "ciphertext only": (CIPHERTEXT_ONLY, "○"),
    "nothing": (NOTHING, "·"),
}


# On a narrow screen (a phone at 390 px) the table becomes one card per message, each party on its own line
# with its name beside its access, so the State and the Attacker (the punchline) are never off screen.
def cards_style(table_class: str) -> str:
    """The CSS that turns ``<table class=table_class>`` into one card per row on a narrow screen; each cell needs
    a ``data-party`` attribute (its column's heading), shown beside the cell's words."""
    t = f"table.{table_class}"
    return (
        "<style>@media (max-width: 640px) {"
        f"{t}, {t} tbody, {t} tr, {t} th, {t} td, {t} caption {{ display: block; width: auto; max-width: none; }}"
        f" {t} thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }}"
        f" {t} tbody tr {{ border: 1px solid {BORDER_LIGHT}; margin: 0 0 8px; padding: 4px; }}"
        f" {t} tbody th {{ font-weight: bold !important; padding: 2px 6px; }}"
        f" {t} td {{ display: flex; justify-content: space-between; gap: 1em; white-space: normal !important; }}"
        f" {t} td::before {{ content: attr(data-party); font-weight: bold; }}"
        "}</style>"
    )


CARD_STYLE = cards_style("who-can-read")


def access_table_html(world) -> str:
    """An HTML table: one row per message, one column per party, each cell saying its access in words."""
    parties = world.parties
    head = "".join(f'<th scope="col">{esc(p)}</th>' for p in parties)
    rows = []
    for msg in world.messages:
        label = f"#{msg.id} {msg.sender} → {msg.recipient}: “{shorten(msg.text, 40)}”"
        cells = []
        for party in parties:
            level = world.access(party, msg)
            colour, mark = LEVEL_STYLE[level]
            cells.append(
                f'<td data-party="{esc(party)}" style="background:{colour};padding:2px 6px;white-space:nowrap">'
                f"{mark} {esc(level)}</td>"
            )
        head_cell = f'<th scope="row" style="text-align:left;font-weight:normal;max-width:22em">{esc(label)}</th>'
        rows.append(f"<tr>{head_cell}{''.join(cells)}</tr>")
    return (
        f"{CARD_STYLE}"
        '<table class="who-can-read" style="border-collapse:collapse;font-size:0.9em">'
        f'<caption style="text-align:left">Who can read each message: {esc(_policy_words(world))}</caption>'
        f'<thead><tr><th scope="col">message</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def access_table(world) -> HTML:
    """The access table, displayable; its plain-text form lists the same words."""
    lines = [_policy_words(world)]
    for row in world.table():
        lines.append(row.pop("message") + ": " + "; ".join(f"{p} {lvl}" for p, lvl in row.items()))
    return TextHTML(access_table_html(world), "\n".join(lines))


def holdings_html(holdings) -> str:
    """What one party holds, as an HTML list: keys, then each record with its size and first bytes."""
    keys = "".join(f"<li>key: {esc(k.label)}</li>" for k in holdings.keys) or "<li>no keys</li>"
    records = "".join(f"<li>message {r.msg}: {esc(r.describe())}</li>" for r in holdings.records)
    return f"<div><strong>{esc(holdings.party)}</strong> holds:<ul>{keys}{records or '<li>no records</li>'}</ul></div>"


def _policy_words(world) -> str:
    on = world.policy.on()
    if not on:
        return "default policy (end-to-end encryption on, nothing else)"
    return "policy: " + ", ".join(
        f"{Policy.describe(n)['label']} {'on' if getattr(world.policy, n) else 'off'}" for n in on
    )


def holdings_view(holdings) -> TextHTML:
    """What one party holds in one sentence (keys by name, records counted by kind), the records themselves
    behind "Show the workings"; the plain-text form is the same sentence and list."""
    kinds: dict[str, int] = {}
    for record in holdings.records:
        kinds[record.kind] = kinds.get(record.kind, 0) + 1
    labels = ", ".join(k.label for k in holdings.keys)
    keys = f"{counted(len(holdings.keys), 'key')} — {labels} —" if holdings.keys else "no keys"
    records = ", ".join(counted(n, f"{kind} record") for kind, n in kinds.items()) or "no records"
    who = f"The {holdings.party}" if holdings.party in ("Provider", "State", "Attacker") else holdings.party
    sentence = f"{who} holds {keys} and {records}."
    lines = [f"message {r.msg}: {r.describe()}" for r in holdings.records]
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    markup = f"<p>{esc(sentence)}</p>" + (
        f'<details class="workings"><summary>Show the workings</summary><ul>{items}</ul></details>' if lines else ""
    )
    return TextHTML(markup, "\n".join([sentence, *lines]))


def words_table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> TextHTML:
    """A small table of words for what an experiment found, shown on the page (not behind "Show the workings"):
    the HTML form for the page, the plain-text form one row per line, cells separated by " | "."""
    left = 'style="text-align:left"'  # words read from the left (the notebook's default table aligns right)
    head = "".join(f"<th {left}>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td {left}>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    text = "\n".join(" | ".join(row) for row in [headers, *rows])
    return TextHTML(f'<table class="words-table"><tr>{head}</tr>{body}</table>', text)
