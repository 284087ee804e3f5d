"""Staff see patrons: librarians and managers view patron details and confirm categories."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

CODENAMES = ["view_patronprofile", "change_patronprofile"]


def grant_patrons(apps, schema_editor):
    for group in ("Librarian", "Manager"):
        grant(apps, group, "library_portal", CODENAMES)


def revoke_patrons(apps, schema_editor):
    revoke(apps, ["Librarian", "Manager"], "library_portal", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [("library_portal", "0002_patron_profile"), ("services", "0002_staff_groups")]

    operations = [migrations.RunPython(grant_patrons, revoke_patrons)]
