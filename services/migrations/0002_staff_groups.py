"""Create the staff groups "Librarian" and "Manager" with their permissions.

A librarian keeps the branches, opening hours and services up to date; a manager may also
edit the library itself and its content pages. Later apps extend these groups in their own
migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LIBRARIAN = {
    "services": {
        "branch": ["view", "add", "change"],
        "openinghours": ["view", "add", "change", "delete"],
        "openingexception": ["view", "add", "change", "delete"],
        "servicecategory": ["view", "add", "change"],
        "service": ["view", "add", "change"],
        "library": ["view"],
        "principle": ["view"],
        "page": ["view"],
    },
}
MANAGER = {
    "services": {
        "branch": ["view", "add", "change", "delete"],
        "openinghours": ["view", "add", "change", "delete"],
        "openingexception": ["view", "add", "change", "delete"],
        "servicecategory": ["view", "add", "change", "delete"],
        "service": ["view", "add", "change", "delete"],
        "library": ["view", "add", "change"],
        "principle": ["view", "add", "change", "delete"],
        "page": ["view", "add", "change"],
    },
    "library_portal": {"user": ["view"]},
}


def grant(apps, group_name, spec):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    for app_label, models in spec.items():
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            assert permissions.count() == len(codenames), (app_label, model, codenames)
            group.permissions.add(*permissions)


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    grant(apps, "Librarian", LIBRARIAN)
    grant(apps, "Manager", MANAGER)


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
