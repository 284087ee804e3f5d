"""Step 3: the digest is required and unique, and the readable token is gone for good.

Going back cannot recover a token: the plain column returns with a fresh random token per partner,
which staff then issue again.
"""

from django.db import migrations, models

import ill.models


def fresh_tokens(apps, schema_editor):
    PartnerLibrary = apps.get_model("ill", "PartnerLibrary")
    for partner in PartnerLibrary.objects.only("pk"):
        PartnerLibrary.objects.filter(pk=partner.pk).update(inbound_token=ill.models.new_token())


class Migration(migrations.Migration):
    dependencies = [("ill", "0005_partner_token_digest_backfill")]

    operations = [
        migrations.AlterField(
            model_name="partnerlibrary",
            name="inbound_token_digest",
            field=models.CharField(
                default=ill.models.unusable_token_digest,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="digest of the token the partner uses with us",
            ),
        ),
        # Reversed, the plain column comes back without its unique index first, is filled, then made unique.
        migrations.AlterField(
            model_name="partnerlibrary",
            name="inbound_token",
            field=models.CharField(
                default=ill.models.new_token, max_length=64, verbose_name="token the partner uses with us"
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, fresh_tokens),
        migrations.RemoveField(model_name="partnerlibrary", name="inbound_token"),
    ]
