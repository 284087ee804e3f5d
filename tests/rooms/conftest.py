"""The room of these tests: a hall of a branch staffed Monday to Saturday 9:00–18:00, in the library's zone
(Europe/Vilnius), priced by a published list at 15.00 € an hour, 20.00 € with presentation equipment.

`monday` is a Monday one to two weeks after the pinned clock, so that it is past the lead time and within the
horizon whatever TEST_NOW is; `at(day, "10:00")` is a time of that day in the library's zone."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from services.models import HoursKind
from tests.factories import OpeningHoursFactory, PriceItemFactory, PriceListFactory, RoomFactory

VILNIUS = ZoneInfo("Europe/Vilnius")


def at(day: dt.date, clock: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=VILNIUS)


@pytest.fixture
def price_list(db):
    price_list = PriceListFactory()
    PriceItemFactory(price_list=price_list)
    PriceItemFactory(
        price_list=price_list,
        code="room-t12-hall-equipment",
        name="Renginių/parodų salės nuoma su demonstracine įranga",
        amount=Decimal("20.00"),
    )
    return price_list


@pytest.fixture
def room(price_list):
    room = RoomFactory()
    for weekday in range(6):
        OpeningHoursFactory(
            branch=room.branch, kind=HoursKind.STAFFED, weekday=weekday, opens=dt.time(9), closes=dt.time(18)
        )
    return room


@pytest.fixture
def monday() -> dt.date:
    today = timezone.now().astimezone(VILNIUS).date()
    return today + dt.timedelta(days=7 - today.weekday() + 7)


def request_kwargs(room, day: dt.date, start: str = "10:00", end: str = "12:00", **extra) -> dict:
    """The arguments of booking_request for a valid request of `room`; `extra` overrides any of them."""
    return {
        "room": room,
        "start": at(day, start),
        "end": at(day, end),
        "with_equipment": False,
        "purpose": "Knygos pristatymas",
        "people": 20,
        "phone": "+370 441 12345",
        **extra,
    }
