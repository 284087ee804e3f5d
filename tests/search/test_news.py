"""News in the site search: found while public, from its publication (a scheduled article at its time, with nothing
run then and no stale cached page) until its expiry; kept current by the article services."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from news.models import Article
from news.services import article_delete, article_publish, article_save, article_withdraw
from search.models import SearchEntry


def _results(query: str, lang: str) -> str:
    """The search page as an anonymous visitor gets it (from the whole-page cache when it is there), unmarked."""
    response = Client().get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200
    return re.sub(r"</?mark>", "", response.content.decode())


def _article(**fields) -> Article:
    return article_save(
        article=Article(
            slug=fields.pop("slug", "biblioteku-savaite"),
            title=fields.pop("title", "Bibliotekų savaitė"),
            summary=fields.pop("summary", "Kviečiame į renginius"),
            **fields,
        )
    )


def test_a_published_article_is_found_with_its_date_and_link(catalogue):
    article = article_publish(article=_article(title_en="Libraries week", summary_en="Join the events"))
    html = _results("libraries week", "en")
    assert 'href="/en/news/biblioteku-savaite/"' in html
    assert f'datetime="{timezone.localtime(article.publish_at):%Y-%m-%dT%H}' in html


def test_a_draft_is_not_found_and_a_withdrawn_article_leaves_the_results(catalogue):
    article = _article()
    assert "/lt/news/biblioteku-savaite/" not in _results("bibliotekų savaitė", "lt")
    article_publish(article=article)
    assert "/lt/news/biblioteku-savaite/" in _results("bibliotekų savaitė", "lt")
    article_withdraw(article=article)
    assert "/lt/news/biblioteku-savaite/" not in _results("bibliotekų savaitė", "lt")


def test_a_deleted_article_leaves_the_index(catalogue):
    article = article_publish(article=_article())
    pk = article.pk
    article_delete(article=article)
    assert not SearchEntry.objects.filter(kind="news", object_id=pk).exists()


def test_a_bulgarian_article_scheduled_a_minute_ahead_is_found_at_its_time_and_not_before(catalogue):
    at = timezone.now().replace(microsecond=0) + dt.timedelta(minutes=1)
    article_publish(
        article=_article(title_bg="Седмица на библиотеките", summary_bg="Заповядайте на събитията", publish_at=at)
    )
    # Asked (and cached) before its time: the page must not outlive the moment the article comes out.
    assert "/bg/news/biblioteku-savaite/" not in _results("седмица библиотеките", "bg")
    with time_machine.travel(at - dt.timedelta(seconds=1)):
        assert "/bg/news/biblioteku-savaite/" not in _results("седмица библиотеките", "bg")
    with time_machine.travel(at + dt.timedelta(seconds=1)):
        assert "/bg/news/biblioteku-savaite/" in _results("седмица библиотеките", "bg")


def test_an_article_leaves_the_results_at_its_expiry(catalogue):
    ends = timezone.now() + dt.timedelta(hours=2)
    article_publish(article=_article(expires_at=ends))
    assert "/lt/news/biblioteku-savaite/" in _results("bibliotekų savaitė", "lt")
    with time_machine.travel(ends + dt.timedelta(seconds=1)):
        assert "/lt/news/biblioteku-savaite/" not in _results("bibliotekų savaitė", "lt")


def test_an_article_without_a_finnish_text_is_found_in_finnish_through_its_lithuanian_text(catalogue):
    article_publish(article=_article())
    html = _results("bibliotekų savaitė", "fi")
    assert 'href="/fi/news/biblioteku-savaite/"' in html
    assert "Liettuaksi" in html


@pytest.mark.parametrize("lang,heading", [("lt", "Naujienos"), ("en", "News"), ("bg", "Новини"), ("fi", "Uutiset")])
def test_news_has_its_group_in_every_language(catalogue, lang, heading):
    article_publish(
        article=_article(title_en="Libraries week", title_bg="Седмица на библиотеките", title_fi="Kirjastoviikko")
    )
    query = {"lt": "savaitė", "en": "libraries", "bg": "седмица", "fi": "kirjastoviikko"}[lang]
    assert f'<h2 id="group-news">{heading} ' in _results(query, lang)
