"""Binder builds the course, proven here without Docker: the build replayed step by step as repo2docker plans it.

1. repo2docker (pinned in requirements-binder.txt, in .venv-binder) prints its plan for a clean copy of this
   repository (`--no-build --debug`): which Python, and which lock of its base environment it installs.
2. That lock's Python packages (the Jupyter set: JupyterLab, Notebook, Jupyter Server, ipywidgets, ...) go into a
   fresh venv, then `binder/requirements.txt` with pip as the plan says, then `binder/postBuild` runs as the plan
   runs it (made executable, started through its shebang, in the copy, its exit status checked).
3. Chapter 00 runs top to bottom in that environment, and the explainer and the playground open through Voila's
   server extension (`/voila/render/notebooks/...`, as the launch badges ask) in Chromium, with their widgets.

The lock's Jupyter versions are also the ones binder/requirements.txt's comment quotes (checked here).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / ".venv-binder" / "bin"
TIMEOUT = 240_000
# conda-forge names of the lock's Python packages that PyPI spells otherwise (the rest are spelled alike)
PYPI_NAMES = {
    "brotli-python": "brotli",
    "python-fastjsonschema": "fastjsonschema",
    "nbconvert-core": "nbconvert",
    "jupyterhub-base": "jupyterhub",
}
NOT_ON_PYPI = {"python", "pip", "jupyterhub-singleuser", "jsonschema-with-format-nongpl"}  # interpreter, metas
QUOTED = ["jupyterlab", "notebook", "jupyter_server", "ipywidgets", "ipykernel"]  # in requirements.txt's comment


def run(command, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def lock_packages(lock: Path) -> dict[str, str]:
    """The Python packages of a conda lock (build strings starting with "py"), by PyPI name: their versions."""
    found = {}
    for line in lock.read_text().splitlines():
        if not line.startswith("https://"):
            continue
        filename = line.split("#")[0].rsplit("/", 1)[1].removesuffix(".conda").removesuffix(".tar.bz2")
        name, version, build = filename.rsplit("-", 2)
        if build.startswith("py") and name not in NOT_ON_PYPI:
            found[PYPI_NAMES.get(name, name)] = version
    return found


def unescape(name: str) -> str:
    """repo2docker names a build file after its path, escaped (escapism: "-" and two hex digits) and hashed."""
    return re.sub(r"-([0-9a-f]{2})", lambda m: chr(int(m[1], 16)), re.sub(r"-[0-9a-f]{6}$", "", name))


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> dict:
    """repo2docker's plan for a clean copy of the repository (its tracked and new files, as a clone has)."""
    if not (TOOLS / "repo2docker").exists():
        if os.environ.get("CI"):
            pytest.fail(".venv-binder is missing: `make test` makes it (requirements-binder.txt)")
        pytest.skip("repo2docker is not installed: `make .venv-binder/installed`")
    copy = tmp_path_factory.mktemp("binder") / "repo"
    files = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT).stdout
    for name in filter(None, files.split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    dockerfile = run(
        [str(TOOLS / "repo2docker"), "--no-build", "--debug", "--user-id=1000", "--user-name=jovyan", str(copy)]
    )
    text = dockerfile.stdout + dockerfile.stderr
    python = re.search(r"Building conda environment for python=([\d.]+)", text)
    assert python, text[-2000:]
    copied = re.search(r"COPY \S* build_script_files/(\S+) /tmp/env/environment.lock", text)
    lock = Path(unescape(copied.group(1)))
    assert lock.is_file() and "repo2docker" in lock.parts, lock
    steps = [line for line in text.splitlines() if line.startswith("RUN ")]
    assert 'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"' in steps
    assert "RUN chmod +x binder/postBuild" in steps and "RUN ./binder/postBuild" in steps
    assert steps.index("RUN chmod +x binder/postBuild") < steps.index("RUN ./binder/postBuild")
    return {"copy": copy, "python": python.group(1), "lock": lock, "dockerfile": text}


@pytest.fixture(scope="module")
def binder_env(plan, tmp_path_factory):
    """The image's environment, replayed: the base lock's Python packages, binder/requirements.txt, postBuild."""
    assert plan["python"] == f"{sys.version_info.major}.{sys.version_info.minor}", "replay with the planned Python"
    prefix = tmp_path_factory.mktemp("binder-env") / "notebook"
    venv.create(prefix, with_pip=True)
    # A home as short as Binder's /home/jovyan: the kernels' IPC sockets live under it, and a Unix socket's path
    # must stay under 108 bytes (pytest's own temporary folders are too deep).
    home = Path(tempfile.mkdtemp(prefix="jovyan-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "IPYTHON", "VIRTUAL_ENV", "PYTHON"))
    }
    env.update(HOME=str(home), PATH=f"{prefix / 'bin'}:{env['PATH']}", PYTHONUNBUFFERED="1")
    base = tmp_path_factory.mktemp("lock") / "base.txt"
    base.write_text("".join(f"{name}=={version}\n" for name, version in sorted(lock_packages(plan["lock"]).items())))
    pip = [str(prefix / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, "-r", str(base)], env=env)
    run([*pip, "-r", "binder/requirements.txt"], cwd=plan["copy"], env=env)  # as the plan's RUN line
    postbuild = plan["copy"] / "binder" / "postBuild"
    postbuild.chmod(0o755)  # RUN chmod +x binder/postBuild
    built = subprocess.run(["./binder/postBuild"], cwd=plan["copy"], env=env, capture_output=True, text=True)
    yield {"prefix": prefix, "env": env, "home": home, "postbuild": built, **plan}
    shutil.rmtree(home, ignore_errors=True)


def test_binder_plan_installs_the_python_that_runtime_txt_asks_for(plan):
    assert plan["python"] == (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    assert (ROOT / "binder" / "postBuild").read_text().startswith("#!/bin/bash\n")  # run through its shebang


def test_requirements_comment_quotes_the_base_lock_repo2docker_installs(plan):
    """The comment in binder/requirements.txt names the lock's date and its Jupyter versions: it must be this lock."""
    locked = lock_packages(plan["lock"])
    frozen = re.search(r"# Frozen on (\d{4}-\d{2}-\d{2})", plan["lock"].read_text()).group(1)
    comment = (ROOT / "binder" / "requirements.txt").read_text()
    wanted = [f"frozen {frozen}", f"environment.py-{plan['python']}-linux-64.lock"]
    wanted += [f"{name} {locked[name]}" for name in QUOTED]
    missing = [text for text in wanted if text not in comment]
    assert not missing, f"binder/requirements.txt's comment should say {wanted}; it lacks {missing}"


def test_postbuild_succeeds_as_repo2docker_runs_it(binder_env):
    built = binder_env["postbuild"]
    assert built.returncode == 0, f"binder/postBuild exited {built.returncode}:\n{built.stdout}\n{built.stderr}"
    config = json.loads((binder_env["prefix"] / "etc" / "jupyter" / "jupyter_server_config.json").read_text())
    assert config["MappingKernelManager"]["cull_idle_timeout"] > 0, "postBuild should install the culling settings"


def test_chapter_00_runs_in_the_binder_environment(binder_env, tmp_path):
    assert binder_env["postbuild"].returncode == 0, "postBuild failed: see the test above"
    jupyter = str(binder_env["prefix"] / "bin" / "jupyter")
    notebook = binder_env["copy"] / "notebooks" / "00_start_here.ipynb"
    command = [jupyter, "nbconvert", "--to=notebook", "--execute", f"--output-dir={tmp_path}", str(notebook)]
    run([*command, "--ExecutePreprocessor.timeout=300"], cwd=notebook.parent, env=binder_env["env"])
    ran = json.loads((tmp_path / notebook.name).read_text())
    errors = [o for c in ran["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors, errors


@pytest.mark.parametrize(
    ("notebook", "widget"),
    [("explainer.ipynb", "section.scenario"), ("10_playground.ipynb", "table.who-can-read")],
)
def test_binder_serves_the_apps_through_voilas_server_extension(binder_env, notebook, widget, page, launch, shots):
    """The launch badges' urlpath=voila/render/notebooks/...: the server Binder starts, Voila inside it."""
    assert binder_env["postbuild"].returncode == 0, "postBuild failed: see the test above"
    command = [str(binder_env["prefix"] / "bin" / "jupyter"), "notebook", "--no-browser", "--ip=127.0.0.1"]
    command += ["--IdentityProvider.token=", "--ServerApp.password="]
    if os.getuid() == 0:
        command.append("--allow-root")
    log = binder_env["home"] / f"server-{notebook}.log"
    base, _ = launch(command, "/api/status", cwd=binder_env["copy"], env=binder_env["env"], log=log)
    page.goto(f"{base}/voila/render/notebooks/{notebook}", timeout=TIMEOUT)
    page.wait_for_selector(widget, timeout=TIMEOUT)
    assert "from widgets" not in page.inner_text("body")  # code hidden
    page.screenshot(path=shots / f"binder-voila-{notebook}.png", full_page=True)
    served = log.read_text()
    assert "Culling kernels with idle durations > 30 seconds" in served, "the server should cull idle kernels"
    assert "TCP without encryption" not in served, "the kernels should talk to the server over IPC"
    # Inside Jupyter Server, Voila's page asks for MathJax from its CDN (page config fullMathjaxUrl), which Binder
    # reaches and this machine cannot; anything else that fails is a fault.
    problems = [p for p in page.problems if "mathjax" not in p.lower() and "ERR_NAME_NOT_RESOLVED" not in p]
    assert problems == [], "\n".join(page.problems)
