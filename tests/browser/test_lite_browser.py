"""The JupyterLite site (tools/build_lite.py) in a real Chromium, served by Python's http.server on 127.0.0.1:
the landing page's link opens JupyterLab from the build, with the chapter in a notebook panel and the Pyodide
kernel chosen. This machine has no internet, so Pyodide itself (from its CDN) cannot load and no kernel starts:
the test does not wait for one. It checks instead that every file the site asks of itself is there, that the
only requests that fail are the kernel's to Pyodide's CDN, and that the only errors are about that fetch."""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = "00_start_here"  # the chapter the landing page opens (conftest's lite_url builds it and its docs)
TIMEOUT = 60_000


def pyodide_version() -> str:
    spec = importlib.util.spec_from_file_location("build_lite", ROOT / "tools" / "build_lite.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PYODIDE_VERSION


PYODIDE = f"https://cdn.jsdelivr.net/pyodide/v{pyodide_version()}/full/"


def first_heading(chapter: str) -> str:
    notebook = json.loads((ROOT / "notebooks" / f"{chapter}.ipynb").read_text())
    return "".join(notebook["cells"][0]["source"]).splitlines()[0].removeprefix("# ")


def record(page) -> dict[str, list]:
    """Everything the page and its workers fetch, log and throw, with the URLs needed to explain each."""
    seen = {"responses": [], "failed": [], "finished": [], "console": [], "thrown": []}
    context = page.context  # the context also sees the requests of the kernel's worker and the service worker
    context.on("response", lambda r: seen["responses"].append((r.status, r.url)))
    context.on("requestfailed", lambda r: seen["failed"].append((r.url, r.failure)))
    context.on("requestfinished", lambda r: seen["finished"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["console"].append((m.text, m.location["url"])))
    page.on("pageerror", lambda e: seen["thrown"].append(f"{e.name}: {e.message}"))
    return seen


def wait_for_pyodide_fetch(page, seen: dict[str, list], seconds: float = 30) -> None:
    """Until the kernel's request for Pyodide has failed (offline) or finished (online)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(url.startswith(PYODIDE) for url in [u for u, _ in seen["failed"]] + seen["finished"]):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"the Pyodide kernel never asked for {PYODIDE}: is its extension in the build?")


def is_about_pyodide(text: str, url: str) -> bool:
    return PYODIDE in text or url.startswith(PYODIDE)


def test_landing_page_opens_the_chapter_in_jupyterlab(page, lite_url, shots):
    seen = record(page)
    page.goto(f"{lite_url}/index.html")
    assert "The internet is needed on first load" in page.inner_text("main")
    link = page.locator('a[href^="lab/index.html?path="]')
    assert link.get_attribute("href") == f"lab/index.html?path={CHAPTER}.ipynb"
    link.click()

    panel = page.locator(".jp-NotebookPanel")
    heading = panel.locator(".jp-MarkdownCell h1").first
    heading.wait_for(timeout=TIMEOUT)
    assert page.url.startswith(f"{lite_url}/lab/")
    assert heading.inner_text() == first_heading(CHAPTER)
    assert page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel").inner_text() == f"{CHAPTER}.ipynb"
    # The kernel is chosen ("No Kernel" until then), not started: its name shows before Pyodide is fetched.
    expect(panel.locator(".jp-Toolbar-kernelName")).to_have_text("Python (Pyodide)", timeout=TIMEOUT)

    wait_for_pyodide_fetch(page, seen)
    page.screenshot(path=shots / "lite-chapter.png")

    local = [(status, url) for status, url in seen["responses"] if url.startswith(lite_url)]
    assert len(local) > 20 and all(status < 400 for status, _ in local), [r for r in local if r[0] >= 400]
    failed_hosts = {urlsplit(url).hostname for url, _ in seen["failed"]}
    assert failed_hosts <= {"cdn.jsdelivr.net"}, seen["failed"]
    assert all(url.startswith(PYODIDE) for url, _ in seen["failed"]), seen["failed"]
    unexplained = [e for e in seen["console"] if not is_about_pyodide(*e)]
    assert unexplained == [], unexplained
    fetch_failed = f"Failed to fetch dynamically imported module: {PYODIDE}pyodide.mjs"
    assert all(fetch_failed in error for error in seen["thrown"]), seen["thrown"]


# Chapter 00's links to the docs, as a reader clicks them in JupyterLite (the lite build holds the two docs too).
DOCS = {"teacher's guide": "teachers_guide", "self-check answers": "self_check_answers"}


def scroll_to_link(page, panel, name: str):
    """JupyterLab draws a long notebook's cells as they scroll into view: scroll down until the link is drawn."""
    link = panel.get_by_role("link", name=name).first
    for _ in range(80):
        if link.count():
            return link
        page.evaluate(
            """() => { const box = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')
                || document.querySelector('.jp-NotebookPanel .jp-Notebook'); box.scrollTop += 500; }"""
        )
        page.wait_for_timeout(150)
    raise AssertionError(f"chapter 00 never showed its link {name!r}")


def test_chapter_00_links_to_the_teachers_guide_and_the_answers_open_them(page, lite_url, shots):
    seen = record(page)
    for name, stem in DOCS.items():
        page.goto(f"{lite_url}/lab/index.html?path={CHAPTER}.ipynb")
        panel = page.locator(".jp-NotebookPanel").first
        panel.locator(".jp-MarkdownCell h1").first.wait_for(timeout=TIMEOUT)
        link = scroll_to_link(page, panel, name)
        link.scroll_into_view_if_needed()
        link.click()
        current = page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel")
        expect(current).to_have_text(f"{stem}.ipynb", timeout=TIMEOUT)  # JupyterLab opened the notebook
        heading = page.locator(".jp-NotebookPanel:visible .jp-MarkdownCell h1").first
        heading.wait_for(timeout=TIMEOUT)
        assert heading.inner_text() == first_heading(stem)
        page.screenshot(path=shots / f"lite-{stem}.png")
    local = [(status, url) for status, url in seen["responses"] if url.startswith(lite_url)]
    assert all(status < 400 for status, _ in local), [r for r in local if r[0] >= 400]
    assert all(url.startswith(PYODIDE) for url, _ in seen["failed"]), seen["failed"]
