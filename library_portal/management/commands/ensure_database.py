import psycopg2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg2 import errorcodes, sql


def _connect(db: dict, name: str):
    return psycopg2.connect(
        dbname=name,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        connect_timeout=db["OPTIONS"].get("connect_timeout", 5),
    )


class Command(BaseCommand):
    help = "Check that PostgreSQL answers and create the portal's database when it is missing."

    def handle(self, *args, **options):
        db = settings.DATABASES["default"]
        where = f"{db.get('HOST') or 'local socket'}:{db.get('PORT') or 5432}"
        try:
            _connect(db, db["NAME"]).close()
            self.stdout.write(f"Database {db['NAME']!r} on {where} is ready.")
            return
        except psycopg2.OperationalError as error:
            missing = f'database "{db["NAME"]}" does not exist' in str(error)
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
        self.stdout.write(self.style.SUCCESS(f"Created database {db['NAME']!r} on {where}."))
