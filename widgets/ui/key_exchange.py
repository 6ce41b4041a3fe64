"""A small live widget for chapter 02: choose two people, see their public keys, see that both compute the
same shared secret while the third person cannot, and lock a typed message with Box.

No cryptography here: every number comes from ``widgets.labs.public_keys``. Everything shown is escaped.
"""

from __future__ import annotations

import ipywidgets as w

from ..labs.public_keys import CANNOT_OPEN, PEOPLE, box_trial, exchange, public_directory, short_hex
from .html import esc


def key_exchange(people: tuple[str, ...] = PEOPLE) -> w.VBox:
    """Dropdowns for sender and recipient, a message box and a "tamper" switch; results redraw on change."""
    sender = w.Dropdown(options=list(people), value=people[0], description="From", layout=w.Layout(width="14em"))
    recipient = w.Dropdown(options=list(people), value=people[1], description="To", layout=w.Layout(width="14em"))
    text = w.Text(
        value="Meet at noon",
        description="Message",
        placeholder="type a message for the recipient",
        layout=w.Layout(width="32em"),
    )
    tampered = w.Checkbox(
        value=False,
        description="An attacker flips one bit on the way",
        tooltip="Change one bit of the locked message before the recipient opens it",
        indent=False,
        layout=w.Layout(width="auto"),
    )
    keys = w.HTML()
    secret = w.HTML()
    result = w.HTML()

    def redraw(_change=None) -> None:
        keys.value = _keys_html(people, sender.value, recipient.value)
        if sender.value == recipient.value:
            secret.value = result.value = "<p><em>Choose two different people.</em></p>"
            return
        secret.value = _secret_html(exchange(sender.value, recipient.value, people))
        result.value = _result_html(sender.value, recipient.value, text.value, tampered.value, people)

    for control in (sender, recipient, text, tampered):
        control.observe(redraw, names="value")
    redraw()
    lab = w.VBox(
        [
            w.HBox([sender, recipient]),
            keys,
            secret,
            w.HTML("<p><strong>Lock a message with Box</strong></p>"),
            text,
            tampered,
            result,
        ]
    )
    lab.controls = {"sender": sender, "recipient": recipient, "text": text, "tampered": tampered}
    lab.key_table, lab.secret_view, lab.result_view = keys, secret, result  # tests read these
    return lab


def _keys_html(people, sender: str, recipient: str) -> str:
    """The directory as anyone sees it: each person's public key, shortened; private keys never shown."""
    rows = []
    for name, public in public_directory(people).items():
        role = "sender" if name == sender else "recipient" if name == recipient else "third person"
        rows.append(
            f"<tr><td>{esc(name)} ({esc(role)})</td><td><code>{esc(short_hex(public))}</code></td>"
            f"<td>stays on {esc(name)}'s phone</td></tr>"
        )
    return (
        '<table style="border-collapse:collapse"><caption style="text-align:left">Public keys (anyone may '
        "see them) and private keys (never leave the phone)</caption>"
        "<tr><th>Person</th><th>Public key</th><th>Private key</th></tr>" + "".join(rows) + "</table>"
    )


def _secret_html(ex) -> str:
    a, b = esc(ex.sender), esc(ex.recipient)
    lines = [
        f"<li>{a} computes X25519({a}'s private key, {b}'s public key) = "
        f"<code>{esc(short_hex(ex.sender_secret))}</code></li>",
        f"<li>{b} computes X25519({b}'s private key, {a}'s public key) = "
        f"<code>{esc(short_hex(ex.recipient_secret))}</code></li>",
    ]
    verdict = "the same secret, and it never crossed the network" if ex.agree else "DIFFERENT secrets"
    if ex.outsider is not None:
        c = esc(ex.outsider)
        tries = " and ".join(f"<code>{esc(short_hex(s))}</code>" for s in ex.outsider_secrets)
        miss = "neither matches" if not ex.outsider_matches else "one matches (this should never happen)"
        lines.append(
            f"<li>{c} sees both public keys but has only their own private key, and gets {tries} — {esc(miss)}</li>"
        )
    return f"<p><strong>Shared secret:</strong> {esc(verdict)}.</p><ul>{''.join(lines)}</ul>"


def _result_html(sender: str, recipient: str, text: str, tampered: bool, people) -> str:
    try:
        trial = box_trial(sender, recipient, text, tampered=tampered, people=people)
    except ValueError as problem:  # empty or unusable text: say so plainly, never a traceback
        return f"<p><em>{esc(problem)}</em></p>"
    how = " — then an attacker flipped one bit on the way" if trial.tampered else ""
    rows = []
    for name, opened in trial.attempts.items():
        role = "recipient" if name == recipient else "sender" if name == sender else "third person"
        shown = f"“{esc(opened.text)}”" if opened.ok else f"<strong>{esc(CANNOT_OPEN)}</strong>"
        rows.append(f"<li>{esc(name)} ({esc(role)}) tries to open it: {shown}</li>")
    return (
        f"<p>{esc(sender)} locks it for {esc(recipient)}: {len(trial.locked)} bytes on the wire, "
        f"<code>{esc(short_hex(trial.locked, 12))}</code>{esc(how)}.</p><ul>{''.join(rows)}</ul>"
    )
