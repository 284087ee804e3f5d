import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from library_portal.management.embedded_database import EmbeddedDatabaseError, embedded_database_stop


class Command(BaseCommand):
    help = "Stop this checkout's embedded PostgreSQL (var/postgres/) cleanly; its data stays for the next start."
    # It only stops a server: no system check (as for ensure_database, which starts it).
    requires_system_checks = []

    def handle(self, *args, **options):
        data_dir = settings.EMBEDDED_DATABASE_DIR
        try:
            stopped = embedded_database_stop(data_dir=data_dir)
        except EmbeddedDatabaseError as error:
            raise CommandError(str(error)) from None
        where = os.path.relpath(data_dir)
        if stopped:
            self.stdout.write(f"Stopped the embedded PostgreSQL (data kept in {where}/).")
        else:
            self.stdout.write(f"The embedded PostgreSQL ({where}/) is not running.")
