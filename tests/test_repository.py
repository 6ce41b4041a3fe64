"""The repository keeps its promises: exact pins in step with Binder, CI runs the README's command,
the model stays free of widgets and the views free of crypto, and stored notebooks are clean."""

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line == "-e .":
            continue
        name, sep, version = line.partition("==")
        assert sep and re.fullmatch(r"[\w.]+", version), f"{path.name}: not an exact pin: {line!r}"
        found[name.lower()] = version
    return found


def test_requirements_are_exact_pins_and_binder_matches():
    root, binder = pins(ROOT / "requirements.txt"), pins(ROOT / "binder" / "requirements.txt")
    assert binder, "binder/requirements.txt is empty"
    for name, version in binder.items():
        assert root.get(name) == version, f"binder pins {name}=={version}, requirements.txt {root.get(name)}"
    assert "-e ." in (ROOT / "requirements.txt").read_text()
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert "pip install --no-deps ." in (ROOT / "binder" / "postBuild").read_text()
    lite = pins(ROOT / "requirements-lite.txt")  # the in-browser build's own environment: exact pins too
    assert {"jupyterlite-core", "jupyterlite-pyodide-kernel"} <= set(lite)
    assert not {"jupyterlite-core", "jupyterlite-pyodide-kernel"} & set(root), "JupyterLite has its own env"


# repo2docker's base environment (Python 3.11) brings a matched JupyterLab, Notebook and Jupyter Server, and
# IPython: Binder must not pin them (notebook 7.4 needs jupyterlab<4.5). See binder/requirements.txt.
BINDER_BASE_IMAGE = {"jupyterlab", "notebook", "jupyter-server", "jupyter_server", "ipython"}


def test_binder_pins_every_runtime_dependency_and_leaves_the_server_to_the_base_image():
    import tomllib

    binder = pins(ROOT / "binder" / "requirements.txt")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    needed = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower() for d in project} | {"networkx", "voila", "ipykernel"}
    for name in sorted(needed - BINDER_BASE_IMAGE):
        assert name in binder, f"binder/requirements.txt does not pin {name}, which the course needs at run time"
    assert not BINDER_BASE_IMAGE & set(binder), "binder/ pins a package the base image provides as a matched set"
    assert "voila.server_extension" in (ROOT / "binder" / "postBuild").read_text()  # the app link needs it


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)
    commands = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    assert "make test" in commands and "make course" in commands
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "make test" in ci


def test_model_imports_no_widgets_and_views_no_crypto():
    model = [p for p in (ROOT / "widgets").rglob("*.py") if "ui" not in p.relative_to(ROOT / "widgets").parts]
    for path in model:
        text = path.read_text()
        assert not re.search(r"^\s*(import|from) (ipywidgets|IPython|matplotlib)", text, re.M), path
    for path in (ROOT / "widgets" / "ui").rglob("*.py"):
        assert not re.search(r"^\s*(import|from) (nacl|widgets\.crypto|\.\.crypto)", path.read_text(), re.M), path


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_stored_notebook_is_clean_and_sourced(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name}: stored error output"
            assert out.get("name") != "stderr", f"{path.name}: stored stderr output (warnings are errors)"
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert re.search(r"^#+ .*Sources", markdown, re.M), f"{path.name}: no Sources section"
    for alt in re.findall(r"!\[([^\]]*)\]\(", markdown):
        assert alt.strip(), f"{path.name}: an image without alt text"
    for target in re.findall(r"\]\(([\w./-]+\.ipynb)(?:#[^)]*)?\)", markdown):
        assert (path.parent / target).exists(), f"{path.name}: link to missing {target}"


CHAPTER_ORDER = [f"{n:02d}" for n in range(11)]  # 00 → 01 → … → 10, the course spine
CHAPTERS = [p for p in NOTEBOOKS if p.name[:2] in CHAPTER_ORDER and p.name[2] == "_"]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_each_chapter_ends_with_links_to_its_previous_and_next_chapter(path):
    nb = json.loads(path.read_text())
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    section = re.search(r"^## What's next\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert section, f"{path.name}: no 'What's next' section"
    linked = set(re.findall(r"\]\((\d\d)_[\w.-]+\.ipynb", section.group(1)))
    at = CHAPTER_ORDER.index(path.name[:2])
    wanted = {CHAPTER_ORDER[i] for i in (at - 1, at + 1) if 0 <= i < len(CHAPTER_ORDER)}
    assert wanted <= linked, f"{path.name}: 'What's next' should link chapters {sorted(wanted)}, links {sorted(linked)}"


def test_start_here_maps_every_chapter_in_order():
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    course_map = re.search(r"^## .*Course map\n(.*?)(?=^## |\Z)", markdown, re.M | re.S).group(1)
    rows = re.findall(r"^\| \[(\d\d) ·[^\]]*\]\(\1_[\w.-]+\.ipynb\)[^|]*\|[^|]+\| ([^|]+) \|$", course_map, re.M)
    assert [number for number, _ in rows] == CHAPTER_ORDER
    assert all(re.search(r"\d", minutes) for _, minutes in rows), "every chapter needs a time"
    # The teachers' documents as notebook pages: a link to docs/*.md works in no way of reading but JupyterLab.
    for target in ("glossary.ipynb", "timeline.ipynb", "teachers_guide.ipynb", "self_check_answers.ipynb"):
        assert f"]({target})" in course_map, f"the course map should link {target}"
    assert "in preparation" not in markdown


def test_readme_launch_links_come_from_the_one_recorded_address():
    import importlib.util

    spec = importlib.util.spec_from_file_location("binder_links", ROOT / "tools" / "binder_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text()
    assert module.links() in readme, "README launch links are stale: run `make binder-links`"
    assert "urlpath=voila/render/notebooks/10_playground.ipynb" in readme
    assert "urlpath=voila/render/notebooks/explainer.ipynb" in readme
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme


def test_tool_environments_are_exact_pins_apart_from_the_course():
    """repo2docker (the Binder replay) has its own venv and requirements file, exactly pinned, out of the course's."""
    binder_tools = pins(ROOT / "requirements-binder.txt")
    assert "jupyter-repo2docker" in binder_tools
    assert "jupyter-repo2docker" not in pins(ROOT / "requirements.txt")
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*\$\(BINDER_VENV\)/installed", makefile, re.M), "make test must set up .venv-binder"


def test_voila_culls_idle_kernels_within_a_minute_wherever_the_course_runs_it():
    """A closed page's kernel goes within a minute: idle limit plus two culling passes (the pass that sees a pooled
    kernel handed out restarts its idle time, etc/jupyter/voila.py) stay under 60 s, standalone and on Binder."""
    from traitlets.config import PyFileConfigLoader

    standalone = PyFileConfigLoader("voila.py", path=str(ROOT / "etc" / "jupyter")).load_config()
    server = json.loads((ROOT / "etc" / "jupyter" / "jupyter_server_config.json").read_text())
    for config in (standalone.MappingKernelManager, server["MappingKernelManager"]):
        assert config["cull_idle_timeout"] > 0 and config["cull_interval"] > 0
        assert config["cull_idle_timeout"] + 2 * config["cull_interval"] <= 60, config
        assert not config.get("cull_connected"), "an open page keeps its kernel"
    makefile = (ROOT / "Makefile").read_text()
    assert "JUPYTER_CONFIG_PATH=$(CURDIR)/etc/jupyter" in makefile, "make app and make pages must use etc/jupyter"
    assert "etc/jupyter" in (ROOT / "binder" / "postBuild").read_text(), "Binder must install the same settings"


def test_publishing_workflow_is_valid_and_reads_the_one_recorded_address():
    """.github/workflows/publish.yml, checked offline against the GitHub workflow schema check-jsonschema ships."""
    import subprocess
    import sys

    workflow = ROOT / ".github" / "workflows" / "publish.yml"
    checker = Path(sys.executable).parent / "check-jsonschema"
    checked = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = workflow.read_text()
    for step in ("make site", "make lite", "make embed", "actions/deploy-pages", "binder/repository.txt"):
        assert step in text, f"the workflow should run {step}"
    address = (ROOT / "binder" / "repository.txt").read_text().strip()
    assert address not in text, "the workflow must read the address from binder/repository.txt, not repeat it"


def test_class_link_opens_chapter_00_from_the_recorded_address():
    from urllib.parse import parse_qs, urlsplit

    spec = importlib.util.spec_from_file_location("class_link", ROOT / "tools" / "class_link.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    link = urlsplit(module.class_link("https://hub.example.org/"))
    assert (link.netloc, link.path) == ("hub.example.org", "/hub/user-redirect/git-pull")
    query = {key: value[0] for key, value in parse_qs(link.query).items()}
    _, owner, name, branch = (ROOT / "binder" / "repository.txt").read_text().strip().split("/")
    assert query == {
        "repo": f"https://github.com/{owner}/{name}",
        "branch": branch,
        "urlpath": f"lab/tree/{name}/notebooks/00_start_here.ipynb",
    }
    assert (ROOT / query["urlpath"].split("/", 3)[3]).exists()


def test_hub_deployments_install_from_binder_and_cull_and_limit_memory():
    """TLJH installs the course from binder/ (the root requirements would replace its JupyterLab); the Kubernetes
    values use the image built from binder/, cull idle servers and limit each student's memory."""
    import yaml

    tljh = (ROOT / "deploy" / "tljh" / "install-course.sh").read_text()
    assert "-r binder/requirements.txt" in tljh and "-r requirements.txt" not in tljh
    assert "limits.memory" in tljh and "services.cull.timeout" in tljh
    values = yaml.safe_load((ROOT / "deploy" / "z2jh" / "values.yaml").read_text())
    assert values["cull"]["enabled"] and values["cull"]["timeout"] > 0
    assert values["singleuser"]["memory"]["limit"]
    assert "repo2docker" in (ROOT / "deploy" / "z2jh" / "build-image.sh").read_text()


def test_hub_culling_settings_are_the_ones_the_hub_test_proves():
    """TLJH's services.cull.{timeout,every} and z2jh's cull.{timeout,every} are jupyterhub-idle-culler's --timeout
    and --cull-every: the service tests/hub runs (pinned in requirements-hub.txt) with short values."""
    import yaml

    tljh = (ROOT / "deploy" / "tljh" / "install-course.sh").read_text()
    for setting in ("enabled true", "timeout", "every"):
        assert f"tljh-config set services.cull.{setting}" in tljh, setting
    cull = yaml.safe_load((ROOT / "deploy" / "z2jh" / "values.yaml").read_text())["cull"]
    assert cull["enabled"] and cull["timeout"] >= 600 and 0 < cull["every"] <= cull["timeout"]
    classroom = (ROOT / "tests" / "hub" / "classroom.py").read_text()
    assert '"jupyterhub_idle_culler"' in classroom
    assert 'f"--timeout={timeout}"' in classroom and 'f"--cull-every={every}"' in classroom
    assert re.search(r"^jupyterhub-idle-culler==[\d.]+$", (ROOT / "requirements-hub.txt").read_text(), re.M)
    docs = (ROOT / "docs" / "teaching-at-scale.md").read_text()
    assert "services.cull.timeout" in docs and "cull.every" in docs and "jupyterhub-idle-culler" in docs
