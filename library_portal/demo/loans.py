"""Demo interlibrary loan (ill/fixtures/demo/): seed 001's libraries as partners, a postal tariff table, requests in
several statuses.

Partners and tariffs are updated in place; the demo requests carry idempotency keys, so a second run finds them
instead of adding more. The tariffs are sample values, not the post's real ones.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ill.models import PartnerLibrary, PostalTariff, Scope
from ill.services import ill_cost_add, ill_request_move, ill_request_submit
from library_portal.demo.fixtures import demo_fixture
from library_portal.models import User
from services.models import Branch, Library


def demo_load_ill(*, with_requests: bool) -> dict[str, int]:
    """Create or update the postal tariffs and the partner libraries; with `with_requests` also the demo patron's
    requests (once), moved through the workflow's services as staff would. Returns counts."""
    with transaction.atomic():
        for scope, bands in demo_fixture("ill", "postal_tariffs").items():
            for band in bands:
                PostalTariff.objects.update_or_create(
                    scope=scope, max_weight_g=band["max_weight_g"], defaults={"price": Decimal(band["price"])}
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
        for item in demo_fixture("ill", "requests"):
            data = {
                "scope": Scope.DOMESTIC,
                "max_cost": Decimal("6.00"),
                "pickup_branch": branch,
                "not_needed_after": timezone.localdate() + dt.timedelta(days=60),
                "copyright_declared": False,
                **item["fields"],
            }
            data["max_cost"] = Decimal(data["max_cost"])
            ill_request, was_created = ill_request_submit(patron=patron, data=data, idempotency_key=item["key"])
            if not was_created:
                continue
            created += 1
            for move in item["moves"]:
                extra = {key: value for key, value in move.items() if key not in ("to_status", "cost")}
                if "partner" in extra:
                    extra["partner"] = partners[extra["partner"] % len(partners)]
                ill_request_move(request_id=ill_request.pk, to_status=move["to_status"], **extra)
                if cost := move.get("cost"):
                    ill_cost_add(
                        request_id=ill_request.pk,
                        kind=cost["kind"],
                        actor=None,
                        estimate=Decimal(cost["estimate"]),
                        # Facts, not an English sentence: the line reads in each reader's language.
                        lender_agency=cost["lender_agency"],
                    )
    return {"partner libraries": len(partners), "demo ILL requests": created}
