"""Librarians view partners (e-services), they do not add or change them: README's table of group rights.

0005 gave them add and change by mistake. Managers keep partners and their agreements. (Partner libraries
of interlibrary loan were view-only for librarians from the start: ill/migrations/0002_staff_groups.py.)
"""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

TAKEN_FROM_LIBRARIANS = ["add_partner", "change_partner"]


def librarians_view_only(apps, schema_editor):
    revoke(apps, ["Librarian"], "services", TAKEN_FROM_LIBRARIANS)


def librarians_edit_again(apps, schema_editor):
    grant(apps, "Librarian", "services", TAKEN_FROM_LIBRARIANS)


class Migration(migrations.Migration):
    dependencies = [("services", "0007_staff_add_registrations")]

    operations = [migrations.RunPython(librarians_view_only, librarians_edit_again)]
