"""Run the suite's scale benchmarks on a prepared database (see `make bench`).

    python tests/benchmarks/run.py DATABASE [NAME ...]

Each bench_<name>.py module has `run(env, report)`; `report(label, seconds,
limit=None)` prints a figure and records whether it is within its limit.
"""

import argparse
import importlib
import sys
import time
from pathlib import Path

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


class Report:
    def __init__(self):
        self.failures = []

    def __call__(self, label, value, limit=None, unit="s"):
        verdict = ""
        if limit is not None:
            ok = value <= limit
            verdict = f"  (limit {limit:g} {unit}: {'ok' if ok else 'TOO SLOW'})"
            if not ok:
                self.failures.append(label)
        sys.stdout.write(f"  {label:<64}{value:>10.2f} {unit}{verdict}\n")
        sys.stdout.flush()

    def info(self, label, value):
        sys.stdout.write(f"  {label:<64}{value!s:>10}\n")
        sys.stdout.flush()


def required_defaults(env, model, provided):
    """Values for the NOT NULL columns of `model` that a bulk INSERT does not provide: the ORM defaults."""
    records = env[model]
    env.cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL""",
        [records._table],
    )
    missing = [column for (column,) in env.cr.fetchall() if column not in provided]
    defaults = records.default_get(missing)
    return {column: records._fields[column].convert_to_column(defaults.get(column), records) for column in missing}


def bulk_insert(env, model, columns, source, params, returning=False):
    """INSERT INTO model's table (columns) SELECT their SQL expressions FROM source, with ORM defaults
    for the other required columns; returns the new ids when asked."""
    defaults = required_defaults(env, model, columns)
    names = [*columns, *defaults]
    expressions = [*columns.values(), *(f"%({f'default_{name}'})s" for name in defaults)]
    query = f"INSERT INTO {env[model]._table} ({', '.join(names)}) SELECT {', '.join(expressions)} FROM {source}" + (
        " RETURNING id" if returning else ""
    )
    env.cr.execute(query, {**params, **{f"default_{name}": value for name, value in defaults.items()}})
    return [row[0] for row in env.cr.fetchall()] if returning else None


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("database")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    args = parser.parse_args(argv)
    config.parse_config(["-c", str(ROOT / "odoo.conf"), "-d", args.database, "--log-level", "warn"])
    odoo.modules.module.initialize_sys_path()
    names = args.names or sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))
    report = Report()
    registry = Registry(args.database)
    for name in names:
        module = importlib.import_module(f"bench_{name}")
        sys.stdout.write(f"\n{module.__doc__.strip().splitlines()[0]}\n")
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            module.run(env, report)
    if report.failures:
        sys.stdout.write(f"\nOVER THE LIMIT: {', '.join(report.failures)}\n")
        return 1
    sys.stdout.write("\nEvery figure is within its limit.\n")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main(sys.argv[1:]))
