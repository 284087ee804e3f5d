"""The demo's news and notice (news/fixtures/demo/), loaded by `manage.py load_demo` and again without duplicates."""

from django.core.management import call_command
from django.test import Client

from news.models import Article, Notice


def test_load_demo_loads_the_news_and_the_notice_once_and_shows_them(db):
    call_command("load_demo", "--no-accounts", stdout=None)
    call_command("load_demo", "--no-accounts", stdout=None)
    assert Article.objects.filter(status=Article.Status.PUBLISHED).count() == 4
    branch_news = Article.objects.get(slug="rusnes-filiale-stalo-zaidimai")
    assert branch_news.branch.slug == "rusnes-filialas"
    assert all(getattr(branch_news, f"title_{lang}") for lang in ("lt", "en", "bg", "fi"))
    notice = Notice.objects.get()
    assert [branch.slug for branch in notice.branches.all()] == ["rusnes-filialas"]
    client = Client()
    html = client.get("/fi/").content.decode()
    assert "Uusia lautapelejä Rusnėn sivukirjastossa" in html
    assert "Rusnėn sivukirjaston yleisökoneita vaihdetaan" not in html  # a branch's notice, not on every page
    assert (
        "Rusnėn sivukirjaston yleisökoneita vaihdetaan" in client.get("/fi/branches/rusnes-filialas/").content.decode()
    )
