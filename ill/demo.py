"""Demo interlibrary loan: seed 001's libraries as partners, a postal tariff table, requests in several statuses.

Idempotent: partners and tariffs are updated in place; the demo requests carry idempotency keys, so a
second run finds them instead of adding more. The tariffs are sample values, not the post's real ones.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ill.models import Kind, PartnerLibrary, PostalTariff, Reason, Scope, Status
from ill.services import ill_cost_add, ill_request_move, ill_request_submit
from library_portal.models import User
from services.models import Branch, Library

TARIFFS = {
    Scope.DOMESTIC: [(100, "1.20"), (500, "2.10"), (1000, "2.90"), (2000, "3.90")],
    Scope.INTERNATIONAL: [(100, "2.90"), (500, "7.50"), (1000, "12.50"), (2000, "19.90")],
}

# (key, request fields, moves after submission: (status, extra arguments))
REQUESTS = [
    (
        "demo-submitted",
        {
            "kind": Kind.LOAN,
            "title": "Mažvydas ir jo laikas",
            "author": "Ulčinaitė, Eugenija",
            "year": 2019,
            "isbn": "9786094250798",
        },
        [],
    ),
    (
        "demo-ordered",
        {"kind": Kind.LOAN, "title": "Lietuvos pajūrio kraštovaizdis", "author": "Bitinas, Albertas", "year": 2015},
        [(Status.ORDERED, {"partner": 0})],
    ),
    (
        "demo-ready",
        {"kind": Kind.LOAN, "title": "Klaipėdos krašto istorija", "author": "Žostautaitė, Petronėlė", "year": 1992},
        [(Status.ORDERED, {"partner": 1}), (Status.SUPPLIER_ACCEPTED, {}), (Status.IN_TRANSIT, {}), (Status.READY, {})],
    ),
    (
        "demo-delivered",
        {
            "kind": Kind.COPY,
            "title": "Darbai ir dienos",
            "issn": "1392-0588",
            "volume": "60",
            "year": 2013,
            "pages": "67-89",
            "article_title": "Mažosios Lietuvos spauda",
            "copyright_declared": True,
        },
        [(Status.ORDERED, {"partner": 2}), (Status.DELIVERED, {})],
    ),
    (
        "demo-unfilled",
        {"kind": Kind.LOAN, "title": "Prūsų kalbos paminklai", "author": "Mažiulis, Vytautas", "year": 1966},
        [(Status.ORDERED, {"partner": 3}), (Status.UNFILLED, {"reason": Reason.RARE})],
    ),
    (
        "demo-awaiting",
        {
            "kind": Kind.LOAN,
            "title": "The Baltic Sea Region: A Comparative Handbook",
            "author": "Ryden, Lars",
            "year": 2003,
            "scope": Scope.INTERNATIONAL,
            "max_cost": "10.00",
        },
        [(Status.ORDERED, {"note": "Uppsala University Library"}), (Status.AWAITING_APPROVAL, {})],
    ),
]


def demo_load_ill(*, with_requests: bool) -> dict[str, int]:
    with transaction.atomic():
        for scope, bands in TARIFFS.items():
            for weight, price in bands:
                PostalTariff.objects.update_or_create(
                    scope=scope, max_weight_g=weight, defaults={"price": Decimal(price)}
                )
        partners = []
        others = Library.objects.filter(is_portal_library=False, country="LT").order_by("name_lt")
        for number, library in enumerate(others, start=1):
            partner, _created = PartnerLibrary.objects.get_or_create(
                library=library, defaults={"agency_id": f"LT-DEMO-{number:03d}", "has_agreement": True}
            )
            partners.append(partner)
    created = 0
    patron = User.objects.filter(email="patron@example.org").first()
    branch = Branch.objects.filter(library__is_portal_library=True).order_by("order", "pk").first()
    if with_requests and patron and branch and partners:
        for key, fields, moves in REQUESTS:
            data = {
                "scope": Scope.DOMESTIC,
                "max_cost": Decimal("6.00"),
                "pickup_branch": branch,
                "not_needed_after": timezone.localdate() + dt.timedelta(days=60),
                "copyright_declared": False,
                **fields,
            }
            data["max_cost"] = Decimal(data["max_cost"])
            ill_request, was_created = ill_request_submit(patron=patron, data=data, idempotency_key=key)
            if not was_created:
                continue
            created += 1
            for status, extra in moves:
                extra = dict(extra)
                if "partner" in extra:
                    extra["partner"] = partners[extra["partner"] % len(partners)]
                ill_request_move(request_id=ill_request.pk, to_status=status, **extra)
                if status == Status.AWAITING_APPROVAL:
                    ill_cost_add(
                        request_id=ill_request.pk,
                        kind="lender",
                        actor=None,
                        estimate=Decimal("15.00"),
                        # Facts, not an English sentence: the line reads in each reader's language.
                        lender_agency="SE-UUB",
                    )
    return {"partner libraries": len(partners), "demo ILL requests": created}
