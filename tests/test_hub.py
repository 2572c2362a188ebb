"""A class on one hub: the real JupyterHub of deploy/, two learners, the real nbgitpuller.

One hub (deploy/jupyterhub_config.py, JupyterHub from PyPI with the pure-Python
configurable-http-proxy) runs on 127.0.0.1 for the module; two learners get real local
accounts (deploy/learners.py) and log in with their passwords. The suite is served by
`git daemon` on 127.0.0.1 from this repository's committed HEAD, and the links come from
tools/hub_link.py. The tests check what a teacher must be able to rely on:

* each learner gets a personal copy in their own home folder, with the suite's JupyterLab
  settings;
* learners cannot read each other's my-answers/ (not from a kernel, not through the hub);
* when the teacher changes the suite and a learner opens the link again, their edited
  notebook, their own files and everything in my-answers/ are still there (nbgitpuller's
  merge rules), and a learner who changed nothing gets the teacher's version;
* a kernel killed mid-lesson restarts and the saved answers are intact.

Needs Linux, root (the hub starts each learner's server as their own account) and git.
Elsewhere it skips with that message; in CI (CI=true) it fails instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import json
import os
import pwd
import secrets
import shutil
import signal
import stat
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("classroom_load", ROOT / "tools" / "classroom_load.py")
load = importlib.util.module_from_spec(_spec)
sys.modules["classroom_load"] = load
_spec.loader.exec_module(load)

FOLDER = load.FOLDER
LESSON = load.hub_link.lesson_path("03")  # notebooks/03_...
KEY = "03.escalation"


def requirement_problem() -> str | None:
    if sys.platform != "linux":
        return "the single-machine hub runs on Linux"
    if os.geteuid() != 0:
        return "the hub test must run as root (the hub starts each learner's server as their account)"
    for tool in ("git", "useradd", "chpasswd", "userdel"):
        if shutil.which(tool) is None:
            return f"the hub test needs {tool}"
    if not (Path(sys.executable).parent / "configurable-http-proxy").exists():
        return "configurable-http-proxy (pip, requirements-dev.txt) is not installed in this environment"
    return None


def run(coroutine):
    return asyncio.run(coroutine)


class Classroom:
    def __init__(self, base: Path):
        self.base = base
        tag = secrets.token_hex(2)
        self.accounts = load.Accounts(prefix=f"nxt{tag}u", group=f"nxt{tag}")
        self.server = None
        self.hub = None
        self.learners: list = []

    def start(self):
        names = self.accounts.add(2)
        self.server = load.GitServer(self.base / "git").start()
        proxy = str(Path(sys.executable).parent / "configurable-http-proxy")
        self.hub = load.Hub(self.base / "hub", self.accounts.group, proxy,
                            python=load.learner_python(self.base)).start()
        self.learners = [load.Learner(self.hub.url, n, self.accounts.passwords[n]) for n in names]
        self.link = load.hub_link.link(self.hub.url, LESSON, repo=self.server.url, branch="main")

        async def arrive(learner):
            await learner.login()
            await learner.open_link(self.link)

        async def everyone():
            await asyncio.gather(*(arrive(learner) for learner in self.learners))

        run(everyone())
        return self

    def home(self, learner) -> Path:
        return Path(pwd.getpwnam(learner.name).pw_dir)

    def copy(self, learner) -> Path:
        return self.home(learner) / FOLDER

    def stop(self):
        load.kill_user_processes(list(self.accounts.passwords))  # faster than the hub's own stop
        if self.hub:
            self.hub.stop()
        if self.server:
            self.server.stop()
        self.accounts.close()


@pytest.fixture(scope="module")
def classroom():
    problem = requirement_problem()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(problem, pytrace=False)
        pytest.skip(problem)
    base = Path(tempfile.mkdtemp(prefix="nexus-hub-test-"))
    base.chmod(0o755)
    opened = open_closed_folders()
    room = Classroom(base)
    try:
        room.start()
    except Exception:
        log = room.hub.log() if room.hub else ""
        room.stop()
        shutil.rmtree(base, ignore_errors=True)
        close_folders(opened)
        raise AssertionError(f"the classroom hub did not come up:\n{log}") from None
    yield room
    room.stop()
    shutil.rmtree(base, ignore_errors=True)
    close_folders(opened)


def open_closed_folders() -> list[tuple[Path, int]]:
    """Let the learners' accounts pass through (not list) the folders above this checkout and
    its environment, for the test's duration: a clone under a closed home folder (mode 700,
    as a CI runner's may be) would otherwise keep the learners' servers from starting.
    Returns what to restore."""
    import site

    targets = [ROOT, Path(sys.executable).resolve().parent, Path(sys.base_prefix).resolve(),
               *(Path(d) for d in site.getsitepackages() if Path(d).is_dir())]
    opened: dict[Path, int] = {}
    for target in targets:
        target = target.resolve()
        for folder in [*reversed(target.parents), target]:
            mode = folder.stat().st_mode
            if not mode & 0o001 and folder not in opened:
                opened[folder] = stat.S_IMODE(mode)
                folder.chmod(stat.S_IMODE(mode) | 0o001)
    return list(opened.items())


def close_folders(opened: list[tuple[Path, int]]) -> None:
    for folder, mode in reversed(opened):
        folder.chmod(mode)


async def in_kernel(learner, notebook: str, *cells: str) -> list[dict]:
    """Open `notebook` (a kernel starts, as when the learner opens it) and run `cells`."""
    kernel = await learner.open_notebook(notebook)
    try:
        return [await kernel.execute(code) for code in cells]
    finally:
        await kernel.close()


def printed(result: dict) -> str:
    return "".join(o.get("text", "") for o in result["outputs"] if o["output_type"] == "stream")


# --------------------------------------------------------------------------- personal copies


def test_the_link_gives_each_learner_a_personal_copy(classroom):
    for learner in classroom.learners:
        copy = classroom.copy(learner)
        owner = pwd.getpwnam(learner.name).pw_uid
        assert (copy / LESSON).is_file(), f"{learner.name} has no {LESSON}"
        assert copy.stat().st_uid == owner and (copy / LESSON).stat().st_uid == owner
        # matplotlib's font list is ready (the first chart does not build it), and the learner's.
        fonts = list((classroom.home(learner) / ".cache" / "matplotlib").glob("fontlist-*.json"))
        assert len(fonts) == 1 and fonts[0].stat().st_uid == owner
        # The server sees the lesson where the link's urlpath points.
        listing = run(learner.read(f"{FOLDER}/{LESSON}"))
        assert listing["type"] == "notebook"


def test_the_hub_applies_the_suites_jupyterlab_settings(classroom):
    """The settings postBuild installs on Binder (no first-launch news question, widget state
    saved) apply on the hub too, and a learner's lab opens by default."""
    learner = classroom.learners[0]
    response, _ = run(learner.fetch(
        f"{learner.user_url}/lab/api/settings/@jupyterlab/apputils-extension:notification",
        headers={"Authorization": f"token {learner.token}"}))
    assert response.code == 200, response.body[:200]
    # Overrides become the schema's defaults, which the learner's JupyterLab then uses.
    defaults = {k: v.get("default") for k, v in json.loads(response.body)["schema"]["properties"].items()}
    assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False, defaults
    response, _ = run(learner.fetch(
        f"{learner.user_url}/lab/api/settings/@jupyter-widgets/jupyterlab-manager:plugin",
        headers={"Authorization": f"token {learner.token}"}))
    assert json.loads(response.body)["schema"]["properties"]["saveState"]["default"] is True


# --------------------------------------------------------------------------- privacy


def test_learners_cannot_read_each_others_answers(classroom):
    amina, bruno = classroom.learners
    text = f"Deaths rose after 2018 (written by {amina.name})."
    nb = f"{FOLDER}/{LESSON}"
    saved = run(in_kernel(amina, nb, f"from nexus import answers\nprint(answers.save_text({KEY!r}, {text!r}))"))
    path = Path(printed(saved[0]).strip())
    assert path == classroom.copy(amina) / "my-answers" / f"{KEY}.md", path
    assert path.read_text(encoding="utf-8").strip() == text

    # Homes are closed to other accounts (useradd's default here would leave them readable).
    for learner in classroom.learners:
        assert stat.S_IMODE(classroom.home(learner).stat().st_mode) & 0o077 == 0

    # From bruno's kernel: neither the file nor amina's home can be opened.
    probe = (f"import pathlib\n"
             f"for p in ({str(path)!r}, {str(classroom.home(amina))!r}):\n"
             f"    try:\n"
             f"        pathlib.Path(p).read_text() if p.endswith('.md') else list(pathlib.Path(p).iterdir())\n"
             f"        print('READ', p)\n"
             f"    except PermissionError:\n"
             f"        print('DENIED', p)\n")
    out = printed(run(in_kernel(bruno, nb, probe))[0])
    assert out.split() == ["DENIED", str(path), "DENIED", str(classroom.home(amina))], out
    # The same probe from amina's own kernel reads both (the check above can fail).
    out = printed(run(in_kernel(amina, nb, probe))[0])
    assert out.split() == ["READ", str(path), "READ", str(classroom.home(amina))], out

    # Through the hub: bruno's token does not open amina's server.
    response, _ = run(bruno.fetch(f"{amina.user_url}/api/contents/{FOLDER}/my-answers/{KEY}.md",
                                  headers={"Authorization": f"token {bruno.token}"}, follow=False))
    assert response.code in (302, 403, 404), response.code
    assert text.encode() not in (response.body or b"")
    # ... nor does his server serve files outside his home.
    response, _ = run(bruno.fetch(f"{bruno.user_url}/api/contents/..%2F{amina.name}",
                                  headers={"Authorization": f"token {bruno.token}"}, follow=False))
    assert response.code in (403, 404), response.code


# --------------------------------------------------------------------------- teacher updates


def test_a_teacher_update_keeps_every_learners_work(classroom):
    amina, bruno = classroom.learners
    copy = classroom.copy(amina)
    lesson = copy / LESSON
    original = nbformat.read(lesson, as_version=4)
    code = [i for i, c in enumerate(original.cells) if c.cell_type == "code"]
    markdown = [i for i, c in enumerate(original.cells) if c.cell_type == "markdown"]
    mine, theirs, both = markdown[2], markdown[-3], code[1]

    # amina works: runs cells, edits a note and a code cell, saves the notebook (as
    # JupyterLab does, through the server), writes an answer and a file of her own.
    async def work():
        await in_kernel(amina, f"{FOLDER}/{LESSON}",
                        f"from nexus import answers\nanswers.save_text({KEY!r}, 'My answer, kept.')")
        model = await amina.read(f"{FOLDER}/{LESSON}")
        nb = model["content"]
        nb["cells"][mine]["source"] = "My own note on this section."
        nb["cells"][both]["source"] = "# amina's version of this cell\n" + "".join(nb["cells"][both]["source"])
        nb["cells"][both]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "amina ran this\n"}]
        nb["cells"][both]["execution_count"] = 1
        await amina.api("PUT", f"/contents/{FOLDER}/{LESSON}", {"type": "notebook", "format": "json",
                                                                 "content": nb})
        await amina.api("PUT", f"/contents/{FOLDER}/notes.md", {"type": "file", "format": "text",
                                                                 "content": "amina's notes"})

    run(work())
    answers_before = {p.name: p.read_bytes() for p in (copy / "my-answers").iterdir()}

    # The teacher changes the lesson (one cell amina did not touch, one she did) and adds a
    # file with the name of amina's own file.
    def edit(tree: Path):
        nb = nbformat.read(tree / LESSON, as_version=4)
        nb.cells[theirs].source += "\n\nA sentence the teacher added."
        nb.cells[both].source = "# the teacher's version of this cell\n" + nb.cells[both].source
        nbformat.write(nb, tree / LESSON)
        (tree / "notes.md").write_text("the teacher's notes\n", encoding="utf-8")

    classroom.server.teacher_commit("Teacher: update lesson 03", edit)
    teacher = nbformat.read(classroom.server.work / LESSON, as_version=4)

    async def reopen():
        for learner in (amina, bruno):
            await learner.open_link(classroom.link)

    run(reopen())

    merged = nbformat.reads(lesson.read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(merged)  # still a notebook JupyterLab opens
    assert merged.cells[mine].source == "My own note on this section."
    assert merged.cells[both].source.startswith("# amina's version"), "the learner's change must win"
    assert merged.cells[both].outputs[0]["text"] == "amina ran this\n"
    assert merged.cells[theirs].source.endswith("A sentence the teacher added.")
    assert {p.name: p.read_bytes() for p in (copy / "my-answers").iterdir()} == answers_before
    kept = [p for p in copy.glob("notes__*.md")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "amina's notes", sorted(
        p.name for p in copy.iterdir())
    assert (copy / "notes.md").read_text(encoding="utf-8") == "the teacher's notes\n"

    # bruno changed nothing: he simply has the teacher's version.
    assert nbformat.read(classroom.copy(bruno) / LESSON, as_version=4).cells == teacher.cells

    # A learner who deletes a lesson and clicks again gets a fresh copy.
    (classroom.copy(bruno) / LESSON).unlink()
    run(bruno.open_link(classroom.link))
    assert nbformat.read(classroom.copy(bruno) / LESSON, as_version=4).cells == teacher.cells


# --------------------------------------------------------------------------- a killed kernel


def test_a_killed_kernel_leaves_saved_answers_intact(classroom):
    learner = classroom.learners[1]
    nb = f"{FOLDER}/{LESSON}"
    text = "Saved before the kernel died."
    cells = load.code_cells(json.loads((classroom.copy(learner) / LESSON).read_text(encoding="utf-8")))

    async def lesson_then_kill():
        kernel = await learner.open_notebook(nb)
        for code in cells[:2]:  # mid-lesson
            await kernel.execute(code)
        await kernel.execute(f"from nexus import answers\nanswers.save_text({KEY!r}, {text!r})")
        pid = int(printed(await kernel.execute("import os\nprint(os.getpid())")).strip())
        # a long cell is running when the kernel is killed (as the machine's OOM killer would)
        message = kernel._message("execute_request", {"code": "import time\ntime.sleep(60)", "silent": False,
                                                      "store_history": True, "user_expressions": {},
                                                      "allow_stdin": False, "stop_on_error": True})
        await kernel.ws.write_message(json.dumps(message))
        await asyncio.sleep(0.5)
        os.kill(pid, signal.SIGKILL)
        await kernel.close()
        # The server notices the dead kernel and restarts it by itself ("Kernel Restarting");
        # the learner also presses Kernel > Restart and carries on. The two restarts can cross
        # and leave the first connection unanswered: then the learner restarts once more (as
        # JupyterLab's "Restart" does) and connects again.
        again = None
        for _attempt in range(3):
            with contextlib.suppress(load.LearnerError):
                await learner.api("POST", f"/kernels/{kernel.id}/restart")
            candidate = load.Kernel(learner, kernel.id)
            try:
                await candidate.connect(timeout=30)
            except (TimeoutError, load.LearnerError):
                await candidate.close()
                continue
            again = candidate
            break
        assert again is not None, "the restarted kernel never answered (3 attempts)"
        try:
            new_pid = int(printed(await again.execute("import os\nprint(os.getpid())")).strip())
            loaded = printed(await again.execute(
                f"from nexus import answers\nprint(answers.load_text({KEY!r}))")).strip()
            await again.execute(cells[0])  # the lesson runs again from the top
        finally:
            await again.close()
        return pid, new_pid, loaded

    pid, new_pid, loaded = run(lesson_then_kill())
    assert new_pid != pid, "the kernel was not restarted"
    assert loaded == text
    saved = classroom.copy(learner) / "my-answers" / f"{KEY}.md"
    assert saved.read_text(encoding="utf-8").strip() == text
    assert not list(saved.parent.glob("*.tmp")), "a half-written answer file was left behind"


def test_hub_link_tool_builds_the_link_teachers_hand_out():
    link = load.hub_link.link("https://hub.example.edu/", "notebooks/03_x.ipynb")
    assert link.startswith("https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2F")
    assert "targetpath=china-mali-nexus" in link and "branch=main" in link
    assert link.endswith("urlpath=lab%2Ftree%2Fchina-mali-nexus%2Fnotebooks%2F03_x.ipynb")
    assert load.hub_link.lesson_path("3") == LESSON
    assert load.hub_link.lesson_path("03", exercise=True).startswith("exercises/03_")
    with pytest.raises(SystemExit, match="there is no a lesson 42|there is no"):
        load.hub_link.lesson_path("42")


def test_every_deployment_points_kernels_at_the_learners_own_copy():
    """The link clones into FOLDER; the single-machine hub and the Zero to JupyterHub values
    put that folder on the learners' PYTHONPATH, so `nexus` (and its data/ and my-answers/)
    is the learner's own copy."""
    import re

    import yaml

    assert load.hub_link.FOLDER == FOLDER
    config = (ROOT / "deploy" / "jupyterhub_config.py").read_text(encoding="utf-8")
    assert re.search(rf'NEXUS_HUB_FOLDER", "{re.escape(FOLDER)}"', config)
    values = yaml.safe_load((ROOT / "deploy" / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    # repo2docker --user-name jovyan: the home the chart mounts each learner's volume on.
    assert single["extraEnv"]["PYTHONPATH"] == f"/home/jovyan/{FOLDER}"
    assert single["defaultUrl"] == "/lab" and single["cmd"] == "jupyterhub-singleuser"
    assert single["image"]["name"] and single["image"]["tag"]
    header = (ROOT / "deploy" / "z2jh" / "config.yaml").read_text(encoding="utf-8")
    assert "--user-name jovyan" in header and "--user-id 1000" in header
    for key in ("guarantee", "limit"):
        assert re.fullmatch(r"\d+(\.\d+)?[MG]", str(single["memory"][key])), single["memory"]
    assert float(single["cpu"]["guarantee"]) > 0


def test_load_tool_helpers():
    """The pieces of the classroom load tool that need no hub: percentiles (nearest rank),
    the pass rule, a browser's choice among cookies of the same name, account names."""
    assert load.percentile([0.1, 0.2, 0.3, 0.4, 2.5], 50) == 0.3
    assert load.percentile([0.1] * 19 + [3.0], 95) == 0.1 and load.percentile([0.1] * 19 + [3.0], 100) == 3.0
    row = {"errors": 0, "cell_p95_s": 2.0}
    assert load.passes(row) and not load.passes(row | {"errors": 1}) and not load.passes(row | {"cell_p95_s": 2.01})
    learner = load.Learner("http://127.0.0.1:1", "amina", "pw")
    learner.jar = {("/hub/", "_xsrf"): "hub", ("/user/amina/", "_xsrf"): "server", ("/", "other"): "x"}
    assert learner.cookies_for("/hub/api/users") == {"_xsrf": "hub", "other": "x"}
    assert learner.cookies_for("/user/amina/api/contents") == {"_xsrf": "server", "other": "x"}
    tool = load.learners_tool
    assert tool.check_name("amina") == "amina"
    for bad in ("Amina", "1amina", "ami na", "a" * 40, "../root"):
        with pytest.raises(SystemExit):
            tool.check_name(bad)
    secret = tool.password()
    assert len(secret) == 12 and set(secret) <= set(tool.WORDS)
