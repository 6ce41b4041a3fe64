"""Benchmark (run on demand, prints figures): a playground toggle's full update — the model replays the
whole conversation under the new policy and every panel redraws — with a 20-message conversation.

Target (issue 3): p95 ≤ 50 ms in the kernel. Run: .venv/bin/python tests/benchmarks/bench_playground.py
"""

from __future__ import annotations

import statistics
import time

from widgets import Playground, Policy, World

MESSAGES = 20
ROUNDS = 40  # each round flips every switch on, then off again


def conversation(seed) -> World:
    world = World(seed=seed)
    people = ["Alice", "Bob", "Carol"]
    for i in range(MESSAGES):
        sender, recipient = people[i % 3], people[(i + 1) % 3]
        world.send(sender, recipient, f"Message {i + 1}: shall we meet at {9 + i % 8}:00 by the station?")
    return world


def measure(seed) -> list[float]:
    pg = Playground(conversation(seed))
    order = list(Policy.switches())  # declared with each prerequisite before the switch that needs it
    timings = []
    for _ in range(ROUNDS):
        for name in order + order[::-1]:
            box = pg.controls[name]
            started = time.perf_counter()
            box.value = not box.value  # the observer replays the model and redraws every panel
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def report(label: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{label}: {len(timings)} toggles, {MESSAGES} messages — p50 {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms (target p95 ≤ 50 ms: {'met' if p95 <= 50 else 'MISSED'})"
    )


if __name__ == "__main__":
    measure(7)  # warm up imports and caches once, as a reader's first click would
    report("seeded world", measure(7))
    report("unseeded world", measure(None))
