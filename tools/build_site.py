"""Build the course as a static HTML site, for reading without a kernel (on a phone, behind a firewall).

    python tools/build_site.py [--out build/site] [notebooks/01_secret_messages.ipynb ...]
    python tools/build_site.py --fetch      # only fetch the pinned JavaScript (the Makefile's setup step)

Each chapter is run top to bottom in a fresh kernel with the widgets' state saved (nbclient), then exported
with nbconvert's JupyterLab template, adapted in site/templates/course_site so that nothing comes from a CDN:
the widget renderer (@jupyter-widgets/html-manager, pinned in site/vendor.json) is served from the site's
own _static/ folder. Links between chapters (``02_public_keys.ipynb``) point to their pages instead.
What stays interactive: saved widgets display as they were at the end of the run; anything that needs
Python to answer (a slider's recalculation, a button) does not compute. The index page says so.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SITE_CONFIG = ROOT / "site"
READER = ROOT / "share" / "jupyter" / "voila" / "templates" / "course" / "reader.html.j2"  # shared with Voila
TEMPLATES = SITE_CONFIG / "templates"
VENDOR = Path(sys.prefix) / "share" / "who-can-read-it"  # filled by the setup step, removed with .venv
HTML_MANAGER = "@jupyter-widgets/html-manager"
AXE = "axe-core"  # for the browser tests' accessibility checks only
STATIC = "_static/html-manager"
# The renderer and the files it loads itself (Font Awesome's fonts sit next to it); not the source maps.
RENDERER_FILES = re.compile(r"^package/dist/(embed\.js|embed\.js\.LICENSE\.txt|[0-9a-f]{20}\.(woff2?|ttf|eot|svg))$")

WHAT_WORKS = (
    "This is a static copy of the course: text, figures and tables are all here, and the widgets show what "
    "they showed at the end of a run. Clicking a switch, moving a slider or pressing a button does not "
    "compute anything: there is no Python behind this page. To change things and see what happens, open "
    "the course in JupyterLab, on Binder or in the browser with JupyterLite (see the README)."
)


# --- the pinned JavaScript ---------------------------------------------------------------------------------


def vendor_pin(name: str = HTML_MANAGER) -> dict:
    return json.loads((SITE_CONFIG / "vendor.json").read_text())["packages"][name]


def tarball_path(name: str = HTML_MANAGER) -> Path:
    pin = vendor_pin(name)
    return VENDOR / f"{name.lstrip('@').replace('/', '-')}-{pin['version']}.tgz"


def integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def fetch_package(name: str = HTML_MANAGER) -> Path:
    """The pinned tarball of ``name`` (site/vendor.json), fetched with ``npm pack`` once and checked against
    its integrity."""
    pin = vendor_pin(name)
    tarball = tarball_path(name)
    if not tarball.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit(f"npm is needed once to fetch {name}@{pin['version']} (node 18+ and npm)")
        VENDOR.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [npm, "pack", "--silent", f"{name}@{pin['version']}", "--pack-destination", tmp],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            (packed,) = Path(tmp).glob("*.tgz")
            shutil.move(packed, tarball)
    if integrity(tarball) != pin["integrity"]:
        tarball.unlink()
        raise SystemExit(f"{tarball.name} does not match the integrity pinned in site/vendor.json; removed it")
    return tarball


def fetch_renderer() -> Path:
    return fetch_package(HTML_MANAGER)


def axe_source() -> str:
    """axe-core's axe.min.js, for the browser tests to inject into a page (fetched by the setup step)."""
    with tarfile.open(fetch_package(AXE)) as archive:
        return archive.extractfile("package/axe.min.js").read().decode("utf-8")


def install_renderer(out: Path) -> Path:
    """Unpack embed.js and its fonts into ``out/_static/html-manager``; returns the embed.js path."""
    target = out / STATIC
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fetch_renderer()) as archive:
        for member in archive.getmembers():
            if member.isfile() and RENDERER_FILES.match(member.name):
                (target / Path(member.name).name).write_bytes(archive.extractfile(member).read())
    return target / "embed.js"


# --- chapters ----------------------------------------------------------------------------------------------


def course_order(paths: list[Path] | None = None) -> list[Path]:
    """Chapters in course order: their file names start with the chapter number (00_, 01_, ... 10_)."""
    return sorted(paths or NOTEBOOKS.glob("*.ipynb"), key=lambda p: p.name)


def title_of(notebook: nbformat.NotebookNode, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def execute(notebook: nbformat.NotebookNode, folder: Path) -> None:
    """Run in a fresh kernel and keep the widgets' state in the notebook's metadata."""
    NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(folder)}},
    ).execute()


def rewrite_links(soup: BeautifulSoup) -> int:
    """Point relative links to a notebook (``02_public_keys.ipynb#anchor``) to its page; returns how many."""
    count = 0
    for anchor in soup.find_all("a", href=True):
        href = anchor["href"]
        match = re.match(r"^(?![a-z][a-z0-9+.-]*:|/)([^?#]*?)\.ipynb(#.*)?$", href, re.IGNORECASE)
        if match:
            anchor["href"] = f"{Path(match.group(1)).name}.html{match.group(2) or ''}"
            count += 1
    return count


def site_bar(title: str, previous: tuple[str, str] | None, following: tuple[str, str] | None) -> str:
    parts = ['<nav class="course-site-bar" aria-label="Course">', '<a href="index.html">All chapters</a>']
    if previous:
        parts.append(f' · previous: <a href="{previous[0]}">{html.escape(previous[1])}</a>')
    if following:
        parts.append(f' · next: <a href="{following[0]}">{html.escape(following[1])}</a>')
    parts.append(f"<br>{html.escape(WHAT_WORKS)}</nav>")
    return "".join(parts)


def export(notebook: nbformat.NotebookNode, title: str, bar: str, renderer_url: str) -> str:
    # Code hidden, as in the Voila pages: the site is read like an article (the code is in the notebooks).
    exporter = HTMLExporter(
        template_name="course_site",
        extra_template_basedirs=[str(TEMPLATES)],
        widget_renderer_url=renderer_url,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    reader = re.sub(r"\{#.*?#\}", "", READER.read_text(), flags=re.S)  # the file's Jinja comment
    resources = {"metadata": {"name": title}, "site_bar": bar, "reader_head": reader}
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    soup = BeautifulSoup(body, features="html.parser")
    rewrite_links(soup)
    return str(soup)


def index_page(chapters: list[tuple[str, str, float]]) -> str:
    items = "\n".join(f'<li><a href="{href}">{html.escape(title)}</a></li>' for href, title, _ in chapters)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Who Can Read It? — the course as web pages</title>
<link rel="icon" href="data:,">
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 46em; margin: 2em auto;
  padding: 0 1em; line-height: 1.5; color: #1a1a1a; }}
a {{ color: #005a8c; }}
li {{ margin: 0.4em 0; }}
.note {{ border-left: 4px solid #0072B2; background: #eef5fa; padding: 0.6em 1em; }}
</style>
</head>
<body>
<main>
<h1>Who Can Read It?</h1>
<p>An interactive course on end-to-end encryption and the "exceptional access" (backdoor) debate, with real
cryptography (PyNaCl / libsodium). These pages need no Python and load nothing from other sites.</p>
<h2>What works here</h2>
<div class="note">
<p><strong>Works:</strong> every chapter's text, sources, tables and figures (each figure with its text
description), and the widgets as they looked at the end of a full run of the chapter — the playground's
table, the diagrams, the self-checks' questions.</p>
<p><strong>Does not compute:</strong> switches, sliders, text boxes and buttons. They may still move when you
click them, but nothing answers: the answers come from Python, and there is no Python behind these pages.
A self-check does not mark the choice you click; where a question has an <em>Answer</em> line, open it to
read the answer and why.</p>
<p>To run the experiments, open the course in JupyterLab (<code>make course</code>), on Binder, or in the
browser with JupyterLite — see the README.</p>
</div>
<h2>Chapters, in order</h2>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


def build(out: Path, paths: list[Path] | None = None, log=print) -> dict:
    """Build the site into ``out``; returns timings (seconds per chapter and total) and the site's size."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    renderer = install_renderer(out)
    chapters = course_order(paths)
    notebooks = [nbformat.read(path, as_version=4) for path in chapters]
    titles = [title_of(nb, path.stem) for nb, path in zip(notebooks, chapters, strict=True)]
    pages = [f"{path.stem}.html" for path in chapters]
    index = []
    for i, (path, notebook) in enumerate(zip(chapters, notebooks, strict=True)):
        t0 = time.perf_counter()
        execute(notebook, path.parent)
        previous = (pages[i - 1], titles[i - 1]) if i > 0 else None
        following = (pages[i + 1], titles[i + 1]) if i + 1 < len(pages) else None
        page = export(notebook, titles[i], site_bar(titles[i], previous, following), f"{STATIC}/embed.js")
        (out / pages[i]).write_text(page, encoding="utf-8")
        seconds = time.perf_counter() - t0
        index.append((pages[i], titles[i], seconds))
        log(f"{pages[i]}: {seconds:.1f} s, {(out / pages[i]).stat().st_size / 1e6:.2f} MB")
    (out / "index.html").write_text(index_page(index), encoding="utf-8")
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    total = time.perf_counter() - started
    log(
        f"site: {len(pages)} chapters in {out}, {size / 1e6:.1f} MB ({renderer.parent.name}: "
        f"{sum(f.stat().st_size for f in renderer.parent.iterdir()) / 1e6:.1f} MB), built in {total:.0f} s"
    )
    return {"seconds": total, "bytes": size, "pages": {href: s for href, _, s in index}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="chapters to build (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--fetch", action="store_true", help="only fetch the pinned JavaScript")
    args = parser.parse_args()
    if args.fetch:
        if shutil.which("npm") is None and not tarball_path().exists() and not os.environ.get("CI"):
            # The course itself needs no node: say what is missing and let the setup go on.
            print(f"npm not found: `make site` will need it once, to fetch {HTML_MANAGER}", file=sys.stderr)
            return
        print(f"{HTML_MANAGER}: {fetch_renderer()}")
        print(f"{AXE}: {fetch_package(AXE)}")
        return
    if args.out.exists():
        shutil.rmtree(args.out)
    build(args.out, [p.resolve() for p in args.notebooks] or None)


if __name__ == "__main__":
    main()
