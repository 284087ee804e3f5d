"""Create the staff groups "Librarian" and "Manager" with their permissions.

A librarian keeps the branches, opening hours and services up to date; a manager may also
edit the library itself and its content pages. Later apps extend these groups in their own
migrations.
"""

from django.db import migrations

from library_portal.migration_helpers import grant

LIBRARIAN = {
    "branch": ["view", "add", "change"],
    "openinghours": ["view", "add", "change", "delete"],
    "openingexception": ["view", "add", "change", "delete"],
    "servicecategory": ["view", "add", "change"],
    "service": ["view", "add", "change"],
    "library": ["view"],
    "principle": ["view"],
    "page": ["view"],
}
MANAGER = {
    "branch": ["view", "add", "change", "delete"],
    "openinghours": ["view", "add", "change", "delete"],
    "openingexception": ["view", "add", "change", "delete"],
    "servicecategory": ["view", "add", "change", "delete"],
    "service": ["view", "add", "change", "delete"],
    "library": ["view", "add", "change"],
    "principle": ["view", "add", "change", "delete"],
    "page": ["view", "add", "change"],
}


def codenames(spec: dict[str, list[str]]) -> list[str]:
    return [f"{action}_{model}" for model, actions in spec.items() for action in actions]


def create_groups(apps, schema_editor):
    grant(apps, "Librarian", "services", codenames(LIBRARIAN))
    grant(apps, "Manager", "services", codenames(MANAGER))
    grant(apps, "Manager", "library_portal", ["view_user"])


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Librarian", "Manager"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_library_branches_services"),
        ("library_portal", "0001_user_model"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
