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

    holidays = demo_fixture("services", "holidays")
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
        for holiday in holidays:
            month, day = (int(part) for part in holiday["date"].split("-"))
            for holiday_year in (year, year + 1):
                OpeningException.objects.update_or_create(
                    branch=branch,
                    date=dt.date(holiday_year, month, day),
                    kind="",
                    defaults={
                        "closed": True,
                        "opens": None,
                        "closes": None,
                        **language_fields("reason", holiday["reason"]),
                    },
                )

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
