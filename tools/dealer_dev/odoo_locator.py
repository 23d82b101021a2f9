"""Find an Odoo 19 on this machine.

Odoo 19 is not on PyPI, so the suite never vendors it: it uses a source tree
named by ODOO_SRC, an `odoo` package that a Python on PATH can import (a
source install, the Debian package of nightly.odoo.com), or a source tree in a
conventional place. Where GitHub answers, it can clone odoo/odoo's 19.0 branch.
"""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import OdooNotFound
from .paths import DATA

MAJOR = 19
UPSTREAM = "https://github.com/odoo/odoo"
CONVENTIONAL_SOURCES = (
    "~/odoo",
    "~/odoo19",
    "~/src/odoo",
    "/opt/odoo19",
    "/opt/odoo",
    "/opt/odoo/odoo",
    "/opt/odoo/19.0",
    "/srv/odoo",
    "/usr/src/odoo",
)
GET_ODOO_HINT = (
    "get it one of two ways: (1) Docker, `docker compose up` (see README), or "
    "(2) git clone --depth 1 -b 19.0 https://github.com/odoo/odoo ~/odoo, "
    "then re-run (or set ODOO_SRC=/path/to/odoo)"
)


@dataclass(frozen=True)
class OdooInstall:
    """An Odoo 19 found on the machine.

    `source` is a source tree (with setup.py and requirements.txt) that the
    project's venv installs in editable mode; otherwise `python` is the
    interpreter whose site-packages already hold Odoo and its dependencies.
    """

    source: Path | None = None
    python: str | None = None

    @property
    def requirements(self):
        return self.source / "requirements.txt" if self.source else None

    def describe(self):
        return f"source tree {self.source}" if self.source else f"package of {self.python}"


def release_major(odoo_root):
    """Major version read from <root>/odoo/release.py without importing it."""
    release = Path(odoo_root) / "odoo" / "release.py"
    try:
        match = re.search(r"^version_info\s*=\s*\((\d+)", release.read_text(), re.MULTILINE)
    except OSError:
        return None
    return int(match.group(1)) if match else None


def _is_source_tree(root):
    return (root / "setup.py").is_file() and (root / "requirements.txt").is_file()


def _from_env():
    value = os.environ.get("ODOO_SRC")
    if not value:
        return None
    root = Path(value).expanduser().resolve()
    if release_major(root) != MAJOR or not _is_source_tree(root):
        raise OdooNotFound(f"ODOO_SRC={value} is not an Odoo {MAJOR} source tree; {GET_ODOO_HINT}")
    return OdooInstall(source=root)


def _candidate_pythons():
    seen = []
    for name in ("python3", *(f"python3.{minor}" for minor in range(13, 9, -1))):
        path = shutil.which(name)
        if path and os.path.realpath(path) not in seen:
            seen.append(os.path.realpath(path))
            yield path
    odoo_script = shutil.which("odoo")
    if odoo_script:
        with open(odoo_script, "rb") as script:
            shebang = script.readline().decode(errors="replace")
        if shebang.startswith("#!") and "python" in shebang:
            yield shebang[2:].strip().split()[0]


def _importable():
    probe = (
        "import os, odoo.release as r;"
        "print(r.version_info[0]);"
        "print(os.path.dirname(os.path.dirname(os.path.abspath(r.__file__))))"
    )
    for python in _candidate_pythons():
        try:
            result = subprocess.run([python, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        lines = result.stdout.split()
        if result.returncode or len(lines) != 2 or lines[0] != str(MAJOR):
            continue
        root = Path(lines[1])
        if _is_source_tree(root):
            return OdooInstall(source=root)
        return OdooInstall(python=python)
    return None


def _conventional():
    for candidate in CONVENTIONAL_SOURCES:
        root = Path(candidate).expanduser()
        if release_major(root) == MAJOR and _is_source_tree(root):
            return OdooInstall(source=root.resolve())
    return None


def _clone_upstream(say):
    """Clone odoo/odoo 19.0 into .data/ when GitHub answers (skipped offline)."""
    target = DATA / "odoo-19.0"
    if release_major(target) == MAJOR:
        return OdooInstall(source=target)
    if not shutil.which("git"):
        return None
    try:
        reachable = subprocess.run(
            ["git", "ls-remote", "--heads", UPSTREAM, "19.0"],
            capture_output=True,
            timeout=20,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    if reachable.returncode:
        return None
    say(f"No Odoo {MAJOR} on this machine: cloning {UPSTREAM} (branch 19.0) into {target}")
    DATA.mkdir(exist_ok=True)
    clone = subprocess.run(["git", "clone", "--depth", "1", "--branch", "19.0", UPSTREAM, str(target)], check=False)
    return OdooInstall(source=target) if clone.returncode == 0 else None


def locate_odoo(say):
    install = _from_env() or _importable() or _conventional() or _clone_upstream(say)
    if not install:
        raise OdooNotFound(f"no Odoo {MAJOR} found on this machine; {GET_ODOO_HINT}")
    return install
