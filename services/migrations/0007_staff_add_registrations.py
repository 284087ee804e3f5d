"""Librarians and managers register people who have no e-mail address (by phone or at the desk)
on the attendee list; those registrations are confirmed at once, so they need their own permission."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

PERMISSIONS = ["add_registration"]


def grant_add_registration(apps, schema_editor):
    grant(apps, "Librarian", "services", PERMISSIONS)
    grant(apps, "Manager", "services", PERMISSIONS)


def revoke_add_registration(apps, schema_editor):
    revoke(apps, ["Librarian", "Manager"], "services", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("services", "0006_event_registration_holds")]

    operations = [migrations.RunPython(grant_add_registration, revoke_add_registration)]
