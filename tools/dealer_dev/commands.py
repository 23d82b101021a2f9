"""The commands of the Makefile: run, test, test-addon, lint."""

import hashlib
import importlib.util
import os
import shutil
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import databases
from .bootstrap import REPORT_PACKAGES, TEST_PACKAGES, VENV, ensure_debian_packages
from .console import say
from .errors import UserFacingError
from .lint import run_linters
from .odoo_locator import OdooInstall
from .odoo_process import (
    check_port_free,
    external_dependencies,
    free_port,
    odoo_command,
    pytest_command,
    run_odoo,
    suite_addons,
)
from .paths import ADDONS, DATA, DB_PREFIX, LOGS, ODOO_CONF, ROOT, SUITE_TESTS
from .postgres import Databases, Server

DEMO_DB = f"{DB_PREFIX}_demo"
TEST_DB = f"{DB_PREFIX}_test"
BENCH_DB = f"{DB_PREFIX}_bench"
LEAP_DAY = "2028-02-29"


@dataclass
class Context:
    odoo: OdooInstall
    server: Server
    say: object

    @property
    def databases(self):
        return Databases(self.server)

    @property
    def env(self):
        return self.server.environ()


def _addons_fingerprint():
    digest = hashlib.sha256()
    for path in sorted(ADDONS.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ADDONS)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run(context, port):
    check_port_free(port)
    addons, _manifests = suite_addons()
    ensure_debian_packages(REPORT_PACKAGES, context.say, "printing reports")
    stamp = DATA / f"{DEMO_DB}.stamp"
    fingerprint = _addons_fingerprint()
    if not context.databases.exists(DEMO_DB):
        context.say(f"Creating the demo database {DEMO_DB} (first run only, a few minutes)")
        step = ["-i", ",".join(addons), "--with-demo", "--load-language", databases.LANGUAGES]
    elif not stamp.is_file() or stamp.read_text() != fingerprint:
        context.say(f"The add-ons changed since the last run: updating {DEMO_DB}")
        step = ["-u", ",".join(addons)]
    else:
        step = None
    if step:
        log = run_odoo("demo-setup", odoo_command(DEMO_DB, *step, "--stop-after-init", "--no-http"), context.env)
        if log.returncode:
            raise UserFacingError(f"setting up {DEMO_DB} failed, see {log.path}", exit_code=1)
        stamp.write_text(fingerprint)
    context.say(f"Dealer demo on http://localhost:{port}  (log in as admin / admin; Ctrl-C stops)")
    command = odoo_command(DEMO_DB, "--db-filter", f"^{DEMO_DB}$", "--http-port", str(port))
    os.chdir(ROOT)
    os.execve(command[0], command, context.env)


def _ensure_browser(context):
    missing = ensure_debian_packages(TEST_PACKAGES, context.say, "the browser tours")
    if missing:
        raise UserFacingError(
            "the browser tours need Chromium and it could not be installed here; "
            "install it (Debian/Ubuntu: sudo apt-get install chromium) and re-run"
        )


def _install_and_test(context, addons, database):
    """Install `addons` in a fresh copy of their template and run their tests."""
    template = databases.ensure_template(context, _closure(addons))
    databases.fresh_copy(context, template, database)
    context.say(f"Installing {', '.join(addons)} in {database} and running their tests")
    return run_odoo(
        database,
        odoo_command(
            database,
            "-i",
            ",".join(addons),
            "--test-tags",
            ",".join(f"/{name}" for name in addons),
            "--stop-after-init",
            "--http-port",
            str(free_port()),
            "--max-cron-threads",
            "0",
        ),
        context.env,
    )


def _pytest(context, database, path=SUITE_TESTS, env=None):
    LOGS.mkdir(parents=True, exist_ok=True)
    junit = LOGS / f"pytest-{database}.xml"
    junit.unlink(missing_ok=True)
    context.say(f"Running the suite tests in {path.relative_to(ROOT)} on {database} (pytest-odoo)")
    result = subprocess.run(
        pytest_command(database, [str(path.relative_to(ROOT))], junit),
        cwd=ROOT,
        env=env or context.env,
        check=False,
    )
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if junit.is_file():
        suite = ET.parse(junit).getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        counts = {key: int(suite.get(key, 0)) for key in counts}
    counts["returncode"] = result.returncode
    return counts


def _check_counts(addons, log):
    """Every add-on must have run tests: an empty run proves nothing."""
    return [name for name in addons if not log.tests_per_module.get(name)]


def _row(label, text):
    print(f"  {label:<26}{text}")


def _print_odoo_summary(addons, log):
    for name in addons:
        tests, seconds = log.tests_per_module.get(name, 0), log.seconds_per_module.get(name, 0)
        _row(name, f"{tests:>5} tests {seconds:>8.1f} s")
    _row("Odoo test run", f"{log.tests:>5} tests, {log.failed} failed, {log.errors} error(s)")
    _row("log problems", f"{len(log.problems):>5} WARNING/ERROR lines ({log.path.relative_to(ROOT)})")


def _print_lint_summary(results, prefix=""):
    for result in results:
        state = f"skipped: {result.skipped}" if result.skipped else ("clean" if result.ok else "FINDINGS")
        _row(prefix + result.tool, state)


def test(context):
    started = time.monotonic()
    _ensure_browser(context)
    addons, _manifests = suite_addons()
    keep = {
        databases.template_name(context.odoo, external_dependencies(_closure(selection)))
        for selection in [addons, *([name] for name in addons)]
    }
    databases.drop_stale_templates(context, keep)
    log = _install_and_test(context, addons, TEST_DB)
    pytest_counts = _pytest(context, TEST_DB)
    # the demo on the day that bites hardest; `make demo-dates` tries them all
    leap_day, leap_moment = next(edge for edge in _calendar_edges() if str(edge[0]) == LEAP_DAY)
    demo_log, demo_story = _install_demo_on(context, databases.ensure_template(context, addons), leap_day, leap_moment)
    lint_results = run_linters(context.say)

    empty = _check_counts(addons, log)
    print("\nDealer suite: test summary")
    _print_odoo_summary(addons, log)
    _row(
        "suite tests (pytest)",
        f"{pytest_counts['tests']:>5} tests, {pytest_counts['failures']} failed, "
        f"{pytest_counts['errors']} error(s), {pytest_counts['skipped']} skipped",
    )
    demo_ok = not (demo_log.returncode or demo_log.problems or demo_story["returncode"] or not demo_story["tests"])
    _row(f"demo on {LEAP_DAY} 00:30", f"{'ok' if demo_ok else 'FAILED'} (install and story, {demo_log.path.name})")
    _print_lint_summary(lint_results, prefix="lint: ")
    _row("elapsed", f"{time.monotonic() - started:>8.1f} s")

    failures = []
    if log.returncode or log.failed or log.errors:
        failures.append("Odoo tests failed")
    if empty:
        failures.append(f"no test ran for {', '.join(empty)}")
    if log.problems:
        failures.append(f"{len(log.problems)} WARNING/ERROR line(s) in the log")
    if pytest_counts["returncode"] or not pytest_counts["tests"]:
        failures.append("suite tests failed" if pytest_counts["tests"] else "no suite test ran")
    if not demo_ok:
        failures.append(f"the demo installed on {LEAP_DAY} tells no coherent story")
    if not all(result.ok for result in lint_results):
        failures.append("lint findings")
    if failures:
        print(f"FAILED: {'; '.join(failures)}")
        return 1
    print("PASSED")
    return 0


def _closure(selection):
    """The suite add-ons that `selection` needs, themselves included, dependencies first."""
    addons, manifests = suite_addons()
    needed = set(selection)
    for name in reversed(addons):
        if name in needed:
            needed.update(dep for dep in manifests[name].get("depends", []) if dep in manifests)
    return [name for name in addons if name in needed]


def test_addon(context, addon):
    addons, _manifests = suite_addons()
    if addon not in addons:
        raise UserFacingError(f"unknown add-on {addon!r}; choose one of: {', '.join(addons)}", exit_code=2)
    _ensure_browser(context)
    log = _install_and_test(context, [addon], f"{TEST_DB}_{addon}")
    print(f"\n{addon} alone (with its dependencies only):")
    _print_odoo_summary([addon], log)
    failed = log.returncode or log.failed or log.errors or log.problems or _check_counts([addon], log)
    print("FAILED" if failed else "PASSED")
    return 1 if failed else 0


def bench(context, names):
    """Install the add-ons in a fresh database and run the scale benchmarks of tests/benchmarks/."""
    addons, _manifests = suite_addons()
    template = databases.ensure_template(context, addons)
    databases.fresh_copy(context, template, BENCH_DB)
    context.say(f"Installing {', '.join(addons)} in {BENCH_DB} (no demo data needed: the benchmarks build their own)")
    log = run_odoo(
        BENCH_DB, odoo_command(BENCH_DB, "-i", ",".join(addons), "--stop-after-init", "--no-http"), context.env
    )
    if log.returncode:
        raise UserFacingError(f"installing the add-ons failed, see {log.path}", exit_code=1)
    context.say("Running the benchmarks (several minutes: they build a whole dealer group)")
    command = [str(VENV / "bin" / "python"), str(SUITE_TESTS / "benchmarks" / "run.py"), BENCH_DB, *names]
    return subprocess.run(command, cwd=ROOT, env=context.env, check=False).returncode


def export_translations(context):
    """Refresh each add-on's i18n/<addon>.pot and i18n/zh_CN.po from the test database.

    The exported zh_CN.po keeps the existing translations and lists new terms
    with an empty msgstr.
    """
    addons, _manifests = suite_addons()
    if not context.databases.exists(TEST_DB):
        raise UserFacingError(f"run `make test` first: the terms are exported from {TEST_DB}", exit_code=2)

    def export(modules, language, *output):
        command = [str(VENV / "bin" / "python"), "-m", "odoo", "i18n", "export", "-c", str(ODOO_CONF)]
        command += ["-d", TEST_DB, *modules, "-l", language, *output]
        return subprocess.run(command, cwd=ROOT, env=context.env, check=False).returncode

    if exported := export(addons, "pot"):
        return exported
    # Odoo reads the translations of Python and JS terms from the .po file it
    # is writing, after truncating it: export elsewhere, then move into place.
    with tempfile.TemporaryDirectory() as folder:
        for addon in addons:
            exported_po = Path(folder) / f"{addon}.po"
            if exported := export([addon], "zh_CN", "-o", str(exported_po)):
                return exported
            shutil.move(exported_po, ADDONS / addon / "i18n" / "zh_CN.po")
    # the layout OCA's PO checks expect
    translations = [str(path) for path in sorted(ADDONS.glob("*/i18n/*.po*"))]
    subprocess.run([str(VENV / "bin" / "oca-checks-po"), "--fix", "--no-verbose", *translations], check=False)
    return 0


def lint():
    results = run_linters(say)
    _print_lint_summary(results)
    return 0 if all(result.ok for result in results) else 1


def _calendar_edges(days=()):
    """The days where calendars bite, as the add-ons' tests list them (dealer_crm_base/tests/clock.py), or the
    `days` asked for (ISO dates), each with its moment at 00:30 in the stores."""
    spec = importlib.util.spec_from_file_location("dealer_clock", ADDONS / "dealer_crm_base" / "tests" / "clock.py")
    clock = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(clock)
    chosen = [date.fromisoformat(day) for day in days] or clock.CALENDAR_EDGES
    return [(day, clock.store_moment(day, clock.JUST_AFTER_MIDNIGHT)) for day in chosen]


def _install_demo_on(context, template, day, moment):
    """Install the suite with its demo in a fresh database, the clock set to `moment`; test its story."""
    addons, _manifests = suite_addons()
    database = f"{DB_PREFIX}_demo_on_{day:%Y%m%d}"
    databases.fresh_copy(context, template, database)
    context.say(f"Installing the demo as on {day} at 00:30 in Beijing ({moment} UTC) in {database}")
    command = [str(VENV / "bin" / "python"), "-m", "dealer_dev.odoo_at", moment.isoformat()]
    command += odoo_command(database, "-i", ",".join(addons), "--stop-after-init", "--no-http")[3:]
    env = {**context.env, "PYTHONPATH": str(ROOT / "tools")}
    log = run_odoo(database, command, env)
    story = _pytest(context, database, SUITE_TESTS / "test_demo_story.py", {**context.env, "DEALER_DEMO_DAY": str(day)})
    if not (log.returncode or log.problems or story["returncode"]):
        context.databases.drop(database)  # a database that failed stays, to be looked into
        databases.drop_filestore(database)
    return log, story


def demo_dates(context, days):
    """Install the demo on each of the days where calendars bite (or on `days`) and check its story."""
    addons, _manifests = suite_addons()
    template = databases.ensure_template(context, addons)
    edges = _calendar_edges(days)
    results = [(day, *_install_demo_on(context, template, day, moment)) for day, moment in edges]
    print("\nThe demo installed on the days where calendars bite (00:30 in Beijing):")
    failed = False
    for day, log, story in results:
        passed = story["tests"] - story["failures"] - story["errors"]
        ok = not (log.returncode or log.problems or story["returncode"] or not story["tests"])
        failed |= not ok
        verdict = "ok" if ok else "FAILED"
        story_figures = f"story {passed}/{story['tests']}"
        _row(str(day), f"install {log.elapsed:>4.0f} s, {len(log.problems)} log problems, {story_figures}, {verdict}")
    print("FAILED" if failed or not results else "PASSED")
    return 1 if failed or not results else 0
