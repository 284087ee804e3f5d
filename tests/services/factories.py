import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from services.models import (
    Branch,
    EService,
    EServiceArea,
    Event,
    HoursKind,
    Library,
    OpeningException,
    OpeningHours,
    Partner,
    Service,
    ServiceCategory,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Ona"
    last_name = "Onaitė"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class LibraryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Library

    name = "Šilutės F. Bajoraičio viešoji biblioteka"
    name_en = "Šilutė F. Bajoraitis Public Library"
    is_portal_library = True
    time_zone = "Europe/Vilnius"


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch

    library = factory.LazyFunction(lambda: Library.objects.filter(is_portal_library=True).first() or LibraryFactory())
    name = factory.Sequence(lambda n: f"Filialas {n}")
    name_en = factory.Sequence(lambda n: f"Branch {n}")
    slug = factory.Sequence(lambda n: f"branch-{n}")
    address = "Tilžės g. 12, Šilutė"
    municipality = "Šilutės rajonas"


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    branch = factory.SubFactory(BranchFactory)
    kind = HoursKind.STAFFED
    weekday = 0
    opens = dt.time(10, 0)
    closes = dt.time(18, 0)


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    branch = factory.SubFactory(BranchFactory)
    date = dt.date(2026, 12, 24)
    kind = ""
    closed = True
    reason = "Kūčios"


class ServiceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCategory

    title = factory.Sequence(lambda n: f"Kategorija {n}")
    title_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    title = factory.Sequence(lambda n: f"Paslauga {n}")
    title_en = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = "Trumpas aprašymas"
    summary_en = "A short summary"
    category = factory.SubFactory(ServiceCategoryFactory)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partneris {n}")
    name_en = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = Partner.Kind.COMPANY
    agreement_level = Partner.AgreementLevel.NATIONAL


class EServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EService

    area = EServiceArea.UTILITY
    title = factory.Sequence(lambda n: f"E. paslauga {n}")
    title_en = factory.Sequence(lambda n: f"E-service {n}")
    slug = factory.Sequence(lambda n: f"e-service-{n}")
    summary = "Trumpai"
    summary_en = "In short"


class EventFactory(factory.django.DjangoModelFactory):
    """An event a week from now, two hours long, ten places, registration open."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Mokymai {n}")
    title_en = factory.Sequence(lambda n: f"Training {n}")
    branch = factory.SubFactory(BranchFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    capacity = 10
