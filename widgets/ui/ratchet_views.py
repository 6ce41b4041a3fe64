"""Views for chapter 08 (forward secrecy and backups): a timeline of what a phone thief reads, a table of who
opens each kind of backup, and a small live widget for the backup lab. Words in every cell; no cryptography
here — the views call the model (``World``, ``widgets.labs.backups``) and render its answers, escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from ..labs.backups import (
    COMMON_GUESSES,
    KINDS,
    OWNER,
    OWNER_LOST,
    PARTIES,
    PASSPHRASE,
    STATE,
    guess_passphrase,
    make_backup,
    who_can_open,
)
from .html import TextHTML, esc, shorten
from .palette import BORDER_LIGHT, CAN_READ
from .tables import cards_style

CELL = f"padding:2px 8px;border:1px solid {BORDER_LIGHT};text-align:left"
YES_STYLE = f"background:{CAN_READ}"  # the word carries the meaning, colour repeats it


# --- the thief's timeline ------------------------------------------------------------------------


def theft_timeline(columns: Sequence[tuple[str, object, str]], theft_after: int, phone: str = "Alice") -> TextHTML:
    """A table: one row per message, a marked row where ``phone``'s phone was copied (after message
    ``theft_after``), and one column per (heading, world, party): does that party read the message there?

    Every world must hold the same conversation (the same texts in the same order), under its own policy.
    """
    if not columns:
        raise ValueError("Give at least one column: (heading, world, party).")
    messages = columns[0][1].messages
    for heading, world, _party in columns:
        if [(m.sender, m.recipient, m.text) for m in world.messages] != [
            (m.sender, m.recipient, m.text) for m in messages
        ]:
            raise ValueError(f"The world of column {heading!r} holds another conversation; compare like with like.")
    if not isinstance(theft_after, int) or not 0 <= theft_after <= len(messages):
        raise ValueError(f"theft_after must be a message number from 0 to {len(messages)}, not {theft_after!r}.")
    theft = f"— {phone}'s phone is copied here —"
    head = "".join(f'<th scope="col" style="{CELL}">{esc(h)}</th>' for h, _, _ in columns)
    rows, lines = [], [" | ".join(["message", *(h for h, _, _ in columns)])]
    if theft_after == 0:
        rows.append(_theft_row(theft, len(columns)))
        lines.append(theft)
    for message in messages:
        label = f"#{message.id} {message.sender} → {message.recipient}: “{shorten(message.text, 40)}”"
        when = "before" if message.id <= theft_after else "after"
        words = [_reads(world, party, message.id) for _, world, party in columns]  # each its own world's
        cells = "".join(
            f'<td style="{CELL};{YES_STYLE if word.startswith("reads") else ""}">{esc(word)}</td>' for word in words
        )
        rows.append(
            f'<tr><th scope="row" style="{CELL};text-align:left;font-weight:normal">{esc(label)}'
            f' <span style="font-size:0.85em">({when} the theft)</span></th>{cells}</tr>'
        )
        lines.append(" | ".join([f"{label} ({when} the theft)", *words]))
        if message.id == theft_after:
            rows.append(_theft_row(theft, len(columns)))
            lines.append(theft)
    markup = (
        '<table class="theft-timeline" style="border-collapse:collapse">'
        f'<caption style="text-align:left">What each party reads, message by message; {esc(phone)}\'s phone '
        f"was copied after message {theft_after}</caption>"
        f'<thead><tr><th scope="col" style="{CELL}">message</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return TextHTML(markup, "\n".join(lines))


def _reads(world, party: str, message) -> str:
    level = world.access(party, message)
    if level != "can read":
        return f"no ({level})"
    if set(world.read_from(party, message)) == {"chat history"}:  # only the copy stored on the stolen phone
        return "reads it (from the phone's stored history)"
    return "reads it"


def _theft_row(text: str, width: int) -> str:
    return f'<tr><td colspan="{width + 1}" style="{CELL};text-align:center;font-style:italic">{esc(text)}</td></tr>'


# --- who opens each kind of backup ---------------------------------------------------------------


def backup_table(backups: Sequence[tuple[object, object]], *, breach: bool = False) -> TextHTML:
    """A table: one row per (backup, owner's secret), one column per party of ``backup_lab.PARTIES``; each
    cell says in words what that party gets by trying everything it holds."""
    owner = backups[0][0].owner if backups else "the owner"
    headings = [_heading(p, owner) for p in PARTIES]
    head = "".join(f'<th scope="col" style="{CELL}">{esc(h)}</th>' for h in headings)
    rows, lines = [], [" | ".join(["backup locked with", *headings])]
    for backup, secret in backups:
        openings = who_can_open(backup, secret, breach=breach)
        words = [_opening_words(openings[p]) for p in PARTIES]
        cells = "".join(
            f'<td data-party="{esc(h)}" style="{CELL};{YES_STYLE if word.startswith("opens") else ""}">{esc(word)}</td>'
            for h, word in zip(headings, words, strict=True)
        )
        rows.append(f'<tr><th scope="row" style="{CELL};text-align:left">{esc(backup.kind)}</th>{cells}</tr>')
        lines.append(" | ".join([backup.kind, *words]))
    caption = "after a breach of the Provider" if breach else "no breach"
    markup = (
        cards_style("backup-table") + '<table class="backup-table" style="border-collapse:collapse">'
        f'<caption style="text-align:left">Who opens {esc(owner)}\'s backup ({esc(caption)})</caption>'
        f'<thead><tr><th scope="col" style="{CELL}">backup locked with</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return TextHTML(markup, f"Who opens {owner}'s backup ({caption}):\n" + "\n".join(lines))


def _heading(party: str, owner: str) -> str:
    if party == OWNER:
        return f"{owner}, on a new phone"
    if party == OWNER_LOST:
        return f"{owner}, secret lost"
    return "State (warrant)" if party == STATE else party


def _opening_words(opening) -> str:
    if opening.level == "opens it":
        count = len(opening.lines)
        return f"opens it ({count} message{'s' if count != 1 else ''})"
    return opening.level


# --- the live backup lab -------------------------------------------------------------------------


def backup_explorer(lines, owner: str = "Alice", seed: int | None = 8) -> w.VBox:
    """Choose how ``owner``'s backup of ``lines`` is locked, whether the Provider is breached, and a passphrase;
    see who opens it and whether a thief's short list of guesses finds the passphrase."""
    kind = w.Dropdown(
        options=list(KINDS), value=KINDS[0], description="Locked with", style={"description_width": "8em"}
    )
    breach = w.Checkbox(
        value=False,
        description="Criminals breach the Provider",
        tooltip="Criminals copy everything on the Provider's servers, the backups and the keys kept there included",
        indent=False,
    )
    passphrase = w.Text(value="sunshine1", description="Passphrase", style={"description_width": "8em"}, disabled=True)
    table = w.HTML()
    verdict = w.HTML()

    def redraw(_change=None) -> None:
        passphrase.disabled = kind.value != PASSPHRASE
        text = passphrase.value if kind.value == PASSPHRASE else None
        if text is not None and not text.strip():
            table.value = ""
            verdict.value = "<p><strong>Type a passphrase</strong> (at least one character) to lock the backup.</p>"
            return
        try:
            backup, secret = make_backup(lines, owner, kind.value, passphrase=text, seed=seed)
        except ValueError as error:
            table.value = ""
            verdict.value = f"<p><strong>Cannot lock the backup:</strong> {esc(error)}</p>"
            return
        table.value = backup_table([(backup, secret)], breach=breach.value).data
        verdict.value = f"<p>{esc(_guess_words(backup, breach.value))}</p>"

    for control in (kind, breach, passphrase):
        control.observe(redraw, names="value")
    redraw()
    box = w.VBox([kind, passphrase, breach, verdict, table])
    box.controls = {"kind": kind, "breach": breach, "passphrase": passphrase}
    box.table, box.verdict = table, verdict
    return box


def _guess_words(backup, breached: bool) -> str:
    if backup.kind != PASSPHRASE:
        return "Nobody can guess this key: it is 32 random bytes, not something a person chose."
    found = guess_passphrase(backup, COMMON_GUESSES)
    who = "The Attacker (who copied the Provider's servers)" if breached else "Anyone holding the locked backup"
    if found.found is not None:
        return f"{who} tried common passphrases and found this one at guess {found.tries} of {found.candidates}."
    return f"{who} tried {found.candidates} common passphrases: none opened it."
