"""Who can write as Alice, by experiment (``World.forge``): each party tries with only what it holds, and the
recipient's app — the same code every delivered message goes through — accepts or refuses."""

import pytest

from widgets import Policy, World

OTHERS = ("Carol", "Provider", "State", "Attacker")


def conversation(policy: Policy, seed: int = 4) -> World:
    world = World(seed=seed, policy=policy)
    world.send("Alice", "Bob", "hi")
    world.send("Bob", "Alice", "hello")
    world.send("Alice", ("Bob", "Carol"), "hello both")
    world.send("Alice", "Bob", "see you at noon")
    return world


def writers(world: World, sender: str = "Alice", recipient: str = "Bob") -> set[str]:
    return {party for party, m in world.who_can_write(sender, recipient).items() if m.status.startswith("accepted")}


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (Policy(), set()),  # the default: nobody but Alice
        (Policy(forward_secrecy=True), set()),
        (Policy(sealed_sender=True), set()),
        (Policy(cloud_backup=True, provider_breach=True), set()),
        (Policy(client_scanning=True), set()),
        (Policy(verify_keys=True), set()),
        (Policy(escrow=True), {"State"}),  # a one-to-one MAC needs only the message key, which escrow hands over
        (Policy(escrow=True, escrow_breach=True), {"State", "Attacker"}),
        (Policy(escrow=True, forward_secrecy=True), set()),  # the ratchet refuses a used key as a replay
        (Policy(interception=True), {"State"}),  # the directory makes Bob's app take the State's key for Alice's
        (Policy(interception=True, forward_secrecy=True), {"State"}),
        (Policy(ghost=True), {"State"}),  # the ghost's slot gives it each message key
        (Policy(ghost=True, forward_secrecy=True), set()),
        (Policy(endpoint_implant=True), {"State"}),  # Alice's own app sends what the implant types
        (Policy(end_to_end=False), set(OTHERS)),  # nothing but the Provider's word vouches for the sender
    ],
)
def test_who_can_write_as_alice_to_bob(policy, expected):
    assert writers(conversation(policy)) == expected


def test_a_stolen_phone_lets_the_thief_write_as_its_owner_with_or_without_forward_secrecy():
    for policy in (Policy(), Policy(forward_secrecy=True)):
        world = conversation(policy)
        assert "Attacker" not in writers(world)
        world.compromise("Alice", by="Attacker")
        assert writers(world) == {"Attacker"}
        assert world.forge("Attacker", "Alice", "Bob", "wire the money").status == "accepted as from Alice"


@pytest.mark.parametrize("policy", [Policy(), Policy(forward_secrecy=True), Policy(sealed_sender=True)])
def test_a_group_member_cannot_write_as_another_member(policy):
    world = conversation(policy)
    forged = world.forge("Bob", "Alice", "Carol", "Alice says: ignore Bob")
    assert forged.status.startswith("rejected"), forged.status
    if not policy.forward_secrecy:  # Bob re-used Alice's group envelope: her signature no longer fits
        assert "signature is not Alice's" in forged.status


def test_a_ghost_in_a_group_cannot_write_as_alice_but_can_in_a_one_to_one_chat():
    world = World(seed=8, policy=Policy(ghost=True))
    world.send("Alice", ("Bob", "Carol"), "group only")
    assert world.forge("State", "Alice", "Carol", "fake").status.startswith("rejected")
    world.send("Alice", "Carol", "now one to one")
    assert world.forge("State", "Alice", "Carol", "fake").status == "accepted as from Alice"


def test_forging_is_an_experiment_that_changes_nothing():
    world = conversation(Policy(escrow=True, forward_secrecy=True))
    before = {party: world.holdings(party).all_bytes() for party in world.parties}
    world.who_can_write()
    assert {party: world.holdings(party).all_bytes() for party in world.parties} == before
    assert len(world.messages) == 4
    assert [m.status for m in world.messages] == ["delivered"] * 4


def test_the_refusal_says_why_in_words():
    forged = conversation(Policy()).forge("Provider", "Alice", "Bob", "hi")
    assert forged.status == "rejected: Bob's app refused it: no key on this phone opens it as coming from Alice"
    assert forged.sender == "Alice" and forged.recipient == "Bob"
    with pytest.raises(ValueError, match="another world"):
        conversation(Policy()).readers(forged)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("Alice", "Alice", "Bob"), "not a forgery"),
        (("Bob", "Alice", "Bob"), "its own phone"),
        (("Nobody", "Alice", "Bob"), "no party"),
        (("State", "Alice", "Zed"), "no phone"),
        (("State", "Provider", "Bob"), "not a user"),
    ],
)
def test_bad_forge_requests_are_explained(args, words):
    with pytest.raises(ValueError, match=words):
        conversation(Policy()).forge(*args, "text")
