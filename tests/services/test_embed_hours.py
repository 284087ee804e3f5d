"""The opening-hours widget for other sites' frames, and the branch page's code to embed it."""

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest

from services.models import HoursKind
from tests.factories import BranchFactory, LibraryFactory, OpeningExceptionFactory, OpeningHoursFactory

VILNIUS = ZoneInfo("Europe/Vilnius")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VILNIUS)


@pytest.fixture
def branch(db):
    """Staffed Monday to Friday 10:00–18:00; self-service Monday to Saturday 08:00–20:00; closed on Sunday."""
    LibraryFactory()
    branch = BranchFactory(slug="rusne", name="Rusnės filialas", name_en="Rusnė Branch", name_bg="Филиал Русне")
    for weekday in range(6):
        if weekday < 5:
            OpeningHoursFactory(branch=branch, weekday=weekday, opens=dt.time(10), closes=dt.time(18))
        OpeningHoursFactory(
            branch=branch, kind=HoursKind.SELF_SERVICE, weekday=weekday, opens=dt.time(8), closes=dt.time(20)
        )
    return branch


@pytest.fixture
def monday_noon(time_machine):
    time_machine.move_to(at(2026, 11, 23, 12, 0), tick=False)
    return time_machine


def text(response) -> str:
    """The page's text without tags, spaces collapsed: what a reader of the frame sees."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))).strip()


def test_the_widget_may_be_framed_by_any_site_and_keeps_scripts_and_inline_styles_out(client, branch, monday_noon):
    response = client.get("/en/embed/hours/rusne/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["frame-ancestors"] == "*"
    assert (policy["script-src"], policy["style-src"], policy["default-src"]) == ("'self'", "'self'", "'self'")
    page = response.content.decode()
    assert "<script" not in page and "<style" not in page and " style=" not in page
    assert '<meta name="robots" content="noindex">' in page


def test_the_cached_widget_keeps_its_headers_and_costs_no_query(client, branch, monday_noon, django_assert_num_queries):
    first = client.get("/lt/embed/hours/rusne/")
    with django_assert_num_queries(0):
        second = client.get("/lt/embed/hours/rusne/")
    assert second.content == first.content
    assert "X-Frame-Options" not in second
    assert "frame-ancestors *" in second["Content-Security-Policy"]
    assert second["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize(
    "path", ["/lt/", "/lt/branches/", "/lt/branches/rusne/", "/en/services/", "/api/v1/branches/live/", "/sitemap.xml"]
)
def test_every_other_page_still_refuses_to_be_framed(client, branch, path):
    for _attempt in range(2):  # fresh, then from the page cache
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_widget_needs_a_fixed_number_of_queries(client, branch, monday_noon, django_assert_num_queries):
    OpeningExceptionFactory(branch=branch, date=dt.date(2026, 11, 25), reason="Inventorizacija")
    with django_assert_num_queries(4):  # the library, the branch, its weekly hours, its exceptions
        client.get("/lt/embed/hours/rusne/")


def test_the_widget_shows_this_week_and_today_in_the_language_of_the_address(client, branch, monday_noon):
    OpeningExceptionFactory(
        branch=branch, date=dt.date(2026, 11, 25), reason="Inventorizacija", reason_en="Stocktaking"
    )
    page = text(client.get("/en/embed/hours/rusne/"))
    assert "Rusnė Branch" in page
    assert "Open now: staffed service until 18:00." in page
    assert "Opening hours this week" in page
    assert "Monday 23 November (today) 10:00–18:00 08:00–20:00" in page
    assert "Wednesday 25 November closed (Stocktaking) closed" in page
    assert "Sunday 29 November closed closed" in page
    assert "More on the library's website (opens in a new tab)" in page
    marked = client.get("/en/embed/hours/rusne/").content.decode()
    assert marked.count('aria-current="date"') == 1
    assert 'href="http://testserver/en/branches/rusne/"' in marked


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lt", ["Rusnės filialas", "Dabar dirba: aptarnauja darbuotojai iki 18:00.", "Pirmadienis lapkričio 23 d."]),
        ("bg", ["Филиал Русне", "Отворено сега: обслужване от персонала до 18:00.", "Понеделник 23 ноември"]),
        ("fi", ["Rusnės filialas", "Avoinna nyt: henkilökunta paikalla klo 18.00 asti.", "Maanantai 23.11."]),
    ],
)
def test_the_widget_speaks_each_language(client, branch, monday_noon, lang, expected):
    response = client.get(f"/{lang}/embed/hours/rusne/")
    assert f'<html lang="{lang}">' in response.content.decode()
    page = text(response)
    for phrase in expected:
        assert phrase in page, phrase


@pytest.mark.parametrize(
    ("now", "lang", "sentence"),
    [
        (at(2026, 11, 23, 7, 0), "en", "Closed now. Opens today at 08:00."),
        (at(2026, 11, 23, 9, 0), "en", "Open now: self-service only until 10:00."),
        (at(2026, 11, 23, 19, 0), "en", "Open now: self-service only until 20:00."),
        (at(2026, 11, 23, 21, 0), "en", "Closed now. Opens tomorrow at 08:00."),
        (at(2026, 11, 28, 21, 0), "en", "Closed now. Opens on 30 November at 08:00."),  # Saturday night
        (at(2026, 11, 28, 21, 0), "lt", "Dabar nedirba. Dirbs nuo lapkričio 30 d. 08:00."),
        (at(2026, 11, 23, 21, 0), "fi", "Suljettu nyt. Avautuu huomenna klo 8.00."),
        (at(2026, 11, 23, 9, 0), "bg", "Отворено сега: само самообслужване до 10:00."),
    ],
)
def test_the_widget_says_the_state_now_and_until_when(client, branch, time_machine, now, lang, sentence):
    time_machine.move_to(now, tick=False)
    assert sentence in text(client.get(f"/{lang}/embed/hours/rusne/"))


def test_the_cached_widget_changes_when_the_branch_closes(client, branch, time_machine):
    time_machine.move_to(at(2026, 11, 23, 17, 59), tick=False)
    assert "until 18:00" in text(client.get("/en/embed/hours/rusne/"))
    time_machine.move_to(at(2026, 11, 23, 18, 0, 1), tick=False)
    assert "Open now: self-service only until 20:00." in text(client.get("/en/embed/hours/rusne/"))


def test_the_widget_of_an_unknown_branch_is_not_found(client, branch):
    assert client.get("/en/embed/hours/nowhere/").status_code == 404


def test_anyone_sees_the_same_widget_logged_in_or_not(client, branch, monday_noon, patron):
    anonymous = client.get("/en/embed/hours/rusne/").content
    client.force_login(patron)
    response = client.get("/en/embed/hours/rusne/")
    assert response.status_code == 200 and response.content == anonymous


def test_the_branch_page_gives_the_code_to_embed_the_widget_in_its_language(client, branch, db):
    BranchFactory(slug="quote", name='Filialas „Kabutės" <b>', name_en='The "Quote" <b> Branch')
    page = client.get("/en/branches/quote/").content.decode()
    assert "Show these hours on your website" in page
    [code] = re.findall(r'<textarea id="embed-code"[^>]*readonly>(.*?)</textarea>', page, re.S)
    # Shown as text; once copied it is valid HTML with the branch's name escaped in its title.
    assert html.unescape(code) == (
        '<iframe src="http://testserver/en/embed/hours/quote/" title="Opening hours: The &quot;Quote&quot; '
        '&lt;b&gt; Branch" width="100%" height="440" loading="lazy"></iframe>'
    )
    assert '<label for="embed-code">HTML code of the opening-hours widget</label>' in page
    lithuanian = client.get("/lt/branches/rusne/").content.decode()
    assert "Rodykite šį darbo laiką savo svetainėje" in lithuanian
    assert "http://testserver/lt/embed/hours/rusne/" in lithuanian
