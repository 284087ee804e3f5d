"""The demo's weekly series entered by staff (rooms/fixtures/demo/bookings.yaml): loaded through the staff's
service, once."""

from django.core.management import call_command

from rooms.models import Booking, BookingSeries, Kind, Status


def test_the_demo_has_a_weekly_series_by_staff_for_an_organisation_and_one_of_the_library_s_own_use(db, settings):
    settings.DEBUG = False
    call_command("load_demo", "--with-accounts")
    language_club = BookingSeries.objects.get(purpose="Kalbų klubo užsiėmimai")
    assert (language_club.kind, language_club.user.email) == (Kind.BOOKING, "patron2@example.org")
    assert language_club.created_by.email == "librarian@example.org"
    dates = language_club.bookings.order_by("start")
    assert dates.count() + len(language_club.skipped) == 8
    assert {b.status for b in dates} == {Status.APPROVED}
    assert {b.start.weekday() for b in dates} == {1}  # every Tuesday
    reading_hour = BookingSeries.objects.get(purpose="Vaikų skaitymo valandėlė")
    assert {b.kind for b in reading_hour.bookings.all()} == {Kind.INTERNAL}
    before = (BookingSeries.objects.count(), Booking.objects.count())
    call_command("load_demo", "--with-accounts")
    assert (BookingSeries.objects.count(), Booking.objects.count()) == before
