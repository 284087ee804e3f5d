"""Twenty patrons' API clients request one slot at the same moment, on the real PostgreSQL: exactly one booking is
held (201), every other client hears 409 `slot_taken` in its language, and no request answers 5xx. A client that
repeats its own request with its key at the same moment as the first gets that booking back, not a refusal."""

import threading

import pytest
from django.db import connection
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rooms.models import HOLDING, Booking
from rooms.services import SLOT_TAKEN
from tests.factories import UserFactory
from tests.rooms.conftest import at
from tests.rooms.test_api import body, bookings_of

RACERS = 20


def at_once(count: int, send) -> list:
    """`send(number)` in `count` threads released together by a barrier, each with its own database connection."""
    barrier = threading.Barrier(count)
    answers: list = [None] * count

    def run(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            answers[number] = send(number)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.mark.django_db(transaction=True)
def test_twenty_api_clients_racing_for_one_slot_get_one_201_and_nineteen_translated_409s(room, monday):
    clients = [token_client(UserFactory(email=f"api-racer{n}@example.org")) for n in range(RACERS)]
    answers = at_once(
        RACERS,
        lambda n: clients[n].post(bookings_of(room), body(monday), format="json", HTTP_ACCEPT_LANGUAGE="fi"),
    )

    assert sorted(answer.status_code for answer in answers) == [201] + [409] * (RACERS - 1)
    (held,) = Booking.objects.filter(room=room, status__in=HOLDING)
    assert Booking.objects.count() == 1
    assert held.start == at(monday, "10:00")
    with translation.override("fi"):
        taken = str(SLOT_TAKEN)
    for answer in answers:
        data = answer.json()
        if answer.status_code == 201:
            assert data["id"] == held.pk
            continue
        assert (data["error"]["code"], data["error"]["message"]) == ("slot_taken", taken)
    assert taken != str(SLOT_TAKEN)  # the refusal is in Finnish, not the source's English


@pytest.mark.django_db(transaction=True)
def test_a_request_repeated_with_its_key_while_the_first_runs_gets_the_same_booking(room, monday):
    patron = UserFactory(email="double-click@example.org")
    clients = [token_client(patron) for _ in range(4)]  # one patron's token, a client per thread
    answers = at_once(
        4, lambda n: clients[n].post(bookings_of(room), body(monday), format="json", HTTP_IDEMPOTENCY_KEY="one-click")
    )
    assert sorted(answer.status_code for answer in answers) == [200, 200, 200, 201]
    assert {answer.json()["id"] for answer in answers} == {Booking.objects.get().pk}
