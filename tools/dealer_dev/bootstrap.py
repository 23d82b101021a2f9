"""Prepare the machine: system packages, the project's venv, the XML linter.

Each step records what it installed in a stamp file and is skipped when
nothing changed, so a second run is up in seconds.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

from .errors import UserFacingError
from .odoo_locator import locate_odoo
from .paths import ROOT, VENV

VENV_PYTHON = VENV / "bin" / "python"
VENV_STAMP = VENV / ".dealer-stamp.json"
BUILD_CONSTRAINTS = ROOT / "requirements" / "build-constraints.txt"
RUNTIME_REQUIREMENTS = ROOT / "requirements.txt"
DEV_REQUIREMENTS = ROOT / "requirements" / "dev.txt"

# Debian packages: headers that Odoo's pinned sdists compile against, and the
# browser that runs the tours. wkhtmltopdf and CJK fonts print the reports.
BUILD_PACKAGES = ("libpq-dev", "libldap2-dev", "libsasl2-dev")
TEST_PACKAGES = ("chromium",)
REPORT_PACKAGES = ("wkhtmltopdf", "fonts-noto-cjk")


def _sha(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(str(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _read(path):
    return path.read_text() if path and path.is_file() else ""


def _missing_debian_packages(packages):
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for package in packages:
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            capture_output=True,
            text=True,
            check=False,
        )
        if "install ok installed" not in status.stdout:
            missing.append(package)
    return missing


def ensure_debian_packages(packages, say, required_for):
    """apt-get install what is missing, as root or with password-less sudo.

    Returns the packages still missing (no apt, no rights, or install failed).
    """
    missing = _missing_debian_packages(packages)
    if not missing or not shutil.which("apt-get"):
        return missing
    if os.geteuid() == 0:
        prefix = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], check=False).returncode == 0:
        prefix = ["sudo", "-n"]
    else:
        return missing
    say(f"Installing Debian packages for {required_for}: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    update = subprocess.run([*prefix, "apt-get", "update", "-qq"], env=env, check=False)
    if update.returncode == 0:
        subprocess.run(
            [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
            env=env,
            stdout=subprocess.DEVNULL,
            check=False,
        )
    return _missing_debian_packages(missing)


def _pip(args, say, what):
    env = dict(os.environ)
    # Old sdists pinned by Odoo break with setuptools>=81; pip before 25.3
    # applies PIP_CONSTRAINT to build environments, newer pip reads the other.
    env["PIP_CONSTRAINT"] = str(BUILD_CONSTRAINTS)
    env["PIP_BUILD_CONSTRAINT"] = str(BUILD_CONSTRAINTS)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result = subprocess.run(
        [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise UserFacingError(f"pip could not install {what} (output above)")


def ensure_venv(say):
    """Create .venv with Odoo, its requirements and the suite's pinned extras and linters."""
    odoo = locate_odoo(say)
    requirement_files = [RUNTIME_REQUIREMENTS, DEV_REQUIREMENTS]
    stamp = {
        "python": os.path.realpath(odoo.python or sys.executable),
        "odoo": odoo.describe(),
        "requirements": _sha(_read(odoo.requirements), *map(_read, requirement_files)),
    }
    if VENV_STAMP.is_file() and json.loads(VENV_STAMP.read_text()) == stamp:
        return odoo
    if odoo.source:
        ensure_debian_packages(BUILD_PACKAGES, say, "building Odoo's Python requirements")
    say(f"Preparing the virtual environment .venv (Odoo: {odoo.describe()})")
    previous = json.loads(VENV_STAMP.read_text()) if VENV_STAMP.is_file() else {}
    if previous.get("python") != stamp["python"] or previous.get("odoo") != stamp["odoo"]:
        shutil.rmtree(VENV, ignore_errors=True)
        venv_args = [stamp["python"], "-m", "venv"]
        if not odoo.source:
            venv_args.append("--system-site-packages")
        created = subprocess.run([*venv_args, str(VENV)], capture_output=True, text=True, check=False)
        if created.returncode:
            raise UserFacingError(
                f"could not create .venv with {stamp['python']} ({created.stderr.strip()}); "
                "on Debian/Ubuntu: apt install python3-venv"
            )
    if odoo.source:
        _pip(["-r", str(odoo.requirements)], say, "Odoo's requirements")
        _pip(
            ["--no-deps", "-e", str(odoo.source), "--config-settings", "editable_mode=compat"],
            say,
            "Odoo",
        )
    for requirements in requirement_files:
        _pip(["-r", str(requirements)], say, requirements.name)
    VENV_STAMP.write_text(json.dumps(stamp, indent=1))
    return odoo


def ensure_prettier(say):
    """Install the pinned prettier + XML plugin with npm; None when npm is absent."""
    prettier = ROOT / "node_modules" / ".bin" / "prettier"
    lock = ROOT / "package-lock.json"
    installed_lock = ROOT / "node_modules" / ".package-lock.json"
    up_to_date = installed_lock.is_file() and installed_lock.stat().st_mtime >= lock.stat().st_mtime
    if prettier.exists() and up_to_date:
        return prettier
    if not shutil.which("npm"):
        return None
    say("Installing prettier and its XML plugin (npm ci)")
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--silent"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.stderr.write(result.stderr[-2000:])
        raise UserFacingError("npm ci failed (output above)")
    return prettier
