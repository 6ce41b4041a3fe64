"""A whole class on JupyterHub (issue 13): 10 students created through the REST API, their servers started, the
course pulled into each home with nbgitpuller from a local git repository, the playground run in a kernel of
each server, then every server stopped. The hub listens on 127.0.0.1 only (tests/hub/classroom.py).

Marked `hub` (it takes a few minutes); it runs in CI with the rest of `make test`.
"""

from __future__ import annotations

import os
import statistics

import pytest
from classroom import HUB_VENV, PROXY, run_class

pytestmark = pytest.mark.hub
STUDENTS = 10


@pytest.fixture(scope="module")
def a_class(tmp_path_factory):
    missing = [str(p) for p in (HUB_VENV / "bin" / "jupyterhub", PROXY) if not p.exists()]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"missing {missing}: `make test` sets up .venv-hub (requirements-hub.txt) and the proxy")
        pytest.skip(f"missing {missing}: run `make .venv-hub/installed` (needs npm for configurable-http-proxy)")
    return run_class(tmp_path_factory.mktemp("hub"), STUDENTS)


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
