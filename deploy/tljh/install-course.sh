#!/bin/bash
# The Littlest JupyterHub (TLJH), up to ~100 students on one server: install the course into TLJH's user
# environment. Run on the hub's machine, as root, from a clone of this repository, after TLJH is installed.
#
#   sudo bash deploy/tljh/install-course.sh
#
# It installs binder/requirements.txt (the course's pins, which leave JupyterLab, Notebook and Jupyter Server to
# TLJH's own matched set, as on Binder; the root requirements.txt would replace them), the course's package,
# nbgitpuller (for the class link: make class-link HUB=...), and the course's Jupyter and Voila settings (idle
# kernels culled, the course's Voila template). Then it sets the hub's own limits. See docs/teaching-at-scale.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
USER_ENV=/opt/tljh/user
"$USER_ENV/bin/pip" install --no-cache-dir -r binder/requirements.txt nbgitpuller==1.3.0
"$USER_ENV/bin/pip" install --no-cache-dir --no-deps .
"$USER_ENV/bin/python" - <<'PYTHON'
import json, pathlib, shutil, sys

for name in ("jupyter_server_config.json", "voila.json"):
    target = pathlib.Path(sys.prefix, "etc", "jupyter", name)
    config = json.loads(target.read_text()) if target.exists() else {}
    for section, settings in json.loads(pathlib.Path("etc", "jupyter", name).read_text()).items():
        config.setdefault(section, {}).update(settings)
    # Students' homes are /home/jupyter-NAME: a kernel's Unix socket path there can pass the 107-byte limit
    # for long names, so kernels keep TCP on 127.0.0.1 (see docs/teaching-at-scale.md).
    config.pop("KernelManager", None)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(config, indent=2))
template = pathlib.Path("share", "jupyter", "voila", "templates", "course")
shutil.copytree(template, pathlib.Path(sys.prefix, template), dirs_exist_ok=True)
PYTHON
# Each student: at most 1 GB and one core. Servers idle for an hour are stopped, looked for every 5 minutes:
# TLJH runs jupyterhub-idle-culler as a hub service, services.cull.timeout and .every being its --timeout and
# --cull-every (tests/hub/test_hub.py runs that service with 20 s and 5 s and checks idle servers go and a working
# student's stays). A student's idle kernels go sooner, by the course's own culling installed above.
tljh-config set limits.memory 1G
tljh-config set limits.cpu 1
tljh-config set services.cull.enabled true
tljh-config set services.cull.timeout 3600
tljh-config set services.cull.every 300
tljh-config set user_environment.default_app jupyterlab
tljh-config reload
