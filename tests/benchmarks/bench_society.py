"""Benchmark (run on demand, prints figures): chapter 09's population model and its explorer.

Targets (issue 5): one ``simulate`` call for 1,000,000 users × 365 days with the default runs under 1 s on
one core; a slider redraw of the explorer (model re-run for every proposal, figure redrawn, table rebuilt)
under 300 ms. The first call for a policy also runs the real protocol (``exposure``, cached per policy):
it is timed separately. Run: .venv/bin/python tests/benchmarks/bench_society.py
"""

from __future__ import annotations

import statistics
import time

from widgets.society.population import DEFAULT_RUNS, PROPOSALS, _exposure, _readers, compare, simulate
from widgets.ui.society_plots import EXPLORER_RUNS, tradeoff_explorer

USERS, DAYS = 1_000_000, 365
REPEATS = 7


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def bench_simulate() -> None:
    _exposure.cache_clear()
    _readers.cache_clear()
    print(f"simulate(policy, users={USERS:,}, days={DAYS}, runs={DEFAULT_RUNS}) — median of {REPEATS}:")
    worst = 0.0
    for name, policy in PROPOSALS.items():
        cold = timed(lambda policy=policy: simulate(policy, users=USERS, days=DAYS))
        warm = [timed(lambda policy=policy: simulate(policy, users=USERS, days=DAYS)) for _ in range(REPEATS)]
        worst = max(worst, statistics.median(warm))
        print(f"  {name:32s} first call (real protocol) {cold:7.1f} ms, then {statistics.median(warm):6.1f} ms")
    print(f"  slowest warm call {worst:.1f} ms (target < 1000 ms: {'met' if worst < 1000 else 'MISSED'})")
    times = [timed(lambda: compare(users=USERS, days=DAYS)) for _ in range(REPEATS)]
    print(f"compare(all {len(PROPOSALS)} proposals): median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")


def bench_explorer() -> None:
    explorer = tradeoff_explorer(users=USERS, days=DAYS)
    names = list(explorer.sliders)
    timings = []
    for round_ in range(3):
        for name in names:
            slider = explorer.sliders[name]
            target = slider.min + (slider.max - slider.min) * (0.25 if round_ % 2 else 0.75)
            timings.append(timed(lambda slider=slider, target=target: setattr(slider, "value", 10**target)))
    print(
        f"explorer slider redraw ({EXPLORER_RUNS} runs per proposal, {len(PROPOSALS)} proposals, {len(timings)} "
        f"moves): p50 {statistics.median(timings):.0f} ms, p95 {p95(timings):.0f} ms, max {max(timings):.0f} ms "
        f"(target < 300 ms: {'met' if p95(timings) < 300 else 'MISSED'} at p95)"
    )


if __name__ == "__main__":
    bench_simulate()
    bench_explorer()
