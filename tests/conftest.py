"""Shared test settings: hypothesis profiles (the CI profile is derandomised so a run is reproducible), and the
static-site and JupyterLite builds, made once per run for the build tests and the browser tests."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SITE_CHAPTERS = ["03_the_provider", "10_playground"]  # a figure, widgets, and links to each other and to others
LITE_CHAPTER = "00_start_here"  # the chapter the JupyterLite landing page opens
LITE_DOCS = ["teachers_guide", "self_check_answers"]  # where chapter 00 links to (opened by the lite browser test)

settings.register_profile(
    "default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _build(tool: str, out: Path, chapters: list[str]) -> Path:
    command = [sys.executable, str(ROOT / "tools" / tool), "--out", str(out)]
    built = subprocess.run(
        command + [str(ROOT / "notebooks" / f"{name}.ipynb") for name in chapters], capture_output=True, text=True
    )
    if built.returncode:
        pytest.fail(f"tools/{tool} failed:\n{built.stdout[-2000:]}\n{built.stderr[-2000:]}")
    return out


@pytest.fixture(scope="session")
def site_chapters() -> list[str]:
    return SITE_CHAPTERS


@pytest.fixture(scope="session")
def lite_chapter() -> str:
    return LITE_CHAPTER


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Path:
    """The static site of SITE_CHAPTERS (tools/build_site.py)."""
    renderer = ROOT / "site" / "vendor.json"
    version = json.loads(renderer.read_text())["packages"]["@jupyter-widgets/html-manager"]["version"]
    fetched = Path(sys.prefix) / "share" / "who-can-read-it" / f"jupyter-widgets-html-manager-{version}.tgz"
    if not fetched.exists() and shutil.which("npm") is None and not os.environ.get("CI"):
        pytest.skip("the widget renderer is not fetched and npm is missing (the setup step fetches it)")
    return _build("build_site.py", tmp_path_factory.mktemp("site") / "site", SITE_CHAPTERS)


@pytest.fixture(scope="session")
def lite_build(tmp_path_factory) -> Path:
    """The JupyterLite site of LITE_CHAPTER and the docs it links to (tools/build_lite.py)."""
    return _build("build_lite.py", tmp_path_factory.mktemp("lite") / "lite", [LITE_CHAPTER, *LITE_DOCS])
