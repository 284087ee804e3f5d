"""A municipality copies the opening-hours widget's code from a branch page into its own site (another origin): the
widget shows inside the frame there, while the branch page itself refuses to be framed; axe on the widget in every
language."""

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from library_portal.languages import LANGS
from services.models import HoursKind
from tests.browser.conftest import assert_accessible
from tests.factories import BranchFactory, LibraryFactory, OpeningExceptionFactory, OpeningHoursFactory

pytestmark = pytest.mark.browser

# Monday 23 November 2026, noon in Vilnius: staffed service until 18:00.
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Vilnius"))


@pytest.fixture
def branch(transactional_db, time_machine):
    time_machine.move_to(NOW, tick=True)
    LibraryFactory()
    branch = BranchFactory(slug="rusne", name="Rusnės filialas", name_en="Rusnė Branch", name_bg="Филиал Русне")
    for weekday in range(5):
        OpeningHoursFactory(branch=branch, weekday=weekday, opens=dt.time(10), closes=dt.time(18))
        OpeningHoursFactory(
            branch=branch, kind=HoursKind.SELF_SERVICE, weekday=weekday, opens=dt.time(8), closes=dt.time(20)
        )
    OpeningExceptionFactory(
        branch=branch, date=dt.date(2026, 11, 25), reason="Inventorizacija", reason_en="Stocktaking"
    )
    return branch


@pytest.fixture
def other_site():
    """A municipality's site on another origin (another host name and port): serves the page it is given."""
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield pages, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()
    server.server_close()


def municipality_page(*frames: str) -> bytes:
    return (
        '<!DOCTYPE html><html lang="lt"><head><meta charset="utf-8"><title>Šilutės rajono savivaldybė</title></head>'
        f"<body><main><h1>Bibliotekos</h1>{''.join(frames)}</main></body></html>"
    ).encode()


def test_the_code_copied_from_the_branch_page_shows_the_widget_on_another_site(page, live_server, branch, other_site):
    pages, site = other_site
    page.goto(f"{live_server.url}/en/branches/rusne/")
    code = page.get_by_label("HTML code of the opening-hours widget")
    expect(code).to_have_attribute("readonly", "")
    snippet = code.input_value()
    assert snippet.startswith(f'<iframe src="{live_server.url}/en/embed/hours/rusne/"')
    assert_accessible(page)

    # The municipality pastes the code, and (to compare) tries to frame the branch page itself.
    pages["/libraries.html"] = municipality_page(
        snippet, f'<iframe id="page" src="{live_server.url}/en/branches/rusne/" title="Branch page"></iframe>'
    )
    page.goto(f"{site}/libraries.html")
    widget = page.frame_locator('iframe[title="Opening hours: Rusnė Branch"]')
    expect(widget.get_by_role("heading", level=1)).to_have_text("Rusnė Branch")
    expect(widget.get_by_text("Open now: staffed service until 18:00.")).to_be_visible()
    expect(widget.get_by_role("row", name="Wednesday 25 November").get_by_text("(Stocktaking)")).to_be_visible()
    expect(widget.locator('tr[aria-current="date"] th')).to_contain_text("Monday")
    # Its stylesheet loaded inside the frame (CSP-safe: a file of the portal's own, no inline style).
    expect(widget.locator(".live")).to_have_css("color", "rgb(255, 255, 255)")

    # The browser refuses to show the branch page in another site's frame (frame-ancestors 'none', X-Frame-Options).
    # (The host page's load event waits for both frames, the refused one included.)
    page.wait_for_load_state("load")
    frames = {frame.url for frame in page.frames if frame != page.main_frame}
    assert frames == {f"{live_server.url}/en/embed/hours/rusne/", "chrome-error://chromewebdata/"}
    expect(page.frame_locator("iframe#page").get_by_role("heading", name="Rusnė Branch")).to_have_count(0)


def test_the_widget_passes_axe_in_every_language(page, live_server, branch):
    """One test for the four languages, so that the branch and its hours are made once."""
    for lang in LANGS:
        _check_widget(page, live_server.url, lang)


def _check_widget(page, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/embed/hours/rusne/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("table.week tbody tr")).to_have_count(7)
    assert_accessible(page)
