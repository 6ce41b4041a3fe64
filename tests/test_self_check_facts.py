"""Self-check answers that are facts about the model, checked by running the scenario each question describes.
Questions are found through the public loader by the words of their prompt; the keyed answer must be the
choice the experiment picks (matched by its words, so reordering the choices cannot break or fake it)."""

import pytest

from widgets import Policy, World
from widgets.content.self_checks import questions
from widgets.protocol.crypto import open_blob


def question(chapter: str, words: str):
    found = [q for q in questions(chapter) if words in q.prompt]
    assert len(found) == 1, (chapter, words)
    return found[0]


def recorded_reads(world, party, messages) -> list[bool]:
    """Whether ``party``'s wire recordings alone (not a stolen phone's history) give each message's words."""
    held, publics = world.holdings(party), list(world.directory.values())
    return [
        any(
            (m.id, m.text) in open_blob(r.blob, list(held.keys), publics).texts()
            for r in held.about(m.id)
            if r.kind == "wire capture"
        )
        for m in messages
    ]


def stolen(policy: Policy, thief: str = "Attacker"):
    world = World(seed=31, policy=policy)
    past = [world.send("Alice", "Bob", "one"), world.send("Bob", "Alice", "two"), world.send("Alice", "Bob", "three")]
    world.compromise("Alice", by=thief)
    return world, past


def _attacker(world_and_past):
    world, past = world_and_past
    return world, "Attacker", past


def test_ch08_recorded_messages_after_a_phone_theft():
    q = question("08", "records all of Alice's messages for a month")
    without = recorded_reads(*_attacker(stolen(Policy())))
    with_fs = recorded_reads(*_attacker(stolen(Policy(forward_secrecy=True))))
    assert all(without) and not any(with_fs)
    assert q.choices[q.answer].startswith("Without forward secrecy all; with it, none")


def test_ch08_escrow_undoes_forward_secrecy():
    q = question("08", "Why does key escrow undo forward secrecy")
    world, past = stolen(Policy(forward_secrecy=True, escrow=True, escrow_breach=True))
    assert all(recorded_reads(world, "Attacker", past))  # the escrow copies open every recording
    assert "one escrow key that never changes" in q.choices[q.answer]


def test_ch08_backups_under_the_providers_key_and_a_breach():
    q = question("08", "backs her chats up under the Provider's key")
    world = World(seed=32, policy=Policy(forward_secrecy=True, cloud_backup=True, provider_breach=True))
    sent = [world.send("Alice", "Bob", "past"), world.send("Bob", "Alice", "later")]
    assert all("Attacker" in world.readers(m) for m in sent)
    assert q.choices[q.answer].startswith("Every message")


def test_ch08_an_unlocked_phone_gives_its_history():
    q = question("08", "Someone takes Alice's phone, unlocked")
    world, past = stolen(Policy(forward_secrecy=True))
    history_opens = all(world.read_from("Attacker", m) == ("chat history",) for m in past)
    assert history_opens and q.choices[q.answer].startswith("No: the phone still keeps her chat history")


def test_ch10_escrow_breach_reopens_the_recordings_forward_secrecy_closed():
    q = question("10", "A thief copies Alice")
    closed = not any(recorded_reads(*_attacker(stolen(Policy(forward_secrecy=True)))))
    reopened = all(recorded_reads(*_attacker(stolen(Policy(forward_secrecy=True, escrow=True, escrow_breach=True)))))
    assert closed and reopened and "opens them all again" in q.choices[q.answer]


def test_ch10_a_provider_breach_under_end_to_end_gives_metadata():
    q = question("10", "Criminals breach the Provider")
    world = World(seed=33, policy=Policy(provider_breach=True))
    m = world.send("Alice", "Bob", "hello")
    assert world.access("Attacker", m) == "metadata only" and "not a word" in q.choices[q.answer]


def test_ch10_checked_safety_numbers_stop_an_interception():
    q = question("10", "Interception order")
    m = World(seed=34, policy=Policy(interception=True, verify_keys=True)).send("Alice", "Bob", "hello")
    assert m.status == "not sent: safety number changed" and "does not send" in q.choices[q.answer]


@pytest.mark.parametrize(("policy", "level"), [(Policy(end_to_end=False), "can read"), (Policy(), "metadata only")])
def test_ch03_what_the_warrant_gets(policy, level):
    q = question("03", "the State has a warrant for Alice's conversations")
    world = World(seed=35, policy=policy)
    assert world.access("State", world.send("Alice", "Bob", "hello")) == level  # end-to-end: metadata only
    assert q.choices[q.answer].startswith("Metadata")


def test_ch03_a_provider_breach_by_kind_of_encryption():
    q = question("03", "Criminals break into the Provider's servers")
    transport = World(seed=36, policy=Policy(end_to_end=False, provider_breach=True))
    before = transport.send("Alice", "Bob", "before")
    end_to_end = World(seed=36, policy=Policy(provider_breach=True))
    e2e = end_to_end.send("Alice", "Bob", "before")
    assert "Attacker" in transport.readers(before) and end_to_end.access("Attacker", e2e) == "metadata only"
    assert "with end-to-end, metadata only" in q.choices[q.answer]


def test_ch04_escrow_reads_only_what_the_warrant_brings():
    q = question("04", "the State reads Alice's messages but not Bob's message to Carol")
    world = World(seed=37, policy=Policy(escrow=True))
    m = world.send("Bob", "Carol", "not Alice's")
    assert world.access("State", m) == "nothing"  # no copy at all
    world.policy = Policy(escrow=True, escrow_breach=True)
    assert "Attacker" in world.readers(world.messages[0])  # the same key with a copy (the wire) reads it
    assert "holds no copy" in q.choices[q.answer]


def test_ch05_targeted_mechanisms_leave_bob_and_carol_alone():
    q = question("05", "Why does the State read nothing of Bob's message to Carol")
    for policy in (Policy(interception=True), Policy(ghost=True)):
        world = World(seed=38, policy=policy)
        m = world.send("Bob", "Carol", "just us")
        assert "State" not in world.readers(m) and world.lookup("Bob", "Carol") == world.directory["Carol"]
    assert "covers only Alice's conversations" in q.choices[q.answer]


def test_ch07_an_implant_reads_one_phone():
    q = question("07", "The State has hacked Alice's phone. Bob sends Carol")
    world = World(seed=39, policy=Policy(endpoint_implant=True))
    m = world.send("Bob", "Carol", "not via Alice")
    assert "State" not in world.readers(m) and q.choices[q.answer].startswith("No: the implant sees only")
