"""Step 2: the digest of every partner's existing token, so that partners keep working unchanged."""

import hashlib

from django.db import migrations


def backfill(apps, schema_editor):
    PartnerLibrary = apps.get_model("ill", "PartnerLibrary")
    for partner in PartnerLibrary.objects.filter(inbound_token_digest__isnull=True).only("pk", "inbound_token"):
        # The same digest as ill.models.token_digest (copied: a migration must not change with the code).
        digest = hashlib.sha256(partner.inbound_token.encode()).hexdigest()
        PartnerLibrary.objects.filter(pk=partner.pk).update(inbound_token_digest=digest)


class Migration(migrations.Migration):
    dependencies = [("ill", "0004_partner_token_digest_add")]

    # Going back leaves the digests; step 3's reverse brings the plain column back, with new tokens.
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
