"""The JupyterLite build (tools/build_lite.py, `make lite`): built for one chapter into a temporary folder, it
holds the chapter with its install cell, a wheel of the course, ipywidgets at requirements.txt's pin, and the
Pyodide kernel configured to find them on the site itself. (No browser runs it: Pyodide comes from a CDN.)"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KERNEL = "@jupyterlite/pyodide-kernel-extension:kernel"


def load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_lite = load_tool("build_lite")


@pytest.fixture(scope="module")
def lite(lite_build) -> Path:
    return lite_build


def config(lite: Path) -> dict:
    return json.loads((lite / "jupyter-lite.json").read_text())["jupyter-config-data"]


def served(lite: Path) -> dict:
    return json.loads((lite / "pypi" / "all.json").read_text())


def test_the_chapter_is_there_with_an_install_cell_before_its_first_code(lite, lite_chapter):
    notebook = json.loads((lite / "files" / f"{lite_chapter}.ipynb").read_text())
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    install = "".join(code[0]["source"])
    assert re.search(r"^%pip install -q ipywidgets==8\.1\.9 who-can-read-it==\d", install, re.MULTILINE)
    assert "from widgets" in "".join(code[1]["source"])
    listing = json.loads((lite / "api" / "contents" / "all.json").read_text())
    assert f"{lite_chapter}.ipynb" in [item["name"] for item in listing["content"]]


def test_the_course_wheel_holds_the_widgets_package(lite):
    (wheel,) = (lite / "pypi").glob("who_can_read_it-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "widgets").rglob("*.py")}
    assert sources <= set(names)
    assert "who-can-read-it" in served(lite)


def test_ipywidgets_is_served_at_the_version_requirements_pins(lite):
    pin = next(
        line.split("==")[1]
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.startswith("ipywidgets==")
    )
    assert list(served(lite)["ipywidgets"]["releases"]) == [pin]
    assert (lite / "pypi" / f"ipywidgets-{pin}-py3-none-any.whl").exists()


def test_nothing_the_course_needs_would_come_from_pypi(lite):
    wheels = sorted((lite / "pypi").glob("*.whl"))
    assert build_lite.unresolved(wheels) == {}
    assert {"comm", "jupyterlab-widgets"} <= set(served(lite))


def test_the_pyodide_kernel_is_configured_to_use_the_served_wheels(lite):
    data = config(lite)
    assert data["appName"] == "Who Can Read It?"
    assert "@jupyterlite/pyodide-kernel-extension" in [e["name"] for e in data["federated_extensions"]]
    assert "@jupyter-widgets/jupyterlab-manager" in [e["name"] for e in data["federated_extensions"]]
    urls = data["litePluginSettings"][KERNEL]["pipliteUrls"]
    assert urls[0].startswith("./pypi/all.json?sha256=")
    assert list((lite / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static").glob("remoteEntry.*.js"))


def test_the_pyodide_checked_for_packages_is_the_one_the_kernel_loads():
    ask = "from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION; print(PYODIDE_VERSION)"
    loaded = subprocess.run([build_lite.LITE_PYTHON, "-c", ask], check=True, capture_output=True, text=True)
    assert loaded.stdout.strip() == build_lite.PYODIDE_VERSION, "re-check PYODIDE_PACKAGES: pyodide-lock.json"


def test_the_widgets_extension_in_the_page_matches_the_widgets_served_to_the_kernel():
    ask = "import importlib.metadata as m; print(m.version('jupyterlab_widgets'))"
    in_page = subprocess.run([build_lite.LITE_PYTHON, "-c", ask], check=True, capture_output=True, text=True)
    assert in_page.stdout.strip() == build_lite.served_pins()["jupyterlab_widgets"]


def test_the_landing_page_says_what_works_and_opens_the_course(lite):
    landing = (lite / "index.html").read_text()
    assert 'href="lab/index.html?path=00_start_here.ipynb"' in landing
    assert "The internet is needed on first load" in landing and "Not tested in a browser with Python" in landing
    assert 'id="jupyter-config-data"' in landing  # JupyterLab's page reads the root page's settings


def test_the_course_wheel_carries_the_content_data_and_reads_it_outside_the_checkout(lite, tmp_path):
    (wheel,) = (lite / "pypi").glob("who_can_read_it-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "widgets").rglob("*.toml")}
    assert data and data <= names, sorted(data - names)
    zipfile.ZipFile(wheel).extractall(tmp_path)
    ask = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import widgets.content.self_checks as s, "
        "widgets.content.glossary as g, widgets.content.timeline as t; "
        "print(s.__file__.startswith(sys.path[0]), len(s.CHAPTERS), len(g.terms()) > 0, len(t.events()) > 0)"
    )
    shown = subprocess.run([sys.executable, "-c", ask], check=True, capture_output=True, text=True, cwd=tmp_path)
    assert shown.stdout.split() == [
        "True",
        str(len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))),
        "True",
        "True",
    ]


def test_the_landing_page_names_the_versions_the_build_serves():
    landing = (build_lite.LITE_CONFIG / "index.html").read_text()
    assert f"ipywidgets {build_lite.pinned_ipywidgets()}" in landing
    assert landing.count(f"Pyodide {build_lite.PYODIDE_VERSION}") >= 2
    for name in ("numpy", "matplotlib", "msgpack"):
        assert f"{name} {build_lite.PYODIDE_PACKAGES[name]}" in landing, name
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().split() if "==" in line)
    assert f"(numpy {pins['numpy']}, matplotlib {pins['matplotlib']}, msgpack {pins['msgpack']})" in landing
