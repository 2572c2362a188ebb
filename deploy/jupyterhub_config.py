"""JupyterHub for a class on one Linux machine: every learner gets a personal copy of the suite.

Each learner is a local Unix account (made with ``deploy/learners.py``) whose home folder
only they can open; the hub starts each learner's JupyterLab as that account (a local
process), with the suite's packages from the environment the hub runs in. Learners get
their copy with an nbgitpuller link (``tools/hub_link.py``): it clones the suite into
``~/china-mali-nexus`` on the first click and merges the teacher's updates on later clicks
without overwriting the learner's work. Their answers go to ``~/china-mali-nexus/my-answers/``.

Run it as root (a local-process hub must switch to each learner's account), from the
folder that should keep the hub's database and cookie secret::

    sudo <env>/bin/jupyterhub -f <suite>/deploy/jupyterhub_config.py

where ``<env>`` is a virtual environment made with ``pip install -r deploy/requirements-hub.txt``
and the proxy comes from ``npm ci --prefix deploy`` (see the instructor guide, "A class on
one hub"). Optional settings, as environment variables:

NEXUS_HUB_URL     the address learners open (default ``http://127.0.0.1:8000``; put HTTPS in
                  front of it, or give ``https://...`` with a certificate, for a real class)
NEXUS_HUB_GROUP   the Unix group whose members may log in (default ``learners``)
NEXUS_HUB_ADMINS  comma-separated accounts of teachers who may manage learners' servers
NEXUS_HUB_FOLDER  the folder the nbgitpuller link clones into (default ``china-mali-nexus``)
NEXUS_HUB_PROXY   the configurable-http-proxy command (default: ``deploy/node_modules/.bin/
                  configurable-http-proxy`` when ``npm ci --prefix deploy`` has run, else
                  ``configurable-http-proxy`` on PATH)
NEXUS_HUB_STATE   folder for the hub's database, cookie secret and proxy pid file
                  (default: the current folder)
"""

import json
import os
import pwd
import stat
import subprocess
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides get_config when it loads this file)

DEPLOY = Path(__file__).resolve().parent
STATE = Path(os.environ.get("NEXUS_HUB_STATE", os.getcwd())).resolve()
FOLDER = os.environ.get("NEXUS_HUB_FOLDER", "china-mali-nexus")
GROUP = os.environ.get("NEXUS_HUB_GROUP", "learners")
ADMINS = {name.strip() for name in os.environ.get("NEXUS_HUB_ADMINS", "").split(",") if name.strip()}

# ------------------------------------------------------------------ the hub and its proxy
c.JupyterHub.bind_url = os.environ.get("NEXUS_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_ip = "127.0.0.1"  # the hub's own API stays on this machine
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
_npm_proxy = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [os.environ.get("NEXUS_HUB_PROXY")
                                   or (str(_npm_proxy) if _npm_proxy.exists() else "configurable-http-proxy")]

# ------------------------------------------------------------------ who may log in
# Local accounts and their passwords (PAM); only members of GROUP (learners.py puts every
# learner in it) and the teachers named in NEXUS_HUB_ADMINS.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {GROUP}
c.Authenticator.admin_users = ADMINS
c.Authenticator.allowed_users = ADMINS  # teachers may log in even outside GROUP
# An account a learner does not have is never created on the fly.
c.LocalAuthenticator.create_system_users = False

# ------------------------------------------------------------------ each learner's JupyterLab
c.JupyterHub.spawner_class = "localprocess"
# The single-user server and kernels come from the environment the hub runs in, which has
# requirements.txt installed (nexus itself is NOT installed there: see PYTHONPATH below).
c.Spawner.cmd = [str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
# No language servers are installed for learners: jupyter-lsp would only search for them
# at every server start (about a second of a busy core per learner).
c.Spawner.args = ["--ServerApp.jpserver_extensions=jupyter_lsp=False"]
c.Spawner.start_timeout = 120  # a whole class logging in at once starts many servers
c.Spawner.http_timeout = 90


def _home(spawner) -> Path:
    return Path(pwd.getpwnam(spawner.user.name).pw_dir)


def _suite_on_path(spawner) -> str:
    # `import nexus` finds the learner's own copy, so its data/ and my-answers/ are theirs.
    return str(_home(spawner) / FOLDER)


c.Spawner.environment = {"PYTHONPATH": _suite_on_path}


def _protect_home(spawner):
    """A learner's home folder is theirs alone: nobody else may list or read it (useradd's
    default on many systems lets every account read every home)."""
    home = _home(spawner)
    mode = stat.S_IMODE(home.stat().st_mode)
    if mode & 0o077:
        home.chmod(mode & 0o700)
        spawner.log.info("Closed %s to other accounts (mode %o -> %o)", home, mode, mode & 0o700)


def _font_list() -> Path | None:
    """matplotlib's list of the system's fonts, built once for every learner (each new
    account would otherwise spend a second or two of the first lesson's first cell on it)."""
    cache = STATE / "matplotlib-cache"
    if not list(cache.glob("fontlist-*.json")):
        cache.mkdir(parents=True, exist_ok=True)
        cache.chmod(0o755)
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], timeout=300,
                       env=dict(os.environ, MPLCONFIGDIR=str(cache)), capture_output=True)
    found = sorted(cache.glob("fontlist-*.json"))
    for path in found:
        path.chmod(0o644)
    return found[-1] if found else None


FONT_LIST = _font_list()


def _prepare_learner(spawner):
    _protect_home(spawner)
    if FONT_LIST is None:
        return
    # Copied as the learner (never as root into a folder the learner controls).
    user = pwd.getpwnam(spawner.user.name)
    target = Path(user.pw_dir) / ".cache" / "matplotlib"
    subprocess.run(["sh", "-c", 'mkdir -p "$1" && cp -n "$2" "$1/"', "sh", str(target), str(FONT_LIST)],
                   user=user.pw_uid, group=user.pw_gid, extra_groups=[], cwd="/", capture_output=True,
                   timeout=30)


c.Spawner.pre_spawn_hook = _prepare_learner


# ------------------------------------------------------------------ what a learner sees first
def _install_lab_settings():
    """The suite's JupyterLab settings (the same file postBuild installs on Binder), as a
    namespaced override in the environment the learners' JupyterLab runs from."""
    target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
    wanted = json.loads((DEPLOY / "jupyterlab-overrides.json").read_text(encoding="utf-8"))
    path = target / "china-mali-nexus.json"
    try:
        if not path.exists() or json.loads(path.read_text(encoding="utf-8")) != wanted:
            target.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
    except OSError as e:
        print(f"[nexus hub] could not install the JupyterLab settings in {path}: {e}", file=sys.stderr)


_install_lab_settings()
