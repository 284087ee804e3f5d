"""News and notices in the back office: who may do what (librarians write and publish, managers also delete), the
refusals with a translated error by the field (an image without its text alternative; a notice without an end or
ending before its start), and the lists' pinned query counts."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Article, ArticleChange, Notice
from tests.factories import ArticleFactory, BranchFactory, LibraryFactory, NoticeFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 80, 40)).save(out, format="PNG")
    return SimpleUploadedFile("games.png", out.getvalue(), content_type="image/png")


def _when(moment: dt.datetime, name: str) -> dict[str, str]:
    local = timezone.localtime(moment)
    return {f"{name}_0": local.date().isoformat(), f"{name}_1": local.strftime("%H:%M:%S")}


def article_post(**fields) -> dict:
    data = {
        "title_lt": "Nauji stalo žaidimai",
        "title_bg": "Нови настолни игри",
        "slug": "nauji-zaidimai",
        "summary_lt": "Dvylika naujų žaidimų",
        "summary_bg": "Дванадесет нови игри",
        "body_lt": "",
        "image_alt_lt": "",
        "branch": "",
        **_when(timezone.now() + dt.timedelta(minutes=1), "publish_at"),
        "expires_at_0": "",
        "expires_at_1": "",
        # The read-only history inline's management form.
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def notice_post(**fields) -> dict:
    now = timezone.now()
    data = {
        "text_lt": "Šiandien dirbame trumpiau",
        "level": "warning",
        **_when(now, "starts_at"),
        **_when(now + dt.timedelta(days=1), "ends_at"),
    }
    data.update(fields)
    return data


@pytest.fixture
def library(db):
    return LibraryFactory()


# Rights ------------------------------------------------------------------------------------------------------


def test_a_librarian_writes_and_publishes_news_but_may_not_delete_it(client, library, librarian):
    client.force_login(librarian)
    response = client.post("/admin/news/article/add/", article_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert (article.status, article.title_bg) == (Article.Status.DRAFT, "Нови настолни игри")
    response = client.post("/admin/news/article/", {"action": "publish", "_selected_action": [article.pk]}, follow=True)
    assert response.status_code == 200
    assert Article.objects.get().status == Article.Status.PUBLISHED
    assert ArticleChange.objects.get().actor == librarian
    assert client.get(f"/admin/news/article/{article.pk}/delete/").status_code == 403
    assert client.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"}).status_code == 403
    assert "delete_selected" not in client.get("/admin/news/article/").content.decode()
    assert Article.objects.exists()


def test_a_manager_deletes_an_article(client, library, manager):
    article = ArticleFactory()
    client.force_login(manager)
    response = client.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists()


def test_an_article_deleted_in_the_admin_leaves_the_cached_pages_at_once(client, library, manager):
    article = ArticleFactory(title_en="Soon gone")
    assert "Soon gone" in client.get("/en/news/").content.decode()
    staff = type(client)()
    staff.force_login(manager)
    staff.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"})
    assert "Soon gone" not in client.get("/en/news/").content.decode()


def test_the_status_moves_only_by_the_actions(client, library, librarian):
    article = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(librarian)
    response = client.post(
        f"/admin/news/article/{article.pk}/change/",
        article_post(slug=article.slug, status="published", title_lt="Kitas"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title_lt, article.status) == ("Kitas", Article.Status.DRAFT)


def test_a_librarian_writes_a_notice_for_chosen_branches_but_only_a_manager_deletes_it(
    client, library, librarian, manager
):
    rusne = BranchFactory()
    client.force_login(librarian)
    response = client.post("/admin/news/notice/add/", notice_post(branches=[rusne.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    notice = Notice.objects.get()
    assert list(notice.branches.all()) == [rusne]
    assert client.post(f"/admin/news/notice/{notice.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(manager)
    assert client.post(f"/admin/news/notice/{notice.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Notice.objects.exists()


@pytest.mark.parametrize("path", ["/admin/news/article/", "/admin/news/notice/", "/admin/news/article/add/"])
def test_a_patron_cannot_reach_news_in_the_back_office(client, library, patron, path):
    client.force_login(patron)
    response = client.get(path)
    assert response.status_code == 302 and "/admin/login/" in response.url


# Refusals, by their field and in the staff member's language -----------------------------------------------

IMAGE_ALT = {
    "lt": "Aprašykite paveikslėlį lietuviškai (jo tekstinę alternatyvą) tiems, kurie jo nemato, arba pašalinkite "
    "paveikslėlį.",
    "en": "Describe the image in Lithuanian (its text alternative), for those who cannot see it, or remove the image.",
    "bg": "Опишете изображението на литовски (текстовата му алтернатива) за онези, които не могат да го видят, или "
    "премахнете изображението.",
    "fi": "Kuvaile kuva liettuaksi (sen tekstivastine) niille, jotka eivät näe sitä, tai poista kuva.",
}
END_MISSING = {
    "lt": "Nurodykite pranešimo pabaigą: tada jis pats išnyks.",
    "en": "Give the end of the notice: it disappears by itself then.",
    "bg": "Посочете края на съобщението: тогава то изчезва само.",
    "fi": "Anna tiedotteen päättymisaika: tiedote poistuu silloin itsestään.",
}
END_BEFORE_START = {
    "lt": "Pranešimo pabaiga turi būti vėliau nei jo pradžia.",
    "en": "The end of the notice must come after its start.",
    "bg": "Краят на съобщението трябва да е след началото му.",
    "fi": "Tiedotteen päättymisen on oltava sen alkamisen jälkeen.",
}


def _staff_in(user, lang: str):
    user.preferred_language = lang
    user.save(update_fields=["preferred_language"])
    return user


def _errors(response, field: str) -> list[str]:
    return list(response.context["adminform"].form.errors.get(field, []))


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_an_image_without_its_text_alternative_is_refused_by_its_field_and_the_rest_kept(
    client, library, librarian, lang
):
    client.force_login(_staff_in(librarian, lang))
    response = client.post("/admin/news/article/add/", article_post(image=png()))
    assert response.status_code == 200
    assert _errors(response, "image_alt_lt") == [IMAGE_ALT[lang]]
    assert IMAGE_ALT[lang] in response.content.decode()
    assert 'value="Нови настолни игри"' in response.content.decode()
    assert not Article.objects.exists()
    response = client.post("/admin/news/article/add/", article_post(image=png(), image_alt_lt="Vaikai žaidžia"))
    assert response.status_code == 302
    assert Article.objects.get().image.name.startswith("news/games")


def test_an_expiry_before_the_publication_is_refused_by_its_field(client, library, librarian):
    client.force_login(_staff_in(librarian, "en"))
    response = client.post(
        "/admin/news/article/add/", article_post(**_when(timezone.now() - dt.timedelta(days=1), "expires_at"))
    )
    assert _errors(response, "expires_at") == ["The expiry must come after the publication."]
    assert not Article.objects.exists()


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
@pytest.mark.parametrize("missing", [{"ends_at_0": "", "ends_at_1": ""}, {"ends_at_1": ""}], ids=["both", "time"])
def test_a_notice_without_an_end_is_refused_with_a_translated_error(client, library, librarian, lang, missing):
    client.force_login(_staff_in(librarian, lang))
    response = client.post("/admin/news/notice/add/", notice_post(**missing))
    assert response.status_code == 200
    assert _errors(response, "ends_at") == [END_MISSING[lang]]
    assert not Notice.objects.exists()


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_a_notice_ending_before_its_start_is_refused_with_a_translated_error(client, library, librarian, lang):
    client.force_login(_staff_in(librarian, lang))
    now = timezone.now()
    for ends in (now - dt.timedelta(hours=1), now):
        response = client.post("/admin/news/notice/add/", notice_post(**_when(ends, "ends_at")))
        assert response.status_code == 200
        assert _errors(response, "ends_at") == [END_BEFORE_START[lang]]
        # One error, by its field: the database's constraint does not repeat it on top of the form.
        assert not response.context["adminform"].form.non_field_errors()
    assert not Notice.objects.exists()


# Lists ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/admin/news/article/", "/admin/news/notice/"])
def test_the_back_office_lists_make_the_same_number_of_queries_for_many_rows(
    client, library, librarian, path, django_assert_max_num_queries
):
    branches = BranchFactory.create_batch(2)
    ArticleFactory(branch=branches[0])
    NoticeFactory(branches=branches)
    client.force_login(librarian)
    with django_assert_max_num_queries(20) as few:
        assert client.get(path).status_code == 200
    expected = len(few)
    ArticleFactory.create_batch(10, branch=branches[1])
    NoticeFactory.create_batch(10, branches=branches)
    with django_assert_max_num_queries(expected):
        assert client.get(path).status_code == 200
