"""Price lists in the staff groups: librarians read them, managers edit drafts and publish."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

MODELS = ["pricelist", "priceitem", "categoryprice", "tierprice", "patroncategory", "room"]


def grant_pricing(apps, schema_editor):
    grant(apps, "Librarian", "pricing", [f"view_{m}" for m in MODELS])
    manager = [f"{action}_{m}" for m in MODELS for action in ("view", "add", "change", "delete")]
    grant(apps, "Manager", "pricing", [*manager, "publish_pricelist"])


def revoke_pricing(apps, schema_editor):
    revoke(apps, ["Librarian", "Manager"], "pricing")


class Migration(migrations.Migration):
    dependencies = [("pricing", "0001_price_lists"), ("services", "0002_staff_groups")]

    operations = [migrations.RunPython(grant_pricing, revoke_pricing)]
