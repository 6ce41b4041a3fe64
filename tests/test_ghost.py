"""The ghost participant, by real decryption: an extra slot for the State, the join notice suppressed,
and apps that check their members refuse to send."""

from widgets import Policy, World
from widgets.protocol.crypto import read_frame

GHOST = Policy(ghost=True)


def conversation(policy):
    world = World(seed=51, policy=policy)
    return world, [
        world.send("Alice", "Bob", "Meet at noon"),
        world.send("Bob", "Alice", "OK"),
        world.send("Bob", "Carol", "Alice says noon"),
    ]


def test_the_ghost_reads_alices_conversations_and_nothing_else():
    world, (a, b, c) = conversation(GHOST)
    assert [m.status for m in (a, b, c)] == ["delivered"] * 3
    assert world.readers(a) == world.readers(b) == {"Alice", "Bob", "State"}
    assert world.readers(c) == {"Bob", "Carol"}


def test_the_message_really_carries_one_more_slot():
    plain, (p, *_r) = conversation(Policy())
    ghosted, (g, *_s) = conversation(GHOST)

    def slots(world, m):
        import msgpack

        uplink = next(r.blob for r in world.holdings("Attacker").records if r.msg == m.id)
        return len(msgpack.unpackb(read_frame(uplink)["body"][1:])["slots"])

    assert (slots(plain, p), slots(ghosted, g)) == (1, 2)


def test_the_join_notice_is_suppressed_not_shown():
    _, (a, *_r) = conversation(GHOST)
    assert a.warnings == ()
    assert [n.text for n in a.hidden] == ["State (ghost) joined the chat"]


def test_apps_that_check_their_members_refuse_to_send():
    world, (a, b, c) = conversation(Policy(ghost=True, verify_keys=True))
    assert a.status == b.status == "not sent: unverified member"
    assert "never verified" in a.warnings[0].text
    assert world.readers(a) == {"Alice"} and c.status == "delivered"
