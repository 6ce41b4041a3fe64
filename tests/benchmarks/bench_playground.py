"""Benchmark (run on demand, prints figures): a playground toggle's full update — the model replays the
whole conversation under the new policy (or returns to a replay it already made under that policy) and every
panel redraws — with conversations of 20, 200 and 1,000 messages.

Targets (issues 3 and 11): p95 ≤ 50 ms at 20 messages, ≤ 100 ms at 200, ≤ 1 s at 1,000. Each round flips
every switch on, then off again, so a reader's first visit to a combination of switches (a "cold" toggle: a
full replay) and the returns to it (kept replays) are both measured; the cold toggles are reported apart.
Run: .venv/bin/python tests/benchmarks/bench_playground.py
"""

from __future__ import annotations

import statistics
import time

from widgets import Playground, Policy, World

SIZES = {20: (40, 50), 200: (10, 100), 1000: (4, 1000)}  # messages: (rounds, target p95 in ms)


def conversation(seed, messages: int) -> World:
    world = World(seed=seed)
    people = ["Alice", "Bob", "Carol"]
    for i in range(messages):
        sender, recipient = people[i % 3], people[(i + 1) % 3]
        world.send(sender, recipient, f"Message {i + 1}: shall we meet at {9 + i % 8}:00 by the station?")
    return world


def measure(seed, messages: int, rounds: int) -> tuple[list[float], list[float]]:
    """(every toggle's time, the cold ones' times) in ms."""
    pg = Playground(conversation(seed, messages))
    order = list(Policy.switches())  # declared with each prerequisite before the switch that needs it
    timings, cold, seen = [], [], {pg.world.policy}
    for _ in range(rounds):
        for name in order + order[::-1]:
            box = pg.controls[name]
            started = time.perf_counter()
            box.value = not box.value  # the observer replays the model and redraws every panel
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            if pg.world.policy not in seen:
                cold.append(elapsed)
                seen.add(pg.world.policy)
    return timings, cold


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def report(messages: int, rounds: int, target: float) -> None:
    timings, cold = measure(7, messages, rounds)
    value = p95(timings)
    print(
        f"{messages:>5} messages: {len(timings)} toggles — p50 {statistics.median(timings):.1f} ms, "
        f"p95 {value:.1f} ms, max {max(timings):.1f} ms (target p95 ≤ {target:g} ms: "
        f"{'met' if value <= target else 'MISSED'}); {len(cold)} cold toggles (first visit to a policy: a full "
        f"replay) median {statistics.median(cold):.0f} ms"
    )


if __name__ == "__main__":
    measure(7, 20, 1)  # warm up imports once, as a reader's first click would (a fresh world is built below)
    for size, (rounds, target) in SIZES.items():
        report(size, rounds, target)
