"""Partner tokens are kept as digests, in three steps. Step 1: the digest column, empty for now."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ill", "0003_drop_indexes_covered_by_composites")]

    operations = [
        migrations.AddField(
            model_name="partnerlibrary",
            name="inbound_token_digest",
            field=models.CharField(
                editable=False, max_length=64, null=True, verbose_name="digest of the token the partner uses with us"
            ),
        ),
    ]
