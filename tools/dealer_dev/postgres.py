"""Find a PostgreSQL server Odoo can use, or start the project's own.

Order: the db_* settings of odoo.conf, then the PG* variables, then the local
socket; when none answers and PostgreSQL's server programs are installed, a
private cluster in .data/postgres (the embedded default). The server found is
handed to every child process through the PG* variables, which Odoo, libpq
and pytest-odoo all read (and which Odoo ranks above odoo.conf).
"""

import configparser
import getpass
import glob
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass, field

import psycopg2
from psycopg2 import sql

from .errors import PostgresUnreachable, UserFacingError
from .paths import EMBEDDED_PG, ODOO_CONF

SOCKET_DIRS = ("/var/run/postgresql", "/tmp")
EMBEDDED_USER = "odoo"


@dataclass
class Server:
    origin: str
    host: str | None = None
    port: str | None = None
    user: str | None = None
    password: str | None = None
    attempts: list = field(default_factory=list)

    def connect(self, dbname="postgres"):
        return psycopg2.connect(
            dbname=dbname,
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            connect_timeout=5,
        )

    def describe(self):
        where = f"{self.host or 'local socket'}:{self.port or 5432}"
        return f"{self.origin} ({where}, user {self.user or getpass.getuser()})"

    def environ(self, base=None):
        env = dict(base if base is not None else os.environ)
        env.pop("PGDATABASE", None)  # Odoo would take it as its database list
        for name, value in (
            ("PGHOST", self.host),
            ("PGPORT", self.port),
            ("PGUSER", self.user or getpass.getuser()),
            ("PGPASSWORD", self.password),
        ):
            if value:
                env[name] = str(value)
            else:
                env.pop(name, None)
        return env


def _conf_candidate():
    parser = configparser.RawConfigParser()
    parser.read(ODOO_CONF)
    if not parser.has_section("options"):
        return None
    values = {
        key: parser.get("options", f"db_{key}", fallback="").strip() for key in ("host", "port", "user", "password")
    }
    if not any(values.values()):
        return None
    return Server("odoo.conf", **{key: value or None for key, value in values.items()})


def _env_candidate():
    values = {key: os.environ.get(f"PG{key.upper()}") for key in ("host", "port", "user", "password")}
    if not any(values.values()):
        return None
    return Server("the PG* variables", **values)


def _socket_candidates():
    for folder in SOCKET_DIRS:
        if glob.glob(os.path.join(folder, ".s.PGSQL.*")):
            port = glob.glob(os.path.join(folder, ".s.PGSQL.*"))[0].rsplit(".", 1)[1]
            yield Server(f"the local socket in {folder}", host=folder, port=port)


def _answers(server, attempts):
    try:
        server.connect().close()
    except psycopg2.OperationalError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
        attempts.append(f"{server.describe()}: {reason}")
        return False
    return True


def _check_role(server):
    user = server.user or getpass.getuser()
    if user == "postgres":
        raise PostgresUnreachable(
            f"Odoo refuses the database user 'postgres' (given by {server.origin}); "
            f"create a role for Odoo (sudo -u postgres createuser --createdb {getpass.getuser()}) "
            "and set db_user in odoo.conf or PGUSER to it"
        )
    with server.connect() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user")
        can_create = cursor.fetchone()[0]
    connection.close()
    if not can_create:
        raise PostgresUnreachable(
            f"the database user {user!r} may not create databases; "
            f"run: sudo -u postgres psql -c 'ALTER ROLE \"{user}\" CREATEDB'"
        )


def _server_programs():
    for name in ("initdb", "pg_ctl"):
        if not shutil.which(name):
            break
    else:
        return os.path.dirname(shutil.which("pg_ctl"))
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return os.path.dirname(found[0]) if found else None


def _embedded(say, attempts):
    """Start (creating it the first time) the private cluster in .data/postgres."""
    bindir = _server_programs()
    if not bindir:
        attempts.append("embedded cluster: PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        return None
    datadir = EMBEDDED_PG / "data"
    socket_dir = EMBEDDED_PG / "run"
    run_as = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            attempts.append("embedded cluster: running as root and no 'postgres' system user to own it")
            return None
        run_as = ["runuser", "-u", "postgres", "--"]
    if not (datadir / "PG_VERSION").is_file():
        say(f"No PostgreSQL answers: creating the project's own cluster in {datadir}")
        socket_dir.mkdir(parents=True, exist_ok=True)
        datadir.mkdir(parents=True, exist_ok=True)
        if run_as:
            for folder in (EMBEDDED_PG, datadir, socket_dir):
                os.chown(folder, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            [
                *run_as,
                f"{bindir}/initdb",
                "-D",
                str(datadir),
                "-U",
                EMBEDDED_USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    server = Server("the embedded cluster in .data/postgres", host=str(socket_dir), port="5432", user=EMBEDDED_USER)
    if _answers(server, []):
        return server
    say("Starting the project's PostgreSQL cluster (.data/postgres)")
    started = subprocess.run(
        [
            *run_as,
            f"{bindir}/pg_ctl",
            "-D",
            str(datadir),
            "-l",
            str(EMBEDDED_PG / "server.log"),
            "-w",
            "-o",
            f"-c listen_addresses='' -k {socket_dir} -p 5432",
            "start",
        ],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    if started.returncode or not _answers(server, attempts):
        attempts.append(f"embedded cluster: pg_ctl start failed, see {EMBEDDED_PG / 'server.log'}")
        return None
    return server


def find_server(say):
    attempts = []
    for candidate in (_conf_candidate(), _env_candidate(), *_socket_candidates()):
        if candidate and _answers(candidate, attempts):
            _check_role(candidate)
            return candidate
    server = _embedded(say, attempts)
    if server:
        return server
    tried = "; ".join(attempts) or "no odoo.conf db_* settings, no PG* variables, no local socket"
    raise PostgresUnreachable(
        f"no PostgreSQL answers (tried: {tried}); start one, or set db_host/db_port/db_user in odoo.conf"
    )


class Databases:
    """The few administrative statements the tool needs, on the server found."""

    def __init__(self, server):
        self.server = server

    def _execute(self, statement, params=None):
        connection = self.server.connect()
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()

    def exists(self, name):
        return bool(self._execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]))

    def names_like(self, pattern):
        rows = self._execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [pattern])
        return [row[0] for row in rows]

    def drop(self, name):
        self._execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        self._execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    def copy(self, template, name):
        self.drop(name)
        try:
            self._execute(
                sql.SQL("CREATE DATABASE {} WITH TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
            )
        except psycopg2.Error as error:
            raise UserFacingError(f"could not copy database {template} to {name}: {error}".strip()) from error

    def rename(self, old, new):
        self._execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(old), sql.Identifier(new)))
