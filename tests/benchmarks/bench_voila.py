"""Benchmark (run on demand, prints figures): the playground app's first render, as `make app` serves it (Voila
with the course's config, etc/jupyter/voila.py: a pool of pre-heated kernels, idle culling), with 1 and then 8
readers opening the page at the same moment. Goal (issue 13): with 8 pages at once, at most 5 s each on a
2-core machine.

Where the time goes, measured four ways for each number of readers, each on a fresh server whose pool is full:

- **browser**: Debian's Chromium, one browser, a context (a separate reader) per page; from asking for the page
  to the who-can-read table on screen. Each page's time is split into its steps (the HTML arrived, the page's
  scripts ran, the kernel's websocket opened, the widgets' state arrived, the table drawn) and the CPU time its
  renderer spent (Chromium's own counters: script, layout, style): the readers' devices' share, which on this
  machine runs on the server's 2 cores.
- **protocol**: what each page asks of the server, without a browser: the page's HTML, then the kernel's
  static files the page loads (fetched, not run), its kernel's websocket and the handshake the page's widget
  manager makes (kernel_info, the `jupyter.widget.control` comm, `request_states` until every widget's state has
  arrived) — the server's and the kernels' share alone, as readers on their own devices would see it.
- **html**: the page's HTML alone (plain GETs).
- the machine's load average before each run (the machine is shared: say it with the figures).

Run: .venv/bin/python tests/benchmarks/bench_voila.py [--pages 1 8] [--pool 4] [--modes browser protocol html]
     [--fill-delay SECONDS] [--no-assets]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM, CHROMIUM_FLAGS, free_port, stop  # noqa: E402

NOTEBOOK = "10_playground.ipynb"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


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


def start(pool: int | None, log: Path, extra: list[str] = ()) -> tuple[str, subprocess.Popen]:
    """`make app`'s server for the playground, with a pool of ``pool`` kernels (0: none; None: the course's
    default), once the pool is full."""
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_PATH": str(ROOT / "share/jupyter"),
        "JUPYTER_CONFIG_PATH": str(ROOT / "etc" / "jupyter"),
    }
    if pool is not None:
        env["COURSE_VOILA_POOL"] = str(pool)
    command = [
        str(Path(sys.executable).parent / "voila"),
        NOTEBOOK,
        "--template=course",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        *extra,
    ]
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=ROOT / "notebooks", env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:  # the server answers, and its pool (if any) is full
        try:
            with urllib.request.urlopen(base + "/voila/static/voila.js", timeout=5):
                break
        except OSError:
            time.sleep(0.5)
    if pool != 0:
        while "is filled with" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
    # Voila says the pool is filled once its kernels have started, while they may still be running the notebook:
    # wait until the server and its kernels are quiet (under 5% of a core over a second), at most a minute.
    quiet_deadline = time.monotonic() + 60
    while time.monotonic() < quiet_deadline:
        before = cpu_seconds(process.pid)
        time.sleep(1)
        if cpu_seconds(process.pid) - before < 0.05:
            break
    return base, process


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and all its children (the kernels), in seconds."""
    total = 0.0
    for task in [pid, *(int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]:
        try:
            fields = Path(f"/proc/{task}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


# -- browser -------------------------------------------------------------------------------------------------
STEPS_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {html: nav.responseEnd, dom: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
}"""


async def first_render(browser, url: str, started: float) -> dict:
    context = await browser.new_context()
    page = await context.new_page()
    client = await context.new_cdp_session(page)
    await client.send("Performance.enable")
    marks: dict[str, float] = {}
    frames = {"sent": 0, "received": 0, "bytes_received": 0}

    def on_websocket(ws):
        if "/channels" not in ws.url:
            return
        marks.setdefault("ws", time.monotonic() - started)

        def received(payload):
            frames["received"] += 1
            frames["bytes_received"] += len(payload)
            text = payload if isinstance(payload, str) else payload.decode("latin-1")
            if "update_states" in text:
                marks.setdefault("states", time.monotonic() - started)

        def sent(payload):
            frames["sent"] += 1

        ws.on("framereceived", received)
        ws.on("framesent", sent)

    page.on("websocket", on_websocket)
    result: dict = {}
    try:
        await page.goto(url, timeout=180_000)
        await page.wait_for_selector("table.who-can-read", timeout=180_000)
        result["total"] = time.monotonic() - started
        steps = await page.evaluate(STEPS_JS)
        offset = result["total"] - (await page.evaluate("performance.now()")) / 1000
        result.update({k: offset + v / 1000 for k, v in steps.items() if v})
        result.update(marks)
        metrics = {m["name"]: m["value"] for m in (await client.send("Performance.getMetrics"))["metrics"]}
        result["cpu"] = {
            "script": metrics.get("ScriptDuration", 0),
            "layout": metrics.get("LayoutDuration", 0),
            "style": metrics.get("RecalcStyleDuration", 0),
            "all_tasks": metrics.get("TaskDuration", 0),
        }
        result["frames"] = frames
    except Exception as error:  # a page that never shows the table counts as one that failed
        result["total"] = float("inf")
        result["error"] = str(error)[:200]
        await page.screenshot(path=ROOT / "build" / f"bench_voila_failed_{id(page)}.png", full_page=True)
    await context.close()
    return result


async def browser_readers(url: str, count: int) -> list[dict]:
    """``count`` readers open ``url`` at the same moment (one Chromium, a context each)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            # one page first, not timed: Chromium's own start-up (its first renderer, its caches) is not a reader's
            warm = await browser.new_context()
            await (await warm.new_page()).goto("about:blank")
            started = time.monotonic()
            return await asyncio.gather(*(first_render(browser, url, started) for _ in range(count)))
        finally:
            await browser.close()


# -- protocol ------------------------------------------------------------------------------------------------
def message(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "username": "bench",
                "session": session,
                "date": datetime.datetime.now(datetime.UTC).isoformat(),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


async def protocol_reader(base: str, started: float, assets: list[str]) -> dict:
    """One reader without a browser: the page's HTML, then its kernel's websocket and the widget manager's
    handshake, as Voila's page makes it (@voila-dashboards/widgets-manager8: kernel_info on connecting, then a
    `jupyter.widget.control` comm asked for `request_states`). With ``assets``, the page's static files are
    fetched before the websocket opens, as a browser does (without running them)."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    result: dict = {}
    http = AsyncHTTPClient(force_instance=True, max_clients=6)  # a browser's 6 connections to one server
    answer = await http.fetch(base + "/", request_timeout=300)
    result["html"] = time.monotonic() - started
    if assets:  # what the page's scripts, styles and fonts cost the server, for a reader with an empty cache
        await asyncio.gather(*(http.fetch(base + path, request_timeout=300) for path in assets))
        result["assets"] = time.monotonic() - started
    http.close()
    page = answer.body.decode()
    kernel = re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)
    cookies = "; ".join(c.split(";")[0] for c in answer.headers.get_list("Set-Cookie"))
    session = uuid.uuid4().hex
    request = HTTPRequest(
        f"{base.replace('http', 'ws')}/api/kernels/{kernel}/channels?session_id={session}",
        headers={"Cookie": cookies},
        connect_timeout=300,
        request_timeout=300,
    )
    ws = await websocket_connect(request)
    result["ws"] = time.monotonic() - started
    received = 0
    try:
        await ws.write_message(message("kernel_info_request", {}, session))
        comm = uuid.uuid4().hex
        while True:
            reply = json.loads(await ws.read_message())
            received += 1
            if reply["msg_type"] == "kernel_info_reply":
                result["kernel_info"] = time.monotonic() - started
                opened = {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}}
                await ws.write_message(message("comm_open", opened, session, {"version": "1.0.0"}))
                asked = {"comm_id": comm, "data": {"method": "request_states"}}
                await ws.write_message(message("comm_msg", asked, session))
            elif reply["msg_type"] == "comm_msg" and reply["content"]["data"].get("method") == "update_states":
                result["states"] = time.monotonic() - started
                result["widgets"] = len(reply["content"]["data"]["states"])
                await ws.write_message(message("comm_close", {"comm_id": comm, "data": {}}, session))
                break
    finally:
        ws.close()
    result["messages"] = received
    result["total"] = result["states"]
    return result


async def protocol_readers(base: str, count: int, assets: list[str]) -> list[dict]:
    started = time.monotonic()
    return await asyncio.gather(*(protocol_reader(base, started, assets) for _ in range(count)))


async def asset_paths(base: str) -> list[str]:
    """The static files one page loads (scripts, styles, fonts), as Chromium fetched them."""
    from playwright.async_api import async_playwright

    paths: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = await browser.new_page()
        page.on("request", lambda r: paths.append(r.url.removeprefix(base)))
        await page.goto(base + "/", timeout=180_000)
        await page.wait_for_selector("table.who-can-read", timeout=180_000)
        await browser.close()
    return [p for p in paths if p.startswith("/voila/") and "/api/" not in p]


# -- html ----------------------------------------------------------------------------------------------------
def plain_gets(url: str, count: int) -> list[dict]:
    """The server's share alone: ``count`` plain GETs at once, each timed until its page has fully arrived."""
    import concurrent.futures

    started = time.monotonic()

    def one(_):
        with urllib.request.urlopen(url, timeout=300) as answer:
            answer.read()
        return {"total": time.monotonic() - started}

    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def spread(values) -> str:
    values = sorted(v for v in values if v is not None)
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.1f}"
    return f"{values[0]:.1f}–{values[-1]:.1f} (median {statistics.median(values):.1f})"


def report(mode: str, count: int, runs: list[dict]) -> None:
    print(f"  {mode}: done after {spread(r['total'] for r in runs)} s", flush=True)
    for failed in [r for r in runs if "error" in r]:
        print(f"    a page never showed the table: {failed['error'].splitlines()[0]}")
    steps = ["html", "assets", "dom", "load", "ws", "kernel_info", "states"]
    steps = [s for s in steps if any(s in r for r in runs)]
    for step in steps:
        print(f"    {step:<12} at {spread(r.get(step) for r in runs)} s")
    if mode == "browser" and all("cpu" in r for r in runs):
        for name in ("all_tasks", "script", "layout", "style"):
            print(f"    renderer CPU {name:<10} {spread(r['cpu'][name] for r in runs)} s per page")
        print(f"    websocket frames received per page: {spread(r['frames']['received'] for r in runs)}")
    if mode == "protocol":
        print(f"    widgets per page: {runs[0]['widgets']}, messages received: {runs[0]['messages']}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--pool", type=int, default=None, help="pool size (default: the course's; 0: none)")
    parser.add_argument("--modes", nargs="+", default=["browser", "protocol", "html"])
    parser.add_argument("--fill-delay", type=float, help="seconds before a handed-out pool kernel is replaced")
    parser.add_argument("--no-assets", action="store_true", help="protocol mode: skip the page's static files")
    args = parser.parse_args()
    log = ROOT / "build" / "bench_voila.log"
    log.parent.mkdir(exist_ok=True)
    results = {}
    assets: list[str] = []
    if "protocol" in args.modes and not args.no_assets:
        base, server = start(1, log)
        try:
            assets = asyncio.run(asset_paths(base))
        finally:
            stop(server)
        print(f"the page loads {len(assets)} static files", flush=True)
    for count in args.pages:
        pool = args.pool
        shown = "the course's default" if pool is None else pool
        print(f"{count} page(s) at once, pool: {shown}; fill delay: {args.fill_delay or 'the course'}", flush=True)
        for mode in args.modes:
            extra = [] if args.fill_delay is None else [f"--VoilaKernelManager.fill_delay={args.fill_delay}"]
            base, server = start(pool, log, extra)
            try:
                standing = kernels_memory_mb(server)
                before = load()
                if mode == "browser":
                    runs = asyncio.run(browser_readers(base + "/", count))
                elif mode == "protocol":
                    runs = asyncio.run(protocol_readers(base, count, assets))
                else:
                    runs = plain_gets(base + "/", count)
                held = kernels_memory_mb(server)
            finally:
                stop(server)
            print(f"  [load before: {before}; kernels before {len(standing)}, after {len(held)}]")
            report(mode, count, runs)
            results.setdefault(count, {})[mode] = {
                "load": before,
                "total_s": sorted(round(r["total"], 2) for r in runs),
                "kernel_mb_median": round(statistics.median(held)) if held else None,
            }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
