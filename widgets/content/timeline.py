"""The crypto wars, 1976–2026, as plain data: each event with its date, what happened, a source and the
chapter that runs its mechanism.

No ipywidgets or matplotlib here: ``widgets.ui.timeline_view`` draws the figure, and the timeline notebook's
text is written from the same entries. Every entry carries a source that was read for it (title, date, web
address). ``secondary`` marks entries seen only in reports of the event, not in the original document; the
notebook says so beside them, and its notes on checking name the two entries whose original was cited but whose
words were read as others quoted them. Nothing after the last source's date (July 2026) is covered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# What kind of actor moved: the figure gives each kind its own colour *and* marker, and names it in a legend.
KINDS = {
    "research": "researchers and civil society",
    "government": "governments and officials: proposals, orders, statements",
    "law": "laws and legislatures",
    "company": "companies",
}

FIRST_YEAR, LAST_YEAR = 1976, 2026


@dataclass(frozen=True)
class Source:
    """Where an entry's facts come from: a title, who published it, its date (as precise as known), an address."""

    title: str
    publisher: str
    date: str
    url: str


@dataclass(frozen=True)
class Event:
    """One entry. ``day`` orders the entries; ``when`` says the date only as precisely as the source gives it."""

    day: dt.date
    when: str
    title: str
    summary: str
    kind: str
    chapter: str | None
    source: Source
    secondary: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}: use one of {sorted(KINDS)}")
        if not FIRST_YEAR <= self.day.year <= LAST_YEAR:
            raise ValueError(f"{self.title!r}: {self.day.year} is outside {FIRST_YEAR}–{LAST_YEAR}")
        if not self.source.url.startswith(("http://", "https://")):
            raise ValueError(f"{self.title!r}: the source needs a web address")

    @property
    def label(self) -> str:
        """The short form used on the figure and in its alt text: date and title."""
        return f"{self.when}: {self.title}"


def _e(day, when, title, summary, kind, chapter, source, secondary=False) -> Event:
    return Event(dt.date.fromisoformat(day), when, title, summary, kind, chapter, Source(*source), secondary)


EVENTS: tuple[Event, ...] = (
    _e(
        "1976-11-01",
        "November 1976",
        "Diffie and Hellman publish public-key agreement",
        "Whitfield Diffie and Martin Hellman show how two people can agree a secret key over a line that "
        "everyone can hear, without ever sending the key: the idea behind every end-to-end encrypted app.",
        "research",
        "02_public_keys",
        (
            "New Directions in Cryptography",
            "W. Diffie and M. E. Hellman, IEEE Transactions on Information Theory IT-22(6)",
            "November 1976",
            "https://doi.org/10.1109/TIT.1976.1055638",
        ),
    ),
    _e(
        "1993-04-16",
        "16 April 1993",
        "The US proposes the Clipper chip",
        "The Clinton administration announces the Escrowed Encryption Standard: phone-encryption chips that "
        "send each call's key, locked for two government escrow agents, in a Law Enforcement Access Field (LEAF).",
        "government",
        "04_key_escrow",
        (
            "Responses to Questions from the Senate Subcommittee on Technology and the Law",
            "NIST (copy kept by the-eye.eu, a volunteer-run archive; no official copy found)",
            "June 1994",
            "https://the-eye.eu/public/Books/cdn.preterhuman.net/texts/underground/info/Clipper/EES-NISTSenateAnswers.txt",
        ),
    ),
    _e(
        "1994-06-03",
        "3 June 1994",
        "Matt Blaze shows Clipper's access field can be forged",
        "A researcher at AT&T Bell Laboratories finds that the LEAF's 16-bit check can be passed by trying "
        "random fields, about 65,536 tries on average, so a rogue app can talk to Clipper users without a "
        "usable spare key.",
        "research",
        "04_key_escrow",
        (
            "Protocol Failure in the Escrowed Encryption Standard (preliminary draft; ACM CCS 1994)",
            "Matt Blaze, AT&T Bell Laboratories",
            "3 June 1994",
            "https://www.mattblaze.org/papers/eesproto.pdf",
        ),
    ),
    _e(
        "2014-03-12",
        "12 March 2014",
        "MetaPhone: phone metadata is 'unambiguously sensitive'",
        "Two Stanford researchers, Jonathan Mayer and Patrick Mutchler, report on the phone logs of 546 "
        "volunteers: matching the numbers called against public directories, without any call content, 57% had "
        "called a health service and 30% a pharmacy. They conclude that phone metadata is 'unambiguously "
        "sensitive'.",
        "research",
        "06_metadata",
        (
            "MetaPhone: The Sensitivity of Telephone Metadata",
            "Jonathan Mayer and Patrick Mutchler, Web Policy",
            "12 March 2014",
            "http://webpolicy.org/2014/03/12/metaphone-the-sensitivity-of-telephone-metadata/",
        ),
    ),
    _e(
        "2014-04-01",
        "1 April 2014",
        "A former NSA and CIA director: 'We kill people based on metadata'",
        "In a debate at Johns Hopkins University, Michael Hayden says 'We kill people based on metadata', and "
        "adds in the same answer: 'But that's not what we do with this metadata', meaning the American phone "
        "records the NSA was then collecting.",
        "government",
        "06_metadata",
        (
            "Ex-NSA Chief: 'We Kill People Based on Metadata'",
            "Lee Ferran, ABC News",
            "12 May 2014",
            "https://abcnews.go.com/blogs/headlines/2014/05/ex-nsa-chief-we-kill-people-based-on-metadata",
        ),
    ),
    _e(
        "2015-07-06",
        "6 July 2015",
        "Keys Under Doormats",
        "Fifteen computer scientists and security experts argue that government 'exceptional access' to "
        "encrypted data would undo forward secrecy, add complexity that hides flaws, and create concentrated "
        "targets for attackers.",
        "research",
        "04_key_escrow",
        (
            "Keys Under Doormats: Mandating insecurity by requiring government access to all data and "
            "communications (MIT-CSAIL-TR-2015-026)",
            "H. Abelson, R. Anderson, S. M. Bellovin and twelve others, MIT CSAIL",
            "6 July 2015",
            "http://dspace.mit.edu/handle/1721.1/97690",
        ),
    ),
    _e(
        "2016-02-16",
        "16 February 2016",
        "San Bernardino: Apple refuses to unlock an attacker's iPhone",
        "A US court orders Apple to help the FBI into the iPhone used by one of the San Bernardino attackers "
        "(the order's date is in the filing quoted in the next entry). Apple's chief executive Tim Cook answers "
        "in an open letter: such access is 'something we consider too dangerous to create'.",
        "company",
        "07_endpoints_and_scanning",
        (
            "A Message to Our Customers",
            "Tim Cook, Apple",
            "16 February 2016",
            "http://www.apple.com/customer-letter/",
        ),
    ),
    _e(
        "2016-03-28",
        "28 March 2016",
        "The FBI gets into the phone another way; the case is dropped",
        "The US Justice Department tells the court it has 'successfully accessed the data stored on Farook's "
        "iPhone' without Apple and asks for the order to be vacated. It does not say how.",
        "government",
        "07_endpoints_and_scanning",
        (
            "Justice Department Officially Drops Lawsuit Against Apple in Ongoing iPhone Unlocking Dispute",
            "MacRumors (quoting the government's court filing)",
            "28 March 2016",
            "https://www.macrumors.com/2016/03/28/doj-drops-lawsuit-against-apple",
        ),
    ),
    _e(
        "2016-04-05",
        "5 April 2016",
        "WhatsApp completes end-to-end encryption for everyone",
        "WhatsApp announces that every message and call is now end-to-end encrypted: in its blog post's words, "
        "no one can see inside a message, 'Not even us.'",
        "company",
        "03_the_provider",
        (
            "WhatsApp completes full encryption",
            "Doug Zanger, The Drum (quoting WhatsApp's blog post of the same day)",
            "5 April 2016",
            "https://www.thedrum.com/news/2016/04/05/whatsapp-completes-full-encryption",
        ),
    ),
    _e(
        "2016-11-29",
        "29 November 2016",
        "The UK's Investigatory Powers Act becomes law",
        "The Act sets out the UK's interception and hacking powers and lets the Home Secretary serve "
        "'technical capability notices' on companies, subject to a judge's approval: the power used against "
        "Apple in 2025.",
        "law",
        "08_forward_secrecy_and_backups",
        (
            "The Investigatory Powers Bill receives Royal Assent",
            "GCHQ",
            "1 December 2016",
            "https://www.gchq.gov.uk/news-article/investigatory-powers-bill-receives-royal-assent",
        ),
    ),
    _e(
        "2017-03-26",
        "26 March 2017",
        "Amber Rudd: end-to-end encryption 'completely unacceptable'",
        "Four days after the Westminster attack, the UK Home Secretary says on the BBC's Andrew Marr Show that "
        "the intelligence services must be able 'to get into situations like encrypted WhatsApp', through "
        "'legally covered arrangements'; critics answer that any way in can be used by criminals too.",
        "government",
        "00_start_here",
        (
            "WhatsApp end-to-end encryption 'completely unacceptable' warns home secretary Amber Rudd",
            "Lynsey Barber, City A.M.",
            "March 2017",
            "http://www.cityam.com/261700/amber-rudd-just-called-whatsapps-end-end-encryption",
        ),
    ),
    _e(
        "2018-02-15",
        "15 February 2018",
        "The US National Academies publish a framework for weighing access",
        "An 18-month study by experts from law enforcement, computer science, civil liberties, law and other "
        "fields sets out questions to ask of any proposal for government access to encrypted data, and finds "
        "that 'Exceptional access necessarily weakens security to some degree, while the absence of "
        "exceptional access necessarily hampers government investigations to some degree.'",
        "research",
        "09_weighing_the_tradeoffs",
        (
            "Decrypting the Encryption Debate: A Framework for Decision Makers",
            "National Academies of Sciences, Engineering, and Medicine (The National Academies Press)",
            "15 February 2018 (release)",
            "https://doi.org/10.17226/25010",
        ),
    ),
    _e(
        "2018-10-29",
        "29 October 2018",
        "Signal introduces sealed sender",
        "Signal moves the sender's name inside the end-to-end encrypted envelope, so that its servers see whom "
        "a message is for but not who sent it: 'While the service always needs to know where a message should "
        "be delivered, ideally it shouldn't need to know who the sender is.'",
        "company",
        "06_metadata",
        (
            "Technology preview: Sealed sender for Signal",
            "Signal (blog)",
            "29 October 2018",
            "https://signal.org/blog/sealed-sender/",
        ),
    ),
    _e(
        "2018-11-29",
        "29 November 2018",
        "GCHQ officials float the 'ghost' participant",
        "Ian Levy and Crispin Robinson of GCHQ and its National Cyber Security Centre write that a provider "
        "could 'silently add a law enforcement participant to a group chat or call': an extra 'end', with the "
        "usual notice suppressed.",
        "government",
        "05_interception_and_ghosts",
        (
            "Principles for a More Informed Exceptional Access Debate",
            "Ian Levy and Crispin Robinson, Lawfare (address as widely cited; read as quoted by others)",
            "29 November 2018",
            "https://www.lawfareblog.com/principles-more-informed-exceptional-access-debate",
        ),
    ),
    _e(
        "2019-05-30",
        "30 May 2019",
        "47 signatories answer GCHQ in an open letter",
        "Civil-society groups, technology companies and security experts warn that the ghost would undermine "
        "the authentication that lets users check whom they are talking to, add vulnerabilities and damage "
        "trust.",
        "research",
        "05_interception_and_ghosts",
        (
            "Open Letter to GCHQ on the Threats Posed by the Ghost Proposal",
            "Sharon Bradford Franklin and Andi Wilson Thompson, Lawfare",
            "30 May 2019",
            "https://www.lawfaremedia.org/article/open-letter-gchq-threats-posed-ghost-proposal",
        ),
    ),
    _e(
        "2019-09-10",
        "10 September 2019",
        "The Carnegie Encryption Working Group proposes principles",
        "A group convened by the Carnegie Endowment for International Peace and Princeton University, with "
        "former government officials, business representatives, privacy and civil rights advocates, law "
        "enforcement experts and computer scientists, publishes principles for judging proposals for law "
        "enforcement access to encrypted mobile phones.",
        "research",
        "09_weighing_the_tradeoffs",
        (
            "Moving the Encryption Policy Conversation Forward",
            "Encryption Working Group, Carnegie Endowment for International Peace",
            "10 September 2019",
            "https://carnegieendowment.org/research/2019/09/moving-the-encryption-policy-conversation-forward?lang=en",
        ),
    ),
    _e(
        "2021-08-05",
        "5 August 2021",
        "Apple announces scanning for known abuse images on iPhones",
        "Apple says it will detect known child sexual abuse material in iCloud Photos and report it, in a way it "
        "says preserves privacy: photos are matched against fingerprints of known images on the iPhone itself. "
        "Chapter 07 lists the safeguards Apple described.",
        "company",
        "07_endpoints_and_scanning",
        (
            "Apple says it will begin scanning iCloud Photos for child abuse images",
            "TechCrunch",
            "5 August 2021",
            "https://techcrunch.com/2021/08/05/apple-icloud-photos-scanning/",
        ),
    ),
    _e(
        "2021-08-18",
        "18 August 2021",
        "A NeuralHash collision is shown",
        "Days after Apple's fingerprint model was extracted from iOS, two different images with the same "
        "NeuralHash are posted publicly: a crafted collision.",
        "research",
        "07_endpoints_and_scanning",
        (
            "Working Collision? (issue #1 of AppleNeuralHash2ONNX)",
            "GitHub, AsuharietYgvar/AppleNeuralHash2ONNX",
            "18 August 2021",
            "https://github.com/AsuharietYgvar/AppleNeuralHash2ONNX/issues/1",
        ),
    ),
    _e(
        "2021-10-15",
        "October 2021",
        "Bugs in Our Pockets",
        "Fourteen security researchers argue that client-side scanning 'can fail, can be evaded, and can be abused'.",
        "research",
        "07_endpoints_and_scanning",
        (
            "Bugs in Our Pockets: The Risks of Client-Side Scanning (arXiv:2110.07450)",
            "H. Abelson, R. Anderson, S. M. Bellovin and eleven others",
            "October 2021",
            "https://arxiv.org/abs/2110.07450",
        ),
    ),
    _e(
        "2022-05-11",
        "11 May 2022",
        "The European Commission proposes its child sexual abuse regulation",
        "The proposal would let authorities issue 'detection orders' obliging online services, messaging "
        "included, to detect known and new abuse material and grooming. Critics soon call it 'chat control'.",
        "government",
        "07_endpoints_and_scanning",
        (
            "Proposal for a Regulation laying down rules to prevent and combat child sexual abuse, COM(2022) 209 final",
            "European Commission, EUR-Lex",
            "11 May 2022",
            "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52022PC0209",
        ),
    ),
    _e(
        "2022-12-07",
        "December 2022",
        "Apple drops its scanning plan",
        "After postponing it, Apple says it will not move forward with its CSAM detection tool for iCloud Photos.",
        "company",
        "07_endpoints_and_scanning",
        (
            "Apple Abandons Controversial Plans to Detect Known CSAM in iCloud Photos",
            "MacRumors",
            "7 December 2022",
            "https://www.macrumors.com/2022/12/07/apple-abandons-icloud-csam-detection",
        ),
    ),
    _e(
        "2023-10-26",
        "26 October 2023",
        "The UK's Online Safety Act becomes law",
        "Section 121 lets Ofcom require a service to use 'accredited technology' to identify child sexual "
        "exploitation and abuse content 'whether communicated publicly or privately', after a skilled person's "
        "report and a warning notice.",
        "law",
        "07_endpoints_and_scanning",
        (
            "Online Safety Act 2023, section 121",
            "legislation.gov.uk",
            "26 October 2023 (Royal Assent)",
            "https://www.legislation.gov.uk/ukpga/2023/50/section/121",
        ),
    ),
    _e(
        "2025-02-07",
        "7 February 2025",
        "Report: the UK has secretly ordered Apple to open iCloud",
        "The Washington Post reports that in January the Home Office served Apple with a technical capability "
        "notice demanding access to content users anywhere had stored in iCloud, according to people familiar "
        "with the matter. The law forbids Apple to confirm it.",
        "government",
        "08_forward_secrecy_and_backups",
        (
            "U.K. orders Apple to let it spy on users' encrypted accounts",
            "Joseph Menn, The Washington Post",
            "7 February 2025",
            "https://www.washingtonpost.com/technology/2025/02/07/apple-encryption-backdoor-uk/",
        ),
    ),
    _e(
        "2025-02-21",
        "21 February 2025",
        "Apple withdraws Advanced Data Protection in the UK",
        "Apple stops offering its end-to-end encrypted iCloud option to new UK users, saying: 'we have never "
        "built a backdoor or master key to any of our products or services and we never will.'",
        "company",
        "08_forward_secrecy_and_backups",
        (
            "Apple pulls data protection tool after UK government security row",
            "Zoe Kleinman, BBC News",
            "21 February 2025",
            "https://www.bbc.com/news/articles/cgj54eq4vejo",
        ),
    ),
    _e(
        "2025-08-19",
        "18–19 August 2025",
        "US spy chief: the UK drops its demand for Americans' data",
        "The US Director of National Intelligence, Tulsi Gabbard, says the UK has agreed to drop its mandate "
        "as far as it concerns the data of American citizens.",
        "government",
        "08_forward_secrecy_and_backups",
        (
            "US spy chief Tulsi Gabbard says UK agreed to drop 'backdoor' mandate for Apple (Reuters, as republished)",
            "Hindustan Times",
            "19 August 2025",
            "https://www.hindustantimes.com/world-news/us-news/us-spy-chief-tulsi-gabbard-says-uk-agreed-to-"
            "drop-backdoor-mandate-for-apple-101755575211895.html",
        ),
        secondary=True,
    ),
    _e(
        "2025-10-01",
        "1 October 2025",
        "Report: a new UK notice, for British users only",
        "The Financial Times reports a new technical capability notice limited to British users' encrypted "
        "iCloud backups.",
        "government",
        "08_forward_secrecy_and_backups",
        (
            "The UK Is Still Trying to Backdoor Encryption for Apple Users (summarising the Financial Times)",
            "Thorin Klosowski, EFF Deeplinks",
            "1 October 2025",
            "https://www.eff.org/deeplinks/2025/10/uk-still-trying-backdoor-encryption-apple-users",
        ),
        secondary=True,
    ),
    _e(
        "2025-11-26",
        "26 November 2025",
        "EU governments agree their position, without mandatory detection",
        "The Council of the EU agrees its position on the child sexual abuse regulation: risk assessments and "
        "removal orders, a new EU Centre, and voluntary detection made permanent, but no obligation to scan. "
        "Talks with the European Parliament can begin.",
        "law",
        "07_endpoints_and_scanning",
        (
            "Eurochild reacts to the Council's position on the Regulation to Prevent and Combat Child Sexual Abuse",
            "Eurochild",
            "November 2025",
            "https://eurochild.org/?p=20679",
        ),
        secondary=True,
    ),
    _e(
        "2026-04-03",
        "3 April 2026",
        "The EU's interim scanning rules lapse",
        "The 2021 interim regulation that let messaging services scan voluntarily expires: in March the "
        "European Parliament voted for a narrower extension (not for end-to-end encrypted chats), talks with "
        "the member states failed, and a last vote on an extension fell short.",
        "law",
        "07_endpoints_and_scanning",
        (
            "EU rules to tackle child sex abuse online to lapse (title as in the page's address)",
            "AFP, in The Star",
            "27 March 2026",
            "https://www.thestar.com.my/tech/tech-news/2026/03/27/eu-rules-to-tackle-child-sex-abuse-online-to-lapse",
        ),
        secondary=True,
    ),
    _e(
        "2026-07-02",
        "2 July 2026",
        "EU governments back a new temporary regulation to 2028",
        "The Council adopts its first-reading position on a new, self-standing temporary regulation that would "
        "again allow voluntary detection, until 3 April 2028.",
        "law",
        "07_endpoints_and_scanning",
        (
            "News summary of the Council's first-reading position (untitled in the copy read)",
            "EU Matrix Atlas",
            "2 July 2026",
            "https://atlas.eumatrix.app/news/0c790d41-60f5-4bbf-9e9d-deb4e7d78a48",
        ),
        secondary=True,
    ),
)


def events() -> tuple[Event, ...]:
    """Every entry, oldest first."""
    return tuple(sorted(EVENTS, key=lambda e: e.day))


def events_for(chapter: str) -> tuple[Event, ...]:
    """The entries whose mechanism a chapter runs, e.g. ``events_for("04_key_escrow")``."""
    return tuple(e for e in events() if e.chapter == chapter)


def sources() -> tuple[Source, ...]:
    """Every source once, in the order of the entries that use it."""
    seen: dict[str, Source] = {}
    for e in events():
        seen.setdefault(e.source.url, e.source)
    return tuple(seen.values())
