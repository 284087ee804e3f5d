"""Which patron categories need a document: the seed's reduced and free reader cards do, adults do not."""

from django.db import migrations, models

# The codes of the seed's categories (pricing/demo_data.py) whose price is for people who show a document.
NEEDING_PROOF = ["reduced", "free"]


def mark_categories(apps, schema_editor):
    apps.get_model("pricing", "PatronCategory").objects.filter(code__in=NEEDING_PROOF).update(needs_proof=True)


class Migration(migrations.Migration):
    dependencies = [
        ("pricing", "0002_staff_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="patroncategory",
            name="needs_proof",
            field=models.BooleanField(
                default=False,
                help_text="Staff confirm this category when the patron shows a document (reduced or free prices).",
                verbose_name="needs proof",
            ),
        ),
        migrations.RunPython(mark_categories, migrations.RunPython.noop),
    ]
