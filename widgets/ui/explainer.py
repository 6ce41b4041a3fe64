"""The newsroom explainer: eight big buttons, today's design and proposals from the debate, over the playground.

The answer comes first. At the top, before any button is pressed, two sourced sentences answer what the UK's
2017 demand would actually do (no design was named); then a table compares the proposals side by side (who can
read besides Alice and Bob, what else each one opens, where it stands as of a date, one sourced line for and
one against). Under the buttons, a one-line verdict and what changed compared with today, then the story with
its sources. The playground beneath is the same as in chapter 10, folded behind "Try it yourself", its raw
bytes hidden until the reader asks.

Who can read what is never written here: every verdict and every cell of "what else it opens" is counted from
the model's answers (``World.readers`` and ``widgets.society.population.exposure``, which runs the real
protocol), after the policy is set; and the card is recounted whenever the world changes beneath it (a switch
flipped in the playground, a message sent, a phone stolen). Where each story stands comes from
``widgets.content.status`` (status.toml), the course's one dated record of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w

from ..content import status
from ..labs.conversations import starter_world
from ..protocol.policy import Policy
from ..society.population import exposure
from ..society.scorecard import PROPOSALS as SCORED
from .html import esc
from .palette import BORDER_LIGHT, TEXT_SOFT
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
class Line:
    """One side's line in the comparison table: its words (a quotation when ``quoted``), who said it, where."""

    words: str
    who: str
    source: Source
    quoted: bool = True

    def text(self) -> str:
        said = f"“{self.words}”" if self.quoted else self.words
        return f"{said} ({self.who}, {self.source.date})"


@dataclass(frozen=True)
class Scenario:
    key: str
    button: str  # the words on the big button
    title: str
    policy: Policy
    what: str  # what it is, in one line
    story: str  # what the proposal is, in plain words; every fact in it comes from ``sources``
    sources: tuple[Source, ...]
    case_for: Line
    case_against: Line


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
    "National Institute of Standards and Technology (read in a copy kept by the-eye.eu, a volunteer-run "
    "archive: the course found no copy on NIST's own site)",
    "June 1994",
    "https://the-eye.eu/public/Books/cdn.preterhuman.net/texts/underground/info/Clipper/EES-NISTSenateAnswers.txt",
)
NEW_SCIENTIST_1994 = Source(
    "Clipper climb-down",
    "New Scientist (reporting Vice-President Gore's letter to Representative Maria Cantwell)",
    "29 July 1994",
    "https://www.newscientist.com/article/mg14319361-800-clipper-climb-down/",
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
VENETIC = Source(
    "'Unparalleled victory against kingpin criminals' as law enforcement bust encrypted messaging software "
    "(reporting the National Crime Agency's figures) [secondary]",
    "ITV News",
    "2 July 2020",
    "https://itv.com/news/2020-07-02/unparalleled-victory-against-kingpin-criminals-as-law-enforcement-bust-"
    "encrypted-messaging-software",
)
REASON_GHOST = Source(
    "We're From the Government and We're Here to 'Ghost' Read Your Emails (quoting Ian Levy and "
    "Crispin Robinson, Lawfare, 29 November 2018; read in a repost) [secondary]",
    "J.D. Tuccille, Reason",
    "14 June 2019",
    "https://www.freedomsphoenix.com/News/262996-2019-06-14-were-from-the-government-and-were-here-to-ghost-read.htm",
)
FBI_ADP = Source(
    "FBI Calls End-to-End Encryption 'Deeply Concerning' as Privacy Groups Hail Apple's Advanced Data Protection "
    "as a Victory for Users (quoting the FBI's statement to The Washington Post) [secondary]",
    "MacRumors",
    "8 December 2022",
    "https://www.macrumors.com/2022/12/08/fbi-privacy-groups-icloud-encryption/",
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
    "The White House (read in a copy kept by boogieonline.com: the course found no copy on an official site)",
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
    "American Civil Liberties Union blog (the authors' names were not verified)",
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

COMMISSION_PROPOSAL = Source(
    "Proposal for a Regulation laying down rules to prevent and combat child sexual abuse, COM(2022) 209",
    "European Commission, EUR-Lex",
    "11 May 2022",
    "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52022PC0209",
)
ONLINE_SAFETY_ACT = Source(
    "Online Safety Act 2023, section 121: Notices to deal with terrorism content or CSEA content (or both)",
    "legislation.gov.uk",
    "26 October 2023 (Royal Assent)",
    "https://www.legislation.gov.uk/ukpga/2023/50/section/121",
)
CITY_AM_BARTLETT = CITY_AM  # Jamie Bartlett (Demos) is quoted in the same City A.M. article

SCENARIOS = (
    Scenario(
        "today",
        "Today: end-to-end",
        "Today: end-to-end encryption",
        Policy(),
        "Each message is locked on the sender's phone for the recipient's phone only.",
        "Each message is locked on the sender's phone with a key only the recipient's phone holds. The company "
        "that runs the app carries the locked message and knows who wrote to whom, but holds no key that opens "
        "it. MaltaToday put it in one sentence in 2017: end-to-end encryption “means texts and emails cannot be "
        "accessed in extremis by the service provider, or by the authorities demanding that information with a "
        "warrant”.",
        (MALTA_TODAY, CITY_AM),
        Line(
            "Without encryption, the police would be inundated with calls about cybercrime.",
            "Jamie Bartlett, Demos, to City A.M.",
            CITY_AM,
        ),
        Line("There should be no place for terrorists to hide", "Amber Rudd, UK Home Secretary", CITY_AM),
    ),
    Scenario(
        "no_end_to_end",
        "Turn off end-to-end encryption",
        "Turn off end-to-end encryption: the design before it, not what the Home Secretary proposed",
        Policy(end_to_end=False),
        "Messages are locked only on their way to the company's servers, which unlock them.",
        "After the Westminster attack, the UK Home Secretary, Amber Rudd, said on 26 March 2017: “It used to be "
        "that people would steam open envelopes or just listen in on phones when they wanted to find out what "
        "people are doing - legally through warrantry - but on this situation we need to make sure that our "
        "intelligence services have the ability to get into situations like encrypted WhatsApp.” In the same "
        "interview she said: “We're not saying open up, we don't want to go into the cloud, we don't want to do "
        "all sorts of things like that.” She asked for access only “when there is a terrorist situation”, "
        "“through the carefully thought through, legally covered arrangements”, and did not say how it should "
        "be done. So this button is not her proposal: it shows the design messaging had before end-to-end "
        "encryption, the plainest way to give a company something to hand over: messages are locked only on "
        "their way to and from the company's servers, which unlock them. The proposals that followed can be "
        "measured against it; the next buttons are ways proposed since then that keep end-to-end locks.",
        (CITY_AM, INDEPENDENT),
        Line(
            "we need to make sure that our intelligence services have the ability to get into situations like "
            "encrypted WhatsApp",
            "Amber Rudd",
            CITY_AM,
        ),
        Line("It would undermine the security of the whole system", "Jamie Bartlett, Demos", CITY_AM),
    ),
    Scenario(
        "escrow",
        "Key escrow",
        "Key escrow: a spare key for the State",
        Policy(escrow=True),
        "Each message's key also travels locked for a master key the State holds (the 1993 Clipper chip).",
        "Every message stays locked end to end, but its key is also locked for a master key that the State "
        "holds, in a field sent with the message; apps refuse messages without it. This is the design of the "
        "Clipper chip, which the US government announced on 16 April 1993 to “improve the security and privacy "
        "of telephone communications while meeting the legitimate needs of law enforcement”: strong "
        "encryption for everyone, and for investigators a way in that, in the White House's words, would "
        "require them to “obtain legal authorization, normally a court order”. Its “Law Enforcement Access "
        "Field” “contains an encrypted copy of the current session key”, in the words of Matt Blaze, who "
        "showed in 1994 that the field could be forged. Clipper was offered as a “voluntary program” and never "
        "made compulsory; in July 1994 the administration backed away from it for computer data, while still "
        "insisting on key escrow (New Scientist, 29 July 1994).",
        (WHITE_HOUSE_1993, WHITE_HOUSE_QA, NIST_SENATE, BLAZE, NEW_SCIENTIST_1994),
        Line(
            "improve the security and privacy of telephone communications while meeting the legitimate needs of "
            "law enforcement",
            "the White House",
            WHITE_HOUSE_1993,
        ),
        Line(
            "open doors through which criminals and malicious nation-states can attack the very individuals law "
            "enforcement seeks to defend",
            "Keys Under Doormats, 15 computer scientists",
            DOORMATS,
        ),
    ),
    Scenario(
        "escrow_stolen",
        "Escrow key stolen",
        "Key escrow, and the master key is stolen",
        Policy(escrow=True, escrow_breach=True),
        "Key escrow, after a criminal steals the State's master key.",
        "A key that opens everyone's messages is a prize for criminals and foreign spies. If it leaks, whoever "
        "holds it opens every message they ever recorded, old ones included. The 2015 report Keys Under "
        "Doormats, by fifteen computer scientists and security experts, lists such concentrated targets among "
        "the dangers of government access. Clipper's designers answered that risk by splitting each key in two, "
        "“stored separately in order to ensure the security of the key escrow system” (the White House, April "
        "1993); in this model the State holds one whole key, so one theft is enough.",
        (DOORMATS, WHITE_HOUSE_QA),
        Line(
            "stored separately in order to ensure the security of the key escrow system",
            "the White House, of Clipper's split keys",
            WHITE_HOUSE_QA,
        ),
        Line(
            "a store of keys that opens everyone's communications becomes a prize for attackers (paraphrased)",
            "Keys Under Doormats",
            DOORMATS,
            quoted=False,
        ),
    ),
    Scenario(
        "ghost",
        "A ghost in the chat",
        "A ghost in the chat (GCHQ officials, 2018)",
        Policy(ghost=True),
        "The company silently adds the State to the chat as one more recipient.",
        "In November 2018 two senior officials of GCHQ, Ian Levy and Crispin Robinson, wrote: “It's relatively "
        "easy for a service provider to silently add a law enforcement participant to a group chat or call”. "
        "Messages stay end-to-end encrypted, but one more ‘end’ — the State — gets a copy, and the phones are "
        "not told. In their view it is “no more intrusive than the virtual crocodile clips that our democratically "
        "elected representatives and judiciary authorise today in traditional voice intercept solutions”, and "
        "they set limits with it, such as a real person at the provider enacting every authorised request. "
        "In May 2019, 47 organisations and experts answered in an open letter; its release warned of "
        "“damaging user trust in encrypted messaging services”.",
        (GHOST, REASON_GHOST, OPEN_LETTER, NEW_AMERICA),
        Line(
            "no more intrusive than the virtual crocodile clips that our democratically elected representatives and "
            "judiciary authorise today in traditional voice intercept solutions",
            "Ian Levy and Crispin Robinson, GCHQ (as quoted by Reason)",
            REASON_GHOST,
        ),
        Line(
            "undermine the authentication process that enables users to verify that they are communicating with "
            "the right people",
            "open letter of 47 organisations and experts",
            OPEN_LETTER,
        ),
    ),
    Scenario(
        "scanning",
        "Client-side scanning",
        "Client-side scanning: the phone checks before it locks",
        Policy(client_scanning=True),
        "The app compares each message with a list an authority controls and reports matches.",
        "Before a message is locked, the app compares it with a list of ‘fingerprints’ that an authority "
        "controls, and reports anything that resembles an item on the list — with the message — to the State. "
        "Such proposals aim at child sexual abuse: the European Commission said in May 2022 that “85 million "
        "pictures and videos showing child sexual abuse were reported worldwide in 2021, many more go "
        "unreported”. Its proposal of that month would have let authorities order a service to detect known "
        "abuse material, new material and the grooming of children — not only images already on a list. Apple "
        "announced a plan of this kind for photos in August 2021, with safeguards: an account would be flagged "
        "for human review only after 30 matching images, and a second, separate hash on Apple's servers would "
        "check matches before reviewers saw them; Apple dropped the plan in December 2022. In the UK, section "
        "121 of the Online Safety Act 2023 lets the regulator, Ofcom, require a service to use “accredited "
        "technology” to identify child sexual abuse content, “whether communicated publicly or privately”. In "
        "the EU, governments agreed a position without detection orders on 26 November 2025, and the interim "
        "rules that allowed voluntary scanning lapsed on 3 April 2026 [secondary sources]. In October 2021, "
        "fourteen security researchers warned that such scanning “can fail, can be evaded, and can be abused”. "
        "Here the list holds one invented item, a call to arms, and Bob sends Alice the words of a flyer he "
        "found. This scanner is a demonstration, not the real design: it compares texts, reports on a single "
        "match and has no human review; under the Online Safety Act, Ofcom can require such technology for "
        "private messages only against child sexual abuse content (terrorism content only where it is "
        "communicated publicly).",
        (
            COMMISSION_2022,
            COMMISSION_PROPOSAL,
            APPLE_SAFEGUARDS,
            VERGE_SECOND_HASH,
            APPLE_DROPS,
            ONLINE_SAFETY_ACT,
            BUGS,
        ),
        Line(
            "85 million pictures and videos showing child sexual abuse were reported worldwide in 2021, many more "
            "go unreported",
            "the European Commission",
            COMMISSION_2022,
        ),
        Line("can fail, can be evaded, and can be abused", "Bugs in Our Pockets, 14 researchers", BUGS),
    ),
    Scenario(
        "implant",
        "A hacked phone (one suspect)",
        "A hacked phone: spyware on one suspect's phone",
        Policy(endpoint_implant=True),
        "No lock changes: spyware on the suspect's own phone copies her screen.",
        "No lock is changed. Instead, spyware is planted on the suspect's own phone — here Alice's — and copies "
        "what is on her screen, before encryption and after decryption. Each implant has to be installed on a "
        "phone: a warrant can name one suspect's, or, as with EncroChat in 2020, every phone of a service sold "
        "to criminals (by July 2020 the UK's National Crime Agency counted 746 arrests). Some critics of a "
        "general way in said investigators had other ways already: in 2017 Brian Paddick, a former senior "
        "Metropolitan Police officer, said “there are ways security services could view the content of "
        "suspected terrorists' encrypted messages”, without saying which. In 2016 the FBI told a court it had "
        "“successfully accessed the data stored on Farook's iPhone”, the San Bernardino attacker's, without "
        "Apple's help. "
        "Others warn of the cost: hacking relies on security flaws that are kept unpatched, and those flaws "
        "are open to criminals too (American Civil Liberties Union, 2018).",
        (CITY_AM, VENETIC, FBI_IPHONE, ACLU_HACKING),
        Line(
            "746 arrests and over £54 million in cash, 77 firearms and more than two tonnes of drugs seized in the "
            "UK by July 2020, after EncroChat's phones were hacked under warrant",
            "the National Crime Agency's figures, as ITV News reported them",
            VENETIC,
            quoted=False,
        ),
        Line("Government Hacking Makes Everyone Less Safe", "ACLU (title of its post)", ACLU_HACKING),
    ),
    Scenario(
        "backups",
        "Backups the Provider can open (UK/Apple, 2025)",
        "Backups the Provider can open: the 2025 UK/Apple case",
        Policy(cloud_backup=True),
        "Messages travel end to end, but phones back them up under a key the company keeps.",
        "Messages stay end-to-end encrypted on their way, but the phones back up the chats to the company, "
        "locked with a key the company keeps: so the company can open them, and hand them over under a "
        "warrant. Of Apple's standard iCloud backups the BBC wrote: “The company can be ordered to hand over "
        "this data by law enforcement”. Apple's option Advanced Data Protection locks backups with keys only the "
        "user's devices hold. In February 2025 The Washington Post reported, citing people familiar with the "
        "matter, that the UK had served Apple with a notice demanding access to such data; the law forbids "
        "Apple to confirm it. On 21 February 2025 Apple stopped offering the option to new UK users, saying "
        "“we have never built a backdoor or master key to any of our products or services and we never will”. "
        "Law enforcement's case is the FBI's of December 2022, when Apple first offered the option: it was "
        "“deeply concerned with the threat end-to-end and user-only-access encryption pose”. "
        "The UK government does not comment on such notices; as MacRumors summarised it, it had argued that "
        "this kind of access is necessary to investigate serious crimes such as terrorism and child sexual "
        "abuse. In August 2025 the US Director of National Intelligence said the UK had agreed to drop its "
        "demand as far as Americans' data was concerned, and on 1 October 2025 the Financial Times reported a "
        "new notice limited to British users' backups [secondary sources].",
        (BBC_ADP, FBI_ADP, WASHINGTON_POST, BBC_PULLS, APPLE_STATEMENT, MACRUMORS_UK),
        Line(
            "deeply concerned with the threat end-to-end and user-only-access encryption pose",
            "the FBI, on Apple's encrypted backups (as quoted by MacRumors)",
            FBI_ADP,
        ),
        Line(
            "we have never built a backdoor or master key to any of our products or services and we never will",
            "Apple",
            APPLE_STATEMENT,
        ),
    ),
)

BY_KEY = {s.key: s for s in SCENARIOS}
STORES = (("escrow key", "a stolen escrow key"), ("Provider's servers", "a breach of the Provider's servers"))


def explainer_world(seed: int | None = 2017):
    """The playground's starter conversation, plus Bob passing on a flyer that resembles the list's item."""
    world = starter_world(seed=seed)
    world.send(*FLYER)
    return world


def scenario_for(policy: Policy) -> Scenario | None:
    """The scenario whose switches these are, or None: the reader has mixed switches of their own."""
    return next((s for s in SCENARIOS if s.policy == policy), None)


# --- what the model says, in words -----------------------------------------------------------------------


def readers_today(world) -> dict[int, frozenset[str]]:
    """Who reads each message of ``world`` under today's default policy (the world is left as it was)."""
    current = world.policy
    if current != Policy():
        world.policy = Policy()
    try:
        return {m.id: world.readers(m) for m in world.messages}
    finally:
        if current != Policy():
            world.policy = current


def verdict(world) -> str:
    """The answer in one sentence: which outsiders read how many of the messages, by real decryption."""
    messages = world.messages
    total = len(messages)
    if not total:
        return "No messages yet: no one reads anything."
    read = {p: [m for m in messages if p in world.readers(m)] for p in OUTSIDERS}
    readers = [p for p in OUTSIDERS if read[p]]
    if not readers:
        return f"No outsider reads any of the {total} messages: only the people they were sent to."
    parts = [f"the {p} reads {_count(read[p], messages)}" for p in readers]
    rest = [p for p in OUTSIDERS if not read[p]]
    tail = f"; {_and([f'the {p}' for p in rest])} read{'s' if len(rest) == 1 else ''} none" if rest else ""
    return _cap(_and(parts)) + tail + "."


def opens(policy: Policy) -> dict[str, str]:
    """What else the policy opens, beyond the messages on screen, from real runs (``exposure``): the reach
    beyond the warrant, what a breach exposes, whether comparing safety numbers catches it, whether a target
    who uses an app built elsewhere escapes it. Each answer in a few words."""
    seen = exposure(policy)
    if provider_reads_everyone(policy):
        reach = (
            "the State's warrant covers only the target, but the Provider reads everyone's messages, "
            "so any of them can be demanded or stolen"
        )
    elif seen.state_reads_non_target:
        reach = "yes: the State reads people with no warrant"
    elif seen.scanning_reports_listed:
        reach = "yes: anyone whose message matches the list is reported"
    elif seen.leak("escrow key").for_user_who_does_not == "everyone":
        reach = "one key opens everyone's messages"
    elif seen.nothing_to_escape:
        reach = "no: the State reads nothing"
    else:
        reach = "no: only the target's messages"
    breaches = []
    for store, words in STORES:
        leak = seen.leak(store)
        if leak.for_user_who_backs_up == leak.for_user_who_does_not:
            whose = leak.for_user_who_does_not
        else:
            whose = f"{leak.for_user_who_backs_up} who backs up"
        if whose != "nobody":
            breaches.append(f"{words} exposes {whose}")
    breach = "; ".join(breaches) if breaches else "nothing beyond what it exposes today"
    unrun = not_run(policy) if not breaches else ""
    if unrun:  # as in chapter 09: the break-ins the model runs do not reach this access; its own risk is not run
        breach = f"nothing exposed, by the break-ins the model runs; {NOT_RUN} {unrun} — {NOT_A_PASS}"
    if seen.nothing_to_escape:
        caught = "nothing to catch"
        dodge = "nothing to dodge"
    else:
        # Say which check caught it, as the verifying target's app did: a ghost leaves every safety number
        # matching, and is caught only because the app lists a member nobody verified (chapter 05).
        how = seen.verification_catch
        caught = CAUGHT_WORDS.get(how, f"yes: {how}") if how else "no"
        dodge = {
            "yes": "yes: a target on another app escapes",
            "no": "no",
        }.get(seen.escape_words(), seen.escape_words())
    return {"reach": reach, "breach": breach, "caught": caught, "dodge": dodge}


CAUGHT_WORDS = {
    "safety number changed": "yes: comparing safety numbers catches it",
    "unverified member": "yes: checking the chat's members catches it; the safety numbers alone still match",
}
NOT_RUN = "not run by the model:"
NOT_A_PASS = "so “nothing exposed” is not a pass"


def not_run(policy: Policy) -> str:
    """The proposal's own risk that the model does not run, where none of its break-ins reaches the access
    (chapter 09's scorecard: the ghost, the scanner, the implant), in words; "" otherwise."""
    scored = next((p for p in SCORED if p.policy == policy), None)
    return scored.not_run if scored is not None and not scored.breach_reaches else ""


def provider_reads_everyone(policy: Policy) -> bool:
    """True if, in the explainer's conversation run under ``policy``, the Provider decrypts every message."""
    world = explainer_world()
    world.policy = policy
    return all("Provider" in world.readers(m) for m in world.messages)


def opens_line(found: dict[str, str]) -> str:
    """What else it opens, as one line: only the answers that are not a plain no, and what the model does not
    run where it does not (so that a "no" is never read as a pass)."""
    parts = [
        value.split(": ", 1)[-1]
        for key, value in found.items()
        if not value.startswith(("no", "nothing")) and not (key == "caught" and value == "no")
    ]
    if found["dodge"] == "no":
        parts.append("a target on another app does not escape it")
    if NOT_RUN in found["breach"]:
        unrun = found["breach"].split(NOT_RUN, 1)[1].replace(NOT_A_PASS, "so seeing no breach here is not a pass")
        parts.append("no break-in the model runs reaches it, but " + NOT_RUN + unrun)
    return _cap("; ".join(parts)) + "." if parts else "Nothing beyond what you see here."


OPENS_LABELS = {
    "reach": "Reach beyond the warrant",
    "breach": "What a breach exposes",
    "caught": "Caught when the apps check keys and members",
    "dodge": "A target can dodge it",
}


def who_else(world) -> str:
    """Who besides the people in the conversation reads any message, in a few words."""
    messages = world.messages
    parts = [
        f"the {p}: {_count(read, messages)}"
        for p in OUTSIDERS
        if (read := [m for m in messages if p in world.readers(m)])
    ]
    return _cap("; ".join(parts)) if parts else "No one"


def status_of(key: str) -> tuple[status.Story, ...]:
    """Where the proposal stands (status.toml), latest story first."""
    return tuple(sorted(status.for_proposal(key), key=lambda s: s.as_of, reverse=True))


SECONDARY = "[secondary source: read only in a report of the event, not the original]"


def status_words(story: status.Story) -> str:
    mark = f" {SECONDARY}" if story.secondary else ""
    return f"{story.status} (as of {story.as_of_words}{mark})"


def status_sources(story: status.Story) -> str:
    """Whom each fact of a status line rests on, in words: every event's source, its secondary ones marked."""
    return "Sources: " + "; ".join(
        f"{e.source.publisher}, {e.source.date}{' [secondary]' if e.secondary else ''}" for e in story.events
    )


def status_sources_html(story: status.Story) -> str:
    """``status_sources`` with each source a link, for the card."""
    links = "; ".join(
        f'<a href="{esc(e.source.url)}" target="_blank" rel="noopener">{esc(e.source.publisher)}, '
        f"{esc(e.source.date)}</a>{' <strong>[secondary]</strong>' if e.secondary else ''}"
        for e in story.events
    )
    return f"<span style='font-size:0.9em'>Sources: {links}</span>"


@dataclass(frozen=True)
class Result:
    """One case as the real model computed it: everything the card, the table and the embed show."""

    key: str
    verdict: str
    compared: str
    who_reads: tuple[str, ...]
    who_else: str
    opens: dict
    scope: str = ""  # which scenario the counts are of, said next to them (other pages count other ones)


def result(world, scenario: Scenario, today: dict[int, frozenset[str]]) -> Result:
    """``world`` already under ``scenario``'s policy (or the reader's own switches): count its answers."""
    return Result(
        scenario.key,
        verdict(world),
        compared_with_today(world, today),
        tuple(who_reads(world)),
        who_else(world),
        opens(world.policy),
        scope(world),
    )


def compute_all(seed: int | None = 2017) -> dict[str, Result]:
    """Every scenario, each in a fresh explainer world run under its policy: what the embed and the
    comparison table show."""
    results = {}
    for scenario in SCENARIOS:
        world = explainer_world(seed)
        today = readers_today(world)
        world.policy = scenario.policy
        results[scenario.key] = result(world, scenario, today)
    return results


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
            rest.append(f"for {n} more it sees only who wrote to whom, when and how much")
        elif n:
            rest.append(f"for {_of(n, total)} it sees who wrote to whom, when and how much, but not the words")
        if n := levels.count("ciphertext only"):
            rest.append(f"for {_of(n, total)} it holds only locked bytes it cannot open")
        unseen = [m for m, level in zip(messages, levels, strict=True) if level == "nothing"]
        if unseen and len(unseen) < total:
            why = ", which its warrant does not cover" if party == "State" else ""
            other = "the other message" if len(unseen) == 1 else f"the other {len(unseen)} messages"
            rest.append(f"{other}{why}, it never sees")
        lines.append(f"{_cap(WHO[party])} {sentence}" + ("; " + "; ".join(rest) if rest else "") + ".")
    return lines


def _of(n: int, total: int) -> str:
    """ "all 5 messages", "3 of the 5 messages": a count that cannot be misread as a typo."""
    return f"all {total} messages" if n == total else f"{n} of the {total} messages"


def scope(world) -> str:
    """Which scenario the counts belong to, in words, so that a number is never quoted without it."""
    n = len(world.messages)
    return (
        f"Counted in this page's example: {n} message{'s' if n != 1 else ''} among Alice, Bob and Carol, the "
        "State holding a warrant for Alice's conversations. The playground and chapter 09 count other "
        "scenarios (their own conversation; a simulated population of users), so their numbers differ."
    )


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


STYLE = """<style>
.explainer-case { white-space: normal !important; height: auto !important; min-height: 2.8em;
  line-height: 1.25 !important; padding: 6px 10px !important; text-align: left !important; }
.explainer-verdict { font-size: 1.1em; line-height: 1.4; margin: 8px 0 2px; }
.explainer-lead { font-size: 1.05em; line-height: 1.45; margin: 0 0 8px; max-width: 62em; }
.explainer-answer p { line-height: 1.4; }
.scenario li, .scenario a { overflow-wrap: anywhere; }  /* a long source link wraps on a phone */
.explainer-compare { overflow-x: auto; max-width: 100%; line-height: 1.35; }
.explainer-compare p, .explainer-compare td, .explainer-compare th { line-height: 1.35; }
.explainer-compare table { border-collapse: collapse; font-size: 0.9em; }
.explainer-compare th, .explainer-compare td { border: 1px solid BORDER_LIGHT; padding: 4px 6px; vertical-align: top;
  text-align: left; }
@media (max-width: 900px) {
  .explainer-compare table, .explainer-compare tbody, .explainer-compare tr, .explainer-compare td,
  .explainer-compare th { display: block; }
  .explainer-compare thead { display: none; }
  .explainer-compare tr { border: 1px solid BORDER_LIGHT; margin: 0 0 8px; }
  .explainer-compare td, .explainer-compare th[scope=row] { border: none; }
  .explainer-compare td::before { content: attr(data-label) ": "; font-weight: bold; }
}
</style>""".replace("BORDER_LIGHT", BORDER_LIGHT)


# The question a reader arrives with, answered before any button is pressed (issue 10): what would the UK's
# 2017 demand actually do? Its words are the seed articles' (City A.M.; MaltaToday), quoted exactly: she named
# no design and hoped to win the companies over without legislation, which she did not rule out.
QUESTION_2017 = "What would the 2017 proposal actually do?"
ANSWER_2017 = (
    "No design was ever named: on 26 March 2017, on the BBC's Andrew Marr Show, the Home Secretary, Amber Rudd, "
    "said “we need to make sure that our intelligence services have the ability to get into situations like "
    "encrypted WhatsApp”, but not how, and brought no bill: the Investigatory Powers Act 2016 already let the "
    "government require a company to remove “electronic protection” it applied."
)
# Section 253 of the Act (technical capability notices): s. 253(5)(c), “the removal by a relevant operator of
# electronic protection applied by or on behalf of that operator”.
IPA_253 = Source(
    "Investigatory Powers Act 2016, section 253: Technical capability notices",
    "UK Parliament, legislation.gov.uk",
    "29 November 2016 (Royal Assent)",
    "https://www.legislation.gov.uk/ukpga/2016/25/section/253",
)


def lead_html(then: str = "") -> str:
    """The answer to the 2017 question, above the buttons (here and in the embed), with its source; ``then``
    says what the buttons do, where the page has not said it already."""
    return (
        f'<p class="explainer-lead"><strong>{esc(QUESTION_2017)}</strong> {esc(ANSWER_2017)} '
        f'(<a href="{esc(CITY_AM.link)}" target="_blank" rel="noopener">City A.M.</a>, {esc(CITY_AM.date)}; '
        f'<a href="{esc(IPA_253.link)}" target="_blank" rel="noopener">the Act, section 253</a>.)'
        f"{' ' + esc(then) if then else ''}</p>"
    )


# The playground is for readers who want to change the rules themselves: it stays folded behind a button, so
# that on a phone the page ends with the answer, and its switches and byte views do not read as part of it
# (cold read, item 20).
TRY_IT = "Try it yourself: change the rules"
GO_FURTHER = (
    "<p style='margin:6px 0'>Below is the full playground the cases are run in: its switches, the conversation "
    "and who can read each message. Tick a switch, or write a message and send it; the answer above is "
    "recounted.</p>"
)


class Explainer(w.VBox):
    """``Explainer()``: the 2017 answer, the comparison table, the scenario buttons, the verdict, the story,
    and the playground (folded, bytes hidden) beneath. The card is recounted whenever the world changes."""

    def __init__(self, world=None, show_bytes: bool = False) -> None:
        self.world = world if world is not None else explainer_world()
        self.playground = Playground(self.world, show_bytes=show_bytes)
        self.buttons = {s.key: _button(s) for s in SCENARIOS}
        for scenario in SCENARIOS:
            self.buttons[scenario.key].on_click(lambda _b, s=scenario: self.choose(s.key))
        self.answer = w.HTML()  # the verdict and the change from today, right under the buttons
        self.card = w.HTML()  # the story, who reads what, where it stands, the sources
        self.scenario: Scenario | None = None
        self._choosing = False
        self._today = readers_today(self.world)
        grid = w.GridBox(
            list(self.buttons.values()),
            layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(max(140px, 22%), 1fr))", grid_gap="6px"),
        )
        self.compare = w.HTML(comparison_html(compute_all()))
        self.try_it = w.ToggleButton(
            value=False,
            description=TRY_IT,
            icon="chevron-right",
            tooltip="Open the playground: the switches, the conversation and the bytes each party holds",
            layout=w.Layout(width="auto", margin="16px 2px 4px"),
        )
        self.further = w.VBox([w.HTML(GO_FURTHER), self.playground], layout=w.Layout(display="none"))
        self.try_it.observe(lambda change: self._fold(change["new"]), names="value")
        super().__init__(
            [
                w.HTML(STYLE + lead_html()),
                self.compare,
                w.HTML("<p style='margin:4px 0'><strong>Choose a proposal:</strong></p>"),
                grid,
                self.answer,
                self.card,
                self.try_it,
                self.further,
            ]
        )
        # Whatever changes the world beneath the card (a switch, a message sent, a phone stolen) ends by
        # redrawing one of these: recount the card then, so it never tells a story the model no longer does.
        for box in self.playground.controls.values():
            box.observe(lambda _change: self.refresh(), names="value")
        for shown in (self.playground.narration, self.playground.feedback, self.playground.table):
            shown.observe(lambda _change: self.refresh(), names="value")
        self.choose("today")

    def _fold(self, open_: bool) -> None:
        """Show or hide the playground beneath the answer (folded at first: the page ends with the answer)."""
        self.further.layout.display = None if open_ else "none"
        self.try_it.icon = "chevron-down" if open_ else "chevron-right"

    def choose(self, key: str) -> None:
        """Apply one scenario: set the policy (one replay), then redraw the words from the model."""
        scenario = BY_KEY[key]
        self._choosing = True
        try:
            self.playground.set_policy(scenario.policy)
        finally:
            self._choosing = False
        self.refresh()

    def refresh(self) -> None:
        """Recount everything the card says from the world as it is now."""
        if self._choosing:
            return
        if any(m.id not in self._today for m in self.world.messages):
            self._today = readers_today(self.world)  # the reader sent more messages: recount today's readers
        self.scenario = scenario_for(self.world.policy)
        key = self.scenario.key if self.scenario else None
        for k, button in self.buttons.items():  # the chosen one: colour and a tick
            button.button_style = "primary" if k == key else ""
            button.icon = "check" if k == key else ""
        found = result(self.world, self.scenario or SCENARIOS[0], self._today)
        self.answer.value = answer_html(self.scenario, found)
        self.card.value = card_html(self.world, self.scenario, self._today) if self.scenario else mixed_html(found)


def answer_html(scenario: Scenario | None, found: Result) -> str:
    """The verdict in one line, and what changed compared with today: the first thing under the buttons."""
    title = scenario.title if scenario else "Your own choice of switches"
    change = "" if scenario and scenario.key == "today" else f"<p style='margin:2px 0'>{esc(found.compared)}</p>"
    return (
        f'<section class="explainer-answer" role="status" aria-live="polite" aria-label="{esc(title)}">'
        f"<p class='explainer-verdict'><strong>{esc(title)}:</strong> {esc(found.verdict)}</p>{change}"
        f"<p style='margin:2px 0'><strong>What else it opens:</strong> {esc(opens_line(found.opens))}</p>"
        f"<p class='explainer-scope' style='margin:2px 0;font-size:0.9em'>{esc(found.scope)}</p></section>"
    )


def card_html(world, scenario: Scenario, today: dict[int, frozenset[str]]) -> str:
    """The scenario in words: what it is, who reads now, where it stands, the sources (the verdict and the
    change from today stand above it, in ``answer_html``)."""
    readers = "".join(f"<li>{esc(line)}</li>" for line in who_reads(world))
    sources = "".join(f"<li>{s.html()}</li>" for s in card_sources(scenario))
    stands = "".join(
        f"<li><strong>{esc(story.title)}</strong>: {esc(status_words(story))}<br>{status_sources_html(story)}</li>"
        for story in status_of(scenario.key)
    )
    stands_html = (
        f"<p style='margin-bottom:2px'><strong>Where it stands</strong></p><ul>{stands}</ul>" if stands else ""
    )
    return (
        f'<section class="scenario" aria-label="{esc(scenario.title)}" '
        'style="margin:8px 0;font-size:1.05em;line-height:1.45;max-width:62em">'
        f"<h2 style='margin:4px 0;font-size:1.17em'>{esc(scenario.title)}</h2><p>{esc(scenario.story)}</p>"
        f"<p style='margin-bottom:2px'><strong>Who can read the messages now</strong> (found by really trying "
        f"to decrypt what each one holds):</p><ul class='who-reads' style='margin-top:2px'>{readers}</ul>"
        f"{stands_html}"
        f'<details><summary style="color:{TEXT_SOFT}">Sources</summary><ol>{sources}</ol></details></section>'
    )


def mixed_html(found: Result) -> str:
    """The card when the reader's switches match no scenario: only what the model says, no story."""
    readers = "".join(f"<li>{esc(line)}</li>" for line in found.who_reads)
    return (
        '<section class="scenario" style="margin:8px 0;font-size:1.05em;line-height:1.45;max-width:62em">'
        "<h3 style='margin:4px 0'>Your own choice of switches</h3><p>The switches in the playground below no "
        "longer match one of the proposals above; this is what the model says now.</p>"
        f"<ul class='who-reads'>{readers}</ul></section>"
    )


def card_sources(scenario: Scenario) -> tuple[Source, ...]:
    """The scenario's sources, then those of its status lines (status.toml), each once."""
    seen: dict[str, Source] = {s.link: s for s in scenario.sources}
    for story in status_of(scenario.key):
        for event in story.events:  # every fact of the status line, not only its latest
            seen.setdefault(
                event.source.url,
                Source(
                    event.source.title + (" [secondary]" if event.secondary else ""),
                    event.source.publisher,
                    event.source.date,
                    event.source.url,
                ),
            )
    return tuple(seen.values())


def comparison_rows(results: dict[str, Result]) -> list[dict[str, str]]:
    """One row per proposal: the words of the comparison table (and of the embed's)."""
    rows = []
    for scenario in SCENARIOS:
        found = results[scenario.key]
        stands = status_of(scenario.key)
        rows.append(
            {
                "key": scenario.key,
                "proposal": scenario.button,
                "what": scenario.what,
                "who": found.who_else,
                **found.opens,
                "status": " ".join(status_words(s) for s in stands[:1]) or "—",
                "for": scenario.case_for.text(),
                "against": scenario.case_against.text(),
            }
        )
    return rows


COLUMNS = {
    "what": "What it is",
    "who": "Who reads besides the senders and recipients",
    **OPENS_LABELS,
    "status": "Where it stands",
    "for": "For",
    "against": "Against",
}


def comparison_html(results: dict[str, Result], open_: bool = False) -> str:
    """The comparison table: one row per proposal, every cell counted or sourced; on a phone, one card each."""
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in COLUMNS.values())
    body = ""
    for row in comparison_rows(results):
        cells = "".join(f'<td data-label="{esc(label)}">{esc(row[col])}</td>' for col, label in COLUMNS.items())
        body += f'<tr><th scope="row">{esc(row["proposal"])}</th>{cells}</tr>'
    return (
        f'<details class="explainer-compare"{" open" if open_ else ""}><summary><strong>Compare all eight side by '
        "side</strong>"
        f'</summary><table><thead><tr><th scope="col">Proposal</th>{head}</tr></thead><tbody>{body}</tbody>'
        "</table><p style='font-size:0.85em'>Counted by the model: who reads (the five messages above) and "
        "what else it opens (runs of the same protocol for a warrant target, other users and each breach). "
        "Where it stands: the course's dated status record, each line's sources on its proposal's card; "
        "[secondary source] marks lines read only in reports of the event.</p></details>"
    )


def _which(read: list, messages: list) -> str:
    """The messages a party reads, in words: "every message Alice sent or received", or each one, shortened."""
    for user in ("Alice", "Bob", "Carol"):
        if read == [m for m in messages if user == m.sender or user in m.recipients]:
            return f"every message {user} sent or received"
    return ", ".join(f"{m.sender} → {m.recipient} “{_clip(m.text)}”" for m in read)


def _clip(text: str, limit: int = 100) -> str:
    """``text`` whole up to ``limit`` characters (a reported message is shown as sent), else cut at a word
    boundary, never mid-word (only a word longer than the limit is cut inside)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def _button(scenario: Scenario) -> w.Button:
    button = w.Button(description=scenario.button, tooltip=scenario.title, layout=w.Layout(width="auto", height="auto"))
    button.add_class("explainer-case")  # STYLE lets its words wrap instead of being cut off
    return button


def _count(read: list, messages: list) -> str:
    """ "2 of 5 messages (every message Alice sent or received)" """
    total = len(messages)
    if len(read) == total:
        return f"all {total} messages"
    which = _which(read, messages)
    if which.startswith("every message "):  # "Alice's 4 messages (of 5)"
        return f"{which.split()[2]}'s {len(read)} messages (of {total})"
    return f"{len(read)} of {total} messages: {which}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
