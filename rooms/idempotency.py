"""A booking request that may be repeated: the API's `Idempotency-Key`.

A client that does not hear the answer to its request (a timeout, a dropped connection) sends it again with the same
key; it must get the booking the first request made, not a second one, and certainly not "this time was just
taken" by its own first request. The key is written before the booking, in the same transaction
(`rooms_request_key_unique`): a second request with the key waits at that INSERT until the first one commits or
rolls back, so two requests with one key at the same moment make one booking as well.
"""

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from library_portal.errors import DomainError
from library_portal.models import User
from rooms.models import Booking, BookingRequestKey
from rooms.services import booking_request

# What makes two requests the same request: the room, the times and everything the patron gave.
DIGESTED = ("start", "end", "with_equipment", "purpose", "people", "phone", "organisation_name", "organisation_code")


def request_digest(request: dict[str, Any]) -> str:
    """A digest of a booking request's arguments (the room by its id, times as instants)."""
    facts = {name: request.get(name) for name in DIGESTED}
    facts["room"] = request["room"].pk
    for name in ("start", "end"):
        facts[name] = facts[name].timestamp() if facts[name] is not None else None
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()


def booking_request_once(*, idempotency_key: str, user: User, **request: Any) -> tuple[Booking, bool]:
    """`rooms.services.booking_request` for `user` (its other arguments in `request`), at most once per
    `idempotency_key` of the user. Returns (booking, created): a repeat of the same request with the same key
    returns the booking the first one made, in its state now, and created False. Without a key every call is a new
    request.

    Raises DomainError: idempotency_key_reused (422) when the key was used for another request; and whatever
    booking_request raises (nothing is kept then: the same key may be sent again)."""
    if not idempotency_key:
        return booking_request(user=user, **request), True
    digest = request_digest(request)
    with transaction.atomic():
        try:
            with transaction.atomic():
                mark = BookingRequestKey.objects.create(user=user, key=idempotency_key, digest=digest)
        except IntegrityError:
            # The key is taken: by a request that committed, which this one waited for if it was still running.
            return _replay(user, idempotency_key, digest), False
        booking = booking_request(user=user, **request)
        mark.booking = booking
        mark.save(update_fields=["booking"])
    return booking, True


def _replay(user: User, key: str, digest: str) -> Booking:
    mark = (
        BookingRequestKey.objects.select_related("booking__room__branch")
        .filter(user=user, key=key)
        .only("digest", "booking")
        .first()
    )
    if mark is None or mark.booking is None or mark.digest != digest:
        raise DomainError(
            _("This Idempotency-Key was already used for another request. Send a new key with a new request."),
            code="idempotency_key_reused",
            field="Idempotency-Key",
            status=422,
        )
    return mark.booking
