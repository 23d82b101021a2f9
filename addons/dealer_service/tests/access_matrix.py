"""Check a role x record x operation access matrix written in a CSV file.

The file lists, for each model, role and scope, the operations the role may do (``R`` read, ``W`` write,
``C`` create, ``U`` unlink; ``-`` refused). A test class mixes `AccessMatrixMixin` in, builds in
``setUpClass`` one user per role and one record per model and scope, and says how to create a record of each
scope and what to write on one. Each cell is checked twice: with Odoo's access check (``has_access``) and by
doing it, in a savepoint that is rolled back whatever happens.
"""

import csv
from pathlib import Path

from odoo.exceptions import AccessError, UserError
from odoo.tools import file_open

OPERATIONS = {"R": "read", "W": "write", "C": "create", "U": "unlink"}


class _RollBack(Exception):
    """Raised to undo an operation that succeeded."""


class _Hidden(Exception):
    """The user's search does not find the record: reading it is refused."""


def load_matrix(path):
    """The rows of the matrix at `path` (relative to the add-ons path), comments skipped."""
    with file_open(path) as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


class AccessMatrixMixin:
    # set by the test class: the matrix file, the users by role, the records by (model, scope)
    matrix_path = None
    role_users = {}
    scope_records = {}

    @classmethod
    def setup_role_users(cls):
        """The user of each role: the store staff of the common classes, and a head-office manager of both
        stores."""
        cls.head_office_user = cls._staff("head_office_all", "dealer_crm_base.group_dealer_manager", cls.store_a)
        cls.head_office_user.company_ids |= cls.store_b
        cls.role_users = {
            "manager": cls.manager,
            "head_office": cls.head_office_user,
            "advisor": cls.advisor,
            "technician": cls.technician,
            "agent": cls.agent,
            "sales": cls.sales,
        }

    def create_values(self, model, scope):
        """Values of a new record of `model` in `scope`, as the role's user would submit them."""
        raise NotImplementedError

    def write_values(self, model):
        """A harmless change to a record of `model`."""
        raise NotImplementedError

    def assert_matrix(self):
        rows = load_matrix(self.matrix_path)
        self.assertTrue(rows, f"{self.matrix_path} is empty")
        self.assert_matrix_covers(rows)
        failures = []
        for row in rows:
            user = self.role_users[row["role"]]
            record = self.scope_records[row["model"], row["scope"]]
            for letter, operation in OPERATIONS.items():
                expected = letter in row["access"]
                actual, how = self.try_operation(user, record, operation, row["scope"])
                if actual != expected:
                    failures.append(
                        f"{row['model']:34} {row['role']:12} {row['scope']:11} {operation:6} "
                        f"expected {'allowed' if expected else 'refused'}, was {how}"
                    )
        if failures:
            self.fail(f"{len(failures)} cells of {self.matrix_path} do not hold:\n" + "\n".join(failures))

    def assert_matrix_covers(self, rows):
        """Every model, role and scope the test knows is in the matrix, exactly once."""
        cells = [(row["model"], row["role"], row["scope"]) for row in rows]
        self.assertEqual(len(cells), len(set(cells)), "a cell is written twice")
        scopes = {scope for _model, scope in self.scope_records}
        expected = {(model, role, scope) for model, scope in self.scope_records for role in self.role_users}
        self.assertEqual(set(cells), expected, f"the matrix must cover every role and scope: {sorted(scopes)}")

    def try_operation(self, user, record, operation, scope):
        """Whether `user` may do `operation` on `record` (or create one like it): (allowed, how it went)."""
        record = record.with_user(user)
        if operation == "create":
            checked = record.browse().has_access("create")
        else:
            checked = record.has_access(operation)
        try:
            if operation == "read":
                self._do(record, operation, scope)
                raise _RollBack
            # rolled back whatever happens (the cursor's cache with it): the next cell starts from the fixtures
            with self.env.cr.savepoint():
                self._do(record, operation, scope)
                self.env.flush_all()
                raise _RollBack
        except _RollBack:
            done, how = True, "allowed"
        except AccessError as error:
            done, how = False, f"refused ({str(error).splitlines()[0][:100]})"
        except _Hidden:
            done, how = False, "refused (not found by search)"
        except UserError as error:
            # a model's own refusal (an entry of a ledger is never edited) counts when the access rights agree
            done = False if not checked else None
            how = f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
        except Exception as error:  # noqa: BLE001 - any other error is reported in the matrix's failures
            done, how = None, f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
        if done is None:
            return None, how
        if operation != "create" and checked != done:
            return None, f"{how} but has_access says {checked}"
        if operation == "create" and done and not checked:
            return None, "allowed but has_access('create') says False"
        return done, how

    def _do(self, record, operation, scope):
        if operation == "read":
            found = record.search([("id", "=", record.id)])
            if not found:
                raise _Hidden
            found.read(list(self.read_fields(record)))
        elif operation == "write":
            record.write(self.write_values(record._name))
        elif operation == "create":
            record.create(self.create_values(record._name, scope))
        else:
            record.unlink()

    def read_fields(self, record):
        return ["display_name"]


def matrix_path(module, name="access_matrix.csv"):
    return str(Path(module) / "tests" / name)
