import os
import shlex
import socket
from urllib.parse import quote

import dj_database_url
import psycopg2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg2 import errorcodes, sql

from library_portal.management.embedded_database import EmbeddedDatabaseError, embedded_database_start


def _connect(db: dict, name: str):
    return psycopg2.connect(
        dbname=name,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        connect_timeout=db["OPTIONS"].get("connect_timeout", 5),
    )


def _parse(url: str) -> dict:
    db = dj_database_url.parse(url)
    db.setdefault("OPTIONS", {})["connect_timeout"] = settings.DATABASES["default"]["OPTIONS"]["connect_timeout"]
    return db


def _answers(db: dict) -> bool:
    """Whether anything listens at the database's address (PostgreSQL or not)."""
    host, port = db.get("HOST") or "", int(db.get("PORT") or 5432)
    if not host:
        # libpq's own default socket: leave the verdict to the connection, with its usual message.
        return True
    try:
        if host.startswith("/"):
            with socket.socket(socket.AF_UNIX) as unix:
                unix.settimeout(db["OPTIONS"]["connect_timeout"])
                unix.connect(os.path.join(host, f".s.PGSQL.{port}"))
        else:
            socket.create_connection((host, port), timeout=db["OPTIONS"]["connect_timeout"]).close()
    except OSError:
        return False
    return True


class Command(BaseCommand):
    help = (
        "Check that PostgreSQL answers and create the portal's database when it is missing. With --embedded, "
        "when DATABASE_URL is not set and nothing answers at the default address, start this checkout's "
        "embedded PostgreSQL (data in var/postgres/) and use it."
    )
    # The first command of `make run` and `make test`, before the database is there: the system checks (they import
    # every URLconf) run in the commands that follow (migrate, runserver, pytest). Without them here, 0.8 s instead of
    # 1.3 s (December 2026, 2 cores), on every make target and the embedded server's tests (about 40 calls).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--embedded",
            action="store_true",
            help="Start (or reuse) the embedded PostgreSQL when DATABASE_URL is not set and nothing answers at "
            "the default address.",
        )
        parser.add_argument(
            "--default-url",
            default="",
            help="The address to try when DATABASE_URL is not set (empty: the settings' default, "
            "postgres://postgres@127.0.0.1:5432/library_portal).",
        )
        parser.add_argument(
            "--shell",
            action="store_true",
            help="Print the DATABASE_URL to use as shell assignments, for `eval` in the Makefile (and "
            "EMBEDDED_DATABASE_STARTED=1 when this command started the embedded server); messages go to "
            "standard error.",
        )

    def handle(self, *args, embedded: bool, default_url: str, shell: bool, **options):
        out = self.stderr if shell else self.stdout
        # DATABASE_URL from the environment or .env (which the settings loaded into the environment). A
        # configured address is never swapped for the embedded server: a production URL that does not answer
        # must fail loudly, not quietly start an empty database beside it.
        configured = os.environ.get("DATABASE_URL", "")
        url = configured or default_url or settings.DATABASE_URL
        db = _parse(url)
        started = False
        if embedded and not configured and not _answers(db):
            if not settings.DEBUG:
                raise CommandError(
                    f"Nothing answers at {self._where(db)} and DEBUG is off: the embedded PostgreSQL is for "
                    "development and trials only. Set DATABASE_URL to your PostgreSQL server."
                )
            data_dir = settings.EMBEDDED_DATABASE_DIR
            try:
                server = embedded_database_start(data_dir=data_dir)
            except EmbeddedDatabaseError as error:
                raise CommandError(str(error)) from None
            started = server.started
            host = quote(str(server.socket_dir), safe="")
            url = f"postgres://postgres@{host}:{server.port}/{db['NAME']}"
            db = _parse(url)
            self._ensure(db, out, quiet=True)
            out.write(
                f"Using the embedded PostgreSQL {server.version} ({'started' if started else 'already running'}), "
                f"database {db['NAME']!r}, data in {os.path.relpath(data_dir)}/; 'make stop-db' stops it."
            )
        else:
            self._ensure(db, out, quiet=False, probed_default=embedded and not configured)
        if shell:
            self.stdout.write(f"DATABASE_URL={shlex.quote(url)}; export DATABASE_URL")
            if started:
                self.stdout.write("EMBEDDED_DATABASE_STARTED=1")

    @staticmethod
    def _where(db: dict) -> str:
        return f"{db.get('HOST') or 'local socket'}:{db.get('PORT') or 5432}"

    def _ensure(self, db: dict, out, *, quiet: bool, probed_default: bool = False) -> None:
        where = self._where(db)
        try:
            _connect(db, db["NAME"]).close()
            if not quiet:
                out.write(f"Database {db['NAME']!r} on {where} is ready.")
            return
        except psycopg2.OperationalError as error:
            missing = f'database "{db["NAME"]}" does not exist' in str(error)
            if not missing and probed_default:
                # Something listens at the default address, so it is not ours to replace: say what it is.
                raise CommandError(
                    f"A server answers at {where}, but the portal cannot use it: {str(error).strip()}\n"
                    f"Set DATABASE_URL (in the environment or in .env) to a PostgreSQL server you can use, or free "
                    f"{where} so that make run starts an embedded PostgreSQL instead."
                ) from None
            if not missing:
                raise CommandError(
                    f"PostgreSQL is not reachable at {where}: {str(error).strip()}\n"
                    "Start the PostgreSQL server (for example 'sudo systemctl start postgresql'), or set "
                    "DATABASE_URL (in the environment or in .env) to a server you can reach, e.g. "
                    "postgres://user:password@host:5432/library_portal"
                ) from None
        try:
            connection = _connect(db, "postgres")
        except psycopg2.OperationalError as error:
            raise CommandError(f"Cannot connect to PostgreSQL's 'postgres' database at {where}: {error}") from None
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
        except psycopg2.Error as error:
            if error.pgcode != errorcodes.DUPLICATE_DATABASE:
                raise CommandError(
                    f"Could not create the database {db['NAME']!r}: {error}. Create it yourself "
                    f"('createdb {db['NAME']}') or give the DATABASE_URL user the CREATEDB right."
                ) from None
        finally:
            connection.close()
        if not quiet:
            out.write(self.style.SUCCESS(f"Created database {db['NAME']!r} on {where}."))
