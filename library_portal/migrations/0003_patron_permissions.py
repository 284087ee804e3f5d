"""Staff see patrons: librarians and managers view patron details and confirm categories."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    patron = Permission.objects.filter(
        content_type__app_label="library_portal", codename__in=["view_patronprofile", "change_patronprofile"]
    )
    for name in ("Librarian", "Manager"):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*patron)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    patron = Permission.objects.filter(content_type__app_label="library_portal", codename__endswith="_patronprofile")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Librarian", "Manager"]):
        group.permissions.remove(*patron)


class Migration(migrations.Migration):
    dependencies = [("library_portal", "0002_patron_profile"), ("services", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, revoke)]
