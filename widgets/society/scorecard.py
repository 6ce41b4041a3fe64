"""Chapter 09's scorecard: score five proposals against two published frameworks, then compare the scores
with what the course's experiments found.

* ``PRINCIPLES`` — the eight principles of the Carnegie Endowment's Encryption Working Group ("Moving the
  Encryption Policy Conversation Forward", 10 September 2019), by name, each with a one-line description
  in the course's own words (the report's definitions could not be checked; see the chapter's Sources).
* ``QUESTIONS`` — the themes of the framework in the US National Academies' "Decrypting the Encryption
  Debate: A Framework for Decision Makers" (2018), paraphrased as six questions.
* ``PROPOSALS`` — key escrow, the ghost participant, client-side scanning, targeted implants and backups the
  Provider can open, each a ``Policy`` of the course's model, with the breach that threatens it and the way a
  careful target could dodge it.
* ``measure(proposal)`` runs the model — real PyNaCl encryption, real decryption attempts — on one seeded
  scenario and returns what it saw as numbers; ``judge(measurements)`` turns those numbers into a finding per
  criterion by fixed rules; ``evidence(proposal)`` is the two together. Where a criterion is a matter of law
  or values that decryption cannot settle, the finding says so and has no verdict.
* ``compare_scores(scores)`` sets a reader's scores beside the findings, in words.

No verdict is typed in by hand: change the model and the findings change with it.
No ipywidgets here: the view is ``widgets/ui/scorecard.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from ..labs.conversations import STARTER_WATCHLIST
from ..labs.escrow import field_on_the_wire, inner_layer, keys_from_field, send_superencrypted
from ..labs.scanning import evade
from ..protocol.holdings import ATTACKER, PROVIDER, STATE
from ..protocol.journey import WARRANT_TARGET
from ..protocol.policy import Policy
from ..protocol.randomness import Randomness
from ..protocol.world import World
from .population import exposure, simulate


def _counted(n: int, noun: str) -> str:
    """Counted in words, read as a sentence: "2 agreements", "1 judgement", never "agreement(s)"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


SCORES = ("meets", "partly", "fails", "can't tell")
SEED = 2019  # the scenario's keys and nonces: a teaching device, so the chapter shows the same findings each run

# The names are the frameworks'; the one-line descriptions are the course's paraphrase (see the chapter's Sources).
CARNEGIE = "Carnegie Encryption Working Group, 2019; course's paraphrase"
NAS = "National Academies, 2018; course's paraphrase"


@dataclass(frozen=True)
class Criterion:
    """A principle or question to score against: its name, a plain one-line description, where it comes from."""

    name: str
    short: str
    source: str


PRINCIPLES: tuple[Criterion, ...] = (
    Criterion("Law enforcement utility", "Would it really help investigators get what they need?", CARNEGIE),
    Criterion("Equity", "Would its burden fall fairly, not harder on some groups of people than on others?", CARNEGIE),
    Criterion(
        "Specificity",
        "Is access to one person good for that person only, with no master key that opens everyone's?",
        CARNEGIE,
    ),
    Criterion("Focus", "Does everyone who is not a target stay as secure as before?", CARNEGIE),
    Criterion("Authorization", "Can it be used only with proper legal permission, such as a warrant?", CARNEGIE),
    Criterion("Limitation", "Do the legal rules keep its use narrow: serious crimes, named people?", CARNEGIE),
    Criterion("Auditability", "Can each use be checked afterwards, and is the person eventually told?", CARNEGIE),
    Criterion(
        "Transparency, evaluation and oversight",
        "Is its use reported in public, so that lawmakers and the public can judge it?",
        CARNEGIE,
    ),
)

QUESTIONS: tuple[Criterion, ...] = (
    Criterion(
        "Effectiveness",
        "Would it give investigators the access they seek, reliably and at scale — or would targets move to "
        "tools without it?",
        NAS,
    ),
    Criterion("Security", "How much would it weaken the security of the service and of its users?", NAS),
    Criterion("Privacy, civil liberties and human rights", "Whose private words would it expose, and to whom?", NAS),
    Criterion("Commerce and innovation", "What would it do to companies, competitiveness and new products?", NAS),
    Criterion("Costs", "What would it cost, and who would pay?", NAS),
    Criterion("International effects", "How would it play out abroad, with other governments and their users?", NAS),
)

CRITERIA: tuple[Criterion, ...] = PRINCIPLES + QUESTIONS


@dataclass(frozen=True)
class Proposal:
    """One proposal as the course's model runs it."""

    name: str
    policy: Policy
    breach: str  # the Policy switch that stands for criminals breaking in where this proposal keeps its keys
    dodge: str  # what a careful target does, in words ("" when the model gives the target no way out)
    chapter: str  # the notebook whose experiments run this proposal
    not_run: str  # a risk the chapters discuss that this model does not run, in words
    breach_reaches: bool = True  # whether the breach can reach where this proposal keeps its access at all


PROPOSALS: tuple[Proposal, ...] = (
    Proposal(
        "key escrow",
        Policy(escrow=True),
        "escrow_breach",
        "Alice and Bob lock their words themselves, with a key they agreed outside the app, before the app "
        "locks them again",
        "04_key_escrow.ipynb",
        "how well the escrow key would be guarded, and by how many agencies (Clipper split each key between two)",
    ),
    Proposal(
        "ghost participant",
        Policy(ghost=True),
        "provider_breach",
        "Alice and Bob compare safety numbers, so their apps check every member of the chat",
        "05_interception_and_ghosts.ipynb",
        "a criminal, or another government, taking over the Provider's directory to add a ghost of its own",
        breach_reaches=False,  # the ghost's key is the State's: copying the Provider's servers does not give it
    ),
    Proposal(
        "client-side scanning",
        Policy(client_scanning=True),
        "provider_breach",
        "Alice edits the listed text with small look-alike changes before sending it",
        "07_endpoints_and_scanning.ipynb",
        "who decides what goes on the list, whether it grows, and innocent texts crafted to match it",
        breach_reaches=False,  # the scanner runs on the phones; its reports go to the State
    ),
    Proposal(
        "targeted implants",
        Policy(endpoint_implant=True),
        "provider_breach",
        "",
        "07_endpoints_and_scanning.ipynb",
        "the critics' main worry: flaws in phones kept secret so that implants can get in stay open to "
        "criminals too; and what each implant costs",
        breach_reaches=False,  # the implant lives on Alice's phone, not on the Provider's servers
    ),
    Proposal(
        "backups the Provider can open",
        Policy(cloud_backup=True),
        "provider_breach",
        "Alice and Bob switch cloud backups off",
        "08_forward_secrecy_and_backups.ipynb",
        "how many people would choose backups only they can open, if offered",
    ),
)

OUTSIDER = "Carol"  # a user under no warrant: Bob's conversation with her is outside the order


def proposal(name: str) -> Proposal:
    """The proposal called ``name``."""
    for candidate in PROPOSALS:
        if candidate.name == name:
            return candidate
    raise ValueError(f"There is no proposal called {name!r}; the proposals are {[p.name for p in PROPOSALS]}.")


def criterion(name: str) -> Criterion:
    """The principle or question called ``name``."""
    for candidate in CRITERIA:
        if candidate.name == name:
            return candidate
    raise ValueError(f"There is no criterion called {name!r}; they are {[c.name for c in CRITERIA]}.")


# --- the scenario ---------------------------------------------------------------------------------

LISTED_TEXT = STARTER_WATCHLIST[0][1]  # an invented call to arms on the scanning authority's list
TARGET_MESSAGES = (  # Alice's conversation: the warrant covers it
    (WARRANT_TARGET, "Bob", "Meet at the depot at nine"),
    (WARRANT_TARGET, "Bob", LISTED_TEXT),
    ("Bob", WARRANT_TARGET, "OK, bring the van"),
)
OUTSIDER_MESSAGES = (  # Bob and Carol: nobody's target; Carol forwards the listed text to ask about it
    ("Bob", OUTSIDER, "Happy birthday! See you on Sunday"),
    (OUTSIDER, "Bob", f"fwd: {LISTED_TEXT}"),
)


def scenario(policy: Policy, seed: int = SEED, target_texts: tuple[str, ...] | None = None) -> World:
    """A seeded world, with the scanning list set, in which the five messages above are sent under ``policy``.

    ``target_texts`` replaces the words of Alice's conversation (the dodges use it). Messages an app refuses
    to send are recorded as refused in the world, not raised.
    """
    world = World(seed=seed, policy=policy)
    world.watchlist = STARTER_WATCHLIST
    texts = target_texts or tuple(text for _, _, text in TARGET_MESSAGES)
    for (sender, recipient, _), text in zip(TARGET_MESSAGES, texts, strict=True):
        world.send(sender, recipient, text)
    for sender, recipient, text in OUTSIDER_MESSAGES:
        world.send(sender, recipient, text)
    return world


def _in_target_conversation(message) -> bool:
    return WARRANT_TARGET in (message.sender, *message.recipients)


# --- measuring --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measurements:
    """What the model showed for one proposal, as counts. Every number comes from real decryption attempts."""

    proposal: str
    target_total: int  # messages in Alice's conversation
    target_read: int  # of those, how many the State read
    dodge_tested: bool  # whether the model gives the target a way to dodge
    dodged_total: int  # the messages the State read that the target then protected
    dodged_read: int  # of those, how many the State still read (the words, not a locked inner layer)
    dodge_warned: int  # warnings the target's phones showed while dodging
    outsider_total: int  # messages between Bob and Carol
    outsider_read_by_state: int  # of those, how many the State read
    outsider_read_by_provider: int  # … how many the Provider read
    outsider_fields_state_opens: int  # … how many carry an escrow field that the State's keys open
    breach_read: int  # Bob–Carol messages the Attacker reads after the breach, under this proposal
    baseline_breach_read: int  # … and under no exceptional access, with the same breach
    needs_checks_off: bool  # access fails once the apps check members and keys (safety numbers compared)
    warnings_shown: int  # warnings Alice's and Bob's phones showed, without any dodge
    notices_hidden: int  # notices the Provider suppressed on their phones
    breach_reaches: bool = True  # the breach run can reach where the proposal keeps its access
    # The population model (chapter 09, section 2), over a million users for a year: the share of warrant
    # targets' messages the State reads (median, 5th and 95th percentiles of its runs), and what limits it.
    population_median: float = float("nan")
    population_low: float = float("nan")
    population_high: float = float("nan")
    population_limits: tuple[str, ...] = ()


@cache
def measure(name: str, seed: int = SEED) -> Measurements:
    """Run proposal ``name`` in the model and count what each party can read (see ``Measurements``)."""
    prop = proposal(name)
    world = scenario(prop.policy, seed)
    target = [m for m in world.messages if _in_target_conversation(m)]
    outside = [m for m in world.messages if not _in_target_conversation(m)]
    read_by_state = [m for m in target if STATE in world.readers(m)]

    fields = [field_on_the_wire(world, m) for m in outside]
    opened = sum(1 for f in fields if f is not None and keys_from_field(world, STATE, f) is not None)

    breached = scenario(replace(prop.policy, **{prop.breach: True}), seed)
    baseline = scenario(Policy(**{prop.breach: True}) if prop.breach != "escrow_breach" else Policy(), seed)

    checked = scenario(replace(prop.policy, verify_keys=True), seed)
    checked_read = sum(1 for m in checked.messages if _in_target_conversation(m) and STATE in checked.readers(m))

    dodge_total, dodge_read, dodge_warned = _dodge(prop, read_by_state, seed)
    population = _population(prop.policy)
    return Measurements(
        proposal=name,
        target_total=len(target),
        target_read=len(read_by_state),
        dodge_tested=bool(prop.dodge),
        dodged_total=dodge_total,
        dodged_read=dodge_read,
        dodge_warned=dodge_warned,
        outsider_total=len(outside),
        outsider_read_by_state=sum(1 for m in outside if STATE in world.readers(m)),
        outsider_read_by_provider=sum(1 for m in outside if PROVIDER in world.readers(m)),
        outsider_fields_state_opens=opened,
        breach_read=_attacker_reads_outsiders(breached),
        baseline_breach_read=_attacker_reads_outsiders(baseline),
        needs_checks_off=len(read_by_state) > 0 and checked_read < len(read_by_state),
        warnings_shown=sum(len(m.warnings) for m in target),
        notices_hidden=sum(len(m.hidden) for m in target),
        breach_reaches=prop.breach_reaches,
        **population,
    )


POPULATION_SEED = 0  # the seed of chapter 09's section 2, so the scorecard quotes the same runs


@cache
def _population(policy: Policy) -> dict:
    """The population model's benefit for ``policy`` (default assumptions, drawn over their ranges), and in
    words what limits it, each read off the real protocol's cases (``widgets.society.population.exposure``)."""
    band = simulate(policy, seed=POPULATION_SEED).target_messages_read
    seen = exposure(policy)
    limits = []
    if not seen.case().reads_ordinary and seen.case().reads_listed:
        limits.append("it reads only the messages on the scanning list")
    if seen.sophisticated_escape:
        limits.append("targets who switch to an app built elsewhere escape it")
    if seen.caught_by_verification:
        limits.append("targets whose apps check the keys and members of the chat catch it")
    if seen.case().reads_ordinary and not seen.case(backs_up=False).reads_ordinary:
        limits.append("it reads only the targets who back up")
    if policy.endpoint_implant:
        limits.append("implants are bought one phone at a time, and the assumed budget pays for only some targets")
    return {
        "population_median": band.median,
        "population_low": band.low,
        "population_high": band.high,
        "population_limits": tuple(limits),
    }


def _attacker_reads_outsiders(world: World) -> int:
    return sum(1 for m in world.messages if not _in_target_conversation(m) and ATTACKER in world.readers(m))


def _dodge(prop: Proposal, read_by_state: list, seed: int) -> tuple[int, int, int]:
    """Run the target's dodge on the messages the State read: (how many, how many it still reads, warnings)."""
    if not prop.dodge or not read_by_state:
        return 0, 0, 0
    protected = {m.id for m in read_by_state}
    if prop.name == "key escrow":
        return _superencrypt(prop, protected, seed)
    if prop.name == "ghost participant":
        world = scenario(replace(prop.policy, verify_keys=True), seed)
    elif prop.name == "client-side scanning":
        edited = tuple(evade(text).text if text == LISTED_TEXT else text for _, _, text in TARGET_MESSAGES)
        world = scenario(prop.policy, seed, target_texts=edited)
    elif prop.name == "backups the Provider can open":
        world = scenario(replace(prop.policy, cloud_backup=False), seed)
    else:
        raise ValueError(f"No dodge is modelled for {prop.name!r}.")
    dodged = [m for m in world.messages if m.id in protected]
    still = sum(1 for m in dodged if STATE in world.readers(m))
    return len(dodged), still, sum(len(m.warnings) for m in dodged)


def _superencrypt(prop: Proposal, protected: set[int], seed: int) -> tuple[int, int, int]:
    """Alice and Bob lock each message with a SecretBox key they share, then send it through the escrowed app."""
    randomness = Randomness(seed)
    shared = randomness.key("chapter 09: key agreed outside the app")
    world = World(seed=seed, policy=prop.policy)
    world.watchlist = STARTER_WATCHLIST
    still, total, warned = 0, 0, 0
    for i, (sender, recipient, text) in enumerate(TARGET_MESSAGES, start=1):
        nonce = randomness.nonce(f"chapter 09: inner nonce {i}", 24)
        sent = send_superencrypted(world, sender, recipient, text, shared, nonce)
        if sent.message.id in protected:
            total += 1
            warned += len(sent.message.warnings)
            still += inner_layer(world, sent.message)[STATE]["inner"] == text
    return total, still, warned


# --- judging ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """What the experiments say about one proposal on one criterion. ``verdict`` is None where they cannot
    settle it (a matter of law, values or facts the model does not hold); ``text`` says why, in words."""

    criterion: str
    verdict: str | None
    text: str
    chapter: str
    # No verdict because the model does not run this proposal's own risk, while it does run (and fail) others'
    # on the same question: a "can't tell" here, or a tally that skips it, favours the proposal by default.
    favours_by_default: bool = False
    measured: str = ""  # what the verdict stands for, where the model scores a question of values by one measure

    @property
    def verdict_words(self) -> str:
        """The verdict as the course may say it: bare where decryption settles the question, "… as the course
        scores it (what it measured)" where it scores a value by one measurement."""
        if self.verdict is None:
            return "the experiments cannot settle this"
        return f"{self.verdict} as the course scores it ({self.measured})" if self.measured else self.verdict


NOT_MODELLED = {
    "Equity": "Who would bear the burden depends on who gets targeted and how, which is policy and practice; "
    "the model has no groups of people in it.",
    "Authorization": "Whether a warrant is needed is a matter of law. In the model the State always holds a "
    "warrant for Alice; nothing in the technology itself asks for one.",
    "Limitation": "How narrow the legal rules are is a matter of law, which no decryption can test.",
    "Transparency, evaluation and oversight": "Public reporting and oversight are institutions, not "
    "cryptography: the model cannot run them.",
    "Commerce and innovation": "Effects on companies and markets are outside the model.",
    "Costs": "The model measures who can read, not money. (The population model in section 2 puts a number on "
    "cost, from assumed prices, not from experiments.)",
    "International effects": "Other governments and other countries' users are outside the model.",
}


def judge(m: Measurements) -> dict[str, Finding]:
    """A finding per criterion, from the measurements alone, by the fixed rules below."""
    chapter = proposal(m.proposal).chapter
    utility = _utility(m)
    exposure = _specificity(m)
    security = _focus(m)
    findings = {
        "Law enforcement utility": utility,
        "Specificity": exposure,
        "Focus": security,
        "Auditability": _auditability(m),
        "Effectiveness": _effectiveness(m),
        "Security": security,
        "Privacy, civil liberties and human rights": exposure,
    }
    result = {}
    for c in CRITERIA:
        if c.name in findings:
            verdict, text = findings[c.name]
            unrun = verdict is None and c.name in RISK_CRITERIA and not m.breach_reaches
            if unrun:
                text += " " + default_warning(m.proposal)
            measured = MEASURED.get(c.name, "")
            if measured and verdict is not None:
                text += f" {WEIGHING[c.name]}"
            result[c.name] = Finding(
                c.name, verdict, text, chapter, favours_by_default=unrun, measured=measured if verdict else ""
            )
        else:
            result[c.name] = Finding(c.name, None, NOT_MODELLED[c.name], chapter)
    return result


# A question of values the model scores by one thing decryption can show: the verdict says what it measured,
# and the text leaves the weighing to the reader (the same measure as Specificity, not a separate finding).
MEASURED = {
    "Privacy, civil liberties and human rights": "whether someone besides the people talking can open the "
    "messages of people under no warrant",
}
WEIGHING = {
    "Privacy, civil liberties and human rights": "That is all the course measures here: how much it weighs "
    "against what the access gives investigators, and what it means for civil liberties and human rights, "
    "is a judgement of values, yours to make.",
}

RISK_CRITERIA = ("Focus", "Security")  # where the model runs a break-in for some proposals and not for others


def default_warning(name: str) -> str:
    """Why an empty verdict on a risk question is not a clean bill for proposal ``name``."""
    return (
        f"Caution: no verdict here is not a pass. The model runs break-ins only where keys are stored (escrow, "
        f"backups), so those proposals can fail this question and {name} cannot; its own risk "
        f"({proposal(name).not_run}) is not run. Left at “can't tell”, or skipped in a tally, this question "
        "favours it by default."
    )


def favoured_by_default() -> tuple[tuple[str, str], ...]:
    """(proposal, criterion) for every finding where the missing verdict favours the proposal by default."""
    return tuple(
        (p.name, c) for p in PROPOSALS for c, finding in evidence(p.name).items() if finding.favours_by_default
    )


def evidence(name: str) -> dict[str, Finding]:
    """What the course's experiments found for proposal ``name``, per criterion (see ``judge``)."""
    return judge(measure(name))


def _utility(m: Measurements) -> tuple[str, str]:
    text = f"The State read {_count(m.target_read, m.target_total, 'messages in Alice' + chr(39) + 's conversation')}."
    if m.target_read and not m.dodge_tested:
        text += " The model gives Alice no way to dodge it."
    elif m.dodged_total:
        words = "their words" if m.dodged_read == m.dodged_total else f"the words of {m.dodged_read} of them"
        text += f" When {proposal(m.proposal).dodge}, it read {words if m.dodged_read else 'none of their words'}"
        text += f", and the phones showed {_n(m.dodge_warned, 'warning')}." if m.dodge_warned else "."
    if m.target_read == 0:
        return "fails", text
    dodged = m.dodged_total > 0 and m.dodged_read < m.dodged_total
    if m.target_read == m.target_total and not dodged:
        return "meets", text
    return "partly", text


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%" if share == 0 or share >= 0.01 else f"{100 * share:.1g}%"


def _effectiveness(m: Measurements) -> tuple[str | None, str]:
    """Reliably and at scale: from the population model, not from one scenario. "meets" needs nine in ten of
    its runs to read at least 90% of targets' messages; "fails" means nine in ten read under 10%."""
    if m.population_median != m.population_median:  # nan: not measured
        return None, "The population model was not run for this proposal."
    text = (
        f"Over a million users for a year (the population model of section 2), the State read "
        f"{_percent(m.population_median)} of warrant targets' messages in the middle run (median), "
        f"{_percent(m.population_low)} to {_percent(m.population_high)} in nine runs out of ten."
    )
    if m.population_limits:
        text += " What limits it: " + "; ".join(m.population_limits) + "."
    text += " The shares rest on assumptions, several of them guesses (section 1.2)."
    if m.population_high < 0.1:
        return "fails", text
    if m.population_low >= 0.9:
        return "meets", text
    return "partly", text


def _specificity(m: Measurements) -> tuple[str, str]:
    between = "messages between Bob and Carol"
    parts = []
    if m.outsider_read_by_state:
        parts.append(f"the State read {_count(m.outsider_read_by_state, m.outsider_total, between)}")
    if m.outsider_fields_state_opens:
        parts.append(
            f"{_count(m.outsider_fields_state_opens, m.outsider_total, between)} carry an escrow field that the "
            "State's escrow key opens (its warrant gave it no copy of them, but a copy is all it would need)"
        )
    if m.outsider_read_by_provider:
        parts.append(f"the Provider read {_count(m.outsider_read_by_provider, m.outsider_total, between)}")
    if parts:
        return "fails", "Carol is under no warrant, yet " + "; ".join(parts) + "."
    return "meets", (
        f"None of the {m.outsider_total} {between}, who are under no warrant, opened to anyone but them. "
        "(The model points the access at Alice only; whether the same machinery could be pointed at many people "
        "is not something decryption can show.)"
    )


def _count(part: int, whole: int, things: str) -> str:
    """How many of ``whole`` things, in words: "all 3 messages", "both …", "none of the 2 …", "1 of the 3 …"."""
    if part == whole:
        return f"both {things}" if whole == 2 else f"all {whole} {things}" if whole > 2 else f"the one {things}"
    return f"none of the {whole} {things}" if part == 0 else f"{part} of the {whole} {things}"


def _n(number: int, thing: str) -> str:
    """ "no warning", "1 warning", "3 warnings"."""
    return f"no {thing}" if number == 0 else f"{number} {thing}" + ("s" if number > 1 else "")


def _focus(m: Measurements) -> tuple[str | None, str]:
    """Does everyone who is not a target stay as secure as before? Fails if a break-in reads more of Bob and
    Carol than it would without the proposal, or if the State or the Provider reads all their messages;
    partly if they read some, or if the access needs everyone's checks off; no verdict if nothing reached
    them and the only break-in the model runs cannot reach where this proposal keeps its access."""
    prop = proposal(m.proposal)
    between = "messages between Bob and Carol"
    breach = Policy.describe(prop.breach)["label"]
    breach = breach[:1].lower() + breach[1:]
    if m.breach_reaches:
        text = (
            f"After the break-in ({breach}), the Attacker read {_count(m.breach_read, m.outsider_total, between)}; "
            f"with no exceptional access and the same break-in, it read {m.baseline_breach_read or 'none'}."
        )
    else:
        text = (
            f"The break-in the model runs ({breach}) cannot reach where this proposal keeps its access, so it "
            "tests nothing here."
        )
    caveat = f" Not run by the model: {prop.not_run}."
    read = max(m.outsider_read_by_state, m.outsider_read_by_provider)
    who = " and ".join(
        party
        for party, count in (("the State", m.outsider_read_by_state), ("the Provider", m.outsider_read_by_provider))
        if count
    )
    if read:
        text += f" Without any break-in, {who} read {_count(read, m.outsider_total, between)} (under no warrant)."
    if m.breach_reaches and m.breach_read > m.baseline_breach_read:
        return "fails", text + caveat
    if read:
        return ("fails" if read == m.outsider_total else "partly"), text + caveat
    if m.needs_checks_off:
        return "partly", text + (
            " But the access worked only while the apps did not check who is in the chat: once they checked every "
            "member (for a ghost the safety numbers still match), the State read nothing. The check has to stay off, "
            "or be weakened, for everyone."
        ) + caveat
    if not m.breach_reaches:
        return None, text + " Nobody else read Bob and Carol's messages in the model." + caveat
    return "meets", text + caveat


def _auditability(m: Measurements) -> tuple[None, str]:
    text = f"Alice's and Bob's phones showed {_n(m.warnings_shown, 'warning')} about the access"
    if m.notices_hidden:
        text += f"; the Provider suppressed {_n(m.notices_hidden, 'notice')} that they would have shown"
    text += "."
    return None, text + (
        " Whether each use is logged for overseers, or told to the person later, is a matter of rules that the "
        "model does not run."
    )


# --- comparing a reader's scores -----------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One scored cell beside its finding, said in words."""

    proposal: str
    criterion: str
    yours: str
    found: str | None
    text: str


@dataclass(frozen=True)
class Comparison:
    agreements: tuple[Line, ...]
    disagreements: tuple[Line, ...]
    judgements: tuple[Line, ...]  # you scored where the experiments cannot settle it: your judgement stands
    left_open: tuple[Line, ...]  # you said "can't tell" where the experiments found something
    unscored: int
    # you said "can't tell" where the model does not run the proposal's own risk: that favours it by default
    favoured: tuple[Line, ...] = ()

    def text(self) -> str:
        """The comparison as plain text, one line per cell."""
        counts = (
            f"{_counted(len(self.agreements), 'agreement')}, {_counted(len(self.disagreements), 'disagreement')}, "
            f"{len(self.left_open)} left open where the experiments found something, "
            + (f"{len(self.favoured)} left open where that favours the proposal by default, " if self.favoured else "")
            + f"{_counted(len(self.judgements), 'judgement')} the experiments cannot settle, "
            + f"{self.unscored} not scored."
        )
        lines = [counts]
        for title, group in (
            ("Where you and the experiments differ", self.disagreements),
            ("Where you agree", self.agreements),
            ("Where you left it open", self.left_open),
            ("Where “can't tell” favours the proposal by default", self.favoured),
            ("Your judgement (the experiments cannot settle these)", self.judgements),
        ):
            if group:
                lines.append(f"{title}:")
                lines += [f"- {line.text}" for line in group]
        return "\n".join(lines)


def _as_scored(finding: Finding) -> str:
    return f" as the course scores it ({finding.measured})" if finding.measured else ""


def compare_scores(
    scores: Mapping[tuple[str, str], str | None], found: Mapping[str, Mapping[str, Finding]] | None = None
) -> Comparison:
    """Set ``scores`` — {(proposal, criterion): "meets" | "partly" | "fails" | "can't tell" | None} — beside the
    findings (``evidence`` for each proposal, unless ``found`` is given). Unknown names or scores raise."""
    found = found if found is not None else {p.name: evidence(p.name) for p in PROPOSALS}
    groups: dict[str, list[Line]] = {"agree": [], "differ": [], "judge": [], "open": [], "favoured": []}
    for (prop, crit), yours in scores.items():
        proposal(prop), criterion(crit)
        if yours is None:
            continue
        if yours not in SCORES:
            raise ValueError(f"A score must be one of {SCORES}, not {yours!r}.")
        finding = found[prop][crit]
        head = f"{_cap(prop)}, {crit}: you said “{yours}”"
        if finding.verdict is None:
            if yours != "can't tell":
                groups["judge"].append(Line(prop, crit, yours, None, f"{head}. {finding.text}"))
            elif finding.favours_by_default:  # nobody can tell, but leaving it open is not neutral here
                groups["favoured"].append(Line(prop, crit, yours, None, f"{head}. {default_warning(prop)}"))
        elif yours == "can't tell":
            groups["open"].append(
                Line(
                    prop,
                    crit,
                    yours,
                    finding.verdict,
                    f"{head}; the experiments found “{finding.verdict}”{_as_scored(finding)}: {finding.text}",
                )
            )
        elif yours == finding.verdict:
            groups["agree"].append(
                Line(prop, crit, yours, finding.verdict, f"{head}, as the experiments found: {finding.text}")
            )
        else:
            groups["differ"].append(
                Line(
                    prop,
                    crit,
                    yours,
                    finding.verdict,
                    f"{head}; the experiments found “{finding.verdict}”{_as_scored(finding)}: {finding.text}",
                )
            )
    scored = sum(1 for v in scores.values() if v is not None)
    return Comparison(
        tuple(groups["agree"]),
        tuple(groups["differ"]),
        tuple(groups["judge"]),
        tuple(groups["open"]),
        len(PROPOSALS) * len(CRITERIA) - scored,
        tuple(groups["favoured"]),
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
