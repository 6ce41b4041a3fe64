"""The newsroom explainer: eight big buttons, today's design and proposals from the debate, over the playground.

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

from ..labs.conversations import starter_world
from ..protocol.policy import Policy
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
WHITE_HOUSE_1993 = Source(
    "Statement by the Press Secretary (the Clipper chip initiative)",
    "The White House, Office of the Press Secretary (as posted to the cypherpunks mailing list that day)",
    "16 April 1993",
    "https://mailing-list-archive.cryptoanarchy.wiki/archive/1993/04/"
    "5bb5b75e89c60b15b2a96dbf9962a8e614e13be1776f8f1b8b9ea70f9a616f38",
)
WHITE_HOUSE_QA = Source(
    "Questions and Answers about the Clinton Administration's Telecommunications Initiative",
    "The White House (copy kept by boogieonline.com)",
    "April 1993",
    "https://www.boogieonline.com/revolution/express/techno/crypto/escrow/qanda.html",
)
COMMISSION_2022 = Source(
    "EU proposes new rules to fight child sexual abuse",
    "European Commission, Migration and Home Affairs",
    "11 May 2022",
    "https://home-affairs.ec.europa.eu/news/eu-proposes-new-rules-fight-child-sexual-abuse-2022-05-11_de",
)
APPLE_SAFEGUARDS = Source(
    "Apple Outlines Security and Privacy of CSAM Detection System in New Document",
    "MacRumors",
    "13 August 2021",
    "https://www.macrumors.com/2021/08/13/apple-child-safety-features-new-details/",
)
VERGE_SECOND_HASH = Source(
    "Apple says collision in child-abuse hashing system is not a concern",
    "The Verge",
    "18 August 2021",
    "https://www.theverge.com/2021/8/18/22630439/apple-csam-neuralhash-collision-vulnerability-flaw-cryptography",
)
FBI_IPHONE = Source(
    "Justice Department Officially Drops Lawsuit Against Apple in Ongoing iPhone Unlocking Dispute (quoting the "
    "government's court filing)",
    "MacRumors",
    "28 March 2016",
    "https://www.macrumors.com/2016/03/28/doj-drops-lawsuit-against-apple",
)
ACLU_HACKING = Source(
    "Government Hacking Makes Everyone Less Safe",
    "Danny Yadron and Jennifer Stisa Granick, American Civil Liberties Union blog",
    "13 September 2018",
    "https://www.aclu.org/blog/privacy-technology/internet-privacy/government-hacking-makes-everyone-less-safe",
)
WASHINGTON_POST = Source(
    "U.K. orders Apple to let it spy on users' encrypted accounts (paywalled; read as quoted by other publications)",
    "Joseph Menn, The Washington Post",
    "7 February 2025",
    "https://www.washingtonpost.com/technology/2025/02/07/apple-encryption-backdoor-uk/",
)
BBC_ADP = Source(
    "What Apple pulling Advanced Data Protection means for you",
    "BBC News",
    "February 2025",
    "https://feeds.bbci.co.uk/news/articles/cn524lx9445o",
)
BBC_PULLS = Source(
    "Apple pulls data protection tool after UK government security row",
    "Zoe Kleinman, BBC News",
    "21 February 2025",
    "https://www.bbc.com/news/articles/cgj54eq4vejo",
)
APPLE_STATEMENT = Source(
    "Apple pulls data protection tool from UK after Government security row (Apple's statement in full)",
    "LBC (Press Association)",
    "21 February 2025",
    "https://www.lbc.co.uk/tech/cd32e2ef6cfa482b94ccf3b84a59a28a",
)
MACRUMORS_UK = Source(
    "UK May Backtrack on Controversial Demand for Backdoor to Encrypted Apple User Data",
    "MacRumors",
    "20 July 2025",
    "https://www.macrumors.com/2025/07/20/uk-may-backtrack-on-demand-for-backdoor",
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
        "no_end_to_end",
        "No end-to-end (one way to meet the 2017 demand)",
        "No end-to-end encryption: one way to meet the Home Secretary's 2017 demand",
        Policy(end_to_end=False),
        "After the Westminster attack, the UK Home Secretary, Amber Rudd, said on 26 March 2017 that the "
        "intelligence services must “have the ability to get into situations like encrypted WhatsApp”, "
        "“legally through warrantry”. She also said “We're not saying open up”: she did not want to read "
        "everyone's messages, only in investigations of terrorists, and she did not say how it should be done. "
        "This button is one way of meeting her demand, not what she proposed. The simplest way to give the "
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
        "Clipper chip, which the US government announced on 16 April 1993 to “improve the security and privacy "
        "of telephone communications while meeting the legitimate needs of law enforcement”: strong "
        "encryption for everyone, and for investigators a way in that, in the White House's words, would "
        "require them to “obtain legal authorization, normally a court order”. Its “Law Enforcement Access "
        "Field” “contains an encrypted copy of the current session key”, in the words of Matt Blaze, who "
        "showed in 1994 that the field could be forged.",
        (WHITE_HOUSE_1993, WHITE_HOUSE_QA, NIST_SENATE, BLAZE),
    ),
    Scenario(
        "escrow_stolen",
        "Escrow key stolen",
        "Key escrow, and the master key is stolen",
        Policy(escrow=True, escrow_breach=True),
        "A key that opens everyone's messages is a prize for criminals and foreign spies. If it leaks, whoever "
        "holds it opens every message they ever recorded, old ones included. The 2015 report Keys Under "
        "Doormats, by fifteen computer scientists and security experts, lists such concentrated targets among "
        "the dangers of government access. Clipper's designers answered that risk by splitting each key in two, "
        "“stored separately in order to ensure the security of the key escrow system” (the White House, April "
        "1993); in this model the State holds one whole key, so one theft is enough.",
        (DOORMATS, WHITE_HOUSE_QA),
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
        "The aim of such proposals is to find known child sexual abuse material: the European Commission said "
        "in May 2022 that “85 million pictures and videos showing child sexual abuse were reported worldwide in "
        "2021, many more go unreported”. Apple announced a plan of this kind for photos in August 2021, with "
        "safeguards: an account would be flagged for human review only after 30 matching images, and a "
        "second, separate hash on Apple's servers would check matches before reviewers saw them. Apple "
        "dropped the plan in December 2022. In October 2021, fourteen security researchers warned that such "
        "scanning “can fail, can be evaded, and can be abused”. Here the list holds one invented item, a call "
        "to arms, and Bob sends Alice the words of a flyer he found: the app compares words, not intent.",
        (COMMISSION_2022, APPLE_SAFEGUARDS, VERGE_SECOND_HASH, APPLE_DROPS, BUGS),
    ),
    Scenario(
        "implant",
        "A hacked phone (one suspect)",
        "A hacked phone: spyware on one suspect's phone",
        Policy(endpoint_implant=True),
        "No lock is changed. Instead, spyware is planted on the suspect's own phone — here Alice's — and copies "
        "what is on her screen, before encryption and after decryption. It works one phone at a time. Some "
        "critics of a general way in pointed to such targeted routes: in 2017 Brian Paddick, a former senior "
        "Metropolitan Police officer, said “there are ways security services could view the content of "
        "suspected terrorists' encrypted messages”. In 2016 the FBI told a court it had “successfully "
        "accessed the data stored on Farook's iPhone”, the San Bernardino attacker's, without Apple's help. "
        "Others warn of the cost: hacking relies on security flaws that are kept unpatched, and those flaws "
        "are open to criminals too (American Civil Liberties Union, 2018).",
        (CITY_AM, FBI_IPHONE, ACLU_HACKING),
    ),
    Scenario(
        "backups",
        "Backups the Provider can open (UK/Apple, 2025)",
        "Backups the Provider can open: the 2025 UK/Apple case",
        Policy(cloud_backup=True),
        "Messages stay end-to-end encrypted on their way, but the phones back up the chats to the company, "
        "locked with a key the company keeps: so the company can open them, and hand them over under a "
        "warrant. Of Apple's standard iCloud backups the BBC wrote: “The company can be ordered to hand over "
        "this data by law enforcement”. Apple's option Advanced Data Protection locks backups with keys only the "
        "user's devices hold. In February 2025 The Washington Post reported, citing people familiar with the "
        "matter, that the UK had served Apple with a notice demanding access to such data; the law forbids "
        "Apple to confirm it. On 21 February 2025 Apple stopped offering the option to new UK users, saying "
        "“we have never built a backdoor or master key to any of our products or services and we never will”. "
        "The UK government does not comment on such notices; as MacRumors summarised it, it had argued that "
        "this kind of access is necessary to investigate serious crimes such as terrorism and child sexual "
        "abuse.",
        (BBC_ADP, WASHINGTON_POST, BBC_PULLS, APPLE_STATEMENT, MACRUMORS_UK),
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
        f"<h2 style='margin:4px 0;font-size:1.17em'>{esc(scenario.title)}</h2><p>{esc(scenario.story)}</p>"
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
