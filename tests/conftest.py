"""The fixed cast every test can use.

- `patron`: an ordinary reader with an account.
- `patron2`: a second reader, who must never see the first one's data.
- `librarian`: staff in the "Librarian" group (keeps branches and services up to date).
- `manager`: staff in the "Manager" group (also the library itself, pages and later price lists).
The groups themselves come from the data migration, so these tests also prove it ran.
"""

import datetime as dt
import os

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
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


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Lithuanian: a request in an earlier test must not leave its language behind
    (modeltranslation writes `title=` into the active language's column), and no page cached by an
    earlier test is served."""
    translation.activate(settings.LANGUAGE_CODE)
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
