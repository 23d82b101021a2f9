"""Start Odoo from the project's venv with odoo.conf, and read what it logged."""

import ast
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

from .bootstrap import VENV_PYTHON
from .errors import PortBusy
from .paths import ADDONS, FILESTORE, LOGS, ODOO_CONF, ROOT

LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): ")
TEST_STARTED = re.compile(r" odoo\.addons\.(?P<module>\w+)\.tests\.\S+: Starting \w+\.\w+ \.\.\.")
TEST_STATS = re.compile(r"odoo\.tests\.stats: (?P<module>\w+): \d+ tests (?P<seconds>[\d.]+)s")
TEST_TOTALS = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<tests>\d+) tests")
PROBLEM_LEVELS = {"WARNING", "ERROR", "CRITICAL"}


def suite_addons():
    """The add-ons of addons/, dependencies first."""
    manifests = {
        path.parent.name: ast.literal_eval(path.read_text()) for path in sorted(ADDONS.glob("*/__manifest__.py"))
    }
    ordered = []

    def visit(name):
        if name in manifests and name not in ordered:
            for dependency in manifests[name].get("depends", []):
                visit(dependency)
            ordered.append(name)

    for name in manifests:
        visit(name)
    return ordered, manifests


def external_dependencies(addons):
    """Odoo (and OCA) modules that the given suite add-ons depend on directly."""
    _ordered, manifests = suite_addons()
    return sorted({dep for name in addons for dep in manifests[name].get("depends", []) if dep not in manifests})


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_port_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError as error:
            raise PortBusy(
                f"port {port} is busy ({error.strerror}); stop what uses it (another Odoo?) "
                f"or choose another port: make run PORT={port + 1}"
            ) from error


def odoo_command(database, *options):
    return [str(VENV_PYTHON), "-m", "odoo", "server", "-c", str(ODOO_CONF), "-d", database, *options]


def pytest_command(database, paths, junit):
    """pytest-odoo over `paths` on `database`, with the project's Odoo configuration, reporting to `junit`."""
    return [
        str(VENV_PYTHON),
        "-m",
        "pytest",
        *paths,
        "-p",
        "no:cacheprovider",
        "-q",
        "--odoo-database",
        database,
        "--odoo-config",
        str(ODOO_CONF),
        "--junitxml",
        str(junit),
    ]


def copy_filestore(source_db, target_db):
    source, target = FILESTORE / source_db, FILESTORE / target_db
    shutil.rmtree(target, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, target)


def drop_filestore(database):
    shutil.rmtree(FILESTORE / database, ignore_errors=True)


@dataclass
class OdooLog:
    path: object
    problems: list = field(default_factory=list)
    tests_per_module: dict = field(default_factory=dict)
    seconds_per_module: dict = field(default_factory=dict)
    failed: int = 0
    errors: int = 0
    tests: int = 0
    returncode: int = 0
    elapsed: float = 0.0

    @classmethod
    def parse(cls, path, returncode):
        log = cls(path=path, returncode=returncode)
        for line in path.read_text(errors="replace").splitlines():
            match = LOG_LINE.match(line)
            if match and match["level"] in PROBLEM_LEVELS:
                log.problems.append(line)
            started = TEST_STARTED.search(line)
            if started:
                module = started["module"]
                log.tests_per_module[module] = log.tests_per_module.get(module, 0) + 1
            stats = TEST_STATS.search(line)
            if stats:
                module = stats["module"]
                log.seconds_per_module[module] = log.seconds_per_module.get(module, 0) + float(stats["seconds"])
            totals = TEST_TOTALS.search(line)
            if totals:
                log.failed += int(totals["failed"])
                log.errors += int(totals["errors"])
                log.tests += int(totals["tests"])
        return log


def run_odoo(name, command, env, echo_problems=True):
    """Run an Odoo command to completion; its whole output goes to .data/logs/<name>.log.

    Warnings and errors are echoed as they come, so a long run is never silent
    about what will fail it.
    """
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / f"{name}.log"
    started = time.monotonic()
    with log_path.open("w") as log_file:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for line in process.stdout:
            log_file.write(line)
            match = LOG_LINE.match(line)
            if echo_problems and match and match["level"] in PROBLEM_LEVELS:
                sys.stdout.write("  " + line)
        returncode = process.wait()
    log = OdooLog.parse(log_path, returncode)
    log.elapsed = time.monotonic() - started
    return log
