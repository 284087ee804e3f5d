"""Librarians view patrons' accounts: the patron picker of "Enter a request for a patron" searches them
(autocomplete), and the request's page shows how to reach them. The user admin shows them patrons only, never
staff accounts (library_portal.admin.UserAdmin.get_queryset); managers keep the full view."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke


def librarians_view_patrons(apps, schema_editor):
    grant(apps, "Librarian", "library_portal", ["view_user"])


def librarians_do_not(apps, schema_editor):
    revoke(apps, ["Librarian"], "library_portal", ["view_user"])


class Migration(migrations.Migration):
    dependencies = [("library_portal", "0006_patron_phone"), ("services", "0008_librarians_view_partners_only")]

    operations = [migrations.RunPython(librarians_view_patrons, librarians_do_not)]
