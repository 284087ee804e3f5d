"""Price-list PDFs in the object store every host shares, against a real S3-compatible server (moto's)."""

import hashlib
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection

from tests.test_platform import manage

pytestmark = pytest.mark.cluster  # starts moto's S3 server and a second Django process

# The second host: a Django process of its own, on the same database, cache and bucket, that counts the renders it
# makes and says what it served.
SECOND_HOST = """
import hashlib
from django.test import Client
from pricing import documents

renders = []
render = documents.render_price_list_pdf

def counted(**kwargs):
    renders.append(kwargs["language"])
    return render(**kwargs)

documents.render_price_list_pdf = counted
response = Client(HTTP_HOST="localhost").get("{path}")
print(response.status_code, len(renders), hashlib.sha256(response.content).hexdigest())
"""


def stored_objects(bucket) -> dict[str, tuple[str, object]]:
    return {item.key: (item.e_tag, item.last_modified) for item in bucket.objects.all()}


def test_pdf_rendered_by_one_host_is_served_by_another_without_rendering_again(
    transactional_db, seed_list, s3_storage, s3_bucket, client
):
    path = f"/fi/prices/{seed_list.pk}/pdf/"
    before = stored_objects(s3_bucket)
    first = client.get(path)
    assert first.status_code == 200
    stored = stored_objects(s3_bucket)
    [name] = stored.keys() - before.keys()
    assert name.startswith("price-lists/") and "-fi-" in name
    assert s3_bucket.Object(name).get()["Body"].read() == first.content
    # Only the uploads are public (the bucket policy): a draft's PDF is for staff, through the portal.
    with pytest.raises(urllib.error.HTTPError, match="403"):
        urllib.request.urlopen(default_storage.url(name), timeout=5)  # noqa: S310 - the local S3 server

    # Neither the page cache nor the cached copy of the PDF may answer for the storage.
    cache.clear()
    database = connection.settings_dict
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        SECOND_HOST.format(path=path),
        DEBUG="1",
        DATABASE_URL=f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        **s3_storage.env,
    )
    assert result.stdout.split() == ["200", "0", hashlib.sha256(first.content).hexdigest()], result.stderr
    assert stored_objects(s3_bucket) == stored  # no new object, the stored one untouched


MESSAGES = {
    "lt": "Portalas šiuo metu negali pasiekti savo failų saugyklos.",
    "en": "The portal cannot reach its file storage at the moment.",
    "bg": "В момента порталът не може да достигне до хранилището си за файлове.",
    "fi": "Portaali ei tällä hetkellä tavoita tiedostovarastoaan.",
}


def test_pdf_page_answers_a_translated_503_with_retry_after_while_the_storage_is_down(seed_list, s3_down, client):
    for language, message in MESSAGES.items():
        response = client.get(f"/{language}/prices/pdf/")
        assert response.status_code == 503
        assert response["Retry-After"] == "60"
        assert message in response.content.decode()
    # The price list page itself needs no storage.
    assert client.get("/en/prices/").status_code == 200
    # Nothing of the refusal was cached: the storage back, the PDF is served.
    s3_down.start()
    assert client.get("/en/prices/pdf/").status_code == 200
