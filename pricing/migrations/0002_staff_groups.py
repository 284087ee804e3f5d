"""Price lists in the staff groups: librarians read them, managers edit drafts and publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["pricelist", "priceitem", "categoryprice", "tierprice", "patroncategory", "room"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    pricing = Permission.objects.filter(content_type__app_label="pricing")
    librarian, _created = Group.objects.get_or_create(name="Librarian")
    manager, _created = Group.objects.get_or_create(name="Manager")
    librarian.permissions.add(*pricing.filter(codename__in=[f"view_{m}" for m in MODELS]))
    manager_codenames = [f"{action}_{m}" for m in MODELS for action in ("view", "add", "change", "delete")]
    manager.permissions.add(*pricing.filter(codename__in=[*manager_codenames, "publish_pricelist"]))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Librarian", "Manager"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="pricing"))


class Migration(migrations.Migration):
    dependencies = [("pricing", "0001_price_lists"), ("services", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, revoke)]
