"""The notices' banner: staff notices in force on every page (a branch's on its pages only), the notices that the
opening exceptions of today and tomorrow make by themselves in the reader's language and date format, announced
once, closed for the session without JavaScript, and never stale in the page cache."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from library_portal.caching import Namespace, _request_key, bump
from news.models import Notice
from news.notices import DISMISSED_SESSION_KEY, HEARD_COOKIE
from news.services import notice_save
from services.models import HoursKind
from tests.factories import BranchFactory, LibraryFactory, NoticeFactory, OpeningExceptionFactory


def banner(html: str) -> str:
    found = re.search(r'<section class="notices".*?</section>', html, re.S)
    return found.group(0) if found else ""


def shown(client, path: str) -> str:
    return banner(client.get(path).content.decode())


@pytest.fixture
def rusne(db):
    LibraryFactory()
    return BranchFactory(
        slug="rusne",
        name="Rusnės filialas",
        name_en="Rusnė Branch",
        name_bg="Клон Русне",
        name_fi="Rusnėn sivukirjasto",
    )


# Staff notices ------------------------------------------------------------------------------------------------

NOW = dt.datetime(2026, 6, 15, 10, 0, 20, tzinfo=dt.UTC)


@pytest.mark.parametrize("path", ["/en/", "/en/services/", "/en/news/", "/en/branches/rusne/", "/en/prices/"])
def test_a_notice_shows_on_every_page_from_its_start_to_its_end_and_not_before_or_after(client, rusne, path):
    with time_machine.travel(NOW, tick=False) as clock:
        NoticeFactory(
            text_en="The catalogue is down tonight",
            starts_at=NOW + dt.timedelta(minutes=1),
            ends_at=NOW + dt.timedelta(minutes=2),
        )
        assert shown(client, path) == ""  # cached now, until the notice starts
        clock.move_to(NOW + dt.timedelta(minutes=1))
        assert "The catalogue is down tonight" in shown(client, path)
        clock.move_to(NOW + dt.timedelta(minutes=2) - dt.timedelta(seconds=1))
        assert "The catalogue is down tonight" in shown(client, path)
        clock.move_to(NOW + dt.timedelta(minutes=2))
        assert shown(client, path) == ""


def test_a_branch_notice_shows_only_on_that_branchs_pages(client, rusne):
    kintai = BranchFactory(slug="kintai")
    NoticeFactory(text_en="Rusnė: computers are replaced", branches=[rusne])
    NoticeFactory(text_en="Everyone: new opening hours in July", level=Notice.Level.WARNING)
    on_branch = shown(client, "/en/branches/rusne/")
    assert "Rusnė: computers are replaced" in on_branch and "Everyone: new opening hours in July" in on_branch
    # Warnings first, each with its level in words.
    assert on_branch.index("<strong>Warning:</strong>") < on_branch.index("<strong>Information:</strong>")
    assert "Rusnė: computers" in shown(client, "/en/news/?branch=rusne")
    for path in ("/en/", "/en/branches/kintai/", f"/en/news/?branch={kintai.slug}", "/en/branches/"):
        elsewhere = shown(client, path)
        assert "Everyone: new opening hours in July" in elsewhere and "Rusnė" not in elsewhere, path


def test_a_notice_left_empty_in_a_language_is_shown_in_lithuanian_marked_as_such(client, rusne):
    NoticeFactory(text="Šiandien dirbame trumpiau", text_en="", text_fi="Tänään lyhyempi aukioloaika")
    assert '<span lang="lt">Šiandien dirbame trumpiau</span>' in shown(client, "/en/")
    assert "<span>Tänään lyhyempi aukioloaika</span>" in shown(client, "/fi/")


def test_a_notice_written_or_deleted_shows_or_goes_at_once_on_cached_pages(client, rusne):
    assert shown(client, "/en/services/") == ""
    now = timezone.now()
    notice = notice_save(
        notice=Notice(text="Pranešimas", text_en="Fresh notice", starts_at=now, ends_at=now + dt.timedelta(hours=1))
    )
    assert "Fresh notice" in shown(client, "/en/services/")
    notice_save(notice=notice, branches=[rusne])
    assert shown(client, "/en/services/") == ""
    assert "Fresh notice" in shown(client, "/en/branches/rusne/")


def test_a_page_with_a_banner_is_never_kept_in_the_page_cache_and_one_without_is(client, rusne):
    NoticeFactory(branches=[rusne])

    def kept(path: str) -> bool:
        client.get(path)
        return cache.get(_request_key("page", RequestFactory().get(path))) is not None

    assert kept("/en/services/")
    assert not kept("/en/branches/rusne/")


def test_the_notices_cost_a_page_no_query_once_the_shared_cache_has_them(
    client, patron, rusne, django_assert_num_queries
):
    # Logged in, so that the page itself is rendered each time.
    client.force_login(patron)
    client.get("/en/services/")
    with django_assert_num_queries(1) as without:  # the user
        client.get("/en/services/")
    # Read now: the next request empties the connection's log of queries, which the context slices.
    expected = len(without)
    NoticeFactory(text_en="A notice")
    NoticeFactory(text_en="Rusnė only", branches=[rusne])
    OpeningExceptionFactory(branch=rusne, date=timezone.localdate() + dt.timedelta(days=1))
    cache.clear()
    client.force_login(patron)
    client.get("/en/services/")
    with django_assert_num_queries(expected):
        assert "A notice" in shown(client, "/en/services/")


# Notices made from opening exceptions ------------------------------------------------------------------------

# 23 December 2026, noon in Vilnius.
DEC_23 = dt.datetime(2026, 12, 23, 10, 0, tzinfo=dt.UTC)
EXPECTED = {
    "lt": (
        "<strong>Įspėjimas:</strong> <span>Rusnės filialas gruodžio 24 d. nedirba (Kūčios).</span>",
        "<strong>Informacija:</strong> <span>Rusnės filialas gruodžio 23 d. dirba 10:00–14:00.</span>",
        "Rusnės filialas: gruodžio 24 d. savitarna neveikia.",
        "Rusnės filialas: gruodžio 23 d. aptarnavimas telefonu veikia 09:00–12:00, 13:00–15:00.",
    ),
    "en": (
        "<strong>Warning:</strong> <span>Rusnė Branch is closed on 24 December (Christmas Eve).</span>",
        "<strong>Information:</strong> <span>Rusnė Branch is open 10:00–14:00 on 23 December.</span>",
        "Rusnė Branch: no self-service on 24 December.",
        "Rusnė Branch: phone service 09:00–12:00, 13:00–15:00 on 23 December.",
    ),
    "bg": (
        "<strong>Предупреждение:</strong> <span>Клон Русне не работи на 24 декември (Бъдни вечер).</span>",
        "<strong>Информация:</strong> <span>Клон Русне на 23 декември работи 10:00–14:00.</span>",
        "Клон Русне: на 24 декември самообслужване не работи.",
        "Клон Русне: на 23 декември обслужване по телефона работи 09:00–12:00, 13:00–15:00.",
    ),
    "fi": (
        "<strong>Varoitus:</strong> <span>Rusnėn sivukirjasto on suljettu 24.12. (jouluaatto).</span>",
        "<strong>Tiedote:</strong> <span>Rusnėn sivukirjasto on auki 23.12. klo 10.00–14.00.</span>",
        "Rusnėn sivukirjasto: omatoimiaika ei ole käytettävissä 24.12.",
        "Rusnėn sivukirjasto: puhelinpalvelu 23.12. klo 9.00–12.00, 13.00–15.00.",
    ),
}


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_the_exceptions_of_today_and_tomorrow_show_on_the_branchs_pages_in_the_readers_words(client, rusne, lang):
    with time_machine.travel(DEC_23, tick=False):
        OpeningExceptionFactory(
            branch=rusne,
            date=dt.date(2026, 12, 24),
            reason="Kūčios",
            reason_en="Christmas Eve",
            reason_bg="Бъдни вечер",
            reason_fi="jouluaatto",
        )
        OpeningExceptionFactory(
            branch=rusne, date=dt.date(2026, 12, 23), closed=False, opens=dt.time(10), closes=dt.time(14), reason=""
        )
        OpeningExceptionFactory(branch=rusne, date=dt.date(2026, 12, 24), kind=HoursKind.SELF_SERVICE, reason="")
        for opens, closes in ((dt.time(9), dt.time(12)), (dt.time(13), dt.time(15))):
            OpeningExceptionFactory(
                branch=rusne,
                date=dt.date(2026, 12, 23),
                kind=HoursKind.PHONE,
                closed=False,
                opens=opens,
                closes=closes,
                reason="",
            )
        html = shown(client, f"/{lang}/branches/rusne/")
        for sentence in EXPECTED[lang]:
            assert sentence in html
        assert shown(client, f"/{lang}/") == ""


def test_an_exception_further_ahead_or_past_makes_no_notice_until_its_day_comes_near(client, rusne):
    with time_machine.travel(DEC_23, tick=False) as clock:
        OpeningExceptionFactory(branch=rusne, date=dt.date(2026, 12, 22), reason_en="Yesterday's closure")
        OpeningExceptionFactory(branch=rusne, date=dt.date(2026, 12, 25), reason_en="Christmas Day")
        assert shown(client, "/en/branches/rusne/") == ""
        # Midnight in Vilnius: the 25th is tomorrow now, and the cached page knew it would change then.
        clock.move_to(dt.datetime(2026, 12, 23, 22, 0, tzinfo=dt.UTC))
        assert "Rusnė Branch is closed on 25 December (Christmas Day)." in shown(client, "/en/branches/rusne/")


def test_an_exception_written_in_the_admin_shows_at_once_without_a_second_entry(client, rusne, librarian):
    assert shown(client, "/en/branches/rusne/") == ""
    staff = Client()
    staff.force_login(librarian)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = staff.post(
        "/admin/services/openingexception/add/",
        {"branch": rusne.pk, "date": tomorrow.isoformat(), "kind": "", "closed": "on", "reason_lt": "Inventorizacija"},
    )
    assert response.status_code == 302
    assert "Rusnė Branch is closed on" in shown(client, "/en/branches/rusne/")
    assert not Notice.objects.exists()


# Announced once, closed for the session ----------------------------------------------------------------------


def test_a_notice_is_announced_on_the_first_page_that_shows_it_and_not_again(client, rusne):
    notice = NoticeFactory(text_en="Announced once")
    first = client.get("/en/")
    assert '<div class="notice-text" role="status">' in banner(first.content.decode())
    assert first.cookies[HEARD_COOKIE].value == f"n{notice.pk}"
    assert first.cookies[HEARD_COOKIE]["httponly"] and first.cookies[HEARD_COOKIE]["samesite"] == "Lax"
    second = banner(client.get("/en/services/").content.decode())
    assert "Announced once" in second and 'role="status"' not in second
    assert 'aria-label="Notices"' in second
    # A new notice is announced, the one already heard is not.
    NoticeFactory(text_en="Another one")
    bump(Namespace.NOTICES)  # the factory writes past the services
    third = banner(client.get("/en/news/").content.decode())
    assert third.count('role="status"') == 1
    assert third.index('role="status"') < third.index("Another one") < third.index("Announced once")


def test_closing_a_notice_hides_it_for_the_rest_of_the_session_and_goes_back(client, rusne):
    closed = NoticeFactory(text_en="Close me")
    NoticeFactory(text_en="Keep me")
    html = client.get("/en/search/?q=print").content.decode()
    assert f'<input type="hidden" name="notice" value="n{closed.pk}">' in html
    assert '<input type="hidden" name="next" value="/en/search/?q=print">' in html
    response = client.post("/en/notices/dismiss/", {"notice": f"n{closed.pk}", "next": "/en/search/?q=print"})
    assert response.status_code == 302 and response.url == "/en/search/?q=print"
    session = SessionStore(session_key=client.cookies["sessionid"].value)
    assert session[DISMISSED_SESSION_KEY] == [f"n{closed.pk}"]
    for path in ("/en/search/?q=print", "/en/", "/lt/"):
        html = shown(client, path)
        assert "Close me" not in html and ("Keep me" in html or "Pranešimas" in html)
    # Another visitor still sees it.
    assert "Close me" in shown(Client(), "/en/")


def test_a_closed_notice_from_an_exception_stays_closed(client, rusne):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    OpeningExceptionFactory(branch=rusne, date=tomorrow)
    key = f"x{rusne.pk}-{tomorrow:%Y%m%d}-all"
    assert key in shown(client, "/en/branches/rusne/")
    client.post("/en/notices/dismiss/", {"notice": key, "next": "/en/branches/rusne/"})
    assert shown(client, "/en/branches/rusne/") == ""


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example/",
        "javascript:alert(1)",
        "",
        "news/",
        "/en/\r\nX: y",
    ],
)
def test_closing_goes_back_only_to_an_address_of_this_site(client, rusne, next_url):
    notice = NoticeFactory()
    response = client.post("/en/notices/dismiss/", {"notice": f"n{notice.pk}", "next": next_url})
    assert response.status_code == 302 and response.url == "/en/"


MADE_UP = {
    "lt": "Šio pranešimo uždaryti negalima: portalas tokio pranešimo nežino.",
    "en": "This notice cannot be closed: the portal does not know it.",
    "bg": "Това съобщение не може да бъде затворено: порталът не го познава.",
    "fi": "Tätä tiedotetta ei voi sulkea: portaali ei tunne sitä.",
}


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
@pytest.mark.parametrize("key", ["", "n1; DROP TABLE", "x" * 5000, "n1\x00", "n" + "9" * 30])
def test_a_made_up_notice_is_refused_with_a_translated_error_and_nothing_kept(client, rusne, lang, key):
    response = client.post(f"/{lang}/notices/dismiss/", {"notice": key, "next": "/"})
    assert response.status_code == 400
    assert MADE_UP[lang] in response.content.decode()
    assert "sessionid" not in response.cookies


def test_closing_a_notice_that_has_ended_or_never_was_keeps_nothing(client, rusne):
    ended = NoticeFactory(
        starts_at=timezone.now() - dt.timedelta(days=2), ends_at=timezone.now() - dt.timedelta(days=1)
    )
    for key in (f"n{ended.pk}", "n999999"):
        response = client.post("/en/notices/dismiss/", {"notice": key, "next": "/en/news/"})
        assert response.status_code == 302 and response.url == "/en/news/"
    assert "sessionid" not in client.cookies


def test_the_close_button_is_a_post_with_its_csrf_token(rusne):
    notice = NoticeFactory()
    browser = Client(enforce_csrf_checks=True)
    assert browser.get("/en/notices/dismiss/").status_code == 405
    assert browser.post("/en/notices/dismiss/", {"notice": f"n{notice.pk}"}).status_code == 403
    html = browser.get("/en/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = browser.post("/en/notices/dismiss/", {"notice": f"n{notice.pk}", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert shown(browser, "/en/") == ""


def test_a_logged_in_patron_closes_a_notice_too(client, rusne, patron):
    notice = NoticeFactory(text_en="For everyone")
    client.force_login(patron)
    assert "For everyone" in shown(client, "/en/")
    client.post("/en/notices/dismiss/", {"notice": f"n{notice.pk}", "next": "/en/"})
    assert shown(client, "/en/") == ""


def test_the_error_page_shows_no_banner(client, rusne):
    NoticeFactory(text_en="Not on the error page")
    response = client.post("/en/notices/dismiss/", {"notice": "bad"})
    assert response.status_code == 400 and banner(response.content.decode()) == ""
