"""The portal on three hosts behind HAProxy (bench/cluster.py, with the shipped deploy/haproxy.cfg), proven through
the balancer: whatever one host did, the others see, and a host killed in the middle of a load loses nothing.

One cluster serves the whole module: three gunicorns of two workers each, HAProxy, a task worker, an S3 server, in a
database of their own (the test database's name with a `_cluster` suffix: a copy of the migrated test database,
filled with the demo) and the test run's Redis db. Its accounts are the demo's (manager@example.org,
patron@example.org). HAProxy names the host that answered in X-Served-By. The test that kills a host comes last.
"""

import email.utils
import html
import io
import re
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin

import boto3
import psycopg2
import pytest
import requests
from django.conf import settings
from PIL import Image

from bench.cluster import CHECK_FALL, CHECK_INTERVAL_S, HOSTS, Cluster, cluster_database_url
from tests.library_portal.test_throttling_processes import far_window

pytestmark = pytest.mark.cluster  # starts its own processes: `make test` runs it, `make test-fast` not

HOST_NAMES = {f"host{n}" for n in range(1, HOSTS + 1)}
FEEDBACK_LIMIT = 5


@pytest.fixture(scope="module")
def cluster(migrated_database_url):
    env = {
        "THROTTLE_FEEDBACK": f"{FEEDBACK_LIMIT}/{far_window()}s",
        # One patron submits the whole ILL load below: the daily limit per patron is not what is tested.
        "THROTTLE_ILL_SUBMISSION": "1000000/1d",
    }
    with Cluster(
        database_url=cluster_database_url(settings.DATABASE_URL),
        redis_url=settings.REDIS_URL,
        extra_env=env,
        migrated=migrated_database_url,
    ) as c:
        yield c


def get(url: str, **options) -> requests.Response:
    """An anonymous request: no cookies kept."""
    return requests.get(url, timeout=30, **options)


def post(url: str, **options) -> requests.Response:
    return requests.post(url, timeout=30, **options)


def from_every_host(fetch) -> list[requests.Response]:
    """Call `fetch` until each host has answered at least once (round robin: three calls, unless a host is out)."""
    answers = []
    for _ in range(4 * HOSTS):
        answers.append(fetch())
        if {answer.headers.get("X-Served-By") for answer in answers} == HOST_NAMES:
            return answers
    raise AssertionError(f"not every host answered: {[answer.headers.get('X-Served-By') for answer in answers]}")


def log_in(cluster: Cluster, email_address: str) -> requests.Session:
    browser = requests.Session()
    page = browser.get(f"{cluster.url}/lt/account/login/")
    form = form_fields(page.text, **{"class": "stacked-form"})
    form.update(username=email_address, password=cluster.demo_password)
    answer = browser.post(page.url, data=form, allow_redirects=False)
    assert answer.status_code == 302, cluster.logs()
    return browser


class FormFields(HTMLParser):
    """The fields a browser would send from one form of a page: text, hidden, checked boxes, selected options,
    text areas (file inputs are left to the caller)."""

    def __init__(self, wanted: dict[str, str]):
        super().__init__()
        self.wanted = wanted
        self.inside = False
        self.fields: dict[str, str] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):  # noqa: C901 - a test's HTML reader: one branch per tag and attribute it collects
        attrs = dict(attrs)
        if tag == "form":
            self.inside = all(attrs.get(key) == value for key, value in self.wanted.items())
        elif not self.inside:
            return
        elif tag == "option" and self.select:
            # A single select without a selected option sends its first one.
            if self.select not in self.fields or "selected" in attrs:
                self.fields[self.select] = attrs.get("value", "")
        elif "name" not in attrs:
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[attrs["name"]] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            # As a browser does, without the one line break that follows <textarea>.
            text = self.fields[self.textarea] + data
            self.fields[self.textarea] = text.removeprefix("\n") if not self.fields[self.textarea] else text


def form_fields(page: str, **wanted: str) -> dict[str, str]:
    """The fields of the page's form whose attributes include `wanted`."""
    parser = FormFields(wanted)
    parser.feed(page)
    assert parser.fields, f"no form {wanted} on the page"
    return parser.fields


def admin_change_url(browser: requests.Session, cluster: Cluster, changelist: str) -> str:
    page = browser.get(f"{cluster.url}{changelist}")
    assert page.status_code == 200
    return urljoin(page.url, re.search(r'href="(/admin/[^"]+/\d+/change/)[^"]*"', page.text).group(1))


def test_a_patron_logged_in_on_one_host_stays_logged_in_on_every_host(cluster):
    patron = log_in(cluster, "patron@example.org")

    answers = from_every_host(lambda: patron.get(f"{cluster.url}/lt/account/profile/", allow_redirects=False))

    assert {answer.headers["X-Served-By"] for answer in answers} == HOST_NAMES
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    assert all("patron@example.org" in answer.text for answer in answers)


def test_an_admin_edit_shows_on_the_next_anonymous_page_from_every_host(cluster):
    from_every_host(lambda: get(f"{cluster.url}/lt/branches/"))  # each host has the page cached
    manager = log_in(cluster, "manager@example.org")
    change = admin_change_url(manager, cluster, "/admin/services/branch/")
    form = form_fields(manager.get(change).text, id="branch_form")
    new_name = f"Filialas {secrets.token_hex(3)}"
    form["name_lt"] = new_name

    saved = manager.post(change, data={**form, "_save": "1"}, allow_redirects=False)

    assert saved.status_code == 302, saved.text[-2000:]
    after = from_every_host(lambda: get(f"{cluster.url}/lt/branches/"))
    assert [new_name in answer.text for answer in after] == [True] * len(after)


def test_a_rate_limit_counts_the_requests_to_every_host_together(cluster):
    body = {"topic": "premises", "message": "Per šalta skaitykloje.", "consent": True}

    answers = [post(f"{cluster.url}/api/v1/feedback/", json=body) for _ in range(3 * FEEDBACK_LIMIT)]

    # Counted per host, each of the three would have accepted FEEDBACK_LIMIT.
    assert sorted(answer.status_code for answer in answers) == [201] * FEEDBACK_LIMIT + [429] * 2 * FEEDBACK_LIMIT
    assert {answer.headers["X-Served-By"] for answer in answers if answer.status_code == 429} == HOST_NAMES


def bucket_objects(cluster: Cluster, suffix: str) -> dict[str, object]:
    client = boto3.client("s3", **cluster.s3.client_options)
    listing = client.list_objects_v2(Bucket=cluster.s3.bucket).get("Contents", [])
    return {item["Key"]: item["LastModified"] for item in listing if item["Key"].endswith(suffix)}


def test_a_pdf_rendered_on_one_host_is_served_by_the_others_without_rendering_it_again(cluster):
    first = get(f"{cluster.url}/en/prices/pdf/")
    assert first.status_code == 200 and first.content.startswith(b"%PDF-"), cluster.logs()
    stored = bucket_objects(cluster, ".pdf")

    answers = from_every_host(lambda: get(f"{cluster.url}/en/prices/pdf/"))

    assert len(stored) == 1, stored  # rendered once, into the shared storage
    assert [answer.content == first.content for answer in answers] == [True] * len(answers)
    assert bucket_objects(cluster, ".pdf") == stored  # and not rendered (written) again by another host


def test_a_logo_uploaded_on_one_host_is_shown_by_every_host(cluster):
    from_every_host(lambda: get(f"{cluster.url}/lt/"))  # each host has the home page cached
    manager = log_in(cluster, "manager@example.org")
    change = admin_change_url(manager, cluster, "/admin/services/library/?is_portal_library__exact=1")
    form = form_fields(manager.get(change).text, id="library_form")
    logo = io.BytesIO()
    Image.new("RGB", (48, 48), (secrets.randbelow(256), 90, 160)).save(logo, format="PNG")
    name = f"logo-{secrets.token_hex(3)}.png"

    saved = manager.post(
        change,
        data={**form, "_save": "1"},
        files={"logo": (name, logo.getvalue(), "image/png")},
        allow_redirects=False,
    )

    assert saved.status_code == 302, saved.text[-2000:]
    pages = from_every_host(lambda: get(f"{cluster.url}/lt/"))
    sources = {html.unescape(re.search(r'<img src="([^"]*logo-[^"]*)"', page.text).group(1)) for page in pages}
    assert all(name.removesuffix(".png") in source for source in sources), sources
    for source in sources:
        assert get(urljoin(cluster.url, source)).content == logo.getvalue()


def test_killing_a_host_in_the_middle_of_ill_submissions_loses_nothing_and_the_others_carry_the_load(cluster):
    token = post(
        f"{cluster.url}/api/v1/auth/token/", json={"email": "patron@example.org", "password": cluster.demo_password}
    ).json()["token"]
    branches = get(f"{cluster.url}/api/v1/branches/")
    # The hosts keep the real clock (this test's is pinned): the date comes from the portal's answer.
    today = email.utils.parsedate_to_datetime(branches.headers["Date"]).date()
    body = {
        "kind": "loan",
        "title": "Metai",
        "author": "Donelaitis, Kristijonas",
        "pickup_branch": branches.json()["results"][0]["slug"],
        "not_needed_after": (today + timedelta(days=60)).isoformat(),
        "max_cost": "10.00",
        "accept_cost": True,
    }
    run = secrets.token_hex(4)
    answers: list[tuple[str, int, str | None, float]] = []  # (key, status or 0 for no answer, host, when)
    stop = threading.Event()

    def patron_app(client: int) -> None:
        """Submits one request after the other; a request that got no answer, or a 5xx, is sent again with the
        same Idempotency-Key, as a real client does, until it is answered."""
        session = requests.Session()
        session.headers["Authorization"] = f"Token {token}"
        number = 0
        while not stop.is_set():
            key = f"{run}-{client}-{number}"
            number += 1
            for _attempt in range(20):
                try:
                    answer = session.post(
                        f"{cluster.url}/api/v1/ill/requests/", json=body, headers={"Idempotency-Key": key}, timeout=20
                    )
                    answers.append((key, answer.status_code, answer.headers.get("X-Served-By"), time.monotonic()))
                    if answer.status_code < 500:
                        break
                # No answer, or one cut off in the middle of its body when the host died under it.
                except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
                    answers.append((key, 0, None, time.monotonic()))
                time.sleep(0.05)

    with ThreadPoolExecutor(max_workers=6) as pool:
        clients = [pool.submit(patron_app, client) for client in range(6)]
        time.sleep(1.5)
        killed_at = cluster.kill_host(0)
        out_after = cluster.wait_until_down("host1", since=killed_at)
        time.sleep(2.0)
        stop.set()
        for client in clients:
            client.result()

    with psycopg2.connect(cluster.database_url) as database, database.cursor() as cursor:
        cursor.execute(
            "SELECT idempotency_key, count(*) FROM ill_illrequest WHERE idempotency_key LIKE %s GROUP BY 1",
            [f"{run}-%"],
        )
        rows = dict(cursor.fetchall())
    database.close()
    created = {key for key, status, _host, _when in answers if status == 201}
    answered = {key for key, status, _host, _when in answers if status in (200, 201)}
    sent = {key for key, *_rest in answers}
    failed = [answer for answer in answers if answer[1] == 0 or answer[1] >= 500]
    taken_out = killed_at + out_after
    after = [answer for answer in answers if answer[3] > taken_out + 0.1]
    print(
        f"\ncluster: {len(answers)} requests, {len(created)} answered 201, {len(answered) - len(created)} replays "
        f"answered 200, {sum(rows.values())} rows for {len(sent)} keys, "
        f"{sum(1 for count in rows.values() if count > 1)} keys with two rows, {len(failed)} 5xx or no answer "
        f"(all before the host was out: {all(answer[3] <= taken_out + 0.1 for answer in failed)}), "
        f"host1 out {out_after:.2f} s after SIGKILL (check every {CHECK_INTERVAL_S:.0f} s, fall {CHECK_FALL}), "
        f"{len(after)} requests afterwards, served by {sorted({answer[2] for answer in after})}"
    )
    assert answered == sent  # every request was answered in the end (after retries)
    assert set(rows) == sent and set(rows.values()) == {1}  # every 201 has its row, and no key has two
    assert any(answer[2] == "host1" for answer in answers)  # the killed host was carrying its share before
    assert out_after <= CHECK_INTERVAL_S * (CHECK_FALL + 1)
    assert len(after) >= 10
    assert {answer[2] for answer in after} == HOST_NAMES - {"host1"}
    assert all(answer[1] in (200, 201) for answer in after), after
