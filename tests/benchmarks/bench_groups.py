"""Benchmark (run on demand, prints figures): one group message's send and its readers(), by group size, up to
the model's cap (``widgets.protocol.world.MAX_GROUP``), with and without forward secrecy; and what a group
above the cap gets (a refusal in words, at once).

Run: .venv/bin/python tests/benchmarks/bench_groups.py
"""

from __future__ import annotations

import time

from widgets import Policy, World
from widgets.protocol.message import MessageRefused
from widgets.protocol.world import MAX_GROUP


def members(count: int) -> tuple[str, ...]:
    letters = (
        "ABCDEFGHJKMNOPQRSTUVWXYZ"  # no I or L: the look-alike check would (rightly) refuse MemberIA beside MemberLA
    )
    return tuple(f"Member{letters[i % 24]}{letters[i // 24 % 24]}{letters[i // 576]}" for i in range(count))


def once(count: int, policy: Policy) -> tuple[float, float]:
    world = World(seed=1, policy=policy)
    started = time.perf_counter()
    message = world.send("Alice", members(count), "hello, everyone")
    sent = time.perf_counter()
    world.readers(message)
    return sent - started, time.perf_counter() - sent


if __name__ == "__main__":
    for policy in (Policy(), Policy(forward_secrecy=True)):
        label = "forward secrecy" if policy.forward_secrecy else "default"
        for count in (10, 50, MAX_GROUP):
            send, readers = once(count, policy)
            print(f"{label:16} {count:>4} recipients: send {send * 1000:7.0f} ms, readers() {readers * 1000:7.0f} ms")
    started = time.perf_counter()
    try:
        World(seed=1).send("Alice", members(1000), "hello, everyone")
    except MessageRefused as refusal:
        print(f"1000 recipients: refused in {(time.perf_counter() - started) * 1000:.0f} ms — {refusal}")
