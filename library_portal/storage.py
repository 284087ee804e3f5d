"""The file storage every host shares (STORAGES["default"]): what counts as "the storage is down", and the
cheap check /healthz makes."""

import os

from botocore.exceptions import BotoCoreError, ClientError
from django.apps import apps
from django.core.files.storage import FileSystemStorage, storages
from django.db.models import FileField

# What a storage call raises when the storage cannot serve it: a full or unmounted disk (OSError), an object
# store that does not answer or refuses our key (botocore). A missing file is not among them: exists() answers it.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

# Seconds a client is asked to wait before trying a page again whose file the storage did not serve.
STORAGE_RETRY_AFTER = 60


class StorageUnavailable(Exception):
    """The file storage did not answer or refused the portal (the page answers 503, not 500)."""


def storage_check() -> None:
    """Raise when the default storage cannot serve files; one cheap call, for /healthz.

    S3: a HEAD on the bucket (one request, no listing), which fails on a server that does not answer, a missing
    bucket or a refused key. Local files: MEDIA_ROOT is a folder the portal may write to (made when missing, as
    the first upload would).
    """
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        os.makedirs(storage.location, exist_ok=True)
        if not os.access(storage.location, os.W_OK | os.X_OK):
            raise PermissionError(f"{storage.location} is not writable")
        return
    # Only the S3 backend is configured otherwise (library_portal.env.env_file_storage).
    storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)


def upload_folders() -> list[str]:
    """The folders uploaded files go to (the `upload_to` of every file field): what browsers fetch."""
    return sorted(
        {
            field.upload_to.strip("/").split("/")[0]
            for model in apps.get_models()
            for field in model._meta.get_fields()
            if isinstance(field, FileField)
        }
    )


def public_read_policy(*, bucket: str, location: str = "") -> dict:
    """The bucket policy that lets anyone read the uploaded files (logos), and nothing else: price-list PDFs
    (drafts' previews too) are served by the portal itself, with its own key."""
    prefix = f"{location.strip('/')}/" if location.strip("/") else ""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadOfUploads",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}{folder}/*" for folder in upload_folders()],
            }
        ],
    }
