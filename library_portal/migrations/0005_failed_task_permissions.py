"""Managers see the failed and stuck background tasks and put them back in the queue; librarians do not."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

CODENAMES = ["view_failedtask", "retry_failedtask"]


def grant_failed_tasks(apps, schema_editor):
    grant(apps, "Manager", "library_portal", CODENAMES)


def revoke_failed_tasks(apps, schema_editor):
    revoke(apps, ["Manager"], "library_portal", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [("library_portal", "0004_sent_mail_and_failed_tasks"), ("services", "0002_staff_groups")]

    operations = [migrations.RunPython(grant_failed_tasks, revoke_failed_tasks)]
