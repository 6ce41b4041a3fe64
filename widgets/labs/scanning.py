"""Chapter 07's experiments on client-side scanning: false positives, evasion, crafted collisions, scope.

Everything here is measured with the model's own fuzzy fingerprint (``widgets.protocol.fuzzy_hash``: a 64-bit SimHash
over character trigrams, and a match when at most ``THRESHOLD`` = 10 bits differ). Nothing is a lookup table:

* **A false positive, searched for.** ``false_positive_search(target, rng, tries)`` draws everyday messages at
  random from a phrase book of ordinary phrases (``EVERYDAY_PHRASES``), fingerprints each and keeps those
  within the threshold of the listed fingerprint. It does not optimise anything: it only samples and checks.
  Some phrases share words with the invented listed item ("the hour", "has come", "take up", "front"), as
  everyday language does; the chapter says so. ``chance_of_match()`` is what pure chance would give if two
  fingerprints were independent random 64-bit numbers.
* **Evasion.** ``evade(text)`` makes small edits a human reads straight through — a look-alike digit for a
  letter (o → 0), or a word spaced out (J o i n) — choosing at each step the edit that moves the fingerprint
  furthest, until more than ``THRESHOLD`` bits differ. ``unmask(text)`` undoes both kinds of edit: it is how
  a reader sees the text, and the tests use it to show that the words survive.
* **A collision crafted on purpose.** ``craft_collision(target, start_text, rng, max_steps)`` needs only the
  listed *fingerprint* (which every app holds) and an innocent opening line. It hill-climbs: it appends or
  changes items of a shopping list drawn from ``INNOCENT_WORDS`` (no word of the listed text), keeps a change
  when it brings the fingerprint closer, and starts a fresh list when it gets stuck, until the fingerprint is
  within the threshold. This is a *text* SimHash, not Apple's NeuralHash; the idea — search against a
  fingerprinting function you can run yourself — is the same one used against NeuralHash in August 2021.
* **An independent second hash.** ``second_fingerprint(text, key)`` is the same SimHash with a *keyed*
  BLAKE2b, the key kept on the server: a stand-in for the "second, independent" server-side hash Apple
  described as a safeguard. A crafted collision with the first fingerprint is, to the second, just another
  unrelated text; a near-copy of a listed text stays near under both.

Speed. The fingerprint hashes every three-character piece of a text with BLAKE2b (PyNaCl). A search
fingerprints thousands of texts that share most of their pieces, so ``_Votes`` caches each piece's 64 votes
(same BLAKE2b, same rule) and adds them up with numpy. Every result this module returns is measured again
with the model's own ``widgets.protocol.fuzzy_hash.fingerprint``; the tests check that the two always agree.

No ipywidgets here: the views live in ``widgets/ui/scanning_views.py``.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

import nacl.hash
import numpy as np
from nacl.encoding import RawEncoder

from ..protocol.fuzzy_hash import BITS, THRESHOLD, distance, fingerprint, pieces

# --- a fast, identical fingerprint for searches ---------------------------------------------------


class _Votes:
    """Each piece's 64 votes (+1 where its BLAKE2b bit is 1, else −1), computed once and cached."""

    def __init__(self, key: bytes = b"") -> None:
        self.key = key
        self.cache: dict[str, np.ndarray] = {}

    def piece(self, piece: str) -> np.ndarray:
        votes = self.cache.get(piece)
        if votes is None:
            digest = nacl.hash.blake2b(piece.encode(), digest_size=8, key=self.key, encoder=RawEncoder)
            # Bit k of the big-endian number is bit k % 8 of byte 7 - k // 8: reverse the bytes, read each
            # byte's bits lowest first.
            bits = np.unpackbits(np.frombuffer(digest[::-1], dtype=np.uint8), bitorder="little")
            votes = 2 * bits.astype(np.int32) - 1
            self.cache[piece] = votes
        return votes

    def of(self, text: str) -> np.ndarray:
        return np.sum([self.piece(p) for p in pieces(text)], axis=0)

    def fingerprint(self, text: str) -> int:
        return _bits(self.of(text))


def _bits(votes: np.ndarray) -> int:
    return sum(1 << bit for bit in range(BITS) if votes[bit] > 0)


_PLAIN = _Votes()


def fast_fingerprint(text: str) -> int:
    """The same number as ``widgets.protocol.fuzzy_hash.fingerprint(text)``, from cached piece votes."""
    return _PLAIN.fingerprint(text)


def second_fingerprint(text: str, key: bytes) -> int:
    """A second, independent 64-bit SimHash of ``text``: the same pieces, but each hashed with a keyed
    BLAKE2b (``key``: 16 to 64 bytes, kept secret on the server). Without the key no one can compute it."""
    if not isinstance(key, bytes) or not 16 <= len(key) <= 64:
        raise ValueError("the second hash needs a secret key of 16 to 64 bytes")
    return _Votes(key).fingerprint(text)


@dataclass(frozen=True)
class SecondHashTrial:
    """How often each text matches the listed text under a second hash, over ``keys`` random secret keys."""

    keys: int
    matched: tuple[tuple[str, int], ...]  # (text, number of keys under which it matched)

    def share(self, text: str) -> float:
        return next(count for t, count in self.matched if t == text) / self.keys


def second_hash_trial(
    listed_text: str, texts: Sequence[str], rng: random.Random | int, keys: int = 50
) -> SecondHashTrial:
    """For ``keys`` secret keys drawn from ``rng``: does each text's second fingerprint lie within THRESHOLD
    bits of the listed text's? The server holds the listed text's second fingerprint (it made the list)."""
    if isinstance(keys, bool) or not isinstance(keys, int) or not 1 <= keys <= 1000:
        raise ValueError(f"keys must be a whole number from 1 to 1,000, not {keys!r}")
    rng = _as_rng(rng)
    counts = dict.fromkeys(texts, 0)
    for _ in range(keys):
        votes = _Votes(rng.randbytes(32))
        listed = votes.fingerprint(listed_text)
        for text in counts:
            counts[text] += distance(votes.fingerprint(text), listed) <= THRESHOLD
    return SecondHashTrial(keys, tuple(counts.items()))


def chance_of_match(threshold: int = THRESHOLD, bits: int = BITS) -> float:
    """If two fingerprints were independent random ``bits``-bit numbers, the chance that they differ in at
    most ``threshold`` bits: sum of C(bits, k) / 2**bits for k = 0 … threshold."""
    if not 0 <= threshold <= bits:
        raise ValueError(f"threshold must be between 0 and {bits}, not {threshold!r}")
    return sum(math.comb(bits, k) for k in range(threshold + 1)) / 2**bits


def _as_rng(rng: random.Random | int) -> random.Random:
    if isinstance(rng, random.Random):
        return rng
    if isinstance(rng, int) and not isinstance(rng, bool):
        return random.Random(rng)
    raise ValueError(f"rng must be a random.Random or a whole-number seed, not {rng!r}")


def _target(target: int) -> int:
    if isinstance(target, bool) or not isinstance(target, int) or not 0 <= target < 1 << BITS:
        raise ValueError(f"the target must be a {BITS}-bit fingerprint (a whole number), not {target!r}")
    return target


def shared_words(a: str, b: str) -> set[str]:
    """Words (letters and digits) that appear in both texts, ignoring case."""
    return _words(a) & _words(b)


def shared_pieces(text: str, listed: str) -> float:
    """The share of the listed text's three-character pieces that also occur in ``text`` (0 to 1)."""
    mine, theirs = set(pieces(text)), set(pieces(listed))
    return len(mine & theirs) / len(theirs) if theirs else 0.0


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


# --- 1. a false positive, searched for ------------------------------------------------------------

# Ordinary phrases for everyday messages, one tuple per slot: opener, what, joiner, news, request, when.
EVERYDAY_PHRASES: tuple[tuple[str, ...], ...] = (
    ("Join the", "Meet us at the", "Come to the", "See you at the", "Don't forget the", "Queue at the"),
    (
        "front row",
        "front desk",
        "Northern Line",
        "book club",
        "front garden",
        "school fete",
        "north gate",
        "walking group",
        "choir",
        "northern lights tour",
    ),
    (": ", ", ", ". ", " - "),
    (
        "the hour of the match has come",
        "the hour has come",
        "the time has come",
        "the day of the fete has come",
        "the hour of the concert is near",
        "the big day has come",
        "our hour of glory has come",
        "kick-off is at three",
    ),
    (
        "take up your seats",
        "take up your places",
        "bring an umbrella",
        "bring snacks",
        "take up a hobby",
        "wave your arms about",
        "take the bus",
        "bring a friend",
    ),
    ("", " on Friday", " at noon", " tonight", "!"),
)


def everyday_message(rng: random.Random | int, phrases: Sequence[Sequence[str]] = EVERYDAY_PHRASES) -> str:
    """One everyday message: a phrase drawn at random from each slot of ``phrases``."""
    rng = _as_rng(rng)
    opener, what, joiner, news, request, when = (rng.choice(list(slot)) for slot in phrases)
    return f"{opener} {what}{joiner}{news}, {request}{when}"


@dataclass(frozen=True)
class FalsePositiveSearch:
    """Everyday messages drawn at random and checked against one listed fingerprint."""

    target: int
    tried: int  # distinct messages fingerprinted
    matches: tuple[tuple[str, int], ...]  # (message, bits that differ), closest first, all within THRESHOLD
    closest: tuple[str, int]  # the closest message of all, matched or not
    distances: tuple[int, ...]  # every message's distance, in the order drawn

    @property
    def share(self) -> float:
        """The share of the messages tried that matched."""
        return len(self.matches) / self.tried if self.tried else 0.0


def false_positive_search(
    target: int,
    rng: random.Random | int,
    tries: int = 2000,
    phrases: Sequence[Sequence[str]] = EVERYDAY_PHRASES,
) -> FalsePositiveSearch:
    """Draw up to ``tries`` distinct everyday messages and keep those within THRESHOLD bits of ``target``.

    No optimisation: each message is drawn at random, fingerprinted and compared, as a scanning app would
    compare every message people send. Every match is measured again with the model's ``fingerprint``.
    """
    target = _target(target)
    if isinstance(tries, bool) or not isinstance(tries, int) or not 1 <= tries <= 100_000:
        raise ValueError(f"tries must be a whole number from 1 to 100,000, not {tries!r}")
    rng = _as_rng(rng)
    seen: dict[str, int] = {}
    draws = 0
    while len(seen) < tries and draws < 4 * tries:
        draws += 1
        text = everyday_message(rng, phrases)
        if text not in seen:
            seen[text] = distance(fast_fingerprint(text), target)
    matched = sorted(
        ((t, distance(fingerprint(t), target)) for t, d in seen.items() if d <= THRESHOLD),
        key=lambda m: (m[1], m[0]),
    )
    closest = min(seen.items(), key=lambda item: (item[1], item[0]))
    closest = (closest[0], distance(fingerprint(closest[0]), target))
    return FalsePositiveSearch(target, len(seen), tuple(matched), closest, tuple(seen.values()))


# --- 2. evasion by small edits --------------------------------------------------------------------

LOOKALIKES = {"o": "0", "i": "1", "e": "3", "a": "4", "s": "5"}  # letter → the digit that looks like it
_UNLOOK = {digit: letter for letter, digit in LOOKALIKES.items()}


@dataclass(frozen=True)
class Evasion:
    """A text edited until its fingerprint is more than THRESHOLD bits from the reference."""

    original: str
    text: str
    reference: int  # the fingerprint it was pushed away from
    distance: int  # bits that differ now (measured with the model's fingerprint)
    edits: tuple[str, ...]  # each edit in words, in the order made
    characters_changed: int  # one per look-alike digit, one per space put inside a word

    @property
    def evaded(self) -> bool:
        return self.distance > THRESHOLD


def _edits(text: str) -> list[tuple[str, int, str]]:
    """Every single small edit of ``text``: (description, characters changed, edited text)."""
    options = []
    for match in re.finditer(r"[A-Za-z]{3,}", text):
        word = match.group()
        spaced = " ".join(word)
        options.append(
            (f"spaced out “{word}” as “{spaced}”", len(word) - 1, text[: match.start()] + spaced + text[match.end() :])
        )
    for i, char in enumerate(text):
        digit = LOOKALIKES.get(char.lower())
        if digit is not None:
            word = re.search(r"\S*$", text[:i]).group() + re.match(r"\S*", text[i:]).group()
            options.append((f"“{char}” → “{digit}” in “{word}”", 1, text[:i] + digit + text[i + 1 :]))
    return options


def evade(text: str, against: int | None = None, margin: int = 0, max_edits: int = 30) -> Evasion:
    """Small edits, one at a time, until ``text`` is more than THRESHOLD + ``margin`` bits from ``against``.

    ``against`` defaults to the fingerprint of ``text`` itself: an evader does not need the list, only the
    text it wants to get past it. At each step the edit that moves the fingerprint furthest is made (ties:
    the one that changes fewer characters, then the first). Stops after ``max_edits`` edits if need be.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("evade needs a text to edit")
    reference = fingerprint(text) if against is None else _target(against)
    goal = THRESHOLD + margin
    current, made, changed = text, [], 0
    bits = distance(fast_fingerprint(current), reference)
    while bits <= goal and len(made) < max_edits:
        best = None
        for described, cost, edited in _edits(current):
            d = distance(fast_fingerprint(edited), reference)
            if best is None or (d, -cost) > (best[0], -best[1]):
                best = (d, cost, described, edited)
        if best is None:
            break
        bits, cost, described, current = best
        made.append(described)
        changed += cost
    return Evasion(text, current, reference, distance(fingerprint(current), reference), tuple(made), changed)


def unmask(text: str) -> str:
    """What a human reads: look-alike digits inside words back to letters, spaced-out words closed up."""

    def close_up(match: re.Match) -> str:
        return match.group().replace(" ", "")

    text = re.sub(r"(?<![^\W\d_])[^\W_](?: [^\W_]){2,}(?![^\W\d_])", close_up, text)

    def letters(match: re.Match) -> str:
        word = match.group()
        if not any(c.isalpha() for c in word):
            return word  # a real number, such as 3 or 2017
        return "".join(_UNLOOK.get(c, c) for c in word)

    return re.sub(r"[A-Za-z0-9]+", letters, text)


# --- 3. a collision crafted on purpose --------------------------------------------------------------

# A shopping list's worth of harmless words. None of them occurs in the course's invented listed item.
_SHOPPING = """apples bread butter honey milk eggs cheese lemons rice pasta tomatoes onions carrots potatoes yoghurt jam
    tea coffee sugar flour oats biscuits crisps lettuce cucumber peppers mushrooms garlic ginger bananas pears
    grapes plums cherries melon peas beans lentils soup candles napkins soap sponges batteries stamps envelopes
    string tape glue paint brushes seeds compost gloves socks buttons thread wool cake scones muffins crackers
    olives nuts raisins mint basil parsley chives salmon sardines chicken sausages ham mustard ketchup vinegar
    salt pepper cinnamon vanilla cocoa"""
INNOCENT_WORDS: tuple[str, ...] = tuple(_SHOPPING.split())


@dataclass(frozen=True)
class Collision:
    """The result of one search for an innocent-looking text whose fingerprint is near ``target``."""

    start_text: str
    text: str
    target: int
    distance: int  # bits that differ (measured with the model's fingerprint)
    steps: int  # texts fingerprinted during the search
    kept: int  # edits kept (each brought the fingerprint closer, or no further)
    restarts: int  # times the search threw its list away and began a new one

    @property
    def matched(self) -> bool:
        return self.distance <= THRESHOLD

    @property
    def added(self) -> str:
        """What the search added after the opening line."""
        return self.text[len(self.start_text) :].strip()


def craft_collision(
    target: int,
    start_text: str,
    rng: random.Random | int,
    max_steps: int = 20_000,
    words: Sequence[str] = INNOCENT_WORDS,
    max_items: int = 16,
    patience: int = 600,
) -> Collision:
    """Search for ``start_text`` + a shopping list (from ``words``) whose fingerprint is within THRESHOLD of
    ``target``. Only the target *fingerprint* is used: the listed text is never needed.

    Hill-climbing: each step makes one random edit of the list (add a word, change one, drop one) and keeps
    it if the score does not get worse. The score is 20 × (bits that differ) + the total vote margin still
    needed to flip them (so that progress shows before a bit flips). After ``patience`` steps without
    improvement the search starts a fresh list. It stops at a match or after ``max_steps`` texts.
    """
    target = _target(target)
    if not isinstance(start_text, str) or not start_text.strip():
        raise ValueError("craft_collision needs an innocent opening line to start from")
    if isinstance(max_steps, bool) or not isinstance(max_steps, int) or not 1 <= max_steps <= 200_000:
        raise ValueError(f"max_steps must be a whole number from 1 to 200,000, not {max_steps!r}")
    vocabulary = sorted(set(words))
    if len(vocabulary) < 2 * max_items:
        raise ValueError("the vocabulary needs at least twice as many words as the list may hold")
    rng = _as_rng(rng)
    want = np.array([1 if target >> bit & 1 else -1 for bit in range(BITS)])
    need = np.where(want > 0, 1, 0)  # a bit is 1 when its vote total is above 0, so 1 needs a margin of 1

    def compose(items: list[str]) -> str:
        return f"{start_text} {', '.join(items)}" if items else start_text

    def score(items: list[str]) -> tuple[int, int]:
        slack = want * _PLAIN.of(compose(items))
        bits = int(np.sum(slack < need))
        return 20 * bits + int(np.sum(np.maximum(0, need - slack))), bits

    steps = kept = restarts = 0
    best_items, best = [], score([])
    while steps < max_steps and best[1] > THRESHOLD:
        items = rng.sample(vocabulary, 4)
        current, stale = score(items), 0
        while steps < max_steps and current[1] > THRESHOLD and stale < patience:
            candidate = _edit_list(items, vocabulary, rng, max_items)
            steps += 1
            s = score(candidate)
            if s[0] <= current[0]:
                stale = 0 if s[0] < current[0] else stale + 1
                items, current = candidate, s
                kept += 1
            else:
                stale += 1
        if current < best:
            best_items, best = items, current
        if best[1] > THRESHOLD and steps < max_steps:
            restarts += 1
    text = compose(best_items)
    return Collision(start_text, text, target, distance(fingerprint(text), target), steps, kept, restarts)


def _edit_list(items: list[str], vocabulary: list[str], rng: random.Random, max_items: int) -> list[str]:
    """One random edit: add an unused word somewhere, change one word, or drop one."""
    unused = [w for w in vocabulary if w not in items]
    edited = list(items)
    roll = rng.random()
    if len(items) < 3 or (roll < 0.25 and len(items) < max_items):
        edited.insert(rng.randrange(len(items) + 1), rng.choice(unused))
    elif roll < 0.9:
        edited[rng.randrange(len(items))] = rng.choice(unused)
    else:
        del edited[rng.randrange(len(items))]
    return edited


# --- comparing texts with a list --------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """One text measured against one listed fingerprint."""

    label: str
    text: str
    distance: int

    @property
    def matches(self) -> bool:
        return self.distance <= THRESHOLD


def compare(texts: Sequence[tuple[str, str]], listed: int) -> list[Comparison]:
    """Each (label, text) measured against the ``listed`` fingerprint with the model's ``fingerprint``."""
    listed = _target(listed)
    return [Comparison(label, text, distance(fingerprint(text), listed)) for label, text in texts]
