"""Chapter 01's live lab: type a message, lock it with a secret key, flip one bit, try to unlock it.

One function builds the widget (controls, callbacks, layout); tiny helpers write the HTML. The locking and
unlocking are the model's (``widgets.labs.secret_keys``, real PyNaCl SecretBox); nothing here does crypto.
Everything shown is escaped, so a message like ``<script>`` appears as text and never runs.
"""

from __future__ import annotations

import ipywidgets as w

from ..labs.secret_keys import (
    NONCE_SIZE,
    OVERHEAD,
    TAG_SIZE,
    UnlockError,
    first_text_bit,
    flip_bit,
    lock,
    new_key,
    unlock,
)
from .html import esc, shorten
from .palette import WARNING_TEXT

RIGHT_KEY_LABEL = "chapter 01 lab: the key Alice and Bob share"
WRONG_KEY_LABEL = "chapter 01 lab: a key someone guessed"
HEX_BYTES_SHOWN = 48  # enough to see the nonce and the tag; longer blobs are cut, with their full size
TEXT_SHOWN = 200  # characters of an unlocked message shown before it is cut


def secret_lab(message: str = "Meet me at the station at noon.") -> w.VBox:
    """A message box and Lock / Flip one bit / Unlock buttons, with a "wrong key" switch."""
    text = w.Textarea(
        value=message,
        placeholder="Type a message to lock",
        description="Message",
        layout=w.Layout(width="100%", height="5em"),
    )
    wrong_key = w.Checkbox(
        value=False,
        description="Unlock with the wrong key",
        tooltip="Try to unlock with a key someone guessed instead of the shared one",
        indent=False,
    )
    lock_button = w.Button(description="Lock", button_style="primary", tooltip="Encrypt with the shared key")
    flip_button = w.Button(description="Flip one bit", tooltip="Change one bit of the locked message")
    unlock_button = w.Button(description="Unlock", tooltip="Check the tag and decrypt")
    locked = w.HTML(_locked_html(None, None))
    result = w.HTML(_note_html("Press “Lock” to encrypt the message."))
    state = {"blob": None, "flips": 0}
    right, wrong = new_key(RIGHT_KEY_LABEL), new_key(WRONG_KEY_LABEL)

    def on_lock(_button) -> None:
        if not text.value.strip():
            state["blob"] = None
            locked.value = _locked_html(None, None)
            result.value = _note_html("There is nothing to lock yet: type a message first.", kind="warning")
            return
        # A fresh random nonce every time, as a real app does (the chapter's seeded nonces are a device).
        state["blob"], state["flips"] = lock(text.value, right), 0
        locked.value = _locked_html(state["blob"], None)
        result.value = _note_html("Locked. Now flip a bit, or unlock it.")

    def on_flip(_button) -> None:
        if state["blob"] is None:
            result.value = _note_html("Lock a message first, then flip one of its bits.", kind="warning")
            return
        blob = state["blob"]
        # Each press flips the next bit of the encrypted text (after the nonce and the tag).
        index = (first_text_bit(blob) + state["flips"]) % (8 * len(blob))
        state["blob"], state["flips"] = flip_bit(blob, index), state["flips"] + 1
        locked.value = _locked_html(state["blob"], index)
        result.value = _note_html(f"Bit {index:,} (in byte {index // 8:,}) flipped. Now try to unlock.")

    def on_unlock(_button) -> None:
        if state["blob"] is None:
            result.value = _note_html("Lock a message first, then unlock it.", kind="warning")
            return
        try:
            plain = unlock(state["blob"], wrong if wrong_key.value else right)
        except UnlockError:
            result.value = _refused_html(wrong_key.value, state["flips"])
            return
        result.value = _unlocked_html(plain)

    def on_text(_change) -> None:
        if state["blob"] is not None:
            state["blob"] = None
            locked.value = _locked_html(None, None)
            result.value = _note_html("The message changed: press “Lock” to lock the new text.")

    lock_button.on_click(on_lock)
    flip_button.on_click(on_flip)
    unlock_button.on_click(on_unlock)
    text.observe(on_text, names="value")
    lab = w.VBox([text, w.HBox([lock_button, flip_button, unlock_button, wrong_key]), locked, result])
    # Tests and chapters reach the parts by name.
    lab.text, lab.wrong_key, lab.locked, lab.result = text, wrong_key, locked, result
    lab.lock_button, lab.flip_button, lab.unlock_button = lock_button, flip_button, unlock_button
    lab.state = state
    return lab


def hex_preview(blob: bytes, limit: int = HEX_BYTES_SHOWN) -> str:
    """The first ``limit`` bytes of ``blob`` in hex, in groups of two, with "…" if cut."""
    shown = " ".join(f"{b:02x}" for b in blob[:limit])
    return shown + (" …" if len(blob) > limit else "")


def _locked_html(blob: bytes | None, flipped: int | None) -> str:
    if blob is None:
        return '<p style="font-family:monospace">Locked message: (nothing locked yet)</p>'
    size = f"{len(blob):,} bytes ({len(blob) - OVERHEAD:,} of text + {NONCE_SIZE} nonce + {TAG_SIZE} tag)"
    shown = "" if len(blob) <= HEX_BYTES_SHOWN else f", first {HEX_BYTES_SHOWN} shown"
    flip = "" if flipped is None else f" — bit {flipped:,} flipped"
    return (
        f"<p><strong>Locked message</strong>, {esc(size)}{esc(shown)}{esc(flip)}:<br>"
        f'<code style="word-break:break-all">{esc(hex_preview(blob))}</code></p>'
    )


def _note_html(text: str, kind: str = "info") -> str:
    colour = WARNING_TEXT if kind == "warning" else "inherit"  # the words say it is a warning too
    return f'<p style="color:{colour}">{esc(text)}</p>'


def _unlocked_html(plain: str) -> str:
    return f"<p>✅ <strong>Unlocked:</strong> “{esc(shorten(plain, TEXT_SHOWN))}”</p>"


def _refused_html(wrong_key: bool, flips: int) -> str:
    why = []
    if flips:
        why.append(f"{flips} bit{'s' if flips != 1 else ''} changed since locking")
    if wrong_key:
        why.append("unlocking with the wrong key")
    because = f" (here: {' and '.join(why)})" if why else ""
    return (
        "<p>⛔ <strong>Tampering detected (or wrong key).</strong> "
        f"{esc('The authentication tag does not match, so SecretBox refuses to return anything' + because)}."
        "</p>"
    )
