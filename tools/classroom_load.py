"""Classroom load: how many learners one machine's JupyterHub serves, measured.

Starts the suite's single-machine JupyterHub (``deploy/jupyterhub_config.py``: JupyterHub
from PyPI, configurable-http-proxy from the npm registry) on 127.0.0.1 and serves the suite
from a local git server (``git daemon`` on 127.0.0.1, the repository's committed HEAD).
For each class size N, N simulated learners (real local accounts, made with
``deploy/learners.py``) arrive within ``--arrival`` seconds and each one:

1. logs in (PAM) and opens the nbgitpuller link of lesson 00 (``tools/hub_link.py``): the hub
   starts their JupyterLab and nbgitpuller clones the suite into their home folder;
2. opens lesson 00 (a kernel starts) — the time from log-in to here is "ready";
3. runs every code cell of lesson 00, then of lesson 03, through the server's API, reading
   for ``--think`` seconds before each cell (a kernel per lesson, both left running, as a
   learner who does not shut kernels down);
4. changes one widget-driving value in lesson 03 (a comm message, as the browser sends);
5. saves a written answer with ``nexus.answers`` and checks the file is in ``my-answers/``.

Reported per N: time until each learner's lesson is ready (p50/p95), cell latency (every code
cell and the widget change; p50/p95), peak memory per learner (proportional set size of the
learner's processes) and in total (all learners + hub + proxy), and errors. The largest N with
p95 cell latency <= 2 s and no error is the machine's capacity. Everything runs over loopback;
every round is bounded in time, accounts and servers are removed at the end. Linux, as root.

    npm ci --prefix deploy && sudo .venv/bin/python tools/classroom_load.py

Options: ``--sizes 4,8,16`` (default: double from 4 until a size fails, then bisect),
``--max-users``, ``--time-limit`` (whole run, seconds), ``--think 3-7``, ``--arrival 60``,
``--nice -15`` (on a machine other work shares: the hub and learners get the CPU first, to
approximate a machine of their own), ``--json FILE`` (write the results). Each round also
reports the CPU seconds each learner's server and kernels used, the cells that took over a
second, and the machine's load average before the round.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import math
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
FOLDER = "china-mali-nexus"  # where the link clones the suite (tools/hub_link.py, deploy/)
LATENCY_TARGET = 2.0  # seconds, p95 of cell latency
ANSWER_KEY = "03.classroom-check"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


learners_tool = _load("nexus_deploy_learners", DEPLOY / "learners.py")
hub_link = _load("nexus_hub_link", ROOT / "tools" / "hub_link.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest-rank; nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


# --------------------------------------------------------------------------- git server


class GitServer:
    """The suite's committed HEAD in a bare repository, served by `git daemon` on 127.0.0.1.

    `git daemon` runs as the repository's owner, so learners' accounts can clone it (a plain
    path would hit git's "dubious ownership" check)."""

    def __init__(self, base: Path, source: Path = ROOT, branch: str = "main"):
        self.base = base
        self.branch = branch
        self.bare = base / f"{FOLDER}.git"
        self.port = free_port()
        self.url = f"git://127.0.0.1:{self.port}/{FOLDER}.git"
        self.proc: subprocess.Popen | None = None
        base.mkdir(parents=True, exist_ok=True)
        git("init", "--quiet", "--bare", f"--initial-branch={branch}", str(self.bare))
        git("push", "--quiet", str(self.bare), f"HEAD:refs/heads/{branch}", cwd=source)
        self.work = base / "teacher"
        git("clone", "--quiet", "--branch", branch, str(self.bare), str(self.work))
        git("config", "user.email", "teacher@example.org", cwd=self.work)
        git("config", "user.name", "Teacher", cwd=self.work)

    def start(self) -> GitServer:
        self.proc = subprocess.Popen(
            ["git", "daemon", "--export-all", "--reuseaddr", "--listen=127.0.0.1",
             f"--port={self.port}", f"--base-path={self.base}", str(self.base)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.5):
                return self
            time.sleep(0.1)
        raise RuntimeError("git daemon did not start")

    def teacher_commit(self, message: str, edit) -> None:
        """The teacher changes the suite: `edit(work_tree)` edits files, then commit and push."""
        edit(self.work)
        git("add", "-A", cwd=self.work)
        git("commit", "--quiet", "-m", message, cwd=self.work)
        git("push", "--quiet", "origin", self.branch, cwd=self.work)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)


def git(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


# --------------------------------------------------------------------------- the environment


def others_can_reach(path: Path) -> bool:
    """Whether an account other than the owner can reach `path` (every folder above it has
    the "others may enter" bit)."""
    path = Path(path).resolve()
    for folder in [*reversed(path.parents), path] if path.is_dir() else reversed(path.parents):
        if not folder.stat().st_mode & 0o001:
            return False
    return True


def learner_python(base: Path) -> Path:
    """A Python that learners' accounts can run, with this environment's packages.

    The project's environment itself when every account can reach its interpreter. Otherwise
    (e.g. a Python under root's 0700 home) a small virtual environment in `base`, made from
    the system's Python of the same version, that imports this environment's packages and
    links its JupyterLab files; `nexus` is not installed in it (as on a real hub)."""
    import site
    import sysconfig

    real_base = Path(sys.base_prefix)
    site_dirs = [Path(d) for d in site.getsitepackages() if Path(d).is_dir()]
    if others_can_reach(real_base / "bin") and all(others_can_reach(d) for d in site_dirs):
        return Path(sys.executable)
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    system = Path(f"/usr/bin/python{version}")
    if not system.exists():
        raise RuntimeError(f"learners' accounts cannot run {sys.executable} (a folder above it is closed "
                           f"to other accounts) and there is no {system}: install Debian's "
                           f"python{version}-venv, or make the environment from a Python every account can run.")
    unreachable = [str(d) for d in site_dirs if not others_can_reach(d)]
    if unreachable:
        raise RuntimeError(f"learners' accounts cannot read this environment's packages in {unreachable}: "
                           "keep the project in a folder other accounts may enter.")
    env = base / "learner-env"
    subprocess.run([str(system), "-m", "venv", "--without-pip", str(env)], check=True)
    purelib = Path(sysconfig.get_path("purelib", vars={"base": str(env), "platbase": str(env)}))
    (purelib / "project-packages.pth").write_text("".join(f"{d}\n" for d in site_dirs), encoding="utf-8")
    python = env / "bin" / "python"
    for script, module in (("jupyterhub-singleuser", "jupyterhub.singleuser"), ("jupyter", "jupyter_core.command")):
        path = env / "bin" / script
        path.write_text(f"#!{python}\nimport sys\nfrom {module} import main\nsys.exit(main())\n", encoding="utf-8")
        path.chmod(0o755)
    # JupyterLab's files and the server extensions' configuration, from this environment.
    prefix = Path(sys.prefix)
    lab = env / "share" / "jupyter" / "lab"
    lab.mkdir(parents=True)
    for name in ("static", "schemas", "themes"):
        if (prefix / "share" / "jupyter" / "lab" / name).exists():
            (lab / name).symlink_to(prefix / "share" / "jupyter" / "lab" / name)
    if (prefix / "share" / "jupyter" / "labextensions").exists():
        (env / "share" / "jupyter" / "labextensions").symlink_to(prefix / "share" / "jupyter" / "labextensions")
    (env / "etc").mkdir(exist_ok=True)
    (env / "etc" / "jupyter").symlink_to(prefix / "etc" / "jupyter")
    return python


# --------------------------------------------------------------------------- the hub


class Hub:
    """deploy/jupyterhub_config.py running on 127.0.0.1 with its own state folder."""

    def __init__(self, base: Path, group: str, proxy: str, admin_token: bool = False,
                 python: Path | None = None):
        self.base = base
        self.python = Path(python or sys.executable)
        self.group = group
        self.proxy = proxy
        # An API token with admin scopes for the tool itself (stopping servers between rounds).
        self.admin_token = secrets.token_hex(32) if admin_token else None
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = base / "jupyterhub.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> Hub:
        self.base.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, NEXUS_HUB_URL=self.url, NEXUS_HUB_STATE=str(self.base),
                   NEXUS_HUB_GROUP=self.group, NEXUS_HUB_PROXY=self.proxy, NEXUS_HUB_ADMINS="")
        # The learners' servers find git and the environment's tools on this PATH.
        env["PATH"] = os.pathsep.join([str(self.python.parent), env.get("PATH", "")])
        config = DEPLOY / "jupyterhub_config.py"
        if self.admin_token:
            config = self.base / "with_admin_service.py"
            config.write_text(
                "c = get_config()  # noqa: F821\n"
                f"load_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})\n"
                f"c.JupyterHub.services = [{{'name': 'classroom-load', 'api_token': {self.admin_token!r}}}]\n"
                "c.JupyterHub.load_roles = [{'name': 'classroom-load', 'services': ['classroom-load'], "
                "'scopes': ['admin:users', 'admin:servers']}]\n", encoding="utf-8")
        command = [str(self.python), "-m", "jupyterhub", "-f", str(config),
                   f"--JupyterHub.hub_port={free_port()}",
                   f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}"]
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(command, cwd=self.base, env=env, stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout
        import urllib.request

        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited:\n{self.log()}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{self.url}/hub/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not answer in {timeout} s:\n{self.log()}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the hub stops learners' servers and the proxy
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if self.proc:
                os.killpg(self.proc.pid, signal.SIGKILL)


def default_proxy() -> str | None:
    """configurable-http-proxy from the npm registry (npm ci --prefix deploy), or on PATH."""
    npm = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
    if npm.exists():
        return str(npm)
    found = shutil.which("configurable-http-proxy")
    return found


def kill_user_processes(names: list[str]) -> None:
    import psutil

    uids = set()
    for name in names:
        with contextlib.suppress(KeyError):
            import pwd

            uids.add(pwd.getpwnam(name).pw_uid)
    if not uids:
        return
    def alive():
        found = []
        for p in psutil.process_iter(["uids", "status"]):
            if p.info["uids"] and p.info["uids"].real in uids and p.info["status"] != psutil.STATUS_ZOMBIE:
                found.append(p)
        return found

    for _ in range(3):
        victims = alive()
        if not victims:
            return
        for p in victims:
            with contextlib.suppress(psutil.Error):
                p.kill()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and alive():
            time.sleep(0.05)


class Accounts:
    """Learner accounts made with deploy/learners.py, removed (with their homes) on close."""

    def __init__(self, prefix: str, group: str):
        self.prefix = prefix
        self.group = group
        self.passwords: dict[str, str] = {}

    def add(self, count: int) -> list[str]:
        start = len(self.passwords)
        names = [f"{self.prefix}{i}" for i in range(start + 1, start + count + 1)]
        learners_tool.remove(names)  # leftovers of an interrupted run
        self.passwords.update(learners_tool.add(names, self.group))
        return names

    def close(self) -> None:
        names = list(self.passwords)
        kill_user_processes(names)
        learners_tool.remove(names)
        with contextlib.suppress(Exception):
            subprocess.run(["groupdel", self.group], capture_output=True)
        self.passwords.clear()


# --------------------------------------------------------------------------- a learner


class LearnerError(Exception):
    pass


class Learner:
    """One learner's browser, reduced to the HTTP and websocket calls JupyterLab makes."""

    def __init__(self, hub_url: str, name: str, password: str):
        self.hub_url = hub_url
        self.name = name
        self.password = password
        self.jar: dict[tuple[str, str], str] = {}  # (path, name) -> value, as a browser keeps them
        self.token: str | None = None
        self.user_url = f"{hub_url}/user/{name}"

    # ---- HTTP with a cookie jar
    async def fetch(self, url: str, method: str = "GET", body=None, headers=None,
                    follow: bool = True, timeout: float = 120, streaming_callback=None):
        from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

        client = AsyncHTTPClient()
        for _ in range(12):
            hdrs = dict(headers or {})
            cookies = self.cookies_for(urllib.parse.urlparse(url).path)
            if cookies:
                hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
            if self.token and url.startswith(self.user_url):
                hdrs["Authorization"] = f"token {self.token}"
            request = HTTPRequest(url, method=method, body=body, headers=hdrs, follow_redirects=False,
                                  request_timeout=timeout, connect_timeout=30,
                                  allow_nonstandard_methods=True, streaming_callback=streaming_callback)
            try:
                response = await client.fetch(request, raise_error=False)
            except HTTPClientError as e:  # pragma: no cover - network failure
                raise LearnerError(f"{method} {url}: {e}") from None
            for header in response.headers.get_list("Set-Cookie"):
                jar = SimpleCookie()
                jar.load(header)
                for key, morsel in jar.items():
                    self.jar[(morsel["path"] or "/", key)] = morsel.value
            if follow and response.code in (301, 302, 303, 307) and "Location" in response.headers:
                url = urllib.parse.urljoin(url, response.headers["Location"])
                if response.code != 307:
                    method, body = "GET", None
                continue
            return response, url
        raise LearnerError(f"too many redirects from {url}")

    def cookies_for(self, path: str) -> dict[str, str]:
        """The cookies a browser sends to `path`: for each name, the one with the longest path."""
        chosen: dict[str, tuple[int, str]] = {}
        for (cookie_path, name), value in self.jar.items():
            if path.startswith(cookie_path) and len(cookie_path) >= chosen.get(name, (-1, ""))[0]:
                chosen[name] = (len(cookie_path), value)
        return {name: value for name, (_, value) in chosen.items()}

    async def login(self) -> None:
        response, _ = await self.fetch(f"{self.hub_url}/hub/login")
        xsrf = self.cookies_for("/hub/").get("_xsrf")
        if not xsrf:
            raise LearnerError("the login page set no _xsrf cookie")
        form = urllib.parse.urlencode({"username": self.name, "password": self.password, "_xsrf": xsrf})
        response, url = await self.fetch(f"{self.hub_url}/hub/login?next=", method="POST", body=form,
                                         headers={"Content-Type": "application/x-www-form-urlencoded"},
                                         follow=False)
        if response.code != 302:
            raise LearnerError(f"login as {self.name} failed (HTTP {response.code})")

    async def hub_api(self, method: str, path: str, data=None):
        headers = {"X-XSRFToken": self.cookies_for("/hub/").get("_xsrf", ""), "Referer": f"{self.hub_url}/hub/home",
                   "Content-Type": "application/json"}
        body = json.dumps(data) if data is not None else (None if method == "GET" else "{}")
        response, _ = await self.fetch(f"{self.hub_url}/hub/api{path}", method=method, body=body,
                                       headers=headers, follow=False)
        return response

    async def open_link(self, link: str, timeout: float = 300) -> float:
        """Follow an nbgitpuller link as a browser does: the hub starts the learner's server
        (waiting on the spawn-pending page), then the nbgitpuller page pulls the suite.
        Returns the seconds taken."""
        t0 = time.monotonic()
        response, url = await self.fetch(link)
        while "/spawn-pending/" in urllib.parse.urlparse(url).path:
            if time.monotonic() - t0 > timeout:
                raise LearnerError(f"{self.name}'s server did not start in {timeout} s")
            if await self.server_ready():
                target = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)["next"][0]
                response, url = await self.fetch(urllib.parse.urljoin(url, target))
            else:
                await asyncio.sleep(0.5)
        if response.code != 200 or not urllib.parse.urlparse(url).path.endswith("/git-pull"):
            raise LearnerError(f"the link did not reach nbgitpuller (HTTP {response.code} at {url})")
        self.spawned_after = time.monotonic() - t0
        if self.token is None:
            await self.make_token()
        await self.pull(dict(urllib.parse.parse_qsl(urllib.parse.urlparse(url).query)))
        return time.monotonic() - t0

    async def server_ready(self) -> bool:
        response = await self.hub_api("GET", f"/users/{self.name}")
        if response.code != 200:
            return False
        server = json.loads(response.body).get("servers", {}).get("", {})
        return bool(server.get("ready"))

    async def make_token(self) -> None:
        response = await self.hub_api("POST", f"/users/{self.name}/tokens",
                                      {"note": "classroom load", "expires_in": 3600})
        if response.code not in (200, 201):
            raise LearnerError(f"could not get an API token (HTTP {response.code}): {response.body[:200]!r}")
        self.token = json.loads(response.body)["token"]

    async def pull(self, params: dict) -> None:
        """What the nbgitpuller page's script does: stream /git-pull/api until it finishes."""
        keep = {k: v for k, v in params.items() if k in ("repo", "branch", "targetpath", "depth")}
        events: list[dict] = []
        buffer = ""

        def on_chunk(chunk: bytes) -> None:
            nonlocal buffer
            buffer += chunk.decode("utf-8", "replace")
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                if block.startswith("data: "):
                    with contextlib.suppress(ValueError):
                        events.append(json.loads(block[6:]))

        url = f"{self.user_url}/git-pull/api?{urllib.parse.urlencode(keep)}"
        response, _ = await self.fetch(url, headers={"Accept": "text/event-stream"},
                                       streaming_callback=on_chunk, timeout=300)
        phases = [e.get("phase") for e in events]
        if "finished" not in phases:
            errors = [e.get("message") for e in events if e.get("phase") == "error"]
            raise LearnerError(f"nbgitpuller did not finish (HTTP {response.code}): {errors or phases[-3:]}")

    # ---- the single-user server's API
    async def api(self, method: str, path: str, data=None, ok=(200, 201, 204)):
        body = json.dumps(data) if data is not None else (None if method in ("GET", "DELETE") else "{}")
        response, _ = await self.fetch(f"{self.user_url}/api{path}", method=method, body=body,
                                       headers={"Content-Type": "application/json"}, follow=False)
        if response.code not in ok:
            raise LearnerError(f"{method} /user/{self.name}/api{path}: HTTP {response.code} "
                               f"{response.body[:200]!r}")
        return json.loads(response.body) if response.body else None

    async def read(self, path: str, ok=(200,)):
        quoted = urllib.parse.quote(path)
        return await self.api("GET", f"/contents/{quoted}?content=1", ok=ok)

    async def open_notebook(self, path: str) -> Kernel:
        session = await self.api("POST", "/sessions", {"path": path, "type": "notebook",
                                                       "name": Path(path).name,
                                                       "kernel": {"name": "python3"}})
        kernel = Kernel(self, session["kernel"]["id"])
        await kernel.connect()
        return kernel


class Kernel:
    """A kernel's websocket (Jupyter messaging protocol, JSON frames)."""

    def __init__(self, learner: Learner, kernel_id: str):
        self.learner = learner
        self.id = kernel_id
        self.session = uuid.uuid4().hex
        self.ws = None
        self.comms: dict[str, dict] = {}  # widget models the kernel opened: comm id -> state

    async def connect(self, timeout: float = 120) -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = self.learner.user_url.replace("http://", "ws://") + f"/api/kernels/{self.id}/channels"
        request = HTTPRequest(f"{url}?session_id={self.session}",
                              headers={"Authorization": f"token {self.learner.token}"},
                              connect_timeout=timeout, request_timeout=timeout)
        self.ws = await websocket_connect(request, max_message_size=64 * 1024 * 1024)
        await self.request("kernel_info_request", {}, timeout=timeout)

    def _message(self, msg_type: str, content: dict, channel: str = "shell") -> dict:
        return {"header": {"msg_id": uuid.uuid4().hex, "username": self.learner.name,
                           "session": self.session, "msg_type": msg_type, "version": "5.3",
                           "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
                "parent_header": {}, "metadata": {}, "content": content, "channel": channel,
                "buffers": []}

    async def request(self, msg_type: str, content: dict, timeout: float = 300) -> dict:
        """Send a shell request; wait for its reply and for the kernel to be idle again.
        Returns {"reply": content, "outputs": [...], "updates": n, "seconds": t}."""
        msg = self._message(msg_type, content)
        msg_id = msg["header"]["msg_id"]
        t0 = time.monotonic()
        await self.ws.write_message(json.dumps(msg))
        reply, idle, outputs, updates = None, msg_type == "comm_msg", [], 0
        idle = False
        while reply is None or not idle:
            remaining = timeout - (time.monotonic() - t0)
            if remaining <= 0:
                raise LearnerError(f"{msg_type} got no answer in {timeout} s")
            raw = await asyncio.wait_for(self.ws.read_message(), remaining)
            if raw is None:
                raise LearnerError("the kernel's websocket closed")
            if isinstance(raw, bytes):
                continue
            m = json.loads(raw)
            mtype = m.get("msg_type") or m["header"]["msg_type"]
            if mtype == "comm_open":
                data = m["content"].get("data", {})
                self.comms[m["content"]["comm_id"]] = dict(data.get("state", {}))
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if m.get("channel") == "shell":
                reply = m["content"]
                if msg_type == "comm_msg":
                    reply = reply or {"status": "ok"}
            elif mtype == "status" and m["content"]["execution_state"] == "idle":
                idle = True
                if msg_type == "comm_msg":
                    reply = reply or {"status": "ok"}
            elif mtype in ("stream", "execute_result", "display_data", "error"):
                outputs.append(m["content"] | {"output_type": mtype})
            elif mtype == "comm_msg":
                updates += 1
        return {"reply": reply, "outputs": outputs, "updates": updates, "seconds": time.monotonic() - t0}

    async def execute(self, code: str, timeout: float = 300) -> dict:
        result = await self.request("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}, timeout=timeout)
        if result["reply"].get("status") != "ok":
            errors = [o for o in result["outputs"] if o["output_type"] == "error"]
            detail = errors[0]["ename"] + ": " + errors[0]["evalue"] if errors else result["reply"]
            raise LearnerError(f"a cell failed: {detail}\n--- cell:\n{code[:300]}")
        return result

    def widget_control(self) -> tuple[str, dict] | None:
        """The first selection widget (dropdown, slider over options, toggle buttons) the kernel
        opened, as (comm id, state), or None."""
        for comm_id, state in self.comms.items():
            labels = state.get("_options_labels") or []
            if isinstance(state.get("index"), int) and len(labels) > 1:
                return comm_id, state
        return None

    async def change_widget(self, comm_id: str, state: dict) -> dict:
        """What the browser sends when a learner picks another option."""
        result = await self.request("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": state, "buffer_paths": []}})
        self.comms[comm_id].update(state)
        return result

    async def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None


def code_cells(notebook: dict) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in notebook["cells"] if c["cell_type"] == "code"]


# --------------------------------------------------------------------------- memory


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


class MemorySampler:
    """Samples, every `interval` s, the proportional set size (PSS: shared pages divided
    among the processes sharing them) of each learner's processes, and of hub + proxy."""

    def __init__(self, users: list[str], hub_pid: int, interval: float = 1.0):
        import pwd

        self.uids = {pwd.getpwnam(u).pw_uid: u for u in users}
        self.hub_pid = hub_pid
        self.interval = interval
        self.peak_user = {u: 0 for u in users}  # KiB
        self.peak_total = 0  # KiB
        self.cpu_user = {u: 0.0 for u in users}  # most CPU seconds seen used by a learner's live processes
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil

        per_user = dict.fromkeys(self.peak_user, 0)
        cpu = dict.fromkeys(self.peak_user, 0.0)
        infra = 0
        try:
            hub_tree = {self.hub_pid} | {c.pid for c in psutil.Process(self.hub_pid).children(recursive=True)}
        except psutil.Error:
            hub_tree = set()
        for p in psutil.process_iter(["uids"]):
            uid = p.info["uids"].real if p.info["uids"] else None
            if uid in self.uids:
                per_user[self.uids[uid]] += _pss_kib(p.pid)
                with contextlib.suppress(psutil.Error):
                    times = p.cpu_times()
                    cpu[self.uids[uid]] += times.user + times.system + times.children_user + times.children_system
            elif p.pid in hub_tree:
                infra += _pss_kib(p.pid)
        for user, kib in per_user.items():
            self.peak_user[user] = max(self.peak_user[user], kib)
            self.cpu_user[user] = max(self.cpu_user[user], cpu[user])
        self.peak_total = max(self.peak_total, infra + sum(per_user.values()))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=30)


# --------------------------------------------------------------------------- one round


@dataclass
class LearnerResult:
    name: str
    ready: float | None = None
    latencies: list[float] = field(default_factory=list)
    slow: list[tuple[float, str]] = field(default_factory=list)  # (seconds, which cell) over 1 s
    widget_updates: int = 0
    errors: list[str] = field(default_factory=list)


async def learner_session(hub: Hub, git_url: str, name: str, password: str, lessons: list[str],
                          think: tuple[float, float], delay: float, rng: random.Random,
                          deadline: float) -> LearnerResult:
    result = LearnerResult(name)
    await asyncio.sleep(delay)
    learner = Learner(hub.url, name, password)
    kernels: list[Kernel] = []
    t0 = time.monotonic()
    try:
        await learner.login()
        link = hub_link.link(hub.url, hub_link.lesson_path(lessons[0]), repo=git_url, branch="main")
        await learner.open_link(link)
        for i, lesson in enumerate(lessons):
            path = f"{FOLDER}/{hub_link.lesson_path(lesson)}"
            notebook = (await learner.read(path))["content"]
            kernel = await learner.open_notebook(path)
            kernels.append(kernel)
            if i == 0:
                result.ready = time.monotonic() - t0
            for number, code in enumerate(code_cells(notebook), 1):
                if time.monotonic() > deadline:
                    raise LearnerError("the round's time limit was reached")
                await asyncio.sleep(rng.uniform(*think))
                seconds = (await kernel.execute(code))["seconds"]
                result.latencies.append(seconds)
                if seconds > 1:
                    result.slow.append((seconds, f"lesson {lesson} code cell {number}: {code.splitlines()[0][:60]}"))
            if lesson == lessons[-1]:
                control = kernel.widget_control()
                if control is None:
                    raise LearnerError(f"lesson {lesson} opened no selection widget to change")
                comm_id, state = control
                new_index = (state["index"] + 1) % len(state["_options_labels"])
                await asyncio.sleep(rng.uniform(*think))
                changed = await kernel.change_widget(comm_id, {"index": new_index})
                result.latencies.append(changed["seconds"])
                result.widget_updates = changed["updates"]
                if changed["updates"] == 0:
                    raise LearnerError("changing the widget updated nothing")
                text = f"Written by {name} during the classroom load run."
                await asyncio.sleep(rng.uniform(*think))
                saved = await kernel.execute(
                    f"from nexus import answers\nanswers.save_text({ANSWER_KEY!r}, {text!r})")
                result.latencies.append(saved["seconds"])
                stored = await learner.read(f"{FOLDER}/my-answers/{ANSWER_KEY}.md")
                if stored["content"].strip() != text:
                    raise LearnerError(f"my-answers/{ANSWER_KEY}.md does not hold the answer")
    except Exception as e:  # every failure is a learner's error, counted and reported
        result.errors.append(f"{type(e).__name__}: {e}")
    finally:
        for kernel in kernels:
            await kernel.close()
    return result


def run_round(n: int, accounts: Accounts, hub: Hub, git_url: str, lessons: list[str],
              think: tuple[float, float], arrival: float, seed: int, limit: float) -> dict:
    names = list(accounts.passwords)[:n]
    rng = random.Random(seed)
    delays = sorted(rng.uniform(0, arrival) for _ in names)
    deadline = time.monotonic() + limit

    async def everyone():
        return await asyncio.gather(*(
            learner_session(hub, git_url, name, accounts.passwords[name], lessons, think, delay,
                            random.Random(rng.random()), deadline)
            for name, delay in zip(names, delays, strict=True)))

    started = time.monotonic()
    load_before = os.getloadavg()[0]
    with MemorySampler(names, hub.proc.pid) as memory:
        results = asyncio.run(everyone())
    latencies = [x for r in results for x in r.latencies]
    ready = [r.ready for r in results if r.ready is not None]
    errors = [f"{r.name}: {e}" for r in results for e in r.errors]
    per_learner = [kib / 1024 for kib in memory.peak_user.values()]
    slow: dict[str, list[float]] = {}
    for r in results:
        for seconds, cell in r.slow:
            slow.setdefault(cell, []).append(seconds)
    return {
        "learners": n,
        "ready_p50_s": percentile(ready, 50), "ready_p95_s": percentile(ready, 95),
        "cell_p50_s": percentile(latencies, 50), "cell_p95_s": percentile(latencies, 95),
        "cells_run": len(latencies),
        "memory_per_learner_peak_mb": max(per_learner) if per_learner else math.nan,
        "memory_per_learner_median_mb": statistics.median(per_learner) if per_learner else math.nan,
        "memory_total_peak_mb": memory.peak_total / 1024,
        # CPU time a learner's server and kernels used over the whole session (does not
        # depend on how busy the machine was)
        "cpu_s_per_learner_median": statistics.median(memory.cpu_user.values()) if names else math.nan,
        "errors": len(errors), "error_messages": errors[:10],
        # cells that took over 1 s for some learner: how many times, and the median seconds
        "slow_cells": sorted(([cell, len(v), statistics.median(v)] for cell, v in slow.items()),
                             key=lambda x: -x[1])[:8],
        "round_s": time.monotonic() - started,
        # the machine's 1-minute load average before the round and at its end (other work on
        # the machine competes with the learners)
        "loadavg_before": load_before, "loadavg_after": os.getloadavg()[0],
    }


def reset_learners(hub: Hub, names: list[str]) -> None:
    """Between rounds: stop every learner's server and empty their home folders, so each
    round starts from a first visit."""
    import pwd
    import urllib.request

    admin = hub.admin_token

    for name in names:
        request = urllib.request.Request(f"{hub.url}/hub/api/users/{name}/server", method="DELETE",
                                         headers={"Authorization": f"token {admin}"})
        with contextlib.suppress(OSError):
            urllib.request.urlopen(request, timeout=60)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        running = []
        for name in names:
            request = urllib.request.Request(f"{hub.url}/hub/api/users/{name}",
                                             headers={"Authorization": f"token {admin}"})
            with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=30) as r:
                if json.loads(r.read()).get("servers"):
                    running.append(name)
        if not running:
            break
        time.sleep(1)
    kill_user_processes(names)
    for name in names:
        home = Path(pwd.getpwnam(name).pw_dir)
        shutil.rmtree(home / FOLDER, ignore_errors=True)
        for extra in (".local", ".jupyter", ".ipython", ".cache", ".config"):
            shutil.rmtree(home / extra, ignore_errors=True)


# --------------------------------------------------------------------------- the tool


def print_table(rows: list[dict]) -> None:
    print("\n| learners | ready p50 (s) | ready p95 (s) | cell p50 (s) | cell p95 (s) | cells run | "
          "peak memory per learner (MB) | peak memory total (MB) | CPU s per learner | errors | load |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['learners']} | {r['ready_p50_s']:.1f} | {r['ready_p95_s']:.1f} | "
              f"{r['cell_p50_s']:.2f} | {r['cell_p95_s']:.2f} | {r['cells_run']} | "
              f"{r['memory_per_learner_peak_mb']:.0f} (median {r['memory_per_learner_median_mb']:.0f}) | "
              f"{r['memory_total_peak_mb']:.0f} | {r['cpu_s_per_learner_median']:.0f} | {r['errors']} | "
              f"{r['loadavg_before']:.1f} |")


def passes(row: dict) -> bool:
    return row["errors"] == 0 and row["cell_p95_s"] <= LATENCY_TARGET


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="class sizes to run, e.g. 4,8,16 (default: search)")
    parser.add_argument("--max-users", type=int, default=48)
    parser.add_argument("--time-limit", type=float, default=2700, help="whole run, seconds")
    parser.add_argument("--round-limit", type=float, default=900, help="one class size, seconds")
    parser.add_argument("--think", default="3-7", help="seconds a learner reads before each cell")
    parser.add_argument("--arrival", type=float, default=60, help="learners arrive within this many seconds")
    parser.add_argument("--lessons", default="00,03")
    parser.add_argument("--proxy", default=default_proxy(), help="configurable-http-proxy command")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--nice", type=int, default=0,
                        help="run the hub and learners at this scheduling priority (e.g. -15 on a "
                             "machine other work shares, to approximate a machine of their own)")
    parser.add_argument("--verbose", action="store_true", help="print the hub's log after a round with errors")
    args = parser.parse_args(argv)

    if sys.platform != "linux" or os.geteuid() != 0:
        raise SystemExit("Run as root on Linux: the hub starts each learner's server as their own account.")
    if not args.proxy:
        raise SystemExit("configurable-http-proxy not found: run `npm ci --prefix deploy` first.")
    if shutil.which("git") is None:
        raise SystemExit("git is needed (the suite is served by `git daemon` on 127.0.0.1).")
    if args.nice:
        os.nice(args.nice)  # the hub, proxy, learners' servers and kernels inherit it
    low, high = (float(x) for x in args.think.split("-"))
    lessons = args.lessons.split(",")
    end = time.monotonic() + args.time_limit

    base = Path(tempfile.mkdtemp(prefix="nexus-classroom-"))
    base.chmod(0o755)
    tag = secrets.token_hex(2)
    accounts = Accounts(prefix=f"nxl{tag}u", group=f"nxl{tag}")
    server = GitServer(base / "git").start()
    hub = Hub(base / "hub", accounts.group, args.proxy, admin_token=True, python=learner_python(base))
    rows: list[dict] = []

    def stop(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        hub.start()
        print(f"hub on {hub.url}; suite served at {server.url}; proxy {args.proxy}", flush=True)
        sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else None
        tried: dict[int, dict] = {}

        def run(n: int) -> dict:
            if len(accounts.passwords) < n:
                accounts.add(n - len(accounts.passwords))
            reset_learners(hub, list(accounts.passwords))
            limit = min(args.round_limit, end - time.monotonic())
            print(f"-- {n} learners (round limit {limit:.0f} s)", flush=True)
            row = run_round(n, accounts, hub, server.url, lessons, (low, high), args.arrival,
                            args.seed + n, limit)
            tried[n] = row
            rows.append(row)
            print_table([row])
            for cell, count, median in row["slow_cells"][:5]:
                print(f"   over 1 s for {count} learner(s), median {median:.1f} s: {cell}")
            for message in row["error_messages"][:3]:
                print("   error:", message.splitlines()[0])
            if row["errors"] and args.verbose:
                print(hub.log()[-4000:])
            return row

        if sizes:
            for n in sizes:
                if time.monotonic() > end - 60:
                    break
                run(n)
        else:
            good, bad, n = 0, None, 4
            while n <= args.max_users and time.monotonic() < end - 120:
                if passes(run(n)):
                    good, n = n, n * 2
                else:
                    bad = n
                    break
            if good and bad is None and n > args.max_users and good < args.max_users:
                bad = args.max_users + 1
            while bad and bad - good > max(2, good // 4) and time.monotonic() < end - 120:
                mid = (good + bad) // 2
                if passes(run(mid)):
                    good = mid
                else:
                    bad = mid
    except KeyboardInterrupt:
        print("interrupted: cleaning up", flush=True)
    finally:
        hub.stop()
        server.stop()
        accounts.close()
        shutil.rmtree(base, ignore_errors=True)

    rows.sort(key=lambda r: r["learners"])
    print_table(rows)
    ok = [r["learners"] for r in rows if passes(r)]
    largest = max(ok) if ok else 0
    print(f"\nLargest class with p95 cell latency <= {LATENCY_TARGET} s and no error: {largest} learners "
          f"(think {args.think} s, arrival over {args.arrival:.0f} s, lessons {args.lessons}).")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "largest": largest, "think": args.think,
                                         "arrival": args.arrival, "lessons": lessons, "nice": args.nice,
                                         "cores": os.cpu_count()}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
