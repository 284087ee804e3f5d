"""News articles: the services' rules and moves, and the pages that show them (the news list with its branch filter,
an article, the home page's latest three, a branch's page), with the fallback to Lithuanian said on the page."""

import datetime as dt
import re

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from library_portal.errors import DomainError
from news.models import Article
from news.services import article_publish, article_save, article_withdraw
from tests.factories import ArticleFactory, BranchFactory, LibraryFactory


@pytest.fixture
def library(db):
    return LibraryFactory()


def _items(html: str) -> list[str]:
    """The titles of the articles listed, in order."""
    return re.findall(r'<li class="news-item">\s*<h[23]><a href="[^"]+"[^>]*>([^<]+)</a>', html)


# The services' rules ----------------------------------------------------------------------------------------


def test_an_article_with_an_image_and_no_text_alternative_is_refused(db):
    article = ArticleFactory.build(image="news/reading.png", image_alt_lt="  ")
    with pytest.raises(DomainError) as refused:
        article_save(article=article)
    assert refused.value.field == "image_alt_lt"
    assert "tekstinę alternatyvą" in str(refused.value.message)  # Lithuanian, as every test starts
    assert not Article.objects.exists()


def test_the_database_refuses_an_image_without_its_text_alternative_too(db):
    for alt in ("", None):
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleFactory(image="news/reading.png", image_alt_lt=alt)
    assert ArticleFactory(image="news/reading.png", image_alt_lt="Vaikai skaito").pk


def test_an_expiry_not_after_the_publication_is_refused(db):
    now = timezone.now()
    article = ArticleFactory.build(publish_at=now, expires_at=now)
    with pytest.raises(DomainError) as refused:
        article_save(article=article)
    assert refused.value.field == "expires_at"
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(publish_at=now, expires_at=now - dt.timedelta(minutes=1))


def test_the_feeds_address_is_refused_as_an_articles(db):
    with pytest.raises(DomainError) as refused:
        article_save(article=ArticleFactory.build(slug="feed"))
    assert refused.value.field == "slug"


def test_a_new_article_is_a_draft_and_publishing_it_writes_who_and_when(librarian):
    article = article_save(article=ArticleFactory.build(status=Article.Status.PUBLISHED))
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    article_publish(article=article, actor=librarian)
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    change = article.changes.get()
    assert (change.from_status, change.to_status, change.actor) == ("draft", "published", librarian)


def test_saving_an_edit_never_undoes_a_publication_made_since_the_form_opened(librarian):
    article = article_save(article=ArticleFactory.build())
    stale = Article.objects.get(pk=article.pk)
    article_publish(article=article, actor=librarian)
    stale.title = "Pataisytas pavadinimas"
    article_save(article=stale)
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.status) == ("Pataisytas pavadinimas", Article.Status.PUBLISHED)


def test_an_article_cannot_be_published_twice_nor_a_draft_withdrawn(librarian):
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    with pytest.raises(DomainError) as refused:
        article_publish(article=article, actor=librarian)
    assert (refused.value.code, refused.value.status) == ("illegal_move", 409)
    article_withdraw(article=article, actor=librarian)
    with pytest.raises(DomainError):
        article_withdraw(article=article, actor=librarian)
    assert [(c.from_status, c.to_status) for c in article.changes.all()] == [("published", "draft")]


# The pages ---------------------------------------------------------------------------------------------------


def test_the_news_list_shows_public_articles_newest_first_and_nothing_else(client, library):
    now = timezone.now()
    ArticleFactory(title_en="Older", publish_at=now - dt.timedelta(days=2))
    ArticleFactory(title_en="Newer", publish_at=now - dt.timedelta(hours=2), expires_at=now + dt.timedelta(days=1))
    ArticleFactory(title_en="A draft", status=Article.Status.DRAFT)
    ArticleFactory(title_en="Scheduled", publish_at=now + dt.timedelta(minutes=5))
    ArticleFactory(title_en="Expired", publish_at=now - dt.timedelta(days=3), expires_at=now - dt.timedelta(days=1))
    response = client.get("/en/news/")
    assert response.status_code == 200
    assert _items(response.content.decode()) == ["Newer", "Older"]


def test_the_news_list_without_news_says_so(client, library):
    assert "No news at the moment." in client.get("/en/news/").content.decode()


def test_the_branch_filter_shows_that_branchs_news_and_the_whole_librarys(client, library):
    rusne, kintai = BranchFactory(slug="rusne"), BranchFactory(slug="kintai")
    ArticleFactory(title_en="For everyone")
    ArticleFactory(title_en="Rusnė games", branch=rusne)
    ArticleFactory(title_en="Kintai concert", branch=kintai)
    html = client.get("/en/news/?branch=rusne").content.decode()
    assert sorted(_items(html)) == ["For everyone", "Rusnė games"]
    assert '<option value="rusne" selected>' in html
    # Every article says whose news it is.
    assert "the whole library" in html and rusne.name_en in html


def test_a_branch_that_is_not_one_is_ignored_and_the_whole_list_shown(client, library):
    ArticleFactory(title_en="For everyone")
    ArticleFactory(title_en="Rusnė games", branch=BranchFactory())
    response = client.get("/en/news/?branch=%22%3E%3Cscript%3E")
    assert response.status_code == 200
    assert sorted(_items(response.content.decode())) == ["For everyone", "Rusnė games"]


def test_the_news_list_makes_the_same_number_of_queries_for_many_articles(
    client, library, django_assert_max_num_queries
):
    branch = BranchFactory()
    ArticleFactory(branch=branch)
    # The branch of the filter and the branches of its list, the next change, the count and the page of articles;
    # the library and the notices once, before the shared cache has them.
    with django_assert_max_num_queries(8) as few:
        assert client.get("/lt/news/?branch=" + branch.slug).status_code == 200
    ArticleFactory.create_batch(15, branch=branch)
    ArticleFactory.create_batch(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/lt/news/?branch=" + branch.slug + "&page=1&x=1").content.decode()
    assert len(_items(html)) == 20
    assert 'rel="next"' in html


def test_an_article_has_its_own_page_and_an_unpublished_one_is_not_found(client, library):
    article = ArticleFactory(title_en="Board games", summary_en="Twelve new games", body_en="## Come and play\nFridays")
    html = client.get(f"/en/news/{article.slug}/").content.decode()
    assert "<h1>Board games</h1>" in html
    assert "Twelve new games" in html and "<h2>Come and play</h2>" in html
    for hidden in (
        ArticleFactory(status=Article.Status.DRAFT),
        ArticleFactory(publish_at=timezone.now() + dt.timedelta(minutes=1)),
        ArticleFactory(
            expires_at=timezone.now() - dt.timedelta(seconds=1), publish_at=timezone.now() - dt.timedelta(days=1)
        ),
    ):
        assert client.get(f"/en/news/{hidden.slug}/").status_code == 404
    assert client.get("/en/news/no-such-article/").status_code == 404


def test_staff_who_edit_news_preview_a_draft_and_a_patron_does_not(client, library, librarian, patron):
    draft = ArticleFactory(title_en="Not yet", status=Article.Status.DRAFT)
    client.force_login(patron)
    assert client.get(f"/en/news/{draft.slug}/").status_code == 404
    client.force_login(librarian)
    html = client.get(f"/en/news/{draft.slug}/").content.decode()
    assert "Not yet" in html and "Preview" in html


def test_an_image_is_shown_with_its_text_alternative(client, library, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory(image="news/games.png", image_alt_lt="Vaikai žaidžia", image_alt_en="Children playing")
    html = client.get(f"/en/news/{article.slug}/").content.decode()
    assert re.search(r'<img src="/media/news/games.png" alt="Children playing">', html)
    html = client.get(f"/fi/news/{article.slug}/").content.decode()
    assert '<img src="/media/news/games.png" alt="Vaikai žaidžia" lang="lt">' in html


FALLBACK_LABELS = {
    "en": ("This article is not available in English: it is shown in Lithuanian.", "in Lithuanian"),
    "bg": ("Тази статия не е налична на български: показана е на литовски.", "на литовски"),
    "fi": ("Tätä uutista ei ole suomeksi: se näytetään liettuaksi.", "liettuaksi"),
}


@pytest.mark.parametrize("lang", ["en", "bg", "fi"])
def test_an_article_left_empty_in_a_language_is_shown_in_lithuanian_and_says_so(client, library, lang):
    article = ArticleFactory(
        title="Naujos knygos", title_en="", summary="Atvežėme naujų knygų", summary_en="", body="Ateikite."
    )
    page_label, list_label = FALLBACK_LABELS[lang]
    html = client.get(f"/{lang}/news/{article.slug}/").content.decode()
    assert '<h1 lang="lt">Naujos knygos</h1>' in html
    assert '<div class="prose" lang="lt"><p>Ateikite.</p></div>' in html
    assert page_label in html
    listed = client.get(f"/{lang}/news/").content.decode()
    assert f'lang="lt">Naujos knygos</a> <span class="tag">{list_label}</span>' in listed


def test_an_article_translated_in_part_says_that_parts_are_in_lithuanian(client, library):
    article = ArticleFactory(title_en="New books", summary_en="", body="Ateikite.", body_en="")
    html = client.get(f"/en/news/{article.slug}/").content.decode()
    assert "<h1>New books</h1>" in html
    assert "Parts of this article are not available in English: they are shown in Lithuanian." in html
    assert '<p class="lead" lang="lt">Trumpai apie naujieną</p>' in html


def test_a_translated_article_and_the_lithuanian_pages_say_nothing_of_a_fallback(client, library):
    article = ArticleFactory(body="Ateikite.", body_en="Come.")
    for lang in ("lt", "en"):
        html = client.get(f"/{lang}/news/{article.slug}/").content.decode()
        assert 'lang="lt">' not in html.split("<main", 1)[1]
        assert 'class="note"' not in html


def test_the_home_page_shows_the_latest_three_articles_with_a_link_to_all(client, library):
    now = timezone.now()
    for hours in (5, 4, 3, 2):
        ArticleFactory(title_en=f"{hours} hours ago", publish_at=now - dt.timedelta(hours=hours))
    html = client.get("/en/").content.decode()
    assert _items(html) == ["2 hours ago", "3 hours ago", "4 hours ago"]
    assert 'href="/en/news/"' in html


def test_a_branch_page_shows_its_own_and_the_whole_librarys_news_not_another_branchs(client, library):
    rusne, kintai = BranchFactory(), BranchFactory()
    ArticleFactory(title_en="For everyone")
    ArticleFactory(title_en="Rusnė games", branch=rusne)
    ArticleFactory(title_en="Kintai concert", branch=kintai)
    html = client.get(f"/en/branches/{rusne.slug}/").content.decode()
    assert sorted(_items(html)) == ["For everyone", "Rusnė games"]
    assert f'href="/en/news/?branch={rusne.slug}"' in html


def test_the_main_menu_leads_to_the_news(client, library):
    html = client.get("/en/news/").content.decode()
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert '<a href="/en/news/" aria-current="page">News</a>' in menu
