"""The fixed cast every test can use.

- `patron`: an ordinary reader with an account.
- `patron2`: a second reader, who must never see the first one's data.
- `librarian`: staff in the "Librarian" group (keeps branches and services up to date).
- `manager`: staff in the "Manager" group (also the library itself, pages and later price lists).
The groups themselves come from the data migration, so these tests also prove it ran.
"""

import datetime as dt
import os
from contextlib import contextmanager
from functools import partial

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ill.selectors import forget_tables
from tests.services.factories import UserFactory

PASSWORD = "correct horse battery staple"

# The whole suite runs on a pinned clock, so that no test depends on the day it runs: a test that
# builds "three days ago" and expects the current month would fail on the first days of every
# month. TEST_NOW moves the pin (an ISO 8601 instant with its offset) to prove the suite on the
# first and on the last day of a month: `make test-clock`. The clock ticks on from the pin, so
# timeouts and waits still work; processes a test starts (gunicorn, workers) keep the real clock.
# It is set when pytest starts, before collection, so that parameters built from `timezone.now()`
# are on the same clock as the tests.
TEST_NOW = dt.datetime.fromisoformat(os.environ.get("TEST_NOW", "2026-06-15T10:00:00+03:00"))
_clock = time_machine.travel(TEST_NOW, tick=True)


def pytest_configure(config):
    _clock.start()


def pytest_unconfigure(config):
    _clock.stop()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the table of the database cache (used when REDIS_URL is not set),
    which `createcachetable` makes, not the migrations."""
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


def _uses_database(request) -> bool:
    return "django_db_setup" in request.fixturenames or request.node.get_closest_marker("django_db") is not None


@pytest.fixture(autouse=True)
def default_language(request, django_db_blocker):
    """Each test starts in Lithuanian: a request in an earlier test must not leave its language behind
    (modeltranslation writes `title=` into the active language's column), and no page cached and no
    throttle counted by an earlier test is served. (Redis: the test run's own db number, so clearing
    it is safe. The database cache lives in the test database, which a test without it cannot reach.)"""
    translation.activate(settings.LANGUAGE_CODE)
    if settings.REDIS_URL:
        cache.clear()
    elif _uses_database(request):
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            cache.clear()
    forget_tables()
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _staff(email: str, group: str):
    user = UserFactory(email=email, is_staff=True, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def patron(db):
    return UserFactory(email="patron@example.org", password=PASSWORD)


@pytest.fixture
def patron2(db):
    return UserFactory(email="patron2@example.org", password=PASSWORD)


@pytest.fixture
def librarian(db):
    return _staff("librarian@example.org", "Librarian")


@pytest.fixture
def manager(db):
    return _staff("manager@example.org", "Manager")


# Pinned query counts count the page's own queries. Without REDIS_URL the shared cache is a table in
# PostgreSQL, and its reads and writes (with the savepoints around them) are the cache's queries,
# which Redis answers elsewhere; they are left out so that the same pins hold with either cache.


def _page_queries(queries: list[dict]) -> list[dict]:
    table = settings.CACHES["default"].get("LOCATION", "")
    if settings.REDIS_URL:
        return queries
    kept, index = [], 0
    while index < len(queries):
        sql = queries[index]["sql"]
        if sql.startswith("SAVEPOINT "):
            name = sql.split()[1]
            end = next(
                (n for n in range(index + 1, len(queries)) if queries[n]["sql"].endswith(f"SAVEPOINT {name}")),
                len(queries),
            )
            inner = queries[index + 1 : end]
            if inner and all(table in query["sql"] for query in inner):
                index = end + 1
                continue
        if table not in sql:
            kept.append(queries[index])
        index += 1
    return kept


class _PageQueries:
    def __init__(self, context: CaptureQueriesContext):
        self.context = context

    @property
    def captured_queries(self) -> list[dict]:
        return _page_queries(self.context.captured_queries)

    def __len__(self) -> int:
        return len(self.captured_queries)


@contextmanager
def _assert_page_queries(num: int, connection_=None, info=None, *, using=None, exact: bool):
    with CaptureQueriesContext(connection_ or (connections[using] if using else connection)) as context:
        page = _PageQueries(context)
        yield page
    performed = page.captured_queries
    if (len(performed) != num) if exact else (len(performed) > num):
        listing = "\n\n".join(query["sql"] for query in performed)
        pytest.fail(
            f"Expected {'' if exact else 'at most '}{num} queries, {len(performed)} were done\n{info or ''}\n{listing}"
        )


@pytest.fixture
def django_assert_num_queries():
    return partial(_assert_page_queries, exact=True)


@pytest.fixture
def django_assert_max_num_queries():
    return partial(_assert_page_queries, exact=False)
