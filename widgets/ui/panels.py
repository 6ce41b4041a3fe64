"""What each outsider has: the wire (the Attacker's tap), the Provider's servers, the State's desk and the
Attacker's loot — real bytes, shortened readably, expandable; and what each can read from them."""

from __future__ import annotations

from .html import esc, shorten
from .palette import BORDER, TEXT_MUTED

SHOW_BYTES = 512  # bytes of hex shown when a record is expanded; the rest is counted, not printed


def bytes_html(blob: bytes) -> str:
    """A blob as "3f9a…c2 (180 bytes)", with the hex of its first bytes behind a <details>."""
    # The last bytes: the first ones are the same framing on every packet and would all look alike.
    head = f"…{blob[-8:].hex()}" if len(blob) > 8 else blob.hex()
    shown = blob[:SHOW_BYTES].hex(" ", 4)
    more = f" … and {len(blob) - SHOW_BYTES:,} more bytes" if len(blob) > SHOW_BYTES else ""
    return (
        f"<details><summary><code>{esc(head)}</code> ({len(blob):,} bytes)</summary>"
        f'<code style="font-size:0.75em;overflow-wrap:anywhere">{esc(shown)}{esc(more)}</code></details>'
    )


def records_html(world, party: str, only: str | None = None, but: str | None = None) -> str:
    """``party``'s records as a list; ``only`` or ``but`` keep or drop one kind (e.g. "wire capture")."""
    rows = []
    for record in world.holdings(party).records:
        if (only and record.kind != only) or (but and record.kind == but):
            continue
        if record.meta is not None:
            rows.append(f"<li>#{record.msg} log: {esc(str(record.meta))}</li>")
        else:
            rows.append(f"<li>#{record.msg} {esc(record.note)} {bytes_html(record.blob)}</li>")
    return f'<ul style="margin:0;padding-left:1.2em">{"".join(rows) or "<li>none</li>"}</ul>'


def keys_html(world, party: str) -> str:
    keys = world.holdings(party).keys
    return "".join(f"<div>{esc(k.label)}</div>" for k in keys) or "<div>none</div>"


def readable_html(world, party: str) -> str:
    """What ``party`` reads, message by message, in words — and the text where it can."""
    rows = []
    for m in world.messages:
        level = world.access(party, m)
        text = world.read_as(party, m)
        shown = f": “{esc(shorten(text, 60))}”" if text is not None else ""
        rows.append(f"<li>#{m.id} {esc(level)}{shown}</li>")
    return f'<ul style="margin:0;padding-left:1.2em">{"".join(rows) or "<li>no messages</li>"}</ul>'


def panel_html(title: str, lead: str, *sections: tuple[str, str]) -> str:
    inner = "".join(f"<div style='margin-top:4px'><strong>{esc(h)}</strong>{body}</div>" for h, body in sections)
    return (
        f'<section aria-label="{esc(title)}" style="border:1px solid {BORDER};border-radius:6px;padding:6px;'
        f'font-size:0.9em"><div style="font-weight:bold">{esc(title)}</div>'
        f'<div style="font-size:0.85em;color:{TEXT_MUTED}">{esc(lead)}</div>{inner}</section>'
    )


def wire_html(world) -> str:
    return panel_html(
        "The wire",
        "Every byte that travels, as a tap on the network sees it.",
        ("Captured", records_html(world, "Attacker", only="wire capture")),
    )


def provider_html(world) -> str:
    return panel_html(
        "The Provider's servers",
        "What the servers keep: their keys, the message store, the log of who wrote to whom.",
        ("Keys", keys_html(world, "Provider")),
        ("Holds", records_html(world, "Provider")),
        ("Can read", readable_html(world, "Provider")),
    )


def state_html(world) -> str:
    return panel_html(
        "The State's desk",
        "A standing warrant: the Provider hands over what it holds or relays for Alice's conversations.",
        ("Keys", keys_html(world, "State")),
        ("Received", records_html(world, "State")),
        ("Can read", readable_html(world, "State")),
    )


def loot_html(world) -> str:
    return panel_html(
        "The Attacker's loot",
        "A criminal who records the wire, and keeps whatever a breach exposes.",
        ("Stolen keys", keys_html(world, "Attacker")),
        ("Copied from breached servers", records_html(world, "Attacker", but="wire capture")),
        ("Can read", readable_html(world, "Attacker")),
    )
