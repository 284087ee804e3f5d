"""News and notices in a real browser: a librarian schedules a Bulgarian article a minute ahead in the back office
and it appears on the Bulgarian news list on time; a closure entered for tomorrow shows as a banner on the branch's
pages, announced once, and is closed with its button; axe-core on every page visited, in the four languages, the
back office's news pages included.

The live server runs in this process, so moving the pinned clock (time-machine) moves the server's clock too."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import expect

from library_portal.caching import Namespace, bump
from library_portal.demo import demo_accounts_create, demo_load_news
from library_portal.languages import LANGS
from library_portal.models import User
from news.models import Article, ArticleChange, Notice
from news.notices import DISMISSED_SESSION_KEY
from services.models import Branch, OpeningException
from tests.browser.conftest import LOCALES, assert_accessible
from tests.browser.test_admin_buttons import staff_log_in

pytestmark = pytest.mark.browser

# 10:00:30 in Vilnius: the article is due at 10:01:30.
T0 = dt.datetime(2026, 6, 15, 7, 0, 30, tzinfo=dt.UTC)
DUE = T0 + dt.timedelta(minutes=1)
TITLE_BG = "Вечер на поезията в клон Русне"


@pytest.fixture
def news_demo(demo):
    """The demo with its news and notice; the staff groups get their news rights back (a transactional test empties
    the tables the data migrations filled) and the demo accounts join them."""
    for name, actions in (("Librarian", ("view", "add", "change")), ("Manager", ("view", "add", "change", "delete"))):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="news", codename__regex=rf"^({'|'.join(actions)})_"),
            *Permission.objects.filter(content_type__app_label="services", codename__endswith="openingexception"),
        )
    demo_accounts_create()
    return demo_load_news()


def _tab(page, field: str, lang: str):
    """Chooses modeltranslation's language tab of a field: its input is hidden until then."""
    page.locator(f"[role=tab][aria-controls='tab_id_{field}_{lang}']").click()
    expect(page.locator(f"#id_{field}_{lang}")).to_be_visible()


def test_a_librarian_schedules_a_bulgarian_article_a_minute_ahead_and_it_appears_on_time(
    browser, page, live_server, news_demo
):
    # The clock stands still at T0 while the librarian works (slow on a busy machine), and moves when we say.
    with time_machine.travel(T0, tick=False) as clock:
        staff_log_in(page, live_server.url, "librarian@example.org", "/admin/news/article/add/")
        assert_accessible(page)
        page.locator("#id_title_lt").fill("Poezijos vakaras Rusnės filiale")
        page.locator("#id_summary_lt").fill("Skaitome mėgstamus eilėraščius.")
        page.locator("#id_slug").fill("poezijos-vakaras")
        _tab(page, "title", "bg")
        page.locator("#id_title_bg").fill(TITLE_BG)
        _tab(page, "summary", "bg")
        page.locator("#id_summary_bg").fill("Четем любими стихотворения.")
        page.locator("#id_branch").select_option(str(Branch.objects.get(slug="rusnes-filialas").pk))
        local = timezone.localtime(DUE)
        page.locator("#id_publish_at_0").fill(local.date().isoformat())
        page.locator("#id_publish_at_1").fill(local.strftime("%H:%M:%S"))
        page.locator("input[name=_save]").click()
        expect(page.locator(".messagelist .success")).to_be_visible()
        article = Article.objects.get(slug="poezijos-vakaras")
        assert article.status == Article.Status.DRAFT and article.publish_at == DUE

        # Published from the list, by the action that calls the service.
        assert_accessible(page)
        page.locator(f"input[name=_selected_action][value='{article.pk}']").check()
        page.locator("select[name=action]").select_option("publish")
        page.locator("button[name=index]").click()
        expect(page.locator(".messagelist")).to_contain_text("Poezijos vakaras Rusnės filiale")
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        change = ArticleChange.objects.get(article=article)
        assert change.actor.email == "librarian@example.org"
        assert_accessible(page)

        # A reader on the Bulgarian news list: not yet, then at its minute.
        context = browser.new_context(locale="bg-BG")
        reader = context.new_page()
        reader.goto(f"{live_server.url}/bg/news/")
        expect(reader.get_by_role("heading", name="Новини", level=1)).to_be_visible()
        expect(reader.get_by_text(TITLE_BG)).to_have_count(0)
        assert_accessible(reader)
        clock.move_to(DUE - dt.timedelta(seconds=1))
        reader.reload()
        expect(reader.get_by_text(TITLE_BG)).to_have_count(0)
        clock.move_to(DUE)
        reader.reload()
        reader.get_by_role("link", name=TITLE_BG).click()
        expect(reader).to_have_url(re.compile(r"/bg/news/poezijos-vakaras/$"))
        expect(reader.get_by_role("heading", name=TITLE_BG, level=1)).to_be_visible()
        assert_accessible(reader)
        # The body was left empty in Bulgarian: nothing to fall back to; the title and summary are Bulgarian.
        expect(reader.locator(".note")).to_have_count(0)
        reader.goto(f"{live_server.url}/bg/")
        expect(reader.locator(".home-news").get_by_role("link", name=TITLE_BG)).to_be_visible()
        reader.goto(f"{live_server.url}/bg/branches/rusnes-filialas/")
        expect(reader.locator(".branch-news").get_by_role("link", name=TITLE_BG)).to_be_visible()
        context.close()


def test_a_closure_entered_for_tomorrow_shows_on_the_branchs_pages_and_is_closed_with_its_button(
    browser, page, live_server, news_demo
):
    rusne = Branch.objects.get(slug="rusnes-filialas")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    staff_log_in(page, live_server.url, "librarian@example.org", "/admin/services/openingexception/add/")
    page.locator("#id_branch").select_option(str(rusne.pk))
    page.locator("#id_date").fill(tomorrow.isoformat())
    page.locator("#id_closed").check()
    page.locator("#id_reason_lt").fill("Inventorizacija")
    _tab(page, "reason", "en")
    page.locator("#id_reason_en").fill("Stocktaking")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert OpeningException.objects.filter(branch=rusne, date=tomorrow, closed=True).exists()

    context = browser.new_context(locale="en-GB")
    reader = context.new_page()
    reader.goto(f"{live_server.url}/en/branches/rusnes-filialas/")
    banner = reader.get_by_role("region", name="Notices")
    day = f"{tomorrow.day} {tomorrow:%B}"
    closure = f"Rusnė Branch (sample) is closed on {day} (Stocktaking)."
    expect(banner).to_contain_text(closure)
    # Announced on the first page that shows it.
    expect(banner.get_by_role("status").filter(has_text=closure)).to_have_count(1)
    assert_accessible(reader)
    # Not on another branch's page, nor on the pages of the whole library.
    reader.goto(f"{live_server.url}/en/branches/kintu-filialas/")
    expect(reader.get_by_text(closure)).to_have_count(0)
    reader.goto(f"{live_server.url}/en/news/?branch=rusnes-filialas")
    banner = reader.get_by_role("region", name="Notices")
    expect(banner).to_contain_text(closure)
    expect(banner.get_by_role("status").filter(has_text=closure)).to_have_count(0)  # heard already
    assert_accessible(reader)

    # Closed with its button, for the rest of the visit; the page stays where it was.
    banner.locator("li", has_text=closure).get_by_role("button", name="Close this notice").click()
    expect(reader).to_have_url(re.compile(r"/en/news/\?branch=rusnes-filialas$"))
    expect(reader.get_by_text(closure)).to_have_count(0)
    session_key = next(c["value"] for c in context.cookies() if c["name"] == "sessionid")
    dismissed = Session.objects.get(session_key=session_key).get_decoded()[DISMISSED_SESSION_KEY]
    assert dismissed == [f"x{rusne.pk}-{tomorrow:%Y%m%d}-all"]
    reader.goto(f"{live_server.url}/en/branches/rusnes-filialas/")
    expect(reader.get_by_text(closure)).to_have_count(0)
    assert_accessible(reader)
    context.close()


def test_every_news_page_and_the_banner_pass_axe_in_every_language(browser, live_server, news_demo):
    """One test for the four languages, so that the demo loads once."""
    rusne = Branch.objects.get(slug="rusnes-filialas")
    # The same closure and article serve every language: made once, before the languages.
    OpeningException.objects.create(branch=rusne, date=timezone.localdate(), closed=True, reason="Inventorizacija")
    # An article only in Lithuanian, for the fallback's label.
    Article.objects.create(
        title="Tik lietuviškai",
        slug="tik-lietuviskai",
        summary="Ši naujiena neišversta.",
        body="Ateikite į biblioteką.",
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - dt.timedelta(hours=1),
    )
    bump(Namespace.NEWS, Namespace.BRANCHES)
    for lang in LANGS:
        walk_the_news_pages(browser, live_server.url, lang)


def walk_the_news_pages(browser, base: str, lang: str) -> None:
    # A context of its own per language: a visitor who has closed no notice yet, in that language's locale.
    context = browser.new_context(locale=LOCALES[lang])
    page = context.new_page()
    for path in (
        "",
        "news/",
        "news/?branch=rusnes-filialas",
        "news/lesto-savitarna-bibliotekoje/",
        "news/tik-lietuviskai/",
        "branches/rusnes-filialas/",
    ):
        page.goto(f"{base}/{lang}/{path}")
        expect(page.locator("main h1")).to_be_visible()
        assert_accessible(page)
    # The branch's banner: the demo notice and today's closure, each with its close button.
    expect(page.get_by_role("region").locator(".notice")).to_have_count(2)
    context.close()


def test_the_back_offices_news_pages_pass_axe_in_every_language(page, live_server, news_demo):
    """One test, so that the demo loads once: the librarian in every language, then the manager (who also has the
    delete buttons) in Lithuanian."""
    base = live_server.url
    staff_log_in(page, base, "librarian@example.org", "/admin/news/article/")
    for lang in LANGS:
        # The back office reads the staff member's language from the row on every request (whatever the browser's
        # locale): the librarian logs in once.
        User.objects.filter(email="librarian@example.org").update(preferred_language=lang)
        walk_the_back_offices_news_pages(page, base, lang)
    page.context.clear_cookies()
    User.objects.filter(email="manager@example.org").update(preferred_language="lt")
    staff_log_in(page, base, "manager@example.org", "/admin/news/article/")
    walk_the_back_offices_news_pages(page, base, "lt")


def walk_the_back_offices_news_pages(page, base: str, lang: str) -> None:
    article = Article.objects.get(slug="rusnes-filiale-stalo-zaidimai")
    notice = Notice.objects.get()
    for path in (
        "/admin/news/article/",
        "/admin/news/article/add/",
        f"/admin/news/article/{article.pk}/change/",
        "/admin/news/notice/",
        "/admin/news/notice/add/",
        f"/admin/news/notice/{notice.pk}/change/",
    ):
        response = page.goto(f"{base}{path}")
        assert response.status == 200, path
        # The language changed without a new log-in: the page proves it speaks it.
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert_accessible(page)
    # A refused notice (nothing saved, so Notice.objects.get() above holds in the next language): the error by its
    # field passes too.
    page.goto(f"{base}/admin/news/notice/add/")
    _tab(page, "text", "lt")  # the staff member's own language's tab is the one open
    page.locator("#id_text_lt").fill("Šiandien dirbame trumpiau")
    page.locator("#id_starts_at_0").fill(timezone.localdate().isoformat())
    page.locator("#id_starts_at_1").fill("10:00:00")
    page.locator("input[name=_save]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
