#!/usr/bin/env python3
"""Make (or remove) the local accounts of a class for the single-machine hub.

    sudo python3 deploy/learners.py add amina bruno chen > passwords.csv
    sudo python3 deploy/learners.py remove amina bruno chen

``add`` makes each account with a home folder that only its owner may open (mode 700),
puts it in the group the hub lets in (``learners``, or ``--group``), gives it a random
password and prints ``name,password`` lines to hand out (keep that file private).
``remove`` deletes the accounts and their home folders (all their work: export first).
Linux only; needs root (useradd, chpasswd, userdel).
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import re
import secrets
import subprocess
import sys
from pathlib import Path

NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
WORDS = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to read aloud and type


def password(length: int = 12) -> str:
    """A random password of easy-to-read characters."""
    return "".join(secrets.choice(WORDS) for _ in range(length))


def check_name(name: str) -> str:
    if not NAME.match(name):
        raise SystemExit(f"'{name}' cannot be an account name: use lowercase letters, digits, '-' "
                         "or '_', starting with a letter, at most 32 characters.")
    return name


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def add(names: list[str], group: str) -> list[tuple[str, str]]:
    """Create the accounts (homes mode 700, in `group`); returns (name, password) pairs."""
    try:
        grp.getgrnam(group)
    except KeyError:
        subprocess.run(["groupadd", group], check=True)
    made = []
    for name in map(check_name, names):
        if exists(name):
            raise SystemExit(f"'{name}' already has an account; choose another name or remove it first.")
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "--groups", group, name],
                       check=True)
        home = Path(pwd.getpwnam(name).pw_dir)
        home.chmod(0o700)
        secret = password()
        subprocess.run(["chpasswd"], input=f"{name}:{secret}\n", text=True, check=True)
        made.append((name, secret))
    return made


def remove(names: list[str]) -> None:
    """Delete the accounts and their home folders (accounts that do not exist are skipped)."""
    for name in map(check_name, names):
        if exists(name):
            # userdel exits 12 when it could not remove the home folder; report, go on.
            result = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
            if result.returncode not in (0, 12):
                print(f"could not remove {name}: {result.stderr.strip()}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["add", "remove"])
    parser.add_argument("names", nargs="+", help="account names (lowercase)")
    parser.add_argument("--group", default="learners", help="the group the hub lets in (default: learners)")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        raise SystemExit("Run this as root (sudo): it makes or removes system accounts.")
    if args.action == "add":
        for name, secret in add(args.names, args.group):
            print(f"{name},{secret}")
    else:
        remove(args.names)
    return 0


if __name__ == "__main__":
    sys.exit(main())
