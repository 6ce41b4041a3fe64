"""The playground: every policy switch, a compose box, the phones, the wire, the servers, the State's desk,
the Attacker's loot, the who-can-read table, the last message's journey and one line of narration.

The four panels of raw bytes (the wire, the servers, the State's desk, the Attacker's loot) sit behind a
"Show the bytes" switch: on by default here, off in the newsroom explainer (``show_bytes=False``).

Changing a switch replays the whole conversation in the model (``world.policy = ...``); every panel then
redraws from the model's result. With a long conversation the narration, the table, the phones and the byte
panels cover the latest ``WINDOW`` messages (a note says so), so a redraw stays small. "Who can write as
Alice?" runs ``world.forge`` for each party on demand (it copies the world once per party, so it is not
redone on every click of a switch). No cryptography happens here.
"""

from __future__ import annotations

import ipywidgets as w

from ..protocol.holdings import Holdings
from ..protocol.message import MessageRefused
from ..protocol.policy import Policy
from .debate import debate_html  # each side's strongest case, folded under the switch
from .html import esc
from .narration import STICKY_STYLE, narration_html, snapshot
from .palette import TEXT_MUTED, TEXT_SOFT, WARNING_TEXT
from .panels import loot_html, provider_html, state_html, wire_html
from .phones import phone_html
from .sequence import journey_html
from .switchboard import help_html
from .tables import access_table_html
from .words import counted

GROUP = "everyone else (group)"
CARD = w.Layout(flex="1 1 300px", min_width="260px", margin="4px")
WINDOW = 40  # messages drawn in the table, the phones and the byte panels: the latest ones


class LatestMessages:
    """The world as the panels see it: everything the same, but only its latest ``size`` messages (and the
    records about them). The model is not touched: this only chooses what to draw."""

    def __init__(self, world, size: int = WINDOW) -> None:
        self._world = world
        self.messages = world.messages[-size:]
        self._ids = {m.id for m in self.messages}
        self.hidden = len(world.messages) - len(self.messages)

    def __getattr__(self, name):  # policy, parties, users, access, read_as, readers, learned, …
        return getattr(self._world, name)

    def holdings(self, party: str) -> Holdings:
        held = self._world.holdings(party)
        return Holdings(party, held.keys, tuple(r for r in held.records if r.msg in self._ids))


class Playground(w.VBox):
    """``Playground(world)``: the live dashboard. ``.controls`` maps each Policy switch to its checkbox;
    ``show_bytes`` says whether the panels of raw bytes start shown (``.bytes_switch`` shows or hides them)."""

    def __init__(self, world, show_bytes: bool = True) -> None:
        self.world = world
        self._syncing = False
        self.controls = {name: _switch(name, getattr(world.policy, name)) for name in Policy.switches()}
        self.narration = w.HTML(narration_html(LatestMessages(world)))
        self.table = w.HTML()
        self.phones = {user: w.HTML(layout=CARD) for user in ("Alice", "Bob")}
        self.wire, self.provider, self.state, self.loot = (w.HTML(layout=CARD) for _ in range(4))
        self.journey = w.HTML()
        self.window_note = w.HTML()
        self.writers = w.HTML(_WRITERS_PROMPT)
        self.writers_button = w.Button(
            description="Who can write as Alice?",
            icon="pencil",
            tooltip="Each party tries, with only what it holds, to get Bob's app to accept a message as Alice's",
            layout=w.Layout(width="auto"),
        )
        self.writers_button.on_click(lambda button: self._try_writers())
        self.sender, self.recipient, self.text, self.tamper, self.send_button, self.feedback = _compose(world)

        for name, box in self.controls.items():
            box.observe(lambda change, name=name: self._switch_flipped(name), names="value")
        self.text.observe(lambda change: self._update_send_button(), names="value")
        self.sender.observe(lambda change: self._update_send_button(), names="value")
        self.recipient.observe(lambda change: self._update_send_button(), names="value")
        self.send_button.on_click(lambda button: self._send())
        self.steal_button = w.Button(
            description="A thief copies Alice's phone now",
            icon="mobile",
            tooltip="The Attacker copies the keys on Alice's phone as they are at this moment; messages "
            "sent afterwards may open to it too. Compare with forward secrecy on and off.",
            layout=w.Layout(width="auto"),
        )
        self.steal_button.on_click(lambda button: self._steal())
        self.bytes_switch = w.Checkbox(
            value=bool(show_bytes),
            description="Show the bytes",
            tooltip="Show the raw bytes that travel on the wire, sit on the Provider's servers, reach the State's "
            "desk and fill the Attacker's loot. The table above already says in words what each can read.",
            indent=False,
            layout=w.Layout(width="auto"),
        )
        self.bytes_switch.observe(lambda change: self._show_bytes(change["new"]), names="value")
        self.byte_panels = w.VBox(
            [
                w.HBox([self.wire, self.provider], layout=w.Layout(flex_flow="row wrap")),
                w.HBox([self.state, self.loot], layout=w.Layout(flex_flow="row wrap")),
            ]
        )

        switch_rows = [
            w.VBox([box, _help(name)], layout=w.Layout(margin="0 0 4px 0")) for name, box in self.controls.items()
        ]
        # A grid of switches above the table: as many columns as fit, so that the table (and the effect of a
        # click) stays on screen in a narrow notebook as well as in a wide app.
        switches = w.VBox(
            [
                w.HTML("<strong>Policy switches</strong> — each one replays the whole conversation"),
                w.GridBox(
                    switch_rows,
                    layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(250px, 1fr))", grid_gap="2px 12px"),
                ),
            ],
            layout=w.Layout(margin="4px"),
        )
        compose = w.VBox(
            [
                w.HTML("<strong>Write a message</strong>"),
                w.HBox([self.sender, self.recipient]),
                self.text,
                self.tamper,
                w.HBox([self.send_button]),
                self.feedback,
                self.steal_button,
            ],
            layout=CARD,
        )
        super().__init__(
            [
                w.HTML(f"{STICKY_STYLE}<h2 style='margin:0;font-size:1.17em'>Who can read it? — the playground</h2>"),
                switches,
                self.narration,
                w.VBox([self.window_note, self.table, LEGEND], layout=w.Layout(margin="4px", overflow="auto")),
                w.VBox([self.writers_button, self.writers], layout=w.Layout(margin="4px")),
                w.HBox([compose, self.phones["Alice"], self.phones["Bob"]], layout=w.Layout(flex_flow="row wrap")),
                w.VBox([self.bytes_switch, BYTES_HELP], layout=w.Layout(margin="4px")),
                self.byte_panels,
                self.journey,
            ],
            _dom_classes=("sticky-host",),  # add_class would call this class's own _send
        )
        self.narration.add_class("result-line")  # sticks while the switches are in view (narration.py)
        self._sync_prerequisites()
        self.byte_panels.layout.display = None if self.bytes_switch.value else "none"
        self.refresh()

    def set_policy(self, policy: Policy) -> None:
        """Set every switch to ``policy`` at once: one replay, one redraw (the explainer's scenario buttons)."""
        self._syncing = True
        try:
            for name, box in self.controls.items():
                box.value = getattr(policy, name)
        finally:
            self._syncing = False
        self._sync_prerequisites()
        self.world.policy = Policy(**{n: box.value for n, box in self.controls.items()})
        self.refresh()
        self.narration.value = narration_html(LatestMessages(self.world))  # who outside the conversations reads now

    # --- reacting -------------------------------------------------------------------------

    def _switch_flipped(self, name: str) -> None:
        if self._syncing:
            return
        before = snapshot(LatestMessages(self.world))
        self._sync_prerequisites()
        values = {n: box.value for n, box in self.controls.items()}
        self.world.policy = Policy(**values)  # replays every message under the new policy
        self.refresh()
        self.narration.value = narration_html(LatestMessages(self.world), name, before)
        self.writers.value = _WRITERS_PROMPT  # the last answer was for other switches

    def _sync_prerequisites(self) -> None:
        """A switch that needs another (a breach of escrow needs escrow) is off and greyed until it is on."""
        self._syncing = True
        try:
            for name, box in self.controls.items():
                needs = Policy.describe(name)["needs"]
                if needs:
                    box.disabled = not self.controls[needs].value
                    if box.disabled:
                        box.value = False
        finally:
            self._syncing = False

    def _try_writers(self) -> None:
        if "Bob" not in self.world.users:
            self.writers.value = "<div>Bob is not in this conversation.</div>"
            return
        results = self.world.who_can_write("Alice", "Bob", "Change of plan: send the files to this new address")
        rows = "".join(
            f"<li><strong>{esc(party)}</strong>: {esc(_writer_words(m.status))}</li>" for party, m in results.items()
        )
        able = [party for party, m in results.items() if m.status.startswith("accepted")]
        lead = (
            f"Under these switches {', '.join(able)} can write to Bob as Alice."
            if able
            else "Under these switches nobody but Alice can write to Bob as Alice."
        )
        self.writers.value = (
            f'<div role="status"><p style="margin:2px 0"><strong>{esc(lead)}</strong> Each party tried, with only '
            f"what it holds, to get Bob's app to accept a message as hers:</p>"
            f'<ul style="margin:0;padding-left:1.2em">{rows}</ul></div>'
        )

    def _update_send_button(self) -> None:
        problem = _compose_problem(self.sender.value, self.recipient.value, self.text.value)
        self.send_button.disabled = problem is not None
        self.send_button.tooltip = problem or "Send the message through every stage of the journey"

    def _send(self) -> None:
        try:
            message = self.world.send(self.sender.value, self._recipients(), self.text.value, tamper=self.tamper.value)
        except MessageRefused as refusal:
            self.feedback.value = f'<div role="alert" style="color:{WARNING_TEXT}">Not sent: {esc(refusal)}</div>'
            return  # the typed text stays in the box
        self.text.value = ""
        self.tamper.value = False
        self.feedback.value = f"<div>Sent #{message.id}: {esc(message.status)}.</div>"
        self.refresh()
        self.narration.value = narration_html(LatestMessages(self.world))

    def _recipients(self) -> str | tuple[str, ...]:
        if self.recipient.value == GROUP:  # everyone else in the conversation: a group chat
            return tuple(u for u in self.recipient.options if u not in (GROUP, self.sender.value))
        return self.recipient.value

    def _steal(self) -> None:
        before = snapshot(self.world)
        taken = self.world.compromise("Alice", by="Attacker")
        self.refresh()
        gained = sum(
            "Attacker" in self.world.readers(m) and "Attacker" not in before[m.id] for m in self.world.messages
        )
        self.feedback.value = (
            f"<div>The thief took {counted(sum('chat history' not in t for t in taken), 'key')} and the chat "
            f"history stored on Alice's phone. Of the {counted(len(before), 'message')} "
            f"sent so far, it can now read {gained} it could not read before.</div>"
        )
        self.narration.value = narration_html(LatestMessages(self.world))

    # --- drawing --------------------------------------------------------------------------

    def _show_bytes(self, shown: bool) -> None:
        self.byte_panels.layout.display = None if shown else "none"
        if shown:
            self._draw_bytes()

    def _draw_bytes(self) -> None:
        world = LatestMessages(self.world)
        self.wire.value = wire_html(world)
        self.provider.value = provider_html(world)
        self.state.value = state_html(world)
        self.loot.value = loot_html(world)

    def refresh(self) -> None:
        """Redraw every panel from the model (the byte panels only while they are shown)."""
        world = LatestMessages(self.world)
        self.window_note.value = (
            f'<div style="font-size:0.85em;color:{TEXT_MUTED}">Showing the latest {len(world.messages)} of '
            f"{len(self.world.messages):,} messages (the sentence above counts these too).</div>"
            if world.hidden
            else ""
        )
        self.table.value = access_table_html(world)
        for user, phone in self.phones.items():
            phone.value = phone_html(world, user)
        if self.bytes_switch.value:
            self._draw_bytes()
        self.journey.value = journey_html(world.messages[-1] if world.messages else None)
        self._update_send_button()


_WRITERS_PROMPT = (
    f'<div style="font-size:0.85em;line-height:1.4;color:{TEXT_MUTED}">A way in to read can be a way in to write: '
    "press the button to have each party try to send Bob a message as Alice under the switches now set.</div>"
)


def _writer_words(status: str) -> str:
    if status.startswith("accepted"):
        return "succeeds: Bob's app shows its words as Alice's"
    return "fails: " + status.removeprefix("rejected: ")


LEGEND = w.HTML(
    f'<div style="font-size:0.85em;line-height:1.4;color:{TEXT_MUTED}">In the table: ● <b>can read</b> · '
    "◐ <b>metadata only</b> (who, to whom, when, how big) · ○ <b>ciphertext only</b> (locked bytes) · <b>nothing</b>. "
    "Colour repeats the words.</div>"
)


BYTES_HELP = w.HTML(
    f'<div style="font-size:0.8em;color:{TEXT_SOFT};line-height:1.3">The bytes each outsider holds: what travels on '
    "the wire, what the Provider's servers keep, what the State receives and what the Attacker has stolen. They are "
    "real: what PyNaCl produced. Hiding them changes nothing else: the table above says in words what each can "
    "read.</div>"
)


def _switch(name: str, value: bool) -> w.Checkbox:
    info = Policy.describe(name)
    return w.Checkbox(value=value, description=info["label"], tooltip=info["help"], indent=False)


def _help(name: str) -> w.HTML:
    """The switch's one-sentence explanation and what it needs, collapsed under it (not only a tooltip), then
    each side's strongest case where the switch is a proposal."""
    return w.HTML(help_html(name) + debate_html(name))


def _compose(world):
    users = list(world.users) + [u for u in ("Carol",) if u not in world.users]
    sender = w.Dropdown(options=users, value="Alice", description="From", layout=w.Layout(width="160px"))
    recipient = w.Dropdown(options=[*users, GROUP], value="Bob", description="To", layout=w.Layout(width="220px"))
    text = w.Textarea(
        placeholder="Type a message…",
        description="Message",
        tooltip="The message to send",
        layout=w.Layout(width="auto", height="70px"),  # "100%" plus the widget's margin ran past the card
    )
    tamper = w.Checkbox(
        value=False,
        description="An attacker flips one bit of it on the way",
        tooltip="Shows what the recipient's app does with altered bytes",
        indent=False,
    )
    button = w.Button(description="Send", button_style="primary", icon="paper-plane", disabled=True)
    feedback = w.HTML()
    return sender, recipient, text, tamper, button, feedback


def _compose_problem(sender: str, recipient: str, text: str) -> str | None:
    if not text.strip():
        return "Type a message first"
    if sender == recipient:
        return "Choose a different recipient"
    return None
