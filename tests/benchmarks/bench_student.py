"""Benchmark (run on demand, prints figures): what one student costs a hub — their own Jupyter server (JupyterLab,
as a hub starts it for each student) with one kernel that has run the playground — measured without a hub:
memory (resident, server and kernel) and time to ready (server answering, then the playground computed).

Run: .venv/bin/python tests/benchmarks/bench_student.py [--students 3]
The students' servers run one after another's start, all held at once, as a class's would.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import free_port, stop, wait_for_http  # noqa: E402


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


def playground_code() -> str:
    notebook = json.loads((ROOT / "notebooks" / "10_playground.ipynb").read_text())
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")


def student(home: Path) -> dict:
    from jupyter_client import BlockingKernelClient

    port = free_port()
    env = {**os.environ, "HOME": str(home), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1"]
    command += [f"--port={port}", "--IdentityProvider.token=", "--allow-root", f"--ServerApp.root_dir={ROOT}"]
    started = time.monotonic()
    log = open(home / "server.log", "w")  # noqa: SIM115 (the child keeps it)
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_for_http(base + "/api/status", server)
    request = urllib.request.Request(base + "/api/kernels", data=b'{"name": "python3"}', method="POST")
    with urllib.request.urlopen(request, timeout=120) as answer:
        kernel_id = json.load(answer)["id"]
    client = BlockingKernelClient(connection_file=str(home / "runtime" / f"kernel-{kernel_id}.json"))
    client.load_connection_file()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    os.chdir(ROOT / "notebooks")
    reply = client.execute_interactive(playground_code(), timeout=300, output_hook=lambda msg: None)
    assert reply["content"]["status"] == "ok", reply["content"]
    ready = time.monotonic() - started
    client.stop_channels()
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    memory = rss_mb(server.pid) + sum(rss_mb(int(pid)) for pid in children)
    return {"server": server, "ready_s": ready, "memory_mb": memory, "log": log, "home": home}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=3)
    args = parser.parse_args()
    students = []
    try:
        for _ in range(args.students):
            students.append(student(Path(tempfile.mkdtemp(prefix="student-"))))
            print(
                f"student {len(students)}: ready in {students[-1]['ready_s']:.1f} s, {students[-1]['memory_mb']:.0f} MB"
            )
    finally:
        for one in students:
            stop(one["server"])
            one["log"].close()
            shutil.rmtree(one["home"], ignore_errors=True)
    memory = statistics.median(s["memory_mb"] for s in students)
    ready = statistics.median(s["ready_s"] for s in students)
    print(f"per student (median of {len(students)}): {memory:.0f} MB resident, ready in {ready:.1f} s")
    print(json.dumps({"memory_mb": round(memory), "ready_s": round(ready, 1), "students": len(students)}))


if __name__ == "__main__":
    main()
