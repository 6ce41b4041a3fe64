"""Forward secrecy and stolen phones, by real decryption (docs/architecture.md; "Keys Under Doormats", runnable)."""

import pytest

from widgets import Policy, World
from widgets.protocol.crypto import open_blob
from widgets.protocol.ratchet import decrypt_step, encrypt_step, kdf_ck, start_as_initiator, start_as_responder


def attacker_reads(world, messages):
    return ["read" if "Attacker" in world.readers(m) else "-" for m in messages]


def opens_from_the_wire(world, party, messages):
    """What ``party``'s wire captures alone give, by real decryption: the recorded traffic, not the phone."""
    held = world.holdings(party)
    publics = list(world.directory.values())
    out = []
    for m in messages:
        captures = [r.blob for r in held.about(m.id) if r.kind == "wire capture"]
        texts = {t for blob in captures for i, t in open_blob(blob, list(held.keys), publics).texts() if i == m.id}
        out.append("read" if m.text in texts else "-")
    return out


def stolen_phone(policy, seed=71):
    world = World(seed=seed, policy=policy)
    past = [world.send("Alice", "Bob", "one"), world.send("Bob", "Alice", "two"), world.send("Alice", "Bob", "three")]
    world.compromise("Alice", by="Attacker")
    later = [world.send("Alice", "Bob", "four"), world.send("Bob", "Alice", "five"), world.send("Alice", "Bob", "six")]
    return world, past, later


def test_without_forward_secrecy_a_stolen_phone_opens_everything_recorded():
    world, past, later = stolen_phone(Policy())
    assert attacker_reads(world, past) == ["read"] * 3
    assert attacker_reads(world, later) == ["read"] * 3


def test_with_forward_secrecy_the_recorded_past_stays_shut_but_the_phone_gives_its_history():
    world, past, later = stolen_phone(Policy(forward_secrecy=True))
    assert opens_from_the_wire(world, "Attacker", past) == ["-"] * 3  # recorded traffic of the past: no
    assert attacker_reads(world, past) == ["read"] * 3  # the history stored on the phone: yes
    assert all(
        "stolen from Alice's phone" in r.note
        for m in past
        for r in world.holdings("Attacker").about(m.id)
        if r.kind == "chat history"
    )
    assert attacker_reads(world, later) == ["read", "-", "-"]  # only until the ratchet turns
    assert [m.status for m in past + later] == ["delivered"] * 6
    assert all(world.readers(m) >= {"Alice", "Bob"} for m in past + later)


def test_escrow_undoes_forward_secrecy():
    world, past, later = stolen_phone(Policy(forward_secrecy=True, escrow=True, escrow_breach=True))
    assert attacker_reads(world, past + later) == ["read"] * 6


@pytest.mark.parametrize(
    ("policy", "state_reads"),
    [
        (Policy(forward_secrecy=True, interception=True), True),
        (Policy(forward_secrecy=True, ghost=True), True),
        (Policy(forward_secrecy=True, escrow=True), True),
        (Policy(forward_secrecy=True), False),
    ],
)
def test_forward_secrecy_does_not_stop_access_built_into_the_protocol(policy, state_reads):
    world = World(seed=72, policy=policy)
    messages = [world.send("Alice", "Bob", "hi"), world.send("Bob", "Alice", "hello"), world.send("Alice", "Bob", "ok")]
    assert [m.status for m in messages] == ["delivered"] * 3
    assert all(("State" in world.readers(m)) is state_reads for m in messages)


def test_the_thief_can_be_the_state_and_compromise_is_replayed_with_the_conversation():
    world, _past, _later = stolen_phone(Policy(), seed=73)
    world.policy = Policy(forward_secrecy=True)  # the theft happens again, at the same moment, in the replay
    assert attacker_reads(world, world.messages) == ["read", "read", "read", "read", "-", "-"]
    assert opens_from_the_wire(world, "Attacker", world.messages) == ["-", "-", "-", "read", "-", "-"]
    other = World(seed=73)
    m = other.send("Alice", "Bob", "hi")
    other.compromise("Bob", by="State")
    assert "State" in other.readers(m)


@pytest.mark.parametrize(
    ("party", "by", "words"), [("Provider", "Attacker", "user's phone"), ("Alice", "Bob", "thief")]
)
def test_bad_compromise_requests_are_explained(party, by, words):
    with pytest.raises(ValueError, match=words):
        World(seed=1).compromise(party, by=by)


def test_the_ratchet_agrees_with_itself_and_its_chain_is_one_way():
    from widgets.protocol.crypto import Key

    alice_ratchet, bob_prekey = Key.x25519("a", bytes([1]) * 32), Key.x25519("b", bytes([2]) * 32)
    shared = bytes([9]) * 32
    alice = start_as_initiator(shared, alice_ratchet, bob_prekey.public)
    bob = start_as_responder(shared, bob_prekey)
    for step in range(4):
        header, key_sent = encrypt_step(alice)
        assert decrypt_step(bob, header, lambda n, s=step: Key.x25519("r", bytes([10 + n + s]) * 32)) == key_sent
    chain = bytes([5]) * 32
    following, message_key = kdf_ck(chain)
    assert len({chain, following, message_key}) == 3


def test_interception_with_forward_secrecy_keeps_one_session_per_identity_the_state_poses_as():
    world = World(seed=5, policy=Policy(interception=True, forward_secrecy=True))
    messages = [
        world.send("Alice", "Bob", "one"),
        world.send("Alice", "Carol", "two"),
        world.send("Carol", "Alice", "three"),
        world.send("Bob", "Alice", "four"),
        world.send("Alice", "Bob", "five"),
    ]
    assert [m.status for m in messages] == ["delivered"] * 5
    assert all("State" in world.readers(m) for m in messages)


def test_a_rejected_message_leaves_the_recipients_ratchet_as_it_was():
    world = World(seed=6, policy=Policy(forward_secrecy=True))
    first = world.send("Alice", "Bob", "first")
    spoiled = world.send("Alice", "Bob", "spoiled", tamper=True)
    after = [world.send("Alice", "Bob", "after"), world.send("Bob", "Alice", "reply")]
    assert (first.status, spoiled.status) == ("delivered", "tampering detected")
    assert [m.status for m in after] == ["delivered", "delivered"]


def test_one_time_prekeys_are_never_handed_out_twice():
    world = World(seed=7, policy=Policy(forward_secrecy=True))
    for sender in ("Carol", "Dave", "Erin"):
        world.send(sender, "Bob", f"hello from {sender}")
    labels = [k.label for k in world.holdings("Bob").keys if "one-time prekey" in k.label]
    assert labels == ["Bob's one-time prekey #4 (private)"]  # three used and deleted, a fresh one waiting
    secrets = {world._run.random.key(f"Bob/prekey/{n}") for n in range(1, 5)}
    assert len(secrets) == 4
