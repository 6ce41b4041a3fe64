"""A whole class on JupyterHub (issue 13): 10 students created through the REST API, their servers started, the
course pulled into each home with nbgitpuller from a local git repository, the playground run in a kernel of
each server, then every server stopped. The hub listens on 127.0.0.1 only (tests/hub/classroom.py).

Marked `hub` (it takes a few minutes); it runs in CI with the rest of `make test`.
"""

from __future__ import annotations

import os
import statistics

import pytest
from classroom import HUB_VENV, PROXY, run_class, run_idle_culling

pytestmark = pytest.mark.hub
STUDENTS = 10


# Idle culling as the test runs it: jupyterhub-idle-culler stops a server idle for 20 s, looking every 5 s (a
# real class: an hour, every 5 minutes; deploy/tljh and deploy/z2jh). The course's kernel culling is
# etc/jupyter/jupyter_server_config.json's (30 s idle, looked at every 10 s).
CULL_TIMEOUT, CULL_EVERY = 20, 5
KERNEL_CULL_TIMEOUT, KERNEL_CULL_INTERVAL = 30, 10


def needs_the_hub():
    missing = [str(p) for p in (HUB_VENV / "bin" / "jupyterhub", PROXY) if not p.exists()]
    if not list(HUB_VENV.glob("lib/python3*/site-packages/jupyterhub_idle_culler")):
        missing.append("jupyterhub-idle-culler in .venv-hub")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"missing {missing}: `make test` sets up .venv-hub (requirements-hub.txt) and the proxy")
        pytest.skip(f"missing {missing}: run `make .venv-hub/installed` (needs npm for configurable-http-proxy)")


@pytest.fixture(scope="module")
def a_class(tmp_path_factory):
    needs_the_hub()
    return run_class(tmp_path_factory.mktemp("hub"), STUDENTS)


@pytest.fixture(scope="module")
def an_idle_class(tmp_path_factory):
    needs_the_hub()
    return run_idle_culling(tmp_path_factory.mktemp("hub-cull"), idle=2, timeout=CULL_TIMEOUT, every=CULL_EVERY)


def test_every_student_gets_a_server(a_class):
    assert sorted(a_class["ready_s"]) == sorted(a_class["names"])
    ready = sorted(a_class["ready_s"].values())
    print(f"\n{STUDENTS} servers started at once: ready after {ready[0]:.1f}–{ready[-1]:.1f} s")


def test_the_class_link_pulls_the_course_into_every_home(a_class):
    assert all(a_class["homes"].values()), a_class["homes"]
    for name, messages in a_class["pulled"].items():
        assert "error" not in messages.lower().replace('"error": null', ""), (name, messages[-500:])


def test_the_playground_runs_in_every_students_kernel(a_class):
    for name, page in a_class["played"].items():
        assert "application/vnd.jupyter.widget-view+json" in page, name  # the playground's widgets were made
        assert "Traceback" not in page, name
    memory = a_class["memory_mb"]
    assert sorted(memory) == sorted(a_class["names"]), "each student's server should have been found"
    print(f"\nper student (server and kernel): median {statistics.median(memory.values()):.0f} MB")


def test_stopping_the_class_leaves_no_server_or_kernel(a_class):
    assert a_class["left"] == {}, a_class["left"]
    assert all(servers == {} for servers in a_class["servers_after"].values()), a_class["servers_after"]


def test_the_idle_culler_stops_idle_servers_in_time(an_idle_class):
    """Gone through the REST API (the hub's own record), and their processes with them; the bound is the idle
    limit, a culling pass, the hub's activity poll, and a generous margin for stopping a server on a busy
    machine."""
    gone = an_idle_class["servers_gone_s"]
    assert sorted(gone) == sorted(an_idle_class["names"]), ("not culled", an_idle_class["log"])
    assert max(gone.values()) <= CULL_TIMEOUT + 2 * CULL_EVERY + 60, gone
    assert an_idle_class["idle_processes_left"] == {}
    first, last = min(gone.values()), max(gone.values())
    print(f"\nidle servers culled {first:.0f}–{last:.0f} s into the watch (every server ready when it began)")


def test_the_idle_culler_leaves_a_working_students_server(an_idle_class):
    """The culler stops idle servers only: the student who kept working still has theirs at the end, after the
    idle ones were culled (a culler that stopped everything would fail here)."""
    assert an_idle_class["worker_ready"], an_idle_class["log"]


def test_the_courses_kernel_culling_applies_on_a_hub(an_idle_class):
    """A kernel left idle in a working student's server goes by the course's own culling
    (etc/jupyter/jupyter_server_config.json, installed into the hub's environment as deploy/tljh does)."""
    gone = an_idle_class["kernel_gone_s"]
    assert gone is not None, "the idle kernel was never culled"
    assert gone <= KERNEL_CULL_TIMEOUT + 2 * KERNEL_CULL_INTERVAL + 30, gone
    print(f"\nidle kernel culled {gone:.0f} s after it started")
