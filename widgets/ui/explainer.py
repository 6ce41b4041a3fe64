"""The newsroom explainer: six big buttons, each a proposal from the debate, over the playground.

A button sets the playground's switches to that proposal (one replay of the whole conversation, with real
cryptography), then says in plain words what the proposal is, who can read the messages now, what changed
from today's end-to-end encryption, and where each fact comes from. The playground beneath it is the same
as in chapter 10, with its raw bytes hidden until the reader asks for them ("Show the bytes").

Who can read what is never written here: every sentence is counted from the model's answers
(``World.access``), after the policy is set.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w

from ..conversations import starter_world
from ..policy import Policy
from .html import esc
from .palette import TEXT_SOFT
from .playground import Playground

OUTSIDERS = ("Provider", "State", "Attacker")
WHO = {
    "Provider": "the Provider (the company that runs the app)",
    "State": "the State (police and intelligence services, with a warrant for Alice's conversations)",
    "Attacker": "the Attacker (a criminal who records everything on the network)",
}

# Bob passes on a flyer he saw, word for word: it resembles the (invented) item on the scanning list.
FLYER = (
    "Bob",
    "Alice",
    "Found this flyer at the station: Join the Northern Front: the hour of action has come, take up arms",
)


@dataclass(frozen=True)
class Source:
    title: str
    who: str  # author or publisher
    date: str
    link: str

    def html(self) -> str:
        return (
            f"{esc(self.who)}, “{esc(self.title)}”, {esc(self.date)}. "
            f'<a href="{esc(self.link)}" target="_blank" rel="noopener">{esc(self.link)}</a>'
        )


@dataclass(frozen=True)
class Scenario:
    key: str
    button: str  # the words on the big button
    title: str
    policy: Policy
    story: str  # what the proposal is, in plain words; every fact in it comes from ``sources``
    sources: tuple[Source, ...]


CITY_AM = Source(
    "WhatsApp end-to-end encryption ‘completely unacceptable’ warns home secretary Amber Rudd",
    "Lynsey Barber, City A.M.",
    "March 2017",
    "http://www.cityam.com/261700/amber-rudd-just-called-whatsapps-end-end-encryption",
)
INDEPENDENT = Source(
    "Government must have power to spy on Whatsapp users' messages, Home Secretary Amber Rudd demands",
    "Rob Merrick, The Independent",
    "26 March 2017",
    "https://www.independent.co.uk/news/uk/politics/whatsapp-amber-rudd-security-access-spy-users-messages-"
    "home-secretary-khalid-masood-a7650481.html",
)
MALTA_TODAY = Source(
    "UK interior minister accuses WhatsApp of giving terrorists ‘secret place to hide’",
    "MaltaToday",
    "March 2017",
    "http://www.maltatoday.com.mt/news/world/75692/"
    "uk_interior_minister_accuses_whatsapp_of_giving_terrorists_secret_place_to_hide",
)
BLAZE = Source(
    "Protocol Failure in the Escrowed Encryption Standard",
    "Matt Blaze, AT&T Bell Laboratories (ACM CCS 1994)",
    "preliminary draft, 3 June 1994",
    "https://www.mattblaze.org/papers/eesproto.pdf",
)
NIST_SENATE = Source(
    "Responses to Questions from the Senate Subcommittee on Technology and the Law",
    "National Institute of Standards and Technology (copy kept by the-eye.eu, a volunteer-run archive)",
    "June 1994",
    "https://the-eye.eu/public/Books/cdn.preterhuman.net/texts/underground/info/Clipper/EES-NISTSenateAnswers.txt",
)
DOORMATS = Source(
    "Keys Under Doormats: Mandating insecurity by requiring government access to all data and communications",
    "Harold Abelson and 14 others, MIT-CSAIL-TR-2015-026",
    "6 July 2015",
    "http://dspace.mit.edu/handle/1721.1/97690",
)
GHOST = Source(
    "GCHQ's proposed 'ghost user' designed to spy on encrypted communications (quoting Ian Levy and Crispin "
    "Robinson, “Principles for a More Informed Exceptional Access Debate”, Lawfare, 29 November 2018)",
    "Byline Times",
    "4 June 2019",
    "https://bylinetimes.com/2019/06/04/gchqs-proposed-ghost-user-designed-to-spy-on-encrypted-communications/",
)
OPEN_LETTER = Source(
    "Open Letter to GCHQ on the Threats Posed by the Ghost Proposal",
    "Sharon Bradford Franklin and Andi Wilson Thompson, Lawfare",
    "30 May 2019",
    "https://www.lawfaremedia.org/article/open-letter-gchq-threats-posed-ghost-proposal",
)
NEW_AMERICA = Source(
    "Open Letter Calls on the UK's GCHQ to Abandon its Dangerous Ghost Proposal that Threatens Encryption, "
    "Cybersecurity, and Human Rights",
    "New America, press release",
    "30 May 2019",
    "https://www.newamerica.org/oti/press-releases/open-letter-calls-uks-gchq-abandon-its-dangerous-ghost-"
    "proposal-threatens-encryption-cybersecurity-and-human-rights/",
)
APPLE_DROPS = Source(
    "Apple Abandons Controversial Plans to Detect Known CSAM in iCloud Photos",
    "MacRumors",
    "7 December 2022",
    "https://www.macrumors.com/2022/12/07/apple-abandons-icloud-csam-detection",
)
BUGS = Source(
    "Bugs in Our Pockets: The Risks of Client-Side Scanning",
    "Harold Abelson and 13 others, arXiv:2110.07450",
    "October 2021",
    "https://arxiv.org/abs/2110.07450",
)

SCENARIOS = (
    Scenario(
        "today",
        "Today: end-to-end",
        "Today: end-to-end encryption",
        Policy(),
        "Each message is locked on the sender's phone with a key only the recipient's phone holds. The company "
        "that runs the app carries the locked message and knows who wrote to whom, but holds no key that opens "
        "it. A 2017 report put it in one sentence: end-to-end encryption “means texts and emails cannot be "
        "accessed in extremis by the service provider, or by the authorities demanding that information with a "
        "warrant”.",
        (MALTA_TODAY,),
    ),
    Scenario(
        "rudd",
        "What the Home Secretary asked for (2017)",
        "What the Home Secretary asked for (March 2017)",
        Policy(end_to_end=False),
        "After the Westminster attack, the UK Home Secretary, Amber Rudd, said on 26 March 2017 that the "
        "intelligence services must “have the ability to get into situations like encrypted WhatsApp”, "
        "“legally through warrantry”. She said she did not want to read everyone's messages, only in "
        "investigations of terrorists, and she did not say how it should be done. The simplest way to give the "
        "company something to hand over is the way messaging worked before end-to-end encryption: messages are "
        "locked only on their way to and from the company's servers, which unlock them. That is what this "
        "button switches on; the next buttons are ways proposed since then that keep end-to-end locks.",
        (CITY_AM, INDEPENDENT),
    ),
    Scenario(
        "escrow",
        "Key escrow",
        "Key escrow: a spare key for the State",
        Policy(escrow=True),
        "Every message stays locked end to end, but its key is also locked for a master key that the State "
        "holds, in a field sent with the message; apps refuse messages without it. This is the design of the "
        "Clipper chip, which the US government announced in April 1993: its “Law Enforcement Access Field” "
        "“contains an encrypted copy of the current session key”, in the words of Matt Blaze, who showed in "
        "1994 that the field could be forged.",
        (NIST_SENATE, BLAZE),
    ),
    Scenario(
        "escrow_stolen",
        "Escrow key stolen",
        "Key escrow, and the master key is stolen",
        Policy(escrow=True, escrow_breach=True),
        "A key that opens everyone's messages is a prize for criminals and foreign spies. If it leaks, whoever "
        "holds it opens every message they ever recorded, old ones included. The 2015 report Keys Under "
        "Doormats, by fifteen computer scientists and security experts, lists such concentrated targets among "
        "the dangers of government access.",
        (DOORMATS,),
    ),
    Scenario(
        "ghost",
        "A ghost in the chat",
        "A ghost in the chat (GCHQ officials, 2018)",
        Policy(ghost=True),
        "In November 2018 two senior officials of GCHQ, Ian Levy and Crispin Robinson, wrote: “It's relatively "
        "easy for a service provider to silently add a law enforcement participant to a group chat or call”. "
        "Messages stay end-to-end encrypted, but one more ‘end’ — the State — gets a copy, and the phones are "
        "not told. In May 2019, 47 organisations and experts answered in an open letter; its release warned of "
        "“damaging user trust in encrypted messaging services”.",
        (GHOST, OPEN_LETTER, NEW_AMERICA),
    ),
    Scenario(
        "scanning",
        "Client-side scanning",
        "Client-side scanning: the phone checks before it locks",
        Policy(client_scanning=True),
        "Before a message is locked, the app compares it with a list of ‘fingerprints’ that an authority "
        "controls, and reports anything that resembles an item on the list — with the message — to the State. "
        "Apple announced a plan of this kind for photos in August 2021 and dropped it in December 2022. In "
        "October 2021, fourteen security researchers warned that such scanning “can fail, can be evaded, and "
        "can be abused”. Here, Bob sends Alice the words of a flyer he found: the app compares words, not intent.",
        (APPLE_DROPS, BUGS),
    ),
)


def explainer_world(seed: int | None = 2017):
    """The playground's starter conversation, plus Bob passing on a flyer that resembles the list's item."""
    world = starter_world(seed=seed)
    world.send(*FLYER)
    return world


def who_reads(world) -> list[str]:
    """One plain sentence per outsider: how many messages it can read, and what it has of the others."""
    messages = world.messages
    total = len(messages)
    lines = []
    for party in OUTSIDERS:
        levels = [world.access(party, m) for m in messages]
        read = [m for m, level in zip(messages, levels, strict=True) if level == "can read"]
        if len(read) == total:
            sentence = f"can read every message ({total} of {total})"
        elif not read:
            sentence = f"cannot read any of the {total} messages"
        else:
            sentence = f"can read {len(read)} of {total} messages: {_which(read, messages)}"
        rest = []
        if (n := levels.count("metadata only")) and read:
            rest.append(f"of {n} more it knows only who wrote to whom, when and how much")
        elif n:
            rest.append(f"of {n} it knows who wrote to whom, when and how much, but not the words")
        if n := levels.count("ciphertext only"):
            rest.append(f"of {n} it holds only locked bytes it cannot open")
        lines.append(f"{_cap(WHO[party])} {sentence}" + ("; " + "; ".join(rest) if rest else "") + ".")
    return lines


def compared_with_today(world, today: dict[int, frozenset[str]]) -> str:
    """What this policy changed, in one sentence, against who read each message under today's default."""
    changes = []
    for party in OUTSIDERS:
        now = sum(party in world.readers(m) for m in world.messages if m.id in today)
        was = sum(party in today[m.id] for m in world.messages if m.id in today)
        if now > was:
            changes.append(f"the {party} reads {now - was} more message{'s' if now - was != 1 else ''}")
        elif now < was:
            changes.append(f"the {party} reads {was - now} fewer")
    if not changes:
        return "Compared with today's end-to-end encryption: no outsider reads more."
    return "Compared with today's end-to-end encryption: " + _and(changes) + "."


class Explainer(w.VBox):
    """``Explainer()``: the scenario buttons, the words, and the playground (bytes hidden) beneath."""

    def __init__(self, world=None, show_bytes: bool = False) -> None:
        self.world = world if world is not None else explainer_world()
        self.playground = Playground(self.world, show_bytes=show_bytes)
        self.buttons = {s.key: _button(s) for s in SCENARIOS}
        for scenario in SCENARIOS:
            self.buttons[scenario.key].on_click(lambda _b, s=scenario: self.choose(s.key))
        self.card = w.HTML()
        self.scenario: Scenario | None = None
        self._today = self._readers_today()
        grid = w.GridBox(
            list(self.buttons.values()),
            layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(300px, 1fr))", grid_gap="8px"),
        )
        super().__init__(
            [
                w.HTML(
                    "<p style='margin:0 0 6px'><strong>Choose a proposal.</strong> The whole conversation is sent "
                    "again under its rules; below the buttons, who can read the messages now.</p>"
                ),
                grid,
                self.card,
                self.playground,
            ]
        )
        self.choose("today")

    def choose(self, key: str) -> None:
        """Apply one scenario: set the policy (one replay), then redraw the words from the model."""
        scenario = next(s for s in SCENARIOS if s.key == key)
        if any(m.id not in self._today for m in self.world.messages):
            self._today = self._readers_today()  # the reader sent more messages: recount today's readers
        self.playground.set_policy(scenario.policy)
        self.scenario = scenario
        for k, button in self.buttons.items():  # the chosen one: colour, a tick, and the heading below
            button.button_style = "primary" if k == key else ""
            button.icon = "check" if k == key else ""
        self.card.value = card_html(self.world, scenario, self._today)

    def _readers_today(self) -> dict[int, frozenset[str]]:
        current = self.world.policy
        if current != Policy():
            self.world.policy = Policy()
        today = {m.id: self.world.readers(m) for m in self.world.messages}
        if current != Policy():
            self.world.policy = current
        return today


def card_html(world, scenario: Scenario, today: dict[int, frozenset[str]]) -> str:
    """The scenario in words: what it is, who reads now, the change from today, and the sources."""
    readers = "".join(f"<li>{esc(line)}</li>" for line in who_reads(world))
    sources = "".join(f"<li>{s.html()}</li>" for s in scenario.sources)
    change = "" if scenario.key == "today" else f"<p><strong>{esc(compared_with_today(world, today))}</strong></p>"
    return (
        f'<section class="scenario" role="status" aria-live="polite" aria-label="{esc(scenario.title)}" '
        'style="margin:8px 0;font-size:1.05em;line-height:1.45;max-width:62em">'
        f"<h3 style='margin:4px 0'>{esc(scenario.title)}</h3><p>{esc(scenario.story)}</p>"
        f"<p style='margin-bottom:2px'><strong>Who can read the messages now</strong> (found by really trying "
        f"to decrypt what each one holds):</p><ul class='who-reads' style='margin-top:2px'>{readers}</ul>{change}"
        f'<details><summary style="color:{TEXT_SOFT}">Sources</summary><ol>{sources}</ol></details></section>'
    )


def _which(read: list, messages: list) -> str:
    """The messages a party reads, in words: "every message Alice sent or received", or each one, shortened."""
    for user in ("Alice", "Bob", "Carol"):
        if read == [m for m in messages if user == m.sender or user in m.recipients]:
            return f"every message {user} sent or received"
    return ", ".join(f"{m.sender} → {m.recipient} “{_clip(m.text)}”" for m in read)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _button(scenario: Scenario) -> w.Button:
    return w.Button(
        description=scenario.button,
        tooltip=scenario.title,
        layout=w.Layout(width="auto", height="3.2em"),
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
