"""Build the course for JupyterLite: JupyterLab and Python (Pyodide) running in the browser, with no server.

    python tools/build_lite.py [--out build/lite] [notebooks/02_public_keys.ipynb ...]
    python tools/build_lite.py --fetch     # only fetch the pinned wheels (the Makefile's setup step)

The site itself is built by `jupyter lite build` (jupyterlite-core and jupyterlite-pyodide-kernel, pinned in
requirements-lite.txt and installed in an environment of their own, .venv-lite), configured by the files in
lite/: jupyter_lite_config.json (the build's options), jupyter-lite.json (the app's settings) and index.html (the
landing page, which says what works in the browser and what does not). Its piplite addon serves every wheel
in the build's pypi/ folder to the browser's Python, with an index.

What this script adds, because no library does it:
- a wheel of this repository (``who-can-read-it``: the ``widgets`` package with its TOML content), built from
  pyproject.toml by pip from a clean copy: JupyterLite serves wheels but does not build them;
- ipywidgets at the version requirements.txt pins, with the two packages it needs that Pyodide lacks (comm,
  jupyterlab_widgets), at the versions installed here, fetched once by pip (the setup step) so that a build
  needs no network, and a check that nothing they need would fall back to PyPI in the browser;
- the chapters as contents, each with one extra cell before its first code cell that installs the course's
  package (``%pip install``, answered from this site): JupyterLite's documented way to install a package, as
  it has no setting that installs a served wheel before a notebook's first cell runs.
PyNaCl, msgpack, numpy, matplotlib, networkx and IPython come from Pyodide's own distribution (see
PYODIDE_PACKAGES), which the browser fetches from a CDN on first use: Pyodide is not bundled.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LITE_CONFIG = ROOT / "lite"  # jupyter_lite_config.json, jupyter-lite.json, index.html
VENDOR = Path(sys.prefix) / "share" / "who-can-read-it"  # filled by the setup step, removed with .venv
KERNEL_WHEELS = VENDOR / "lite-wheels"  # served to the browser's Python
BUILD_WHEELS = VENDOR / "build-wheels"  # setuptools, to build the course's wheel without the network
COURSE_DIST = "who-can-read-it"
# JupyterLite lives in its own environment: its Pyodide kernel extension must not load into the course's
# JupyterLab and Voila (it fails there). The build takes JupyterLab extensions from that environment.
LITE_PYTHON = ROOT / ".venv-lite" / "bin" / "python"

# Served from this site: ipywidgets (pinned in requirements.txt) and what it needs beyond Pyodide.
SERVED = ("ipywidgets", "comm", "jupyterlab_widgets")
# In the Pyodide that jupyterlite-pyodide-kernel 0.8.6 loads (314.0.6, Python 3.14), checked in its
# pyodide-lock.json (npm package pyodide@314.0.6): what the course's package and ipywidgets need.
PYODIDE_VERSION = "314.0.6"
PYODIDE_PACKAGES = {
    "pynacl": "1.6.2",
    "msgpack": "1.1.2",
    "numpy": "2.4.6",
    "matplotlib": "3.10.8",
    "networkx": "3.6.1",
    "ipython": "9.12.0",
    "traitlets": "5.14.3",
}
# Shipped inside the Pyodide kernel itself (its pypi/ folder): a stand-in widgetsnbextension 4.0.999.
KERNEL_SHIMS = {"widgetsnbextension", "ipykernel", "piplite", "pyodide-kernel"}

INSTALL_CELL = """\
# Only in JupyterLite (the course running in your browser, with no server): install the course's own
# package and ipywidgets, which this site serves. Python itself (Pyodide) and numpy, matplotlib and PyNaCl
# come from Pyodide's CDN: the first run needs the internet and may take a minute.
%pip install -q ipywidgets=={ipywidgets} {course}"""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_ipywidgets() -> str:
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.startswith("ipywidgets=="):
            return line.split("==")[1].strip()
    raise SystemExit("requirements.txt pins no ipywidgets")


def served_pins() -> dict[str, str]:
    """ipywidgets at requirements.txt's pin; comm and jupyterlab_widgets as installed alongside it."""
    pins = {name: importlib.metadata.version(name) for name in SERVED}
    if pins["ipywidgets"] != pinned_ipywidgets():
        raise SystemExit(f"ipywidgets {pins['ipywidgets']} is installed, requirements.txt pins {pinned_ipywidgets()}")
    return pins


def setuptools_pin() -> str:
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    return next(r for r in requires if r.startswith("setuptools"))


def pip_download(requirements: list[str], dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
    subprocess.run([*command, "--dest", str(dest), *requirements], check=True)


def wheel_for(name: str, version: str, folder: Path) -> Path | None:
    for wheel in folder.glob("*.whl"):
        dist, wheel_version = wheel.name.split("-")[:2]
        if normalise(dist) == normalise(name) and wheel_version == version:
            return wheel
    return None


def fetch() -> list[Path]:
    """The served wheels and the build backend, downloaded from PyPI once (the setup step)."""
    missing = [f"{n}=={v}" for n, v in served_pins().items() if not wheel_for(n, v, KERNEL_WHEELS)]
    if missing:
        pip_download(missing, KERNEL_WHEELS)
    name, version = setuptools_pin().split("==")
    if not wheel_for(name, version, BUILD_WHEELS):
        pip_download([setuptools_pin()], BUILD_WHEELS)
    return [wheel_for(n, v, KERNEL_WHEELS) for n, v in served_pins().items()]


def build_course_wheel(dest: Path) -> Path:
    """A wheel of this repository, built from a clean copy (no build/ or egg-info left in the checkout)."""
    fetch()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "src"
        source.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, source / name)
        shutil.copytree(ROOT / "widgets", source / "widgets", ignore=shutil.ignore_patterns("__pycache__"))
        command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index"]
        subprocess.run([*command, "--find-links", str(BUILD_WHEELS), "--wheel-dir", str(dest), str(source)], check=True)
    (wheel,) = dest.glob(f"{normalise(COURSE_DIST).replace('-', '_')}-*.whl")
    return wheel


def requirements_of(wheel: Path) -> list[str]:
    """The names a wheel requires (not extras' requirements)."""
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        lines = archive.read(metadata).decode().splitlines()
    names = []
    for line in lines:
        if line.startswith("Requires-Dist:") and "extra ==" not in line:
            names.append(normalise(re.match(r"[A-Za-z0-9._-]+", line.split(":", 1)[1].strip()).group()))
    return names


def unresolved(wheels: list[Path]) -> dict[str, list[str]]:
    """What each served wheel needs that neither this site, the kernel nor Pyodide provides (PyPI would)."""
    served = {normalise(w.name.split("-")[0]) for w in wheels}
    known = served | set(PYODIDE_PACKAGES) | KERNEL_SHIMS
    gaps = {w.name: [r for r in requirements_of(w) if r not in known] for w in wheels}
    return {name: needs for name, needs in gaps.items() if needs}


def with_install_cell(path: Path, course_wheel: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    version = course_wheel.name.split("-")[1]
    cell = nbformat.v4.new_code_cell(
        INSTALL_CELL.format(ipywidgets=pinned_ipywidgets(), course=f"{COURSE_DIST}=={version}")
    )
    cell.id = "jupyterlite-install"
    cell.metadata["tags"] = ["jupyterlite"]
    first_code = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "code"), None)
    if first_code is not None:  # a page with no code (the glossary) needs no package
        notebook.cells.insert(first_code, cell)
    return notebook


def build(out: Path, paths: list[Path] | None = None, log=print) -> dict:
    """Build into ``out``; returns the seconds it took, the size, and the wheels served."""
    started = time.perf_counter()
    if not LITE_PYTHON.exists():
        raise SystemExit(f"{LITE_PYTHON} is missing: run `make lite` (it sets up .venv-lite first)")
    with tempfile.TemporaryDirectory() as tmp:
        lite_dir, contents = Path(tmp) / "lite", Path(tmp) / "contents"
        shutil.copytree(LITE_CONFIG, lite_dir, ignore=shutil.ignore_patterns("index.html"))
        pypi = lite_dir / "pypi"  # the piplite addon serves every wheel found here, with an index (all.json)
        pypi.mkdir()
        contents.mkdir()
        course = build_course_wheel(pypi)
        for wheel in fetch():
            shutil.copy2(wheel, pypi / wheel.name)
        wheels = sorted(pypi.glob("*.whl"))
        gaps = unresolved(wheels)
        if gaps:
            raise SystemExit(f"these would come from PyPI in the browser, serve them too: {gaps}")
        for path in sorted(paths or NOTEBOOKS.glob("*.ipynb")):
            nbformat.write(with_install_cell(path, course), contents / path.name)
        # The options live in lite/jupyter_lite_config.json, which `jupyter lite build` reads from its folder.
        command = [str(LITE_PYTHON.parent / "jupyter-lite"), "build", "--log-level", "WARN"]
        command += ["--contents", str(contents), "--output-dir", str(out)]
        subprocess.run(command, check=True, cwd=lite_dir)
    shutil.copy2(LITE_CONFIG / "index.html", out / "index.html")
    if (out / "lab" / "favicon.ico").exists():  # browsers ask the site's root for it
        shutil.copy2(out / "lab" / "favicon.ico", out / "favicon.ico")
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    seconds = time.perf_counter() - started
    log(f"lite: {out}, {size / 1e6:.1f} MB, built in {seconds:.0f} s; serves {', '.join(w.name for w in wheels)}")
    return {"seconds": seconds, "bytes": size, "wheels": [w.name for w in wheels], "course_wheel": course.name}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="chapters to include (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lite")
    parser.add_argument("--fetch", action="store_true", help="only fetch the pinned wheels")
    args = parser.parse_args()
    if args.fetch:
        for wheel in fetch():
            print(wheel)
        return
    if args.out.exists():
        shutil.rmtree(args.out)
    build(args.out, [p.resolve() for p in args.notebooks] or None)


if __name__ == "__main__":
    main()
