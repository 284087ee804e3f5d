"""Room booking in the staff groups: librarians handle the bookings, managers also keep the rooms and their rules."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

LIBRARIAN = {
    "room": ["view"],
    "booking": ["view", "handle"],
    "bookinghistory": ["view"],
}
MANAGER = {
    **LIBRARIAN,
    "room": ["view", "add", "change"],
}


def codenames(spec: dict[str, list[str]]) -> list[str]:
    return [f"{action}_{model}" for model, actions in spec.items() for action in actions]


def grant_rooms(apps, schema_editor):
    grant(apps, "Librarian", "rooms", codenames(LIBRARIAN))
    grant(apps, "Manager", "rooms", codenames(MANAGER))


def revoke_rooms(apps, schema_editor):
    revoke(apps, ["Librarian", "Manager"], "rooms")


class Migration(migrations.Migration):
    dependencies = [("rooms", "0001_rooms_and_bookings"), ("ill", "0002_staff_groups")]

    operations = [migrations.RunPython(grant_rooms, revoke_rooms)]
