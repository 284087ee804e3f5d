"""The fixed cast every test can use.

- `patron`: an ordinary reader with an account.
- `patron2`: a second reader, who must never see the first one's data.
- `librarian`: staff in the "Librarian" group (keeps branches and services up to date).
- `manager`: staff in the "Manager" group (also the library itself, pages and later price lists).
The groups themselves come from the data migration, so these tests also prove it ran.
"""

import datetime as dt
import io
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import boto3
import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.models import Q
from django.test import TransactionTestCase
from django.test.utils import override_settings
from django.utils import translation

from bench.fault_rig import database_url_named
from bench.s3_server import S3Server
from library_portal.env import env_file_storage
from tests.factories import UserFactory

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
    _own_redis_db_per_xdist_worker()
    TransactionTestCase._fixture_teardown = _empty_the_tables


# KEEP survives a transactional test: it holds only what the migrations' post_migrate step makes from the models
# themselves (the same rows every time), and nothing a test writes.
KEEP = {"django_content_type", "auth_permission"}


def _empty_the_tables(test_case) -> None:
    """After a transactional test (live server, browser, real processes), every table is emptied with DELETE instead of
    Django's flush. The flush TRUNCATEs all the tables, which on PostgreSQL makes new files for each table and index,
    and then recreates the content types and permissions: 0.6-0.8 s after each of the suite's hundred or so such tests
    on this 2-core machine, against a few hundredths of a second for deleting the rows of a test's small data set. The
    foreign keys are deferred to the commit (Django makes them DEFERRABLE), so the order of the tables does not
    matter; sequences are not reset, as the flush does not reset them either. The staff groups that the data
    migrations made are deleted with the rest and put back here, as the migrations left them: the next test in this
    worker may expect them (`make test` mixes transactional tests with the others)."""
    for alias in test_case._databases_names(include_mirrors=False):
        connection = connections[alias]
        tables = sorted(set(connection.introspection.django_table_names(only_existing=True)) - KEEP)
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in tables:
                # The names are the models' own tables, quoted: nothing from outside.
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
    _staff_groups_restore()


def _staff_groups_restore() -> None:
    for name, permissions in _STAFF_GROUPS.items():
        wanted = Q()
        for app_label, codename in permissions:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        Group.objects.create(name=name).permissions.set(Permission.objects.filter(wanted) if permissions else [])


def _own_redis_db_per_xdist_worker() -> None:
    """`make test` runs the suite in two pytest-xdist workers. Each test empties the shared cache first
    (`default_language` below), and a Redis FLUSHDB from one worker would wipe the other's throttle counters
    in the middle of its test, so each worker gets a Redis db number of its own (the run's number plus the
    worker's index). Processes a test starts read settings.REDIS_URL, so they share their worker's db."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not settings.REDIS_URL or not worker.startswith("gw"):
        return
    url = urlsplit(settings.REDIS_URL)
    db = int(url.path.strip("/") or 0) + int(worker[2:])
    redis_url = urlunsplit(url._replace(path=f"/{db}"))
    caches = {
        alias: {**options, "LOCATION": redis_url} if options.get("LOCATION") == settings.REDIS_URL else options
        for alias, options in settings.CACHES.items()
    }
    # override_settings sends setting_changed, on which Django drops the cache connections made so far.
    override_settings(REDIS_URL=redis_url, CACHES=caches).enable()


def pytest_unconfigure(config):
    _clock.stop()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database. The staff groups that the data migrations made are noted, to be put back after a
    transactional test empties the tables (`_empty_the_tables` above)."""
    with django_db_blocker.unblock():
        _STAFF_GROUPS.update(
            (group.name, [(p.content_type.app_label, p.codename) for p in group.permissions.all()])
            for group in Group.objects.prefetch_related("permissions__content_type")
        )


@pytest.fixture(scope="session")
def migrated_database_url(django_db_setup) -> str:
    """The URL of this worker's test database, migrated by pytest-django. The tests that start processes of their own
    (the fault rig, the cluster) copy it (bench.fault_rig.database_copy) instead of migrating a database again."""
    return database_url_named(settings.DATABASE_URL, connection.settings_dict["NAME"])


# The staff groups and their permissions (app label, codename), as the data migrations made them.
_STAFF_GROUPS: dict[str, list[tuple[str, str]]] = {}


BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser/ drives Chromium, and every test that uses the S3 server starts that server's
    process: marked `browser` and `cluster` here, so that a new test cannot forget it (`make test-fast` leaves them
    out)."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
        if "s3_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.cluster)
        # pytest-django sets the test database up only for a run that has a test asking for it: one that copies it
        # asks for it too (a run of tests/library_portal/test_worker_faults.py alone, for one).
        if "migrated_database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)
    _longest_files_first(items)


def _longest_files_first(items) -> None:
    """`make test` hands the files to its pytest-xdist workers in this order (`--no-loadscope-reorder`), a file to a
    worker that is free: the files with a `slow` test first, then those that drive a browser or start processes, then
    the rest, each group with its most numerous file first. A long file that started last would leave the other
    worker idle until it ends; in xdist's own order (the most numerous files first) the one-test API fuzz, of more
    than a minute, started last of all. Files keep their tests' order, so module fixtures still serve one run."""
    files: dict = {}
    for item in items:
        files.setdefault(item.path, []).append(item)

    def weight(path) -> tuple[bool, bool, int]:
        marks = {mark.name for item in files[path] for mark in item.iter_markers()}
        return "slow" not in marks, not marks & {"browser", "cluster"}, -len(files[path])

    items[:] = [item for path in sorted(files, key=weight) for item in files[path]]


@pytest.fixture(scope="session", autouse=True)
def static_files_kept_by_the_browser():
    """The live server serves the static files (Django's StaticFilesHandler) with no Cache-Control, so Chromium asks
    again for each of the thirty or so files of an admin page on every page it opens, and gets 304s. Ten minutes of
    max-age let it keep them for a test's pages: the browser files that open the most admin pages
    (test_news_journey.py and test_admin_pages.py, run alone) took 135 s instead of 153 s on this 2-core machine
    (December 2026), where the whole suite is bound by the CPU. Production serves them with WhiteNoise's headers."""
    serve = StaticFilesHandler.serve

    def serve_kept(handler, request):
        response = serve(handler, request)
        response["Cache-Control"] = "max-age=600"
        return response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(StaticFilesHandler, "serve", serve_kept)
        yield


@pytest.fixture(autouse=True)
def default_language(request, django_db_blocker):
    """Each test starts in Lithuanian: a request in an earlier test must not leave its language behind
    (modeltranslation writes `title=` into the active language's column), and no page cached and no
    throttle counted by an earlier test is served. (Redis: the test run's own db number, so clearing
    it is safe; without REDIS_URL, each process's local caches.)"""
    translation.activate(settings.LANGUAGE_CODE)
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    translation.activate(settings.LANGUAGE_CODE)


# Django hashes a password with a million PBKDF2 rounds, most of a second on this shared machine, and most tests make
# or log in a user: the tests use a fast hasher, as Django's documentation advises for test suites. The tests that start
# processes of their own (`cluster`) keep the real ones, since those processes read the real settings and must accept
# the passwords this process stored. The real hashers stay listed after it, so that a password a session-scoped fixture
# stored with them is still accepted.
FAST_PASSWORD_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(autouse=True)
def fast_password_hashing(request):
    if request.node.get_closest_marker("cluster") is not None:
        yield
        return
    with override_settings(PASSWORD_HASHERS=[FAST_PASSWORD_HASHER, *settings.PASSWORD_HASHERS]):
        yield


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


@pytest.fixture(scope="module")
def s3_server():
    """A real S3-compatible server (moto's, bench/s3_server.py) with an empty bucket, one per test module (it starts
    in about half a second). Tests that use it start a process of their own: mark them `cluster`."""
    with S3Server() as server:
        yield server


@pytest.fixture
def s3_storage(s3_server, settings):
    """The portal's files in s3_server's bucket, configured from the same variables as in production
    (STORAGE_URL, AWS_S3_ENDPOINT_URL, AWS_*), with the bucket policy the README asks for (uploads public)."""
    settings.STORAGES = {**settings.STORAGES, "default": env_file_storage(s3_server.env)}
    call_command("storage_policy", "--apply", stdout=io.StringIO())
    return s3_server


@pytest.fixture
def s3_bucket(s3_storage):
    """The bucket itself, read with boto3 beside the portal: what is really stored there."""
    return boto3.resource("s3", **s3_storage.client_options).Bucket(s3_storage.bucket)


@pytest.fixture
def s3_down(s3_storage):
    """The storage down: the S3 server stopped for real (its port refuses connections), the portal still pointed at
    it. Started again afterwards, with an empty bucket, for the module's next tests."""
    s3_storage.stop()
    yield s3_storage
    if s3_storage.process.poll() is not None:  # the test may have started it again itself
        s3_storage.start()
