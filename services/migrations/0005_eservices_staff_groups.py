"""E-services in the staff groups: librarians keep e-services and events up to date, see the
registrations, mark attendance and record consultations; managers also manage partners, delete,
message registrants and see the statistics."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

CONTENT = ["partner", "eservice", "eserviceplace", "onlineresource", "goodpractice", "event"]
LIBRARIAN = [
    *[f"{action}_{m}" for m in CONTENT for action in ("view", "add", "change")],
    "view_registration",
    "change_registration",
    "view_registrationchange",
    "view_consultation",
    "add_consultation",
    "message_registrants",
]
MANAGER = [
    *[f"{action}_{m}" for m in CONTENT for action in ("view", "add", "change", "delete")],
    "view_registration",
    "change_registration",
    "view_registrationchange",
    "view_consultation",
    "add_consultation",
    "change_consultation",
    "delete_consultation",
    "message_registrants",
    "view_statistics",
]


def grant_eservices(apps, schema_editor):
    grant(apps, "Librarian", "services", LIBRARIAN)
    grant(apps, "Manager", "services", MANAGER)


def revoke_eservices(apps, schema_editor):
    revoke(apps, ["Librarian", "Manager"], "services", sorted(set(LIBRARIAN) | set(MANAGER)))


class Migration(migrations.Migration):
    dependencies = [("services", "0004_eservices_events")]

    operations = [migrations.RunPython(grant_eservices, revoke_eservices)]
