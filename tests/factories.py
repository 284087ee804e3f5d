"""The factory_boy factories of every app's tests, in one module, since the apps' tests build each other's data:
an ILL request needs a patron and a branch, the home page's tests a survey, the spreadsheet exports a request.

Each factory makes a valid row with the fewest fields; a test passes the fields it is about.
"""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from feedback.models import Choice, Feedback, Question, QuestionKind, Survey, SurveyPage
from ill.models import IllRequest, Kind, PartnerLibrary, Scope, Status, new_token, token_digest
from news.models import Article, Notice
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

# --- Accounts, the library and its services (services) ----------------------------------------------------------


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


# --- Interlibrary loan (ill) -----------------------------------------------------------------------------------

# The plain tokens of the partners the factory made, by primary key: the database keeps only digests,
# and a partner read again from the database (a request's `partner` after refresh_from_db) has no token.
_TOKENS: dict[int, str] = {}


def token_of(partner: PartnerLibrary) -> str:
    return _TOKENS[partner.pk]


class PartnerLibraryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerLibrary

    library = factory.SubFactory(
        LibraryFactory, name="Lazdijų rajono savivaldybės viešoji biblioteka", name_en=None, is_portal_library=False
    )
    agency_id = factory.Sequence(lambda n: f"LT-TEST-{n:03d}")
    has_agreement = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The partner with a working token; `partner.token` is the plain token (the database keeps its digest)."""
        token = new_token()
        partner = super()._create(model_class, *args, inbound_token_digest=token_digest(token), **kwargs)
        partner.token = _TOKENS[partner.pk] = token
        return partner


class IllRequestFactory(factory.django.DjangoModelFactory):
    """A submitted book loan; pass status= to start elsewhere (the history is not replayed)."""

    class Meta:
        model = IllRequest

    patron = factory.SubFactory(UserFactory)
    kind = Kind.LOAN
    status = Status.SUBMITTED
    title = factory.Sequence(lambda n: f"Knyga {n}")
    author = "Donelaitis, Kristijonas"
    pickup_branch = factory.SubFactory(BranchFactory)
    not_needed_after = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    scope = Scope.DOMESTIC
    max_cost = Decimal("10.00")


# --- Surveys and feedback (feedback) ---------------------------------------------------------------------------


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Apklausa {n}")
    title_en = factory.Sequence(lambda n: f"Survey {n}")
    slug = factory.Sequence(lambda n: f"survey-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))


class SurveyPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyPage

    survey = factory.SubFactory(SurveyFactory)
    order = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Puslapis {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    page = factory.SubFactory(SurveyPageFactory)
    survey = factory.LazyAttribute(lambda question: question.page.survey)
    order = factory.Sequence(int)
    kind = QuestionKind.SCALE_5
    text = factory.Sequence(lambda n: f"Klausimas {n}")
    text_en = factory.Sequence(lambda n: f"Question {n}")


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.SINGLE)
    code = factory.Sequence(lambda n: f"choice-{n}")
    text = factory.Sequence(lambda n: f"Atsakymas {n}")
    order = factory.Sequence(int)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    topic = "services"
    message = "Skaitykloje per šalta."
    name = "Ona Onaitė"
    email = "ona@example.org"
    language = "lt"


# --- News and notices (news) -----------------------------------------------------------------------------------


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article of the whole library, public since an hour ago, in Lithuanian and English."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Naujiena {n}")
    title_en = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary = "Trumpai apie naujieną"
    summary_en = "The news in short"
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) - dt.timedelta(hours=1))


class NoticeFactory(factory.django.DjangoModelFactory):
    """A notice of the whole library, in force from an hour ago for a day, in Lithuanian and English."""

    class Meta:
        model = Notice
        skip_postgeneration_save = True

    text = factory.Sequence(lambda n: f"Pranešimas {n}")
    text_en = factory.Sequence(lambda n: f"Notice {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) - dt.timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(days=1))

    @factory.post_generation
    def branches(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.branches.set(extracted)
