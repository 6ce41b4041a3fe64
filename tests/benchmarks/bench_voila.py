"""Benchmark (run on demand, prints figures): the playground app's first render, as `make app` serves it
(Voila with the course's config, etc/jupyter/voila.json: a pool of pre-heated kernels, idle culling), with
1 and then 8 readers opening the page at the same moment in Debian's Chromium.

First render: from asking for the page to the who-can-read table on screen. Goal (issue 13): with 8 pages at
once, at most 5 s each on a 2-core machine. Also printed: the memory of every kernel the server holds.

Run: .venv/bin/python tests/benchmarks/bench_voila.py [--pages 1 8] [--no-preheat]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM, CHROMIUM_FLAGS, free_port, stop  # noqa: E402


def kernels_memory_mb(server: subprocess.Popen) -> list[float]:
    """Resident memory of each kernel process the server started (its children), in MB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        rss = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        sizes.append(int(rss.split()[1]) / 1024)
    return sizes


def start(preheat: bool, log: Path) -> tuple[str, subprocess.Popen]:
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_PATH": str(ROOT / "share/jupyter"),
        "JUPYTER_CONFIG_PATH": str(ROOT / "etc" / "jupyter"),
    }
    command = [
        str(Path(sys.executable).parent / "voila"),
        "10_playground.ipynb",
        "--template=course",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
    ]
    if not preheat:
        command.append("--VoilaConfiguration.preheat_kernel=False")
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=ROOT / "notebooks", env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # the server answers, and its pool (if any) is full
        try:
            with urllib.request.urlopen(base + "/voila/static/voila.js", timeout=5):
                break
        except OSError:
            time.sleep(0.5)
    if preheat:
        while "is filled with" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
    return base, process


async def first_render(browser, url: str) -> float:
    context = await browser.new_context()
    page = await context.new_page()
    started = time.monotonic()
    try:
        await page.goto(url, timeout=120_000)
        await page.wait_for_selector("table.who-can-read", timeout=120_000)
        seconds = time.monotonic() - started
    except Exception:  # a page that never shows the table counts as one that failed (infinite seconds)
        seconds = float("inf")
        await page.screenshot(path=ROOT / "build" / f"bench_voila_failed_{id(page)}.png", full_page=True)
    await context.close()
    return seconds


def plain_gets(url: str, count: int) -> list[float]:
    """The server's share alone: ``count`` plain GETs at once, each timed until its page has fully arrived."""
    import concurrent.futures

    def one(_):
        started = time.monotonic()
        with urllib.request.urlopen(url, timeout=300) as answer:
            answer.read()
        return time.monotonic() - started

    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        return sorted(pool.map(one, range(count)))


async def readers(url: str, count: int) -> list[float]:
    """``count`` readers open ``url`` at the same moment (one Chromium, a context each)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            return sorted(await asyncio.gather(*(first_render(browser, url) for _ in range(count))))
        finally:
            await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--no-preheat", action="store_true")
    args = parser.parse_args()
    preheat = not args.no_preheat
    log = ROOT / "build" / "bench_voila.log"
    log.parent.mkdir(exist_ok=True)
    results = {}
    for count in args.pages:
        base, server = start(preheat, log)
        try:
            standing = kernels_memory_mb(server)
            filled = log.read_text().count("is filled with")
            timings = asyncio.run(readers(base + "/", count))
            deadline = time.monotonic() + 180  # let the pool fill again, then time the server's share alone
            while preheat and log.read_text().count("is filled with") == filled and time.monotonic() < deadline:
                time.sleep(1)
            served = plain_gets(base + "/", count)
            held = kernels_memory_mb(server)
        finally:
            stop(server)
        results[count] = {
            "first_render_s": [round(t, 1) for t in timings],
            "kernels_before": len(standing),
            "kernels_after": len(held),
            "kernel_mb_median": round(sorted(held)[len(held) // 2], 0) if held else None,
        }
        results[count]["html_s"] = [round(t, 1) for t in served]
        print(f"{count} page(s) at once: first render {', '.join(f'{t:.1f}' for t in timings)} s", flush=True)
        print(f"  the page's HTML alone (plain GETs): {', '.join(f'{t:.1f}' for t in served)} s")
        print(f"  kernels before: {len(standing)}, after: {len(held)}, each ≈ {results[count]['kernel_mb_median']} MB")
    print(json.dumps({"preheat": preheat, "results": results}))


if __name__ == "__main__":
    main()
