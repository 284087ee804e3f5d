"""Interlibrary loan in the staff groups: librarians run the workflow, managers also keep partners and tariffs."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

LIBRARIAN = {
    "illrequest": ["view", "add", "change", "move"],
    "statuschange": ["view"],
    "costline": ["view", "add", "change"],
    "message": ["view"],
    "partnerlibrary": ["view"],
    "postaltariff": ["view"],
    "isomessage": ["view"],
}
MANAGER = {
    **LIBRARIAN,
    "costline": ["view", "add", "change", "delete"],
    "partnerlibrary": ["view", "add", "change"],
    "postaltariff": ["view", "add", "change", "delete"],
}


def codenames(spec: dict[str, list[str]]) -> list[str]:
    return [f"{action}_{model}" for model, actions in spec.items() for action in actions]


def grant_ill(apps, schema_editor):
    grant(apps, "Librarian", "ill", codenames(LIBRARIAN))
    grant(apps, "Manager", "ill", codenames(MANAGER))


def revoke_ill(apps, schema_editor):
    revoke(apps, ["Librarian", "Manager"], "ill")


class Migration(migrations.Migration):
    dependencies = [("ill", "0001_ill_requests_workflow"), ("pricing", "0002_staff_groups")]

    operations = [migrations.RunPython(grant_ill, revoke_ill)]
