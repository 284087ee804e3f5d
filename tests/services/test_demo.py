"""`manage.py load_demo`: the seeds' facts, in four languages, loaded idempotently."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from library_portal.languages import LANGS
from services.models import Branch, Library, OpeningException, Page, Principle, Service


@pytest.fixture
def loaded(db, settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=None)


def counts() -> list[int]:
    return [m.objects.count() for m in (Library, Branch, Service, Principle, Page, OpeningException)]


def test_loading_twice_changes_nothing(loaded):
    before = counts()
    call_command("load_demo")
    assert counts() == before


def test_the_portal_library_is_the_silute_public_library_of_seed_004(loaded):
    library = Library.objects.get(is_portal_library=True)
    assert "Bajoraičio" in library.name_lt
    assert library.phone == "8 441 78216"
    assert library.time_zone == "Europe/Vilnius"


def test_the_two_buildings_of_seed_004_are_branches_and_invented_ones_are_marked(loaded):
    real = Branch.objects.filter(is_sample=False)
    assert sorted(b.address.split(",")[0] for b in real) == ["Tilžės g. 10", "Tilžės g. 12"]
    assert Branch.objects.filter(is_sample=True).count() >= 1


def test_the_twenty_libraries_of_seed_001_are_kept_for_later_issues(loaded):
    assert Library.objects.count() == 20
    assert Library.objects.filter(name_lt__icontains="Pasvalio").exists()
    assert Library.objects.filter(name_lt__icontains="Anykščių").exists()


def test_interlibrary_loan_service_carries_the_contact_of_seed_004(loaded):
    services = Service.objects.filter(contact_email="Dalia.Pupsyte@silutevb.lt")
    assert services.filter(title_lt__icontains="Tarpbibliotekinis").exists()
    assert all("Pupšytė" in service.contact_name for service in services)


def test_the_seven_principles_of_seed_003_are_loaded(loaded):
    assert [p.number for p in Principle.objects.all()] == [1, 2, 3, 4, 5, 6, 7]
    assert Principle.objects.get(number=1).title_fi == "Ammatillisuus"


def test_every_demo_text_exists_in_all_four_languages(loaded):
    for model, fields in (
        (Service, ["title", "summary", "body"]),
        (Principle, ["title", "body"]),
        (Page, ["title", "body"]),
    ):
        for row in model.objects.all():
            for field in fields:
                for lang in LANGS:
                    assert getattr(row, f"{field}_{lang}"), f"{model.__name__} {row.pk} {field}_{lang} is empty"


def test_public_holidays_close_every_branch(loaded):
    assert OpeningException.objects.filter(date__month=12, date__day=25, closed=True).count() >= Branch.objects.count()


def test_loading_again_brings_an_edited_holiday_back_in_place_and_leaves_other_exceptions(loaded):
    christmas = OpeningException.objects.filter(date__month=12, date__day=25, kind="").first()
    OpeningException.objects.filter(pk=christmas.pk).update(
        closed=False, opens="10:00", closes="12:00", reason_en="Open for a reading"
    )
    phone_hours = OpeningException.objects.create(
        branch=christmas.branch, date=christmas.date, kind="phone", closed=False, opens="09:00", closes="11:00"
    )
    before = counts()
    call_command("load_demo")
    assert counts() == before
    christmas.refresh_from_db()
    assert (christmas.closed, christmas.opens, christmas.closes) == (True, None, None)
    assert christmas.reason_en == "Christmas Day"
    phone_hours.refresh_from_db()
    assert (phone_hours.closed, str(phone_hours.opens)) == (False, "09:00:00")


def test_demo_accounts_are_not_created_when_debug_is_off(loaded):
    assert get_user_model().objects.count() == 0


def test_demo_accounts_are_created_with_the_flag_and_in_their_groups(db, settings):
    settings.DEBUG = False
    call_command("load_demo", "--with-accounts")
    users = {u.email: u for u in get_user_model().objects.all()}
    assert set(users) == {"patron@example.org", "patron2@example.org", "librarian@example.org", "manager@example.org"}
    assert users["librarian@example.org"].groups.filter(name="Librarian").exists()
    assert users["manager@example.org"].is_staff
    assert not users["patron@example.org"].is_staff
    assert users["patron@example.org"].check_password(settings.DEMO_PASSWORD)


def test_demo_accounts_are_created_when_debug_is_on(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    assert get_user_model().objects.count() == 4
