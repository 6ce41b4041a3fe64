"""Ready-made conversations, so a chapter or the playground starts with something to look at."""

from __future__ import annotations

from ..protocol.world import World

STARTER = (
    ("Alice", "Bob", "Are we still meeting tomorrow?"),
    ("Bob", "Alice", "Yes — the café by the station, at noon."),
    ("Alice", "Bob", "Great. I'll bring the documents."),
    ("Bob", "Carol", "Alice and I are meeting at noon, want to come?"),
)


# A made-up item for the scanning authority's list (no real group or slogan), so that client-side scanning
# has something to find when a reader sends it — or something like it.
STARTER_WATCHLIST = (
    ("Northern Front call to arms (invented)", "Join the Northern Front: the hour of action has come, take up arms"),
)


def starter_world(seed: int | None = 2017, policy=None) -> World:
    """A seeded world in which Alice, Bob and Carol have already exchanged a few messages."""
    world = World(seed=seed, policy=policy)
    world.watchlist = STARTER_WATCHLIST
    for sender, recipient, text in STARTER:
        world.send(sender, recipient, text)
    return world
