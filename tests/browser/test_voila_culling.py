"""Voila cleans up after itself (issue 13): served as `make app` serves it (etc/jupyter/voila.py: idle culling,
a pool of pre-heated kernels, IPC transport), a closed page's kernel is gone within a minute, an open page keeps
its kernel, and plain GETs (a crawler's) leave no kernel behind after a minute.

To keep the test short it culls faster than the course does (idle 8 s, checked every 2 s instead of 30 s and
10 s); tests/test_repository.py checks that the course's own settings also stay within the minute.
"""

from __future__ import annotations

import os
import re
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IDLE, INTERVAL = 8, 2
MINUTE = 60
TIMEOUT = 180_000


def kernel_processes(server) -> set[int]:
    """The server's kernels, as processes: its children."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return {int(pid) for pid in children}


def kernel_exists(base: str, kernel_id: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel_id}", timeout=10):
            return True
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise


def wait_until(condition, seconds: float, step: float = 1.0) -> float:
    """Poll ``condition`` until it holds; the seconds it took. Fails after ``seconds``."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, f"still not so after {seconds} s"
        time.sleep(step)
    return time.monotonic() - started


def test_voila_culls_closed_pages_and_plain_gets_but_keeps_open_pages(browser, launch, tmp_path):
    home = tmp_path / "home"
    env = {
        **os.environ,
        "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
        "JUPYTER_CONFIG_PATH": str(ROOT / "etc" / "jupyter"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "COURSE_VOILA_POOL": "1",
    }
    command = [
        str(Path(sys.executable).parent / "voila"),
        "10_playground.ipynb",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        "--template=course",
        f"--MappingKernelManager.cull_idle_timeout={IDLE}",
        f"--MappingKernelManager.cull_interval={INTERVAL}",
    ]
    log = tmp_path / "voila.log"
    base, server = launch(command, "/voila/static/voila.js", cwd=ROOT / "notebooks", env=env, log=log)
    wait_until(lambda: "is filled with 1 kernel" in log.read_text(), seconds=180)

    # A reader opens the app: the page's kernel is the one it asks the server about.
    context = browser.new_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda r: asked.extend(re.findall(r"/api/kernels/([0-9a-f-]{36})", r.url)))
    page.goto(base + "/", timeout=TIMEOUT)
    page.wait_for_selector("table.who-can-read", timeout=TIMEOUT)
    assert asked, "the page never asked for its kernel"
    kernel = asked[0]

    # Open and idle for longer than the idle limit: the reader is still there, the kernel stays.
    time.sleep(IDLE + 2 * INTERVAL)
    assert kernel_exists(base, kernel), "the culler took the kernel of a page that is still open"

    context.close()
    took = wait_until(lambda: not kernel_exists(base, kernel), seconds=MINUTE)
    print(f"a closed page's kernel was gone {took:.0f} s after the page closed")

    # Five plain GETs, as a crawler would: each gets a kernel (the pool's or a new one); with the test's fast
    # culling, the first may already be gone by the time the last arrives...
    seen: set[int] = set()
    for _ in range(5):
        with urllib.request.urlopen(base + "/", timeout=TIMEOUT / 1000) as answer:
            assert b"application/vnd.jupyter.widget-view+json" in answer.read()  # the notebook ran
        seen |= kernel_processes(server)
    assert len(seen) >= 5, "each GET should have had a kernel"
    # ...and a minute after the last, none of them is left: only the pool's one waiting kernel remains.
    # (Wait on what is asserted: the pool refills after the last GET, so a GET's kernel and the refill can
    # overlap for a moment; within the minute only the pool's waiting kernel may be left.)
    took = wait_until(lambda: len(kernel_processes(server)) <= 1, seconds=MINUTE)  # fails after a minute
    print(f"5 plain GETs: their kernels were gone {took:.0f} s later")
    assert "TCP without encryption" not in log.read_text(), "the kernels should talk over IPC (etc/jupyter/voila.py)"
