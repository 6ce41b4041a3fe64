"""Chapter 09's model: each proposal for exceptional access, played out over a whole population for a year.

``simulate(policy, users=1_000_000, days=365, seed=0, runs=1000, **assumptions)`` returns an ``Outcome``: the
share of warrant targets' messages the State can read (the benefit), how many innocent users' messages leak to
criminals through breaches of concentrated key stores, how many innocent messages scanning reports, and what
the implants cost — each as a ``Band`` (median, mean, and the 5th and 95th percentiles over the runs). Where
rare runs drive a measure (a breach in one run in twenty), the median says more than the mean, which such runs
pull far up; the share of runs in which a breach happens is only the assumed breach chance played back, so the
views report whom a breach exposes (found by decryption) beside that assumed chance, never the share as a
result. ``compare`` runs every proposal with the same
random numbers, so differences come from the policy alone. ``ASSUMPTIONS`` holds every number the model needs,
with its source or an honest "no reliable figure"; ``LIMITATIONS`` says what the model cannot capture.

Where the qualitative facts come from. Whether the State reads a target's message, whether a criminal who
breaches the Provider or steals the escrow key reads content (and whose), whether a ghost is caught by
users who compare safety numbers, whether scanning reports a listed text: none of this is written here by
hand. ``exposure(policy)`` runs the real protocol (``widgets.World``, PyNaCl) for each kind of user — a
warrant target who is or is not sophisticated, does or does not compare safety numbers, does or does not
back up, has or has not had an implant planted — and for each breach, and reads ``world.readers(...)``.
The population model only counts how many people of each kind there are and how often breaches happen.

How the counting is done. Each user and each message is a yes/no trial (is this user a criminal? does this
message trip the scanner?). Adding up a million such trials one by one would be slow; the sum of
independent yes/no trials with the same chance follows a binomial law, so the model draws the sums
directly. That gives exactly the same distribution as a per-user simulation, and the time it takes does not
grow with the number of users. Warrant targets are drawn one by one (numpy arrays, not Python loops), and
their number does grow with the users: tens per million, so a million users take milliseconds, but a hundred
million (thousands of targets in each run) take seconds.

Uncertainty. The model is run many times over ("Monte Carlo": repeated runs with random draws, like rolling
dice many times to see how the totals spread). Each run first draws every assumption the caller did not fix
from its range [low, high], with a *log-triangular* law: the logarithm of the value is triangular, peaking at
the default. The default is thus the most likely value (the mode, on a log scale), and the range is spread
evenly over orders of magnitude — because for most of these figures (breach chances, false-positive rates,
shares of criminals) we know the order of magnitude at best. Because the range usually reaches further above
the default than below it (in ratio), the draws' average lies above the default: for the false-positive rate,
default 1e-6, it is several times the default. The median of the results is therefore the better summary, and
a run with every assumption held at its default (``DEFAULTS``) shows the most likely case. An assumption given
as a keyword argument is held at that value in every run. Then the run draws its chance events: who is a
criminal and who is sophisticated, how many warrants, which targets verify keys or back up, whether each key
store is breached this period, how many messages scanning flags. Each kind of draw has its own random stream
(``numpy.random.SeedSequence(seed).spawn``), so that changing the policy leaves every draw as it was, and
changing one assumption leaves the draws that do not depend on it as they were (common random numbers). The
targets' traits (switches apps? compares safety numbers? backs up?) come in fixed blocks of targets, each
block from its own stream, so target number k keeps her traits when more or fewer warrants are issued. (Draws
whose count depends on an assumption — how many criminals, how many warrants — change with it, as they must.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache

import numpy as np

from ..content.assumptions import load as load_assumptions
from ..protocol.message import MessageRefused
from ..protocol.policy import Policy
from ..protocol.world import World

CURRENCY = "US dollars"
DEFAULT_RUNS = 1000
PERCENTILES = (5, 95)
TARGET, PEER, OTHER = "Alice", "Bob", "Carol"  # Alice holds the warrant; Bob and Carol are not suspected
ORDINARY_TEXT = "See you at noon by the station"
LISTED_TEXT = "Bring the package to the old bridge at dawn"  # the text on the scanning authority's list
EXPOSURE_SEED = 9

# Switches a law can impose on the mainstream app or its Provider. A sophisticated criminal escapes them by
# using an app built elsewhere (or by encrypting inside), so for such a user they are all off — while what
# sits on the phone itself (an implant) still applies. That is Bartlett's point, as a change of policy.
APP_MANDATES = ("escrow", "interception", "ghost", "client_scanning", "cloud_backup")
# Switches the population model draws itself: who verifies keys, and whether each store is breached.
DRAWN_SWITCHES = ("verify_keys", "provider_breach", "escrow_breach")
# The concentrated key stores a breach can hit, each with the switch that breaches it in the real model.
STORES = (("escrow key", "escrow_breach"), ("Provider's servers", "provider_breach"))


# --- assumptions ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assumption:
    """One number the model needs: a default (the most likely value), a plausible range [low, high] that the
    Monte Carlo runs draw from, its unit, its source (title, date, link) and a note on why this default and
    what is uncertain. ``valid`` is what the number can be at all (a share lies between 0 and 1);
    ``positive`` excludes 0 itself (a price of 0 would buy unlimited implants: the model divides by it)."""

    name: str
    label: str
    default: float
    low: float
    high: float
    unit: str
    source: str
    note: str
    valid: tuple[float, float] = (0.0, 1.0)
    positive: bool = False

    def check(self, value: object) -> float:
        """``value`` as a float, or a ValueError in plain words."""
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ValueError(f"{self.name} must be a number ({self.unit}), not {value!r}")
        value = float(value)
        lo, hi = self.valid
        if not (math.isfinite(value) and lo <= value <= hi and (value > 0 or not self.positive)):
            if self.positive:
                what = "a number greater than 0" + (f" and at most {hi:g}" if math.isfinite(hi) else "")
            elif (lo, hi) == (0.0, 1.0):
                what = "a share between 0 and 1"
            else:
                what = f"a number from {lo:g} to {hi:g}"
            raise ValueError(f"{self.name} must be {what} ({self.unit}), not {value!r}")
        return value


UNBOUNDED = (0.0, math.inf)

# The numbers themselves live in widgets/content/assumptions.toml (content as data, with their sources).
_CONTENT = load_assumptions()

ASSUMPTIONS: dict[str, Assumption] = {
    r.name: Assumption(r.name, r.label, r.default, r.low, r.high, r.unit, r.source, r.note, r.valid, r.positive)
    for r in _CONTENT.assumptions
}
# Where no one has measured the number: the chapter says so beside every result that rests on it.
UNMEASURED: frozenset[str] = frozenset(r.name for r in _CONTENT.assumptions if r.no_reliable_figure)
# Routes investigators already have under every policy (not counted by the model): name, what, source.
EXISTING_ROUTES = _CONTENT.routes


# --- what the real model shows, for one policy ---------------------------------------------------------


@dataclass(frozen=True)
class TargetCase:
    """One kind of warrant target, and what the real model showed for her messages: those she sends and
    those she receives (a warrant covers both directions of her conversations)."""

    sophisticated: bool  # uses an app built elsewhere: the app's mandates do not apply
    verifies: bool  # compares safety numbers
    backs_up: bool  # backs up to the Provider (matters only if the policy has such backups)
    implanted: bool  # the State has planted an implant on her phone (only if the policy does that)
    reads_ordinary: bool  # the State reads an ordinary message she sends
    reads_listed: bool  # the State reads a message of hers that is on the scanning list
    caught: bool  # her app refused to send or warned her: she knows something is wrong
    reads_incoming: bool = False  # the State reads an ordinary message sent to her
    reads_incoming_listed: bool = False  # the State reads a listed message sent to her
    caught_how: str = ""  # how her app caught it: the status of the first message it stopped ("not sent: …")

    @property
    def index(self) -> int:
        return _case_index(self.sophisticated, self.verifies, self.backs_up, self.implanted)

    @property
    def reads_any(self) -> bool:
        """The State reads something of hers: a message, or at least one on the scanning list, either way."""
        return self.reads_ordinary or self.reads_listed or self.reads_incoming or self.reads_incoming_listed


@dataclass(frozen=True)
class Leak:
    """Whose messages a criminal reads after breaching one key store: "nobody", "targets only" or "everyone"."""

    store: str
    for_user_who_backs_up: str
    for_user_who_does_not: str


# How a criminal gets at each store, in words.
_BREACH_WORDS = {"escrow key": "steals the escrow key", "Provider's servers": "breaks into the Provider's servers"}


@dataclass(frozen=True)
class Exposure:
    """What the real protocol shows under ``policy`` (breach and verify switches are set per case here)."""

    policy: Policy
    cases: tuple[TargetCase, ...]
    leaks: tuple[Leak, ...]
    state_reads_non_target: bool  # the State reads an ordinary message between two people with no warrant
    scanning_reports_listed: bool  # a listed text sent by someone with no warrant reaches the State

    def case(self, sophisticated=False, verifies=False, backs_up=True, implanted=True) -> TargetCase:
        return self.cases[_case_index(sophisticated, verifies, backs_up, implanted)]

    @property
    def state_reads_target(self) -> bool:
        """The State reads an ordinary target's message (mainstream app, no key check, backs up, implanted)."""
        return self.case().reads_ordinary

    @property
    def nothing_to_escape(self) -> bool:
        """The State reads nothing of an ordinary target's (not even listed messages): no access to escape."""
        return not self.case().reads_any

    @property
    def sophisticated_escape(self) -> bool:
        """A target on an app built elsewhere escapes everything the State reads of an ordinary target
        (messages on the scanning list included; an implant on her phone, where the policy plants one, is
        not escaped). False when there is nothing to escape: see ``nothing_to_escape``."""
        return self.case().reads_any and not self.case(sophisticated=True).reads_any

    def escape_words(self) -> str:
        """Whether a target on another app escapes, in words: "yes", "no" or "n/a (nothing to escape)"."""
        if self.nothing_to_escape:
            return "n/a (nothing to escape)"
        return "yes" if self.sophisticated_escape else "no"

    @property
    def caught_by_verification(self) -> bool:
        """Comparing safety numbers makes the target's app refuse or warn, where it would not otherwise."""
        return self.case(verifies=True).caught and not self.case().caught

    @property
    def verification_catch(self) -> str:
        """Which check caught it, as the verifying target's app said: "safety number changed" (a key is not
        the one she compared) or "unverified member" (every key matched, but the chat lists a member nobody
        verified); "" when verification catches nothing."""
        if not self.caught_by_verification:
            return ""
        return self.case(verifies=True).caught_how.removeprefix("not sent: ")

    def leak(self, store: str) -> Leak:
        return next(leak for leak in self.leaks if leak.store == store)

    def facts(self) -> tuple[str, ...]:
        """What the experiments showed, in plain sentences."""
        on = ", ".join(self.policy.on()) or "no exceptional access"
        yes = {True: "can", False: "cannot"}
        plain = self.case(implanted=False)
        lines = [
            f"Policy: {on}. The State holds a warrant for Alice; not for Bob or Carol.",
            f"The State {yes[plain.reads_ordinary]} read an ordinary message of Alice's, and "
            f"{yes[plain.reads_incoming]} read one sent to her.",
            f"If Alice uses an app built elsewhere, the State {yes[self.case(True, implanted=False).reads_ordinary]}"
            " read her message.",
        ]
        if self.policy.endpoint_implant:
            lines.append(
                f"With an implant on her phone, the State {yes[self.case().reads_ordinary]} read it, and even if she "
                f"uses another app it {yes[self.case(sophisticated=True).reads_ordinary]}."
            )
        if self.caught_by_verification:
            lines.append("If Alice compares safety numbers, her app refuses or warns: the access is caught.")
        elif self.case().reads_ordinary:
            lines.append("Comparing safety numbers does not reveal it.")
        if self.scanning_reports_listed:
            lines.append(
                "A listed text sent by Bob to Carol, who have no warrant, reaches the State: scanning reports anyone."
            )
        if self.state_reads_non_target:
            lines.append("The State reads ordinary messages of people without a warrant.")
        for leak in self.leaks:
            if leak.for_user_who_backs_up == leak.for_user_who_does_not:
                whose = leak.for_user_who_backs_up
            else:
                whose = f"{leak.for_user_who_backs_up} who back up, {leak.for_user_who_does_not} otherwise"
            how = _BREACH_WORDS.get(leak.store, f"breaches the {leak.store}")
            lines.append(f"A criminal who {how} (where there is one) reads the messages of: {whose}.")
        return tuple(lines)

    def __str__(self) -> str:
        return "\n".join(self.facts())


def _case_index(sophisticated: bool, verifies: bool, backs_up: bool, implanted: bool) -> int:
    return 8 * bool(sophisticated) + 4 * bool(verifies) + 2 * bool(backs_up) + bool(implanted)


def _switches(policy: Policy, **wanted: bool) -> Policy:
    """``policy`` with the named switches set, ignoring names this Policy does not have."""
    known = {f.name for f in fields(Policy)}
    return replace(policy, **{k: v for k, v in wanted.items() if k in known})


def _for_case(policy: Policy, sophisticated: bool, verifies: bool, backs_up: bool, implanted: bool) -> Policy:
    """The policy as it applies to one kind of user."""
    changes = {"verify_keys": verifies}
    if sophisticated:
        changes.update({name: False for name in APP_MANDATES}, end_to_end=True)
    if not backs_up:
        changes["cloud_backup"] = False
    if not implanted:
        changes["endpoint_implant"] = False
    return _switches(policy, **changes)


@dataclass(frozen=True)
class _Readers:
    """Who read each of six messages in one seeded world: Alice's ordinary and listed messages to Bob, Bob's
    ordinary and listed messages to Carol, and Bob's ordinary and listed replies to Alice; and whether
    Alice's app refused or warned."""

    target_ordinary: frozenset
    target_listed: frozenset
    other_ordinary: frozenset
    other_listed: frozenset
    incoming_ordinary: frozenset
    incoming_listed: frozenset
    target_caught: bool
    caught_how: str = ""  # the status of the first of the target's messages her app stopped


@lru_cache(maxsize=512)
def _readers(policy: Policy) -> _Readers:
    world = World(seed=EXPOSURE_SEED, policy=policy)
    world.watchlist = [("a listed text", LISTED_TEXT)]
    read, caught, how = [], False, ""
    for sender, recipient, text in (
        (TARGET, PEER, ORDINARY_TEXT),
        (TARGET, PEER, LISTED_TEXT),
        (PEER, OTHER, ORDINARY_TEXT),
        (PEER, OTHER, LISTED_TEXT),
        (PEER, TARGET, ORDINARY_TEXT),  # sent last, so the first four are as they were before these were added
        (PEER, TARGET, LISTED_TEXT),
    ):
        try:
            message = world.send(sender, recipient, text)
        except MessageRefused:  # the app would not send it: nobody but the sender has it
            caught = caught or sender == TARGET
            read.append(frozenset({sender}))
            continue
        if sender == TARGET and (message.status != "delivered" or any(n.party == TARGET for n in message.warnings)):
            caught = True
            how = how or message.status
        read.append(world.readers(message))
    return _Readers(*read, target_caught=caught, caught_how=how)


def _normalised(policy: Policy) -> Policy:
    if not isinstance(policy, Policy):
        raise ValueError(f"policy must be a Policy(...), not {policy!r}")
    return _switches(policy, **{name: False for name in DRAWN_SWITCHES})


def exposure(policy: Policy) -> Exposure:
    """What the real protocol shows under ``policy``, for each kind of target and each breach (cached)."""
    return _exposure(_normalised(policy))


@lru_cache(maxsize=256)
def _exposure(policy: Policy) -> Exposure:
    cases = []
    for sophisticated in (False, True):
        for verifies in (False, True):
            for backs_up in (False, True):
                for implanted in (False, True):
                    seen = _readers(_for_case(policy, sophisticated, verifies, backs_up, implanted))
                    cases.append(
                        TargetCase(
                            sophisticated,
                            verifies,
                            backs_up,
                            implanted,
                            reads_ordinary="State" in seen.target_ordinary,
                            reads_listed="State" in seen.target_listed,
                            caught=seen.target_caught,
                            reads_incoming="State" in seen.incoming_ordinary,
                            reads_incoming_listed="State" in seen.incoming_listed,
                            caught_how=seen.caught_how,
                        )
                    )
    leaks = []
    for store, switch in STORES:
        whose = []
        for backs_up in (True, False):
            seen = _readers(_switches(_for_case(policy, False, False, backs_up, False), **{switch: True}))
            if "Attacker" in seen.other_ordinary:
                whose.append("everyone")
            elif "Attacker" in seen.target_ordinary:
                whose.append("targets only")
            else:
                whose.append("nobody")
        leaks.append(Leak(store, *whose))
    plain = _readers(_for_case(policy, False, False, True, False))
    return Exposure(
        policy=policy,
        cases=tuple(cases),
        leaks=tuple(leaks),
        state_reads_non_target="State" in plain.other_ordinary,
        scanning_reports_listed="State" in plain.other_listed and "State" not in plain.other_ordinary,
    )


# --- proposals ------------------------------------------------------------------------------------------

PROPOSALS: dict[str, Policy] = {
    "no exceptional access": Policy(),
    "key escrow": Policy(escrow=True),
    "ghost participant": Policy(ghost=True),
    "client-side scanning": Policy(client_scanning=True),
    "targeted implants": Policy(endpoint_implant=True),
    "backups the Provider can open": Policy(cloud_backup=True),
}


# --- results --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A measure over the Monte Carlo runs: its mean, the 5th (low) and 95th (high) percentiles, and its
    median (half the runs lie below it). Where a few runs are extreme (a breach exposes everyone), the mean is
    pulled far above what most runs show: prefer the median, and say how often the extreme happens."""

    mean: float
    low: float
    high: float
    median: float = math.nan

    @classmethod
    def of(cls, values: np.ndarray) -> Band:
        values = np.asarray(values, dtype=float)
        values = values[~np.isnan(values)]
        if values.size == 0:
            return cls(math.nan, math.nan, math.nan, math.nan)
        low, median, high = np.percentile(values, (PERCENTILES[0], 50, PERCENTILES[1]), method="nearest")
        return cls(float(values.mean()), float(low), float(high), float(median))


MEASURES = {
    "target_messages_read": "share of warrant targets' messages the State can read",
    "innocent_exposed": "innocent users whose messages leak to criminals",
    "false_reports": "innocent messages reported by scanning",
    "cost": f"spent on implants ({CURRENCY})",
    "detected": "targets who catch the access by comparing safety numbers",
    "true_reports": "criminals' listed messages reported by scanning",
    "targets": "warrant targets",
}


@dataclass(frozen=True)
class Outcome:
    """What one policy leads to over ``users`` users and ``days`` days, as Bands over the Monte Carlo runs.

    ``assumptions`` holds each assumption's most likely value: the caller's, if given, else the default (the
    mode of its log-triangular range, not the average of the draws, which lies above it). ``held`` names
    those the caller fixed (the same in every run); the others were drawn per run from their ranges, and
    ``drawn`` holds the values each run used. ``draws`` holds the run's chance draws that do not depend on
    the policy — which store was breached (``breached``, one row per store in ``STORES``) and each target
    slot's traits (``sophisticated``, ``verifies``, ``backs_up``: runs × slots, slot k being the k-th target;
    slots beyond a run's number of targets are unused) — so that proposals can be checked to share them.
    """

    policy: Policy
    assumptions: dict[str, float]
    held: frozenset[str]
    drawn: dict[str, np.ndarray]
    users: int
    days: int
    seed: int
    runs: dict[str, np.ndarray] = field(repr=False)
    draws: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    target_messages_read: Band = field(init=False)
    innocent_exposed: Band = field(init=False)
    false_reports: Band = field(init=False)
    cost: Band = field(init=False)
    detected: Band = field(init=False)
    true_reports: Band = field(init=False)
    targets: Band = field(init=False)

    def __post_init__(self) -> None:
        for name in MEASURES:
            object.__setattr__(self, name, Band.of(self.runs[name]))

    @property
    def currency(self) -> str:
        return CURRENCY

    @property
    def run_count(self) -> int:
        return len(self.runs["cost"])

    def chance_anyone_exposed(self) -> float:
        """Share of runs in which a breach exposed at least one innocent user. This is the assumed breach
        chance played back (drawn or held), not a finding: report whom a breach exposes instead, and say that
        how often is assumed. (The 95th percentile of people exposed jumps between 0 and nearly everyone as
        this share crosses 5%.)"""
        return float(np.mean(self.runs["innocent_exposed"] > 0))


# Every assumption at its default (its most likely value): ``simulate(policy, **DEFAULTS)`` is the run "at the
# defaults", where only chance varies from run to run.
DEFAULTS: dict[str, float] = {name: a.default for name, a in ASSUMPTIONS.items()}


LIMITATIONS: tuple[str, ...] = _CONTENT.limitations  # what the model cannot capture (from the same file)


# --- the simulation -------------------------------------------------------------------------------------

_STREAMS = ("assumptions", "criminals", "sophisticated", "warrants", "traits", "breaches", "backups", "reports")
TRAIT_BLOCK = 32  # target slots drawn per stream: slot k's traits never depend on how many targets there are


@lru_cache(maxsize=4)  # compare() runs every proposal with the same seed, runs and width: draw them once
def _target_traits(seed: int, runs: int, width: int) -> np.ndarray:
    """Uniforms for each target slot's three traits, shape (3, runs, width), read-only: slots come in blocks
    of ``TRAIT_BLOCK``, block b from its own stream (spawned from the traits stream of ``seed``), so slot k's
    numbers are the same whatever ``width`` is."""
    parent = np.random.SeedSequence(seed).spawn(len(_STREAMS))[_STREAMS.index("traits")]
    blocks = []
    for b in range(-(-width // TRAIT_BLOCK)):
        child = np.random.SeedSequence(parent.entropy, spawn_key=(*parent.spawn_key, b))
        blocks.append(np.random.default_rng(child).random((3, runs, TRAIT_BLOCK)))
    traits = np.concatenate(blocks, axis=2)[:, :, :width]
    traits.setflags(write=False)
    return traits


def _log_triangular(u: np.ndarray, a: Assumption) -> np.ndarray:
    """Inverse of the log-triangular distribution's CDF at ``u``: monotone in u, so streams stay coupled."""
    lo, mode, hi = math.log(a.low), math.log(a.default), math.log(a.high)
    width = hi - lo
    cut = (mode - lo) / width
    left = lo + np.sqrt(u * width * (mode - lo))
    right = hi - np.sqrt((1 - u) * width * (hi - mode))
    return np.exp(np.where(u < cut, left, right))


def _check_args(users: object, days: object, runs: object, seed: object, assumptions: Mapping) -> dict[str, float]:
    for name, value, least in (("users", users, 1), ("days", days, 1), ("runs", runs, 1)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < least:
            raise ValueError(f"{name} must be a whole number of at least {least}, not {value!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number of 0 or more (it makes the runs reproducible), not {seed!r}")
    unknown = sorted(set(assumptions) - set(ASSUMPTIONS))
    if unknown:
        raise ValueError(
            f"Unknown assumption {', '.join(map(repr, unknown))}; the assumptions are {', '.join(ASSUMPTIONS)}"
        )
    return {name: ASSUMPTIONS[name].check(value) for name, value in assumptions.items()}


def simulate(
    policy: Policy,
    users: int = 1_000_000,
    days: int = 365,
    seed: int = 0,
    runs: int = DEFAULT_RUNS,
    **assumptions: float,
) -> Outcome:
    """Play ``policy`` out over ``users`` users for ``days`` days, ``runs`` times; see the module docstring."""
    held = _check_args(users, days, runs, seed, assumptions)
    seen = exposure(policy)
    users, days, runs = int(users), int(days), int(runs)
    children = np.random.SeedSequence(int(seed)).spawn(len(_STREAMS))
    streams = {name: np.random.default_rng(child) for name, child in zip(_STREAMS, children, strict=True)}
    years = days / 365

    # Each assumption: held at the caller's value, or drawn per run (the uniforms are drawn either way).
    uniforms = streams["assumptions"].random((len(ASSUMPTIONS), runs))
    value = {
        name: np.full(runs, held[name]) if name in held else _log_triangular(uniforms[i], a)
        for i, (name, a) in enumerate(ASSUMPTIONS.items())
    }

    # Who is a criminal, and how many of them dodge the mainstream app.
    criminals = streams["criminals"].binomial(users, value["criminal_share"])
    sophisticated_criminals = streams["sophisticated"].binomial(criminals, value["sophisticated_share"])
    innocents = users - criminals

    # Warrant targets, drawn one by one (they are few): each a criminal, with traits from the assumptions.
    wanted = streams["warrants"].poisson(value["warrants_per_year"] * users / 1e6 * years)
    targets = np.minimum(wanted, criminals)
    width = max(int(targets.max()), 1)
    present = np.arange(width)[None, :] < targets[:, None]
    traits = _target_traits(int(seed), runs, width)
    sophisticated = traits[0] < value["sophisticated_share"][:, None]
    verifies = traits[1] < value["verify_share"][:, None]
    backs_up = traits[2] < value["backup_share"][:, None]

    # What the State reads of each target, from the real model's cases.
    # Half of a target's messages are ones she sends, half ones she receives (a warrant covers both); of
    # each, the State reads all, or only the listed share (scanning), or none.
    # Per case: the share read whatever the list holds, plus a coefficient times the listed share.
    whole = np.array([(c.reads_ordinary + c.reads_incoming) / 2 for c in seen.cases])
    listed_only = np.array(
        [
            ((c.reads_listed and not c.reads_ordinary) + (c.reads_incoming_listed and not c.reads_incoming)) / 2
            for c in seen.cases
        ]
    )
    caught = np.array([c.caught for c in seen.cases])
    listed_share = value["listed_share"][:, None]

    def share_read(index: np.ndarray) -> np.ndarray:
        if not listed_only.any():
            return whole[index]
        return whole[index] + listed_only[index] * listed_share

    base = (8 * sophisticated + 4 * verifies + 2 * backs_up).astype(np.intp)
    without = share_read(base)
    if seen.policy.endpoint_implant:
        # Implants are bought target by target: first for those the State cannot fully read another way.
        affordable = np.floor(value["implant_budget"] * users / 1e6 * years / value["implant_cost"])
        candidate = present & (without < 1.0)
        implanted = candidate & (np.cumsum(candidate, axis=1) <= affordable[:, None])
    else:
        implanted = np.zeros_like(present)
    index = base + implanted
    read = share_read(index)
    with np.errstate(invalid="ignore", divide="ignore"):
        target_read = np.where(targets > 0, (read * present).sum(axis=1) / targets, np.nan)
    detected = (caught[index] & present).sum(axis=1)
    cost = implanted.sum(axis=1) * value["implant_cost"]

    # Breaches: each concentrated store is breached this period with chance 1 - (1 - p)^years.
    chance = 1 - (1 - value["breach_chance_per_year"]) ** years
    breached = streams["breaches"].random((len(STORES), runs)) < chance
    backers = streams["backups"].binomial(innocents, value["backup_share"])
    exposed_backer = np.zeros(runs, bool)
    exposed_other = np.zeros(runs, bool)
    for i, (store, _) in enumerate(STORES):
        leak = seen.leak(store)
        exposed_backer |= breached[i] & (leak.for_user_who_backs_up == "everyone")
        exposed_other |= breached[i] & (leak.for_user_who_does_not == "everyone")
    innocent_exposed = backers * exposed_backer + (innocents - backers) * exposed_other

    # Scanning: every innocent message is a trial with the false-positive rate; criminals' listed ones report.
    messages_each = value["messages_per_user_per_day"] * days
    scans_everyone = seen.scanning_reports_listed
    reports = streams["reports"]
    false_reports = reports.poisson(value["scan_false_positive_rate"] * innocents * messages_each * scans_everyone)
    ordinary_criminals = criminals - sophisticated_criminals
    sophisticated_listed = seen.case(sophisticated=True, implanted=False).reads_listed
    true_reports = reports.poisson(
        value["listed_share"]
        * messages_each
        * (ordinary_criminals * scans_everyone + sophisticated_criminals * sophisticated_listed)
    )

    return Outcome(
        policy=policy,
        assumptions={name: held.get(name, a.default) for name, a in ASSUMPTIONS.items()},
        held=frozenset(held),
        drawn={name: value[name] for name in ASSUMPTIONS if name not in held},
        users=users,
        days=days,
        seed=int(seed),
        runs={
            "target_messages_read": target_read,
            "innocent_exposed": innocent_exposed.astype(float),
            "false_reports": false_reports.astype(float),
            "cost": cost.astype(float),
            "detected": detected.astype(float),
            "true_reports": true_reports.astype(float),
            "targets": targets.astype(float),
        },
        draws={
            "breached": breached,
            "sophisticated": sophisticated,
            "verifies": verifies,
            "backs_up": backs_up,
        },
    )


def compare(proposals: Mapping[str, Policy] = PROPOSALS, **same_args) -> dict[str, Outcome]:
    """Every proposal simulated with the same arguments and seed, hence the same random numbers."""
    if not proposals:
        raise ValueError("compare needs at least one proposal: a mapping of name → Policy")
    return {name: simulate(policy, **same_args) for name, policy in proposals.items()}
