"""The library of seeds 000 to 004: the portal library and the other libraries, branches with their hours and
holidays, service categories, services, principles and pages (services/fixtures/demo/), and the demo accounts
(library_portal/fixtures/demo/accounts.yaml). Rows are matched by slug or number and brought up to date."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from library_portal.demo.fixtures import demo_fixture, language_fields
from library_portal.languages import LANGS
from library_portal.models import PatronProfile
from services.models import Branch, Library, OpeningException, OpeningHours, Page, Principle, Service, ServiceCategory


@transaction.atomic
def demo_load(*, with_accounts: bool, year: int) -> dict[str, int]:
    """Create or update the demo library, branches, hours, holidays of `year`, services, principles,
    pages and the other libraries; with `with_accounts` also the demo accounts. Returns counts."""
    data = demo_fixture("services", "library")
    library, _created = Library.objects.update_or_create(
        is_portal_library=True,
        defaults={
            **language_fields("name", data["name"]),
            **language_fields("short_name", data["short_name"]),
            **language_fields("municipality", data["municipality"]),
            "address": data["address"],
            "phone": data["phone"],
            "email": data["email"],
            "website": data["website"],
            "country": data["country"],
            "time_zone": data["time_zone"],
        },
    )
    for other in demo_fixture("services", "other_libraries"):
        if other["is_portal_library"]:
            continue
        Library.objects.update_or_create(
            name_lt=other["name"]["lt"],
            defaults={
                **language_fields("name", other["name"]),
                **language_fields("short_name", dict.fromkeys(LANGS, other["short_name"])),
                **language_fields("municipality", other["municipality"]),
                "country": "LT",
            },
        )

    branches = {}
    for order, item in enumerate(demo_fixture("services", "branches")):
        branch, _created = Branch.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "library": library,
                **language_fields("name", item["name"]),
                **language_fields("municipality", item["municipality"]),
                **language_fields("accessibility_notes", item["accessibility_notes"]),
                "address": item["address"],
                "phone": item["phone"],
                "email": item["email"],
                "latitude": item["latitude"],
                "longitude": item["longitude"],
                "is_sample": item["is_sample"],
                "order": order,
            },
        )
        branches[item["slug"]] = branch
        branch.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(
                branch=branch,
                kind=hours["kind"],
                weekday=hours["weekday"],
                opens=dt.time.fromisoformat(hours["opens"]),
                closes=dt.time.fromisoformat(hours["closes"]),
            )
            for hours in item["hours"]
        )

    _holidays_close(list(branches.values()), demo_fixture("services", "holidays"), years=(year, year + 1))

    categories = {}
    for item in demo_fixture("services", "service_categories"):
        categories[item["slug"]], _created = ServiceCategory.objects.update_or_create(
            slug=item["slug"],
            defaults={
                **language_fields("title", item["title"]),
                **language_fields("description", item["description"]),
                "order": item["order"],
            },
        )
    services = demo_fixture("services", "services")
    for item in services:
        service, _created = Service.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "category": categories[item["category"]],
                **language_fields("title", item["title"]),
                **language_fields("summary", item["summary"]),
                **language_fields("body", item["body"]),
                "contact_name": item["contact_name"],
                "contact_email": item["contact_email"],
                "contact_phone": item["contact_phone"],
                "is_highlighted": item["is_highlighted"],
                "order": item["order"],
                "is_published": True,
            },
        )
        service.branches.set([branches[slug] for slug in item["branches"]])

    principles = demo_fixture("services", "principles")
    for item in principles:
        Principle.objects.update_or_create(
            number=item["number"],
            defaults={**language_fields("title", item["title"]), **language_fields("body", item["body"])},
        )
    for item in demo_fixture("services", "pages"):
        Page.objects.update_or_create(
            slug=item["slug"],
            defaults={**language_fields("title", item["title"]), **language_fields("body", item["body"])},
        )

    accounts = demo_accounts_create() if with_accounts else 0
    return {
        "branches": len(branches),
        "services": len(services),
        "principles": len(principles),
        "other_libraries": Library.objects.filter(is_portal_library=False).count(),
        "accounts": accounts,
    }


def _holidays_close(branches: list[Branch], holidays: list[dict], *, years: tuple[int, ...]) -> None:
    """Every branch closed all day on each public holiday of `years`: the exception of that date for every kind is
    matched by branch and date and brought up to date, or added. Read once and written in two bulk queries, not an
    update_or_create per branch and date (four queries each, with its savepoint). demo_load() took 987 queries and
    0.42 s on an empty database, 747 and 0.43 s on a loaded one; now 269 queries and 0.18 s, 0.23 s (December 2026,
    2 cores). The tests load the demo library more than a hundred times per run."""
    reasons = {}
    for holiday in holidays:
        month, day = (int(part) for part in holiday["date"].split("-"))
        for holiday_year in years:
            reasons[dt.date(holiday_year, month, day)] = language_fields("reason", holiday["reason"])
    existing = {
        (exception.branch_id, exception.date): exception
        for exception in OpeningException.objects.filter(branch__in=branches, kind="", date__in=reasons)
    }
    now = timezone.now()
    added, changed = [], []
    for branch in branches:
        for date, reason in reasons.items():
            exception = existing.get((branch.pk, date)) or OpeningException(branch=branch, date=date, kind="")
            exception.closed, exception.opens, exception.closes, exception.updated_at = True, None, None, now
            for field, text in reason.items():
                setattr(exception, field, text)
            (changed if exception.pk else added).append(exception)
    OpeningException.objects.bulk_create(added)
    # bulk_update writes the listed fields as they are: updated_at is set above, as save() would.
    OpeningException.objects.bulk_update(
        changed, ["closed", "opens", "closes", "updated_at", *(f"reason_{code}" for code in LANGS)]
    )


def demo_accounts_create() -> int:
    """Create (or reset the password of) the demo patron, second patron, librarian and manager."""
    User = get_user_model()
    accounts = demo_fixture("library_portal", "accounts")
    for account in accounts:
        user, _created = User.objects.get_or_create(
            email=account["email"],
            defaults={"first_name": account["first_name"], "last_name": account["last_name"]},
        )
        user.set_password(settings.DEMO_PASSWORD)
        user.is_staff = bool(account["groups"])
        user.save()
        user.groups.set(Group.objects.filter(name__in=account["groups"]))
        if account.get("card"):
            PatronProfile.objects.update_or_create(
                user=user, defaults={"card_number": account["card"], "email_verified_at": timezone.now()}
            )
    return len(accounts)
