"""Real-browser tests: JupyterLab and Voila served on 127.0.0.1, driven by Playwright in Debian's Chromium.

Chromium is never downloaded: `.ci/run` installs Debian's package. Without /usr/bin/chromium these tests
are skipped on a developer's machine, and fail in CI (CI=true), where a skip would hide a broken setup.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BIN = Path(sys.executable).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run should have installed Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and uncaught exceptions in ``page.problems``."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"request failed: {r.url}"))
    yield page
    context.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, seconds: float = 240) -> None:
    """Wait until ``url`` answers, or ``process`` ends. The budget is generous on purpose: on a busy machine
    (load 6 on 2 cores) a Jupyter server can take a minute to start; a server that died fails at once."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=10):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"server at {url} did not answer within {seconds} s")


def start_server(command: list[str], ready_path: str, *, cwd: Path, env: dict, log: Path):
    """Start a server on a free port of 127.0.0.1 (``command`` gets ``--port=N``) and wait until ``ready_path``
    answers: (its address, the process). Its output goes to ``log``, whose end is shown if it fails to start."""
    port = free_port()
    with open(log, "w") as out:  # the child keeps its own copy of the file handle
        process = subprocess.Popen([*command, f"--port={port}"], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + ready_path, process)
    except RuntimeError as error:
        stop(process)
        raise RuntimeError(f"{error}\n{log.read_text()[-3000:]}") from None
    return base, process


@pytest.fixture
def launch():
    """``launch(command, ready_path, cwd=…, env=…, log=…)``: start_server, stopped when the test ends."""
    started = []

    def _launch(*args, **kwargs):
        base, process = start_server(*args, **kwargs)
        started.append(process)
        return base, process

    yield _launch
    for process in started:
        stop(process)


def kernel_ids(base: str) -> list[str]:
    """The kernels a Jupyter or Voila server holds (its REST API, open on 127.0.0.1 without a token)."""
    with urllib.request.urlopen(base + "/api/kernels", timeout=10) as answer:
        return [kernel["id"] for kernel in json.load(answer)]


def short_temporary_folder() -> str:
    """A folder in /tmp with a short path, removed when the test run ends."""
    folder = tempfile.mkdtemp(prefix="jr-")
    atexit.register(shutil.rmtree, folder, True)
    return folder


def serve(command: list[str], ready_path: str, tmp_path_factory) -> tuple[str, subprocess.Popen]:
    home = tmp_path_factory.mktemp("jupyter-home")
    env = {
        **os.environ,
        "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
        "JUPYTER_CONFIG_PATH": str(ROOT / "etc" / "jupyter"),  # what `make app` and `make pages` use too
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        # short: kernels' IPC sockets live here, and a Unix socket's path must stay under 108 bytes
        "JUPYTER_RUNTIME_DIR": short_temporary_folder(),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "IPYTHONDIR": str(home / "ipython"),
        "COURSE_VOILA_POOL": "1",  # one pre-heated kernel per app is enough for a test
    }
    # JupyterLab asks on first start whether to fetch news from the internet: answer "no" in its settings.
    notification = home / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text('{"fetchNews": "false"}')
    # The server serves the real notebooks/: JupyterLab must never save a test's run over a chapter's stored outputs
    # (its autosave does so after two minutes, which a slow run on a busy machine reaches).
    docmanager = home / "settings" / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
    docmanager.parent.mkdir(parents=True, exist_ok=True)
    docmanager.write_text('{"autosave": false}')
    return start_server(command, ready_path, cwd=ROOT / "notebooks", env=env, log=home / "server.log")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory):
    """The playground app as `make app` serves it: Voila on the notebooks' folder, the playground's page."""
    command = [str(BIN / "voila"), ".", "--no-browser", "--Voila.ip=127.0.0.1", "--template=course"]
    base, process = serve(command, "/voila/render/10_playground.ipynb", tmp_path_factory)
    yield base + "/voila/render/10_playground.ipynb"
    stop(process)


@pytest.fixture(scope="session")
def voila_pages_url(tmp_path_factory):
    """Every notebook as a Voila page, as `make pages` serves them: the list at /, each at /voila/render/NAME."""
    command = [str(BIN / "voila"), ".", "--no-browser", "--Voila.ip=127.0.0.1", "--template=course"]
    base, process = serve([*command, "--VoilaConfiguration.classic_tree=True"], "/", tmp_path_factory)
    yield base
    stop(process)


@pytest.fixture(scope="session")
def lab_url(tmp_path_factory):
    base, process = serve(
        [
            str(BIN / "jupyter"),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            "--allow-root",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        "/api/status",
        tmp_path_factory,
    )
    yield base
    stop(process)


def serve_folder(folder: Path):
    """``folder`` served by Python's http.server on 127.0.0.1: (its address, the process)."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_http(f"http://127.0.0.1:{port}/index.html", process, seconds=30)
    return f"http://127.0.0.1:{port}", process


@pytest.fixture(scope="session")
def static_site_url(site_build):
    """The static site (tools/build_site.py) of two chapters, served on 127.0.0.1."""
    base, process = serve_folder(site_build)
    yield base
    stop(process)


@pytest.fixture(scope="session")
def full_site_url(tmp_path_factory):
    """The whole static site, every notebook as `make site` builds it (tools/build_site.py with no chapter
    named), served on 127.0.0.1: for the checks that every chapter page reads well and every link resolves."""
    renderer = json.loads((ROOT / "site" / "vendor.json").read_text())["packages"]["@jupyter-widgets/html-manager"]
    fetched = Path(sys.prefix) / "share" / "who-can-read-it" / f"jupyter-widgets-html-manager-{renderer['version']}.tgz"
    if not fetched.exists() and shutil.which("npm") is None and not os.environ.get("CI"):
        pytest.skip("the widget renderer is not fetched and npm is missing (the setup step fetches it)")
    out = tmp_path_factory.mktemp("full-site") / "site"
    built = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_site.py"), "--out", str(out)], capture_output=True, text=True
    )
    if built.returncode:
        pytest.fail(f"tools/build_site.py failed:\n{built.stdout[-2000:]}\n{built.stderr[-2000:]}")
    base, process = serve_folder(out)
    yield base
    stop(process)


@pytest.fixture(scope="session")
def lite_url(lite_build):
    """The JupyterLite site (tools/build_lite.py) of the chapter its landing page opens, served on 127.0.0.1."""
    base, process = serve_folder(lite_build)
    yield base
    stop(process)


@pytest.fixture
def shots(request):
    """Where a test saves screenshots for people to look at (build/screenshots/)."""
    folder = ROOT / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
