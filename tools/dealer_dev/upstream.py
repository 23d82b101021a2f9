"""`make odoo-tests`: Odoo's own tests of the modules the suite extends, without and with the suite.

Two databases hold the same Odoo modules and demo data (copies of the suite's
template); the suite is installed in the second only. pytest-odoo runs each
module's tests on both, whatever their at_install/post_install tags, and the
results are compared test by test: a test whose result differs is the suite's
doing. Browser tours (HttpCase) are skipped on both sides.
"""

import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from . import databases
from .bootstrap import VENV_PYTHON
from .errors import UserFacingError
from .odoo_process import odoo_command, pytest_command, run_odoo, suite_addons
from .paths import DB_PREFIX, LOGS, ODOO_CONF, ROOT

# Module -> its test files that exercise what the suite extends (None: all of them).
# account and stock hold thousands of tests: only those of invoices and stock moves.
SELECTION = {
    "crm": None,
    "fleet": None,
    "loyalty": None,
    "survey": None,
    "account": ["test_account_move_out_invoice.py", "test_account_move_in_invoice.py"],
    "stock": ["test_move.py", "test_stock_flow.py"],
}
# Differences explained in docs/odoo-tests.md: reported, but they do not fail the command.
EXPLAINED = {
    ("crm", "test_performances.TestLeadAssignPerf.test_assign_perf_no_duplicates"),
}
WITHOUT, WITH = "without", "with"
OUTCOMES = ("passed", "failed", "error", "skipped")


@dataclass
class Run:
    """The results of one module's tests on one database, test id -> outcome."""

    outcomes: dict = field(default_factory=dict)
    seconds: float = 0.0

    def count(self, outcome):
        return sum(1 for value in self.outcomes.values() if value == outcome)


def odoo_tests(context, modules):
    unknown = sorted(set(modules) - set(SELECTION))
    if unknown:
        raise UserFacingError(f"no selection for {', '.join(unknown)}; choose among: {', '.join(SELECTION)}", 2)
    modules = modules or list(SELECTION)
    started = time.monotonic()
    without, with_suite = _prepare_databases(context)
    prepared = time.monotonic() - started
    differences = compare(context, modules, without, with_suite)
    print(f"  {'elapsed':<10}{time.monotonic() - started:>8.0f} s ({prepared:.0f} s to prepare the databases)")
    if differences:
        print(f"DIFFERENT: {differences} test(s) differ without an explanation in docs/odoo-tests.md")
    else:
        print("SAME RESULTS (but for the differences explained in docs/odoo-tests.md)")
    return 1 if differences else 0


def compare(context, modules, without, with_suite):
    """Run the modules' tests on both databases, print the comparison; return how many tests differ."""
    results = {}
    for module in modules:
        paths = _test_paths(context, module)
        results[module] = {
            side: _pytest(context, database, module, paths)
            for side, database in ((WITHOUT, without), (WITH, with_suite))
        }
    return _print_comparison(results)


def _prepare_databases(context):
    """Two fresh copies of the template (Odoo modules and demo data); the suite installed in the second."""
    addons, _manifests = suite_addons()
    template = databases.ensure_template(context, addons)
    without, with_suite = f"{DB_PREFIX}_odoo_tests_{WITHOUT}", f"{DB_PREFIX}_odoo_tests_{WITH}"
    for database in (without, with_suite):
        databases.fresh_copy(context, template, database)
    context.say(f"Installing the suite in {with_suite} (with its demo); {without} stays without it")
    log = run_odoo(
        with_suite,
        odoo_command(with_suite, "-i", ",".join(addons), "--stop-after-init", "--no-http", "--max-cron-threads", "0"),
        context.env,
    )
    if log.returncode:
        raise UserFacingError(f"installing the suite failed, see {log.path}", exit_code=1)
    extra = _odoo_modules(context, with_suite) - _odoo_modules(context, without)
    if extra:
        raise UserFacingError(f"the suite brought more Odoo modules ({', '.join(sorted(extra))}): not comparable", 1)
    return without, with_suite


def _odoo_modules(context, database):
    connection = context.server.connect(database)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM ir_module_module WHERE state = 'installed' AND name NOT LIKE 'dealer%'")
            return {name for (name,) in cursor.fetchall()}
    finally:
        connection.close()


def _test_paths(context, module):
    """The module's tests folder (or its selected files) in the Odoo that the venv runs."""
    locate = (
        f"from odoo.tools import config; config.parse_config(['-c', {str(ODOO_CONF)!r}]); "
        f"from odoo.modules.module import get_module_path; print(get_module_path({module!r}) or '')"
    )
    where = subprocess.run(
        [str(VENV_PYTHON), "-c", locate], capture_output=True, text=True, cwd=ROOT, env=context.env, check=False
    )
    if where.returncode or not where.stdout.strip():
        raise UserFacingError(f"Odoo's module {module} was not found: {where.stderr.strip()[-200:]}", 3)
    tests = Path(where.stdout.strip()) / "tests"
    files = SELECTION[module]
    return [str(tests / name) for name in files] if files else [str(tests)]


def _pytest(context, database, module, paths):
    LOGS.mkdir(parents=True, exist_ok=True)
    junit = LOGS / f"odoo-tests-{module}-{database}.xml"
    junit.unlink(missing_ok=True)
    context.say(f"Odoo's {module} tests on {database}")
    started = time.monotonic()
    with (LOGS / f"odoo-tests-{module}-{database}.log").open("w") as output:
        subprocess.run(
            pytest_command(database, paths, junit),
            cwd=ROOT,
            env=context.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            check=False,
        )
    run = Run(outcomes=_outcomes(junit), seconds=time.monotonic() - started)
    if not run.outcomes:
        raise UserFacingError(f"no test of {module} ran on {database}, see {junit.with_suffix('.log')}", 1)
    return run


def _outcomes(junit):
    if not junit.is_file():
        return {}
    outcomes = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        tags = {child.tag for child in case}
        outcome = next(
            (name for tag, name in (("failure", "failed"), ("error", "error"), ("skipped", "skipped")) if tag in tags),
            "passed",
        )
        # the class is named without its file when pytest is given files rather than a folder
        outcomes[f"{case.get('classname')}.{case.get('name')}".lstrip(".")] = outcome
    return outcomes


def _print_comparison(results):
    """Print the figures per module and the tests whose outcome differs; return how many differ unexplained."""
    figures = " ".join(f"{name:>7}" for name in OUTCOMES)
    print(f"\nOdoo's own tests, without and with the dealer suite (pytest-odoo; {', '.join(results)})")
    print(f"  {'module':<10}{'without: ' + figures:<46}{'with: ' + figures:<44}{'differ':>6}")
    differing = []
    for module, runs in results.items():
        before, after = runs[WITHOUT].outcomes, runs[WITH].outcomes
        changed = sorted(test for test in before.keys() | after.keys() if before.get(test) != after.get(test))
        differing += [(module, test, before.get(test, "absent"), after.get(test, "absent")) for test in changed]
        columns = [" ".join(f"{runs[side].count(name):>7}" for name in OUTCOMES) for side in (WITHOUT, WITH)]
        seconds = f"({runs[WITHOUT].seconds:.0f} s / {runs[WITH].seconds:.0f} s)"
        print(f"  {module:<10}{'         ' + columns[0]:<46}{'      ' + columns[1]:<44}{len(changed):>6}  {seconds}")
    if differing:
        print("\nTests whose result differs (without -> with the suite):")
        for module, test, before, after in differing:
            note = "  (explained in docs/odoo-tests.md)" if (module, test) in EXPLAINED else ""
            print(f"  {module}: {test}  {before} -> {after}{note}")
    return sum(1 for module, test, _before, _after in differing if (module, test) not in EXPLAINED)
