"""The partner e-services of seeds 001 and 002 (services/fixtures/demo/partners.yaml, eservices.yaml, events.yaml,
consultations.yaml). Partners and e-services are matched by slug, events by their Lithuanian title, and brought up
to date."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from library_portal.demo.fixtures import demo_fixture, language_fields
from library_portal.models import User
from services.models import (
    Branch,
    Consultation,
    EService,
    EServicePlace,
    Event,
    GoodPractice,
    Library,
    OnlineResource,
    Partner,
    Registration,
)
from services.registrations import event_registration_create
from services.selectors import library_zone, portal_library

DEMO_PATRON = "patron@example.org"


@transaction.atomic
def demo_load_eservices(*, today: dt.date | None = None) -> dict[str, int]:
    """Create or update the partners, e-services (with their places, resources and good practices) and events
    (`days` counted from `today`); count the demo consultations once. Returns counts."""
    today = today or timezone.localdate()
    partners = {}
    for item in demo_fixture("services", "partners"):
        partners[item["slug"]], _created = Partner.objects.update_or_create(
            slug=item["slug"],
            defaults={
                **language_fields("name", item["name"]),
                **language_fields("agreement_subject", item["agreement_subject"]),
                "kind": item["kind"],
                "agreement_level": item["agreement_level"],
                "website": item["website"],
            },
        )
    branches = {b.slug: b for b in Branch.objects.all()}
    other_libraries = list(Library.objects.filter(is_portal_library=False))
    eservices = {}
    for order, item in enumerate(demo_fixture("services", "eservices")):
        eservice, _created = EService.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "area": item["area"],
                **language_fields("title", item["title"]),
                **language_fields("summary", item["summary"]),
                **language_fields("description", item["description"]),
                **language_fields("what_you_can_do", item["what_you_can_do"]),
                **language_fields("what_to_bring", item["what_to_bring"]),
                "order": order * 10,
                "is_published": True,
            },
        )
        eservices[item["slug"]] = eservice
        eservice.partners.set([partners[slug] for slug in item["partners"]])
        eservice.places.all().delete()
        EServicePlace.objects.bulk_create(
            EServicePlace(
                eservice=eservice,
                branch=branches[place["branch"]],
                mode=place["mode"],
                **language_fields("notes", place["notes"]),
            )
            for place in item["places"]
            if place["branch"] in branches
        )
        if item.get("other_libraries"):
            EServicePlace.objects.bulk_create(
                EServicePlace(eservice=eservice, library=library, mode=item["other_libraries"])
                for library in other_libraries
            )
        eservice.resources.all().delete()
        OnlineResource.objects.bulk_create(
            OnlineResource(
                eservice=eservice,
                url=resource["url"],
                language=resource["language"],
                order=index,
                **language_fields("title", resource["title"]),
                **language_fields("description", resource["description"]),
            )
            for index, resource in enumerate(item["resources"])
        )
        eservice.good_practices.all().delete()
        GoodPractice.objects.bulk_create(
            GoodPractice(
                eservice=eservice,
                order=index,
                source=practice["source"],
                **language_fields("title", practice["title"]),
                **language_fields("body", practice["body"]),
            )
            for index, practice in enumerate(item["good_practices"])
        )

    zone = library_zone(portal_library())
    events = demo_fixture("services", "events")
    for item in events:
        if item["branch"] not in branches:
            continue
        day = today + dt.timedelta(days=item["days"])
        starts_at = dt.datetime.combine(day, dt.time(item["hour"]), tzinfo=zone)
        event, _created = Event.objects.update_or_create(
            title_lt=item["title"]["lt"],
            defaults={
                **language_fields("title", item["title"]),
                **language_fields("description", item["description"]),
                **language_fields("room", item["room"]),
                **language_fields("audience", item["audience"]),
                "branch": branches[item["branch"]],
                "eservice": eservices[item["eservice"]],
                "partner": partners.get(item["partner"]),
                "starts_at": starts_at,
                "ends_at": starts_at + dt.timedelta(minutes=item["minutes"]),
                "capacity": item["capacity"],
                "language": "lt",
                "is_cancelled": False,
            },
        )
        if item.get("registered") and not event.registrations.exists():
            # A past event's registrations are history: written directly, as the rules for new ones no longer apply.
            Registration.objects.bulk_create(
                Registration(
                    event=event,
                    name=f"Dalyvis {n + 1}",
                    phone=f"+370 600 000{n:02d}",
                    status=Registration.Status.CONFIRMED,
                    consent_at=starts_at - dt.timedelta(days=7),
                    attended=n < item["attended"],
                )
                for n in range(item["registered"])
            )
            Event.objects.filter(pk=event.pk).update(confirmed_count=item["registered"])
    if not Consultation.objects.exists():
        Consultation.objects.bulk_create(
            Consultation(
                date=today - dt.timedelta(days=row["days_ago"]),
                branch=branches[row["branch"]],
                eservice=eservices[row["eservice"]],
                people=row["people"],
                minutes=row["minutes"],
            )
            for row in demo_fixture("services", "consultations")
            if row["branch"] in branches
        )
    return {"partners": len(partners), "eservices": len(eservices), "events": len(events)}


def demo_register_patron(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The demo patron's place at the soonest demo training (once, through the registration service, as if they
    registered while logged in), so that My account lists a registration with its cancel link."""
    now = now or timezone.now()
    patron = User.objects.filter(email=DEMO_PATRON).first()
    if patron is None or Registration.objects.filter(email=DEMO_PATRON).exists():
        return {"demo patron registrations": 0}
    event = Event.objects.filter(is_cancelled=False, starts_at__gt=now).order_by("starts_at", "pk").first()
    if event is None:
        return {"demo patron registrations": 0}
    event_registration_create(
        event=event,
        name=patron.get_full_name(),
        email=patron.email,
        phone="",
        consent=True,
        language=patron.language,
        site_url=settings.SITE_URL,
        now=now,
        patron=patron,
    )
    return {"demo patron registrations": 1}
