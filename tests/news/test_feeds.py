"""The Atom feeds of the news, per language and per branch: valid Atom (RFC 4287's required elements), in the
address's language, with the public articles only, and linked from the news pages with <link rel="alternate">."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, BranchFactory, LibraryFactory

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def branches(db):
    LibraryFactory()
    return BranchFactory(slug="rusne"), BranchFactory(slug="kintai")


def atom(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, rendered by this test
    assert feed.tag == f"{ATOM}feed"
    return feed


def assert_valid_atom(feed: ET.Element) -> None:
    """RFC 4287: a feed has an id, a title, an updated time, an author (as its entries name none) and a self link;
    every entry an id, a title, an updated time and an alternate link; ids are unique."""
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
    assert any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link"))
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "published", "summary"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids))


def titles(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


@pytest.mark.parametrize(
    "lang, title", [("lt", "Nauji žaidimai"), ("en", "New games"), ("bg", "Нови игри"), ("fi", "Uusia pelejä")]
)
def test_the_news_feed_is_valid_atom_in_each_language(client, branches, lang, title):
    ArticleFactory(title="Nauji žaidimai", title_en="New games", title_bg="Нови игри", title_fi="Uusia pelejä")
    ArticleFactory(title="Tik lietuviškai", title_en="", publish_at=timezone.now() - dt.timedelta(days=1))
    feed = atom(client.get(f"/{lang}/news/feed/"))
    assert_valid_atom(feed)
    assert feed.get(XML_LANG) == lang
    # Newest first; an article without this language's text comes in Lithuanian.
    assert titles(feed) == [title, "Tik lietuviškai"]
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith(f"http://testserver/{lang}/news/news-")


def test_a_branch_feed_has_its_own_and_the_whole_librarys_news_and_no_other_branchs(client, branches):
    rusne, kintai = branches
    ArticleFactory(title_en="For everyone")
    ArticleFactory(title_en="Rusnė games", branch=rusne)
    ArticleFactory(title_en="Kintai concert", branch=kintai)
    feed = atom(client.get("/en/news/feed/rusne/"))
    assert_valid_atom(feed)
    assert sorted(titles(feed)) == ["For everyone", "Rusnė games"]
    assert rusne.name_en in feed.findtext(f"{ATOM}title")
    assert sorted(titles(atom(client.get("/en/news/feed/")))) == ["For everyone", "Kintai concert", "Rusnė games"]


def test_the_feeds_leave_out_drafts_scheduled_and_expired_articles(client, branches):
    now = timezone.now()
    ArticleFactory(title_en="Public")
    ArticleFactory(title_en="Draft", status=Article.Status.DRAFT)
    ArticleFactory(title_en="Scheduled", publish_at=now + dt.timedelta(hours=1))
    ArticleFactory(title_en="Expired", publish_at=now - dt.timedelta(days=2), expires_at=now - dt.timedelta(days=1))
    assert titles(atom(client.get("/en/news/feed/"))) == ["Public"]


def test_an_empty_feed_is_valid_atom_too(client, branches):
    assert_valid_atom(atom(client.get("/fi/news/feed/")))


def test_the_feed_of_a_branch_that_does_not_exist_is_not_found(client, branches):
    assert client.get("/en/news/feed/no-such-branch/").status_code == 404


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_the_news_pages_link_their_feed(client, branches, lang):
    rusne, _kintai = branches
    article = ArticleFactory()
    feed = '<link rel="alternate" type="application/atom+xml" title="'
    for path, href in (
        (f"/{lang}/news/", f"/{lang}/news/feed/"),
        (f"/{lang}/news/?branch=rusne", f"/{lang}/news/feed/rusne/"),
        (f"/{lang}/news/{article.slug}/", f"/{lang}/news/feed/"),
        (f"/{lang}/", f"/{lang}/news/feed/"),
        (f"/{lang}/branches/{rusne.slug}/", f"/{lang}/news/feed/rusne/"),
    ):
        html = client.get(path).content.decode()
        head = html.split("</head>", 1)[0]
        assert feed in head and f'href="{href}">' in head, path
