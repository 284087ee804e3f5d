"""Librarians and managers see recurring bookings (they are made through the staff's booking form); managers also
see and export the room statistics."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke


def grant_rooms(apps, schema_editor):
    grant(apps, "Librarian", "rooms", ["view_bookingseries"])
    grant(apps, "Manager", "rooms", ["view_bookingseries", "view_statistics"])


def revoke_rooms(apps, schema_editor):
    revoke(apps, ["Librarian", "Manager"], "rooms", ["view_bookingseries", "view_statistics"])


class Migration(migrations.Migration):
    dependencies = [("rooms", "0003_booking_series_and_statistics"), ("rooms", "0002_staff_groups")]

    operations = [migrations.RunPython(grant_rooms, revoke_rooms)]
