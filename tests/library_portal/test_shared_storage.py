"""Uploaded files in the object store every host shares, against a real S3-compatible server (moto's), and what
the portal does when that store is down."""

import io
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from library_portal.env import env_file_storage, storage_origin
from tests.factories import EServiceFactory, LibraryFactory, PartnerFactory

pytestmark = pytest.mark.cluster  # starts moto's S3 server


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return out.getvalue()


def test_logo_uploaded_through_the_admin_lands_in_the_bucket_and_its_url_serves_it(
    client, manager, s3_storage, s3_bucket
):
    library = LibraryFactory()
    logo = ContentFile(png("navy"), name="logo.png")
    client.force_login(manager)
    data = {"name_lt": library.name_lt, "country": "LT", "time_zone": "Europe/Vilnius", "is_portal_library": "on"}
    response = client.post(f"/admin/services/library/{library.pk}/change/", {**data, "logo": logo})
    assert response.status_code == 302, response.content.decode()[:2000]

    library.refresh_from_db()
    assert library.logo.name.startswith("library/logo")
    assert library.logo.name in {item.key for item in s3_bucket.objects.all()}
    # Anyone (no key: a browser) fetches it from the URL the pages show.
    with urllib.request.urlopen(library.logo.url, timeout=5) as answer:  # noqa: S310 - the local S3 server
        assert answer.read() == png("navy")
    client.logout()
    assert f'src="{library.logo.url}"' in client.get("/en/").content.decode()


def test_partner_uploading_a_logo_of_the_same_name_gets_an_object_of_its_own(db, s3_storage):
    first, second = PartnerFactory(), PartnerFactory()
    first.logo.save("logo.png", ContentFile(png("red")))
    second.logo.save("logo.png", ContentFile(png("green")))
    assert first.logo.name != second.logo.name
    assert default_storage.open(first.logo.name).read() == png("red")


def test_pages_with_logos_work_while_the_storage_is_down(client, db, s3_storage):
    library = LibraryFactory()
    library.logo.save("logo.png", ContentFile(png("navy")))
    partner = PartnerFactory()
    partner.logo.save("partner.png", ContentFile(png("red")))
    eservice = EServiceFactory()
    eservice.partners.add(partner)

    s3_storage.stop()
    try:
        # A logo's URL is computed without asking the storage.
        home = client.get("/lt/")
        assert home.status_code == 200
        assert f'src="{library.logo.url}"' in home.content.decode()
        page = client.get(f"/en/e-services/{eservice.slug}/")
        assert page.status_code == 200
        assert f'src="{partner.logo.url}"' in page.content.decode()
    finally:
        s3_storage.start()


def test_content_security_policy_allows_images_from_where_the_storage_serves_them(s3_storage):
    url = urlsplit(default_storage.url("library/logo.png"))
    assert storage_origin(env_file_storage(s3_storage.env)) == f"{url.scheme}://{url.netloc}"


def test_health_check_reports_the_s3_storage(client, db, s3_storage):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["storage"] == "ok"


def test_health_check_answers_503_when_the_s3_server_is_stopped(client, db, s3_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "ok", "storage": "unreachable"}


def test_health_check_answers_503_when_the_bucket_is_missing(client, db, s3_storage, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": env_file_storage({**s3_storage.env, "STORAGE_URL": "s3://no-such-bucket"}),
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"] == "unreachable"


def test_logo_upload_while_the_storage_is_down_answers_a_translated_503_and_saves_nothing(client, manager, s3_down):
    library = LibraryFactory()
    manager.preferred_language = "en"  # the back office speaks the staff member's language
    manager.save(update_fields=["preferred_language"])
    client.force_login(manager)
    data = {"name_lt": "Kitas vardas", "country": "LT", "time_zone": "Europe/Vilnius", "is_portal_library": "on"}
    logo = ContentFile(png("navy"), name="logo.png")
    response = client.post(f"/admin/services/library/{library.pk}/change/", {**data, "logo": logo})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "The portal cannot reach its file storage at the moment." in response.content.decode()
    library.refresh_from_db()
    assert library.name_lt != "Kitas vardas"
    assert not library.logo
