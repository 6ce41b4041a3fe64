"""Benchmark (run on demand, prints figures): a class on a real JupyterHub on this machine (tests/hub/classroom.py:
configurable-http-proxy, a local process spawner, a test authenticator; needs .venv-hub, made by `make test`).
N students' servers started at once, the course pulled into each home with nbgitpuller, the playground run in a
kernel of each; printed: time to ready, the playground's run, and memory per student (server and kernel).

Run: .venv/bin/python tests/benchmarks/bench_hub.py [--students 10]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))

from classroom import run_class


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as folder:
        figures = run_class(Path(folder), args.students)
    ready = sorted(figures["ready_s"].values())
    memory = sorted(figures["memory_mb"].values())
    print(f"{args.students} students' servers started at once: ready after {ready[0]:.1f}–{ready[-1]:.1f} s")
    print(f"the playground run in a student's kernel (one after another): {figures['playground_s']:.1f} s each")
    print(f"memory per student, server and kernel: median {statistics.median(memory):.0f} MB, max {memory[-1]:.0f} MB")
    summary = {
        "students": args.students,
        "ready_s": [round(r, 1) for r in ready],
        "playground_s": round(figures["playground_s"], 1),
        "memory_mb": [round(m) for m in memory],
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
