"""News and notices in the staff groups: librarians write, publish and withdraw news and notices; only managers
delete them."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

LIBRARIAN = [
    "view_article",
    "add_article",
    "change_article",
    "view_articlechange",
    "view_notice",
    "add_notice",
    "change_notice",
]
MANAGER = [*LIBRARIAN, "delete_article", "delete_notice"]


def grant_news(apps, schema_editor):
    grant(apps, "Librarian", "news", LIBRARIAN)
    grant(apps, "Manager", "news", MANAGER)


def revoke_news(apps, schema_editor):
    revoke(apps, ["Librarian", "Manager"], "news", MANAGER)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_articles_and_notices"),
        ("services", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_news, revoke_news)]
