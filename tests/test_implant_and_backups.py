"""The endpoint implant and cloud backups, by real decryption."""

from widgets import Policy, World


def conversation(policy, seed=41):
    world = World(seed=seed, policy=policy)
    return world, [
        world.send("Alice", "Bob", "Meet at noon"),
        world.send("Bob", "Alice", "OK"),
        world.send("Bob", "Carol", "Alice says noon"),
    ]


def test_an_implant_reads_alices_screen_whatever_the_encryption():
    for e2e in (True, False):
        world, (a, b, c) = conversation(Policy(end_to_end=e2e, endpoint_implant=True))
        assert "State" in world.readers(a) and "State" in world.readers(b)
        copies = [r for r in world.holdings("State").records if r.kind == "implant copy"]
        assert [r.msg for r in copies] == [a.id, b.id]  # one phone: only what Alice typed or read
        assert "State" not in world.readers(c)


def test_the_implant_sees_even_a_message_the_app_refused_to_send():
    world, (a, *_rest) = conversation(Policy(endpoint_implant=True, interception=True, verify_keys=True))
    assert a.status.startswith("not sent")
    assert world.readers(a) == {"Alice", "State"}


def test_the_implant_is_per_phone_bobs_messages_to_carol_stay_closed():
    world, (*_first, c) = conversation(Policy(endpoint_implant=True, escrow=True))
    assert world.readers(c) == {"Bob", "Carol"}


def test_backups_under_the_providers_key_open_for_the_provider_and_by_warrant_the_state():
    world, (a, _b, c) = conversation(Policy(cloud_backup=True))
    assert world.readers(a) == {"Alice", "Bob", "Provider", "State"}
    assert world.readers(c) == {"Bob", "Carol", "Provider"}
    backups = [r for r in world.holdings("Provider").records if r.kind == "backup"]
    assert len(backups) == 6  # each of the two phones in each conversation backs each message up


def test_a_breach_of_the_provider_takes_the_backups_and_their_key_together():
    world, messages = conversation(Policy(cloud_backup=True, provider_breach=True))
    assert all("Attacker" in world.readers(m) for m in messages)
    assert any("backup key" in k.label for k in world.holdings("Attacker").keys)
    world.policy = Policy(provider_breach=True)  # the same breach without the backups: metadata only
    assert all(world.access("Attacker", m) == "metadata only" for m in world.messages)
