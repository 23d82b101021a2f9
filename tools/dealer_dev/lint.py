"""Lint the way OCA does: ruff, ruff format, pylint-odoo's mandatory checks, OCA's checks of
XML, CSV and PO files, prettier (XML and JavaScript)."""

import subprocess
import sys
from dataclasses import dataclass

from .bootstrap import VENV, ensure_prettier
from .paths import ADDONS, ROOT

PYTHON_TREES = ("addons", "tests", "tools")


@dataclass
class LintResult:
    tool: str
    ok: bool
    output: str = ""
    skipped: str = ""


def _run(tool, command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return LintResult(tool, result.returncode == 0, (result.stdout + result.stderr).strip())


def run_linters(say):
    binaries = VENV / "bin"
    manifests = sorted(ADDONS.glob("*/__manifest__.py"))
    addons = [str(path.parent.relative_to(ROOT)) for path in manifests]
    translations = [str(path.relative_to(ROOT)) for path in sorted(ADDONS.glob("*/i18n/*.po*"))]
    results = [
        _run("ruff", [str(binaries / "ruff"), "check", "--no-fix", *PYTHON_TREES]),
        _run("ruff format", [str(binaries / "ruff"), "format", "--check", *PYTHON_TREES]),
        _run(
            "pylint-odoo",
            [str(binaries / "pylint"), "--rcfile=.pylintrc-mandatory", "--score=n", *addons],
        ),
        _run("OCA module checks", [str(binaries / "oca-checks-odoo-module"), *map(str, manifests)]),
        _run("OCA PO checks", [str(binaries / "oca-checks-po"), *translations]),
    ]
    prettier = ensure_prettier(say)
    if prettier:
        results.append(_run("prettier (XML, JS)", [str(prettier), "--check", "addons/**/*.xml", "addons/**/*.js"]))
    else:
        results.append(LintResult("prettier (XML, JS)", True, skipped="npm is not installed"))
    for result in results:
        if not result.ok:
            sys.stdout.write(f"\n--- {result.tool} findings ---\n{result.output}\n")
    return results
