import json

from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from library_portal.storage import STORAGE_ERRORS, public_read_policy


class Command(BaseCommand):
    help = (
        "Print the S3 bucket policy that lets browsers read uploaded files (logos) and nothing else; "
        "--apply sets it on the bucket of STORAGE_URL (needs s3:PutBucketPolicy)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="set the policy on the bucket")

    def handle(self, *args, apply: bool, **options):
        storage = storages["default"]
        if isinstance(storage, FileSystemStorage):
            raise CommandError("STORAGE_URL is not set: files are local (MEDIA_ROOT) and need no bucket policy.")
        policy = json.dumps(public_read_policy(bucket=storage.bucket_name, location=storage.location), indent=2)
        if not apply:
            self.stdout.write(policy)
            return
        try:
            storage.connection.meta.client.put_bucket_policy(Bucket=storage.bucket_name, Policy=policy)
        except STORAGE_ERRORS as error:
            raise CommandError(f"The policy could not be set on {storage.bucket_name}: {error}") from error
        self.stdout.write(f"Uploaded files in {storage.bucket_name} are now readable by anyone.")
