"""Invariants of the model, for any text and any policy (hypothesis)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import Policy, World
from widgets.protocol.message import MAX_BYTES

policies = st.builds(Policy, **{name: st.booleans() for name in Policy.switches()})
users = st.sampled_from(["Alice", "Bob", "Carol"])
texts = st.text(min_size=1, max_size=300).filter(lambda s: s.strip() and len(s.encode()) <= MAX_BYTES)
# A 24-character marker makes the plaintext long enough that finding it inside random bytes by chance is
# impossible in practice, so any match is a real leak.
marked = st.tuples(st.text(alphabet="0123456789abcdef", min_size=24, max_size=24), texts).map("".join)
# A recipient is one user or a group chat of two; the sender is never among them.
recipients = st.one_of(users, st.lists(users, min_size=2, max_size=2, unique=True).map(tuple))
sends = st.tuples(users, recipients, marked, st.booleans()).filter(
    lambda s: s[0] not in ((s[1],) if isinstance(s[1], str) else s[1])
)


def members(recipient) -> tuple[str, ...]:
    return (recipient,) if isinstance(recipient, str) else tuple(recipient)


@given(policy=policies, script=st.lists(sends, min_size=1, max_size=4), seed=st.integers(0, 2**32))
def test_no_party_outside_readers_holds_the_plaintext(policy, script, seed):
    world = World(seed=seed, policy=policy)
    sent = [world.send(s, r, text, tamper=t) for s, r, text, t in script]
    for m in sent:
        plaintext = m.text.encode("utf-8")
        for party in set(world.parties) - world.readers(m):
            assert not any(plaintext in blob for blob in world.holdings(party).all_bytes()), (party, m)


@given(policy=policies, sender=users, recipient=recipients, text=texts, tamper=st.booleans())
def test_recipients_read_what_was_sent_unless_tampering_is_reported(policy, sender, recipient, text, tamper):
    if sender in members(recipient):
        return
    world = World(seed=5, policy=policy)
    m = world.send(sender, recipient, text, tamper=tamper)
    assert sender in world.readers(m)
    for member in members(recipient):
        if m.status == "delivered":
            assert world.read_as(member, m) == text
        elif m.status.startswith("not sent"):
            assert any(n.party == sender and "not sent" in n.text for n in m.warnings)
            assert member not in world.readers(m)
        else:
            assert m.status == "tampering detected" and tamper
            assert member not in world.readers(m)
            assert any(n.party == member and "tampering detected" in n.text for n in m.warnings)


@given(policy=policies, script=st.lists(sends, min_size=1, max_size=3), seed=st.integers(0, 2**32))
def test_seeded_worlds_reproduce_every_byte(policy, script, seed):
    def build():
        world = World(seed=seed, policy=policy)
        for s, r, text, t in script:
            world.send(s, r, text, tamper=t)
        return world

    a, b = build(), build()
    for party in a.parties:
        assert a.holdings(party).all_bytes() == b.holdings(party).all_bytes()
    assert [a.readers(m) for m in a.messages] == [b.readers(m) for m in b.messages]


@given(first=policies, second=policies, script=st.lists(sends, min_size=1, max_size=3))
def test_a_policy_change_is_the_same_as_starting_under_that_policy(first, second, script):
    replayed, fresh = World(seed=9, policy=first), World(seed=9, policy=second)
    for s, r, text, t in script:
        replayed.send(s, r, text, tamper=t)
        fresh.send(s, r, text, tamper=t)
    replayed.policy = second
    for party in fresh.parties:
        assert replayed.holdings(party).all_bytes() == fresh.holdings(party).all_bytes()


def blocked(policy: Policy, sender: str, recipient) -> str | None:
    """Why the sender's app refuses to send, if it does (safety numbers checked against a lying directory)."""
    if not (policy.end_to_end and policy.verify_keys and "Alice" in (sender, *members(recipient))):
        return None
    if policy.interception:
        return "not sent: safety number changed"
    if policy.ghost:
        return "not sent: unverified member"
    return None


def expected_readers(policy: Policy, sender: str, recipient, delivered: bool) -> set[str]:
    """The contract in docs/architecture.md for the switches built so far, written out independently of the model."""
    group = members(recipient)
    readers = {sender} | (set(group) if delivered else set())
    about_alice = "Alice" in (sender, *group)
    if blocked(policy, sender, recipient):
        # the app saw a substituted key or an unverified member and did not send; only an implant saw it typed
        return {sender} | ({"State"} if policy.endpoint_implant and sender == "Alice" else set())
    if not policy.end_to_end:
        readers.add("Provider")
        if about_alice:
            readers.add("State")
        if policy.provider_breach:
            readers.add("Attacker")
    elif policy.escrow:
        if about_alice:
            readers.add("State")  # its warrant copy carries the escrow field, which its escrow key opens
        if policy.escrow_breach:
            readers.add("Attacker")  # the field is on the wire, for every message
    if policy.end_to_end and (policy.interception or policy.ghost) and about_alice:
        readers.add("State")  # it was handed the State's key in place of the real one, or added as a member
    if policy.endpoint_implant and (sender == "Alice" or ("Alice" in group and delivered)):
        readers.add("State")  # the implant copies Alice's screen
    if policy.cloud_backup:
        readers.add("Provider")  # it holds the backup key
        if about_alice:
            readers.add("State")
        if policy.provider_breach:
            readers.add("Attacker")  # the breach copies the backups and their key
    return readers


@given(policy=policies, script=st.lists(sends, min_size=1, max_size=4))
def test_readers_follow_the_design_contract(policy, script):
    world = World(seed=3, policy=policy)
    for s, r, text, t in script:
        m = world.send(s, r, text, tamper=t)
        expected_status = blocked(policy, s, r) or ("tampering detected" if t else "delivered")
        assert m.status == expected_status
        assert world.readers(m) == expected_readers(policy, s, r, m.status == "delivered")


def single_switches() -> list[Policy]:
    """The default and every switch on its own (with what it needs), as explicit examples: hypothesis's
    derandomised draws need never hit a plain Alice–Bob conversation under one switch."""
    out = [Policy()]
    for name in Policy.switches():
        needs = Policy.describe(name)["needs"]
        extra = {needs: True} if needs else {}
        value = not getattr(Policy(), name)  # end_to_end's "single switch" is turning it off
        out.append(Policy(**{name: value, **extra}))
    return out


PLAIN_SCRIPT = [("Alice", "Bob", "a plain hello from Alice"), ("Bob", "Alice", "and Bob's reply")]
MIXED_SCRIPT = [*PLAIN_SCRIPT, ("Carol", "Bob", "Carol to Bob"), ("Alice", ("Bob", "Carol"), "to the group")]


@pytest.mark.parametrize("policy", single_switches(), ids=lambda p: ",".join(p.on()) or "default")
@pytest.mark.parametrize("script", [PLAIN_SCRIPT, MIXED_SCRIPT], ids=["alice-bob", "mixed"])
def test_each_switch_alone_follows_the_contract_and_leaks_to_no_one_else(policy, script):
    world = World(seed=11, policy=policy)
    for s, r, text in script:
        m = world.send(s, r, text)
        assert m.status == (blocked(policy, s, r) or "delivered")
        assert world.readers(m) == expected_readers(policy, s, r, m.status == "delivered"), m
        for party in set(world.parties) - world.readers(m):
            assert not any(text.encode() in blob for blob in world.holdings(party).all_bytes()), (party, m)
