"""A class on a real JupyterHub, on 127.0.0.1 only: the hub with configurable-http-proxy (from npm), a local
process spawner and a test authenticator, from .venv-hub (requirements-hub.txt, made by `make test`). Used by
tests/hub/test_hub.py and tests/benchmarks/bench_hub.py.

Each student is created through the REST API, their server started, the course pulled into their home with
nbgitpuller from a local git repository, and the playground run in a kernel of their server (Voila's server
extension renders it, as a student opening the app would); then the servers are stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HUB_VENV = ROOT / ".venv-hub"
PROXY = HUB_VENV / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
FOLDER = "who-can-read-it"  # where nbgitpuller puts the course in each home


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return 0.0
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


def descendants(pid: int) -> list[int]:
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []
    return children + [grandchild for child in children for grandchild in descendants(child)]


class Classroom:
    """``with Classroom(folder) as hub:`` a running hub; ``hub.api(...)``, ``hub.student_server(...)``."""

    def __init__(self, folder: Path, cull: tuple[int, int] | None = None):
        """``cull=(timeout, every)``: jupyterhub-idle-culler runs as a hub service and stops every server idle
        for ``timeout`` seconds, looking every ``every`` seconds (the hub's activity poll is made as frequent)."""
        self.folder = folder
        self.cull = cull
        self.token = secrets.token_hex(32)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # homes short enough for Unix socket paths, whatever pytest's temporary folders look like
        self.homes = Path(tempfile.mkdtemp(prefix="hub-"))
        self.process: subprocess.Popen | None = None

    # -- the hub ------------------------------------------------------------------------------------------
    def __enter__(self) -> Classroom:
        config_dir = self.folder / "etc"  # the course's server settings, as deploy/tljh installs them
        config_dir.mkdir(parents=True, exist_ok=True)
        server = json.loads((ROOT / "etc" / "jupyter" / "jupyter_server_config.json").read_text())
        server.pop("KernelManager", None)
        (config_dir / "jupyter_server_config.json").write_text(json.dumps(server))
        config = self.folder / "jupyterhub_config.py"
        config.write_text(
            f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.JupyterHub.db_url = "sqlite:///{self.folder / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(self.folder / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(self.folder / "hub.pid")!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(self.homes / "{username}")!r}
c.Spawner.cmd = [{str(HUB_VENV / "bin" / "jupyterhub-singleuser")!r}]
c.Spawner.args = ["--ServerApp.allow_root=True"]
c.Spawner.environment = {{"JUPYTER_CONFIG_PATH": {str(config_dir)!r}}}
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 600
c.JupyterHub.services = [{{"name": "teacher", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "teacher",
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "read:users"],
    "services": ["teacher"],
}}]
"""
        )
        if self.cull:
            timeout, every = self.cull
            # the idle culler with the scopes its README asks for, as TLJH's services.cull and z2jh's cull run it;
            # the hub reads the proxy's activity every `every` s (its default, 300 s, suits a real class)
            command = [str(HUB_VENV / "bin" / "python"), "-m", "jupyterhub_idle_culler"]
            command += [f"--timeout={timeout}", f"--cull-every={every}"]
            with open(config, "a") as out:
                out.write(
                    f"""
c.JupyterHub.last_activity_interval = {every}
c.JupyterHub.services.append({{"name": "idle-culler", "command": {command!r}}})
c.JupyterHub.load_roles.append({{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}})
"""
                )
        env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "VIRTUAL_ENV"))}
        env["PATH"] = f"{HUB_VENV / 'bin'}:{env['PATH']}"
        self.log = open(self.folder / "hub.log", "w")
        self.process = subprocess.Popen(
            [str(HUB_VENV / "bin" / "jupyterhub"), "-f", str(config)],
            cwd=self.folder,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 240
        while True:
            try:
                self.api("GET", "/hub/api/")
                break
            except (OSError, urllib.error.URLError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__(None, None, None)
                    raise RuntimeError("the hub did not start:\n" + self.logs()) from None
                time.sleep(0.5)
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            leftovers = descendants(self.process.pid)
            self.process.terminate()  # the hub stops the proxy and the servers it started
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
            for pid in leftovers:  # anything the hub left behind
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, 9)
        self.log.close()
        shutil.rmtree(self.homes, ignore_errors=True)

    def logs(self) -> str:
        return (self.folder / "hub.log").read_text()[-4000:]

    def api(self, method: str, path: str, body=None, token: str | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"token {token or self.token}")
        with urllib.request.urlopen(request, timeout=300) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    # -- students -----------------------------------------------------------------------------------------
    def add_students(self, names: list[str]) -> None:
        self.api("POST", "/hub/api/users", {"usernames": names})

    def start_servers(self, names: list[str]) -> dict[str, float]:
        """Start every student's server at once; the seconds each took to be ready."""
        started = time.monotonic()
        for name in names:
            self.api("POST", f"/hub/api/users/{name}/server")
        ready: dict[str, float] = {}
        deadline = started + 600
        while len(ready) < len(names):
            assert time.monotonic() < deadline, f"servers not ready after 600 s: {set(names) - set(ready)}"
            for name in set(names) - set(ready):
                server = self.api("GET", f"/hub/api/users/{name}")["servers"].get("", {})
                if server.get("ready"):
                    ready[name] = time.monotonic() - started
            time.sleep(0.5)
        return ready

    def student_token(self, name: str) -> str:
        return self.api("POST", f"/hub/api/users/{name}/tokens", {"note": "test"})["token"]

    def pull_course(self, name: str, token: str, repo: str, branch: str) -> str:
        """nbgitpuller's pull (the class link's work) into the student's home; its progress messages."""
        query = urllib.parse.urlencode({"repo": repo, "branch": branch, "targetpath": FOLDER})
        request = urllib.request.Request(f"{self.base}/user/{name}/git-pull/api?{query}")
        request.add_header("Authorization", f"token {token}")
        with urllib.request.urlopen(request, timeout=600) as answer:
            return answer.read().decode()

    def run_playground(self, name: str, token: str) -> str:
        """The playground run in a kernel of the student's server (Voila's server extension): the page."""
        path = f"/user/{name}/voila/render/{FOLDER}/notebooks/10_playground.ipynb"
        request = urllib.request.Request(self.base + path)
        request.add_header("Authorization", f"token {token}")
        with urllib.request.urlopen(request, timeout=600) as answer:
            return answer.read().decode()

    def student_processes(self) -> dict[str, list[int]]:
        """Each student's server and its kernels, by the JUPYTERHUB_USER in the server's environment."""
        found: dict[str, list[int]] = {}
        for pid in descendants(self.process.pid):
            try:
                environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            except (FileNotFoundError, PermissionError):
                continue
            user = next((v[16:].decode() for v in environ if v.startswith(b"JUPYTERHUB_USER=")), None)
            if user and "singleuser" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
                found[user] = [pid, *descendants(pid)]
        return found

    def memory_mb(self) -> dict[str, float]:
        return {user: sum(rss_mb(pid) for pid in pids) for user, pids in self.student_processes().items()}

    def student_api(self, name: str, token: str, method: str, path: str):
        """A request to the student's own server, through the proxy, as their browser would make it."""
        request = urllib.request.Request(
            f"{self.base}/user/{name}{path}", method=method, data=b"" if method == "POST" else None
        )
        request.add_header("Authorization", f"token {token}")
        with urllib.request.urlopen(request, timeout=300) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def stop_servers(self, names: list[str]) -> None:
        for name in names:
            self.api("DELETE", f"/hub/api/users/{name}/server")


def local_course_repository(folder: Path) -> tuple[str, str]:
    """A git repository of this course at a local path, as the teacher's hub would pull it: (its URL, branch)."""
    origin = folder / "origin"
    subprocess.run(["git", "clone", "--quiet", "--no-local", str(ROOT), str(origin)], check=True)
    subprocess.run(["git", "-C", str(origin), "checkout", "--quiet", "-B", "course"], check=True)
    return f"file://{origin}", "course"


def run_idle_culling(folder: Path, idle: int = 2, timeout: int = 20, every: int = 5, budget: float = 240) -> dict:
    """Idle culling on a hub: ``idle`` students start a server and leave it; one more student keeps working in
    theirs (a request every 2 s, through the proxy) and leaves a kernel idle in it. jupyterhub-idle-culler runs
    with ``timeout``/``every``; the course's server settings (etc/jupyter/jupyter_server_config.json) cull the
    idle kernel. Returns when the idle servers and the kernel are gone, or after ``budget`` seconds: when each
    went (seconds after the servers were ready), and the working student's server at the end."""
    names = [f"idle{n}" for n in range(1, idle + 1)]
    worker = "working"
    with Classroom(folder, cull=(timeout, every)) as hub:
        hub.add_students([*names, worker])
        hub.start_servers([*names, worker])
        token = hub.student_token(worker)
        kernel = hub.student_api(worker, token, "POST", "/api/kernels")["id"]
        started = time.monotonic()
        servers_gone: dict[str, float] = {}
        kernel_gone = None
        while time.monotonic() - started < budget:
            hub.student_api(worker, token, "GET", "/api/status")  # the working student's activity
            for name in set(names) - set(servers_gone):
                if hub.api("GET", f"/hub/api/users/{name}")["servers"] == {}:
                    servers_gone[name] = time.monotonic() - started
            kernels = [k["id"] for k in hub.student_api(worker, token, "GET", "/api/kernels")]
            if kernel_gone is None and kernel not in kernels:
                kernel_gone = time.monotonic() - started
            if len(servers_gone) == len(names) and kernel_gone is not None:
                break
            time.sleep(2)
        worker_server = hub.api("GET", f"/hub/api/users/{worker}")["servers"].get("", {})
        processes = hub.student_processes()
        hub.stop_servers([worker])
    return {
        "names": names,
        "servers_gone_s": servers_gone,
        "kernel_gone_s": kernel_gone,
        "worker_ready": bool(worker_server.get("ready")),
        "idle_processes_left": {name: pids for name, pids in processes.items() if name in names},
        "log": hub.logs(),
    }


def run_class(folder: Path, students: int = 10) -> dict:
    """The whole path for a class: figures for the benchmark and the test."""
    names = [f"student{n:02d}" for n in range(1, students + 1)]
    repo, branch = local_course_repository(folder)
    with Classroom(folder) as hub:
        hub.add_students(names)
        ready = hub.start_servers(names)
        tokens = {name: hub.student_token(name) for name in names}
        pulled, played = {}, {}
        for name in names:
            pulled[name] = hub.pull_course(name, tokens[name], repo, branch)
        started = time.monotonic()
        for name in names:
            played[name] = hub.run_playground(name, tokens[name])
        playground_s = (time.monotonic() - started) / len(names)
        memory = hub.memory_mb()
        homes = {name: (hub.homes / name / FOLDER / "notebooks" / "00_start_here.ipynb").exists() for name in names}
        hub.stop_servers(names)
        deadline = time.monotonic() + 120
        while hub.student_processes() and time.monotonic() < deadline:
            time.sleep(1)
        left = hub.student_processes()
        servers_after = {name: hub.api("GET", f"/hub/api/users/{name}")["servers"] for name in names}
    return {
        "names": names,
        "ready_s": ready,
        "pulled": pulled,
        "played": played,
        "playground_s": playground_s,
        "memory_mb": memory,
        "homes": homes,
        "left": left,
        "servers_after": servers_after,
    }
