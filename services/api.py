"""Read-only API of branches and services, in the language asked for (Accept-Language or ?lang=)."""

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from library_portal.api import InputSerializer, LocalTimeField
from library_portal.authentication import TokenAuthentication
from library_portal.schema import error_responses
from library_portal.throttling import client_key, throttle
from services.models import (
    Branch,
    EService,
    EServicePlace,
    Event,
    OnlineResource,
    OpeningHours,
    Partner,
    Registration,
    Service,
    ServiceCategory,
)
from services.registrations import event_registration_create
from services.selectors import (
    branch_status,
    branches_with_hours,
    library_today,
    library_zone,
    portal_library,
    published_eservices,
    published_services,
    upcoming_events,
)

LANG_PARAMETER = OpenApiParameter(
    "lang", str, description="Language of the texts: lt, en, bg or fi (default lt; else Accept-Language)."
)


class OpeningHoursOutput(serializers.ModelSerializer):
    opens = LocalTimeField()
    closes = LocalTimeField()

    class Meta:
        model = OpeningHours
        fields = ["kind", "weekday", "opens", "closes"]


class BranchOutput(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    open_now = serializers.SerializerMethodField()
    opening_hours = OpeningHoursOutput(many=True, read_only=True)

    class Meta:
        model = Branch
        fields = [
            "slug",
            "name",
            "address",
            "municipality",
            "phone",
            "email",
            "accessibility_notes",
            "latitude",
            "longitude",
            "is_sample",
            "url",
            "open_now",
            "opening_hours",
        ]

    def get_open_now(self, branch: Branch) -> bool:
        status = branch_status(branch, now=self.context["now"], zone=self.context["zone"])
        return bool(status.main and status.main.open_now)


class CategoryOutput(serializers.ModelSerializer):
    class Meta:
        model = ServiceCategory
        fields = ["slug", "title"]


class ServiceOutput(serializers.ModelSerializer):
    category = CategoryOutput(read_only=True)
    branches = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Service
        fields = [
            "slug",
            "title",
            "summary",
            "body",
            "category",
            "branches",
            "contact_name",
            "contact_email",
            "contact_phone",
            "url",
        ]


class BranchApiMixin:
    serializer_class = BranchOutput
    lookup_field = "slug"

    def get_queryset(self):
        self.zone = library_zone(portal_library())
        self.now = timezone.now()
        return branches_with_hours(today=library_today(self.zone, self.now))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": self.now, "zone": self.zone}


@extend_schema_view(get=extend_schema(parameters=[LANG_PARAMETER]))
class BranchListApi(BranchApiMixin, generics.ListAPIView):
    """The library's branches with their weekly opening hours and whether they are open now."""


@extend_schema_view(get=extend_schema(parameters=[LANG_PARAMETER]))
class BranchDetailApi(BranchApiMixin, generics.RetrieveAPIView):
    """One branch by its slug."""


class ServiceApiMixin:
    serializer_class = ServiceOutput
    lookup_field = "slug"

    def get_queryset(self):
        return published_services().prefetch_related("branches").order_by("category__order", "order", "title")


@extend_schema_view(get=extend_schema(parameters=[LANG_PARAMETER]))
class ServiceListApi(ServiceApiMixin, generics.ListAPIView):
    """The published services with their category and the branches that offer them."""


@extend_schema_view(get=extend_schema(parameters=[LANG_PARAMETER]))
class ServiceDetailApi(ServiceApiMixin, generics.RetrieveAPIView):
    """One service by its slug."""


# Partner e-services ------------------------------------------------------------------------------


class PartnerOutput(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = [
            "slug",
            "name",
            "kind",
            "agreement_level",
            "agreement_date",
            "agreement_subject",
            "contact_name",
            "contact_email",
            "contact_phone",
            "website",
        ]


class PlaceOutput(serializers.ModelSerializer):
    # A place is either one of our branches or another library: the other one is null.
    branch = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    library = serializers.CharField(source="library.name", default=None, read_only=True, allow_null=True)

    class Meta:
        model = EServicePlace
        fields = ["branch", "library", "mode", "notes"]


class ResourceOutput(serializers.ModelSerializer):
    class Meta:
        model = OnlineResource
        fields = ["title", "url", "language", "description"]


class EServiceOutput(serializers.ModelSerializer):
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    places = PlaceOutput(many=True, read_only=True)
    resources = ResourceOutput(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = EService
        fields = [
            "slug",
            "area",
            "title",
            "summary",
            "description",
            "what_you_can_do",
            "what_to_bring",
            "partners",
            "places",
            "resources",
            "url",
        ]


class EventOutput(serializers.ModelSerializer):
    branch = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    eservice = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    partner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    confirmed = serializers.IntegerField(read_only=True)
    held = serializers.IntegerField(
        read_only=True, help_text="Places held for public registrants until they confirm through the e-mailed link."
    )
    waitlisted = serializers.IntegerField(read_only=True)
    places_left = serializers.IntegerField(source="free_places", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "description",
            "eservice",
            "partner",
            "branch",
            "room",
            "starts_at",
            "ends_at",
            "capacity",
            "confirmed",
            "held",
            "waitlisted",
            "places_left",
            "registration_opens_at",
            "registration_closes_at",
            "audience",
            "language",
            "is_cancelled",
            "url",
        ]


class RegistrationInput(InputSerializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(help_text="Required: the link that confirms the place is sent here.")
    phone = serializers.RegexField(r"^\+?[0-9 ()-]{6,20}$", required=False, allow_blank=True, default="")
    consent = serializers.BooleanField()
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)


class RegistrationOutput(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=[
            (Registration.Status.HELD, "held"),
            (Registration.Status.CONFIRMED, "confirmed"),
            (Registration.Status.WAITLISTED, "waitlisted"),
        ],
        read_only=True,
        help_text=(
            "held: a place is kept until `hold_expires_at`; it becomes confirmed only when the registrant opens "
            "the link e-mailed to them and presses the button, else it is released to the waiting list. "
            "confirmed: the place is theirs (a patron authenticated with a token, registering with their "
            "verified account address). waitlisted: all places are taken or held."
        ),
    )
    hold_expires_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Until when a held place waits for its confirmation; else null."
    )

    class Meta:
        model = Registration
        fields = ["id", "event", "name", "status", "hold_expires_at", "language", "created_at"]


@extend_schema_view(get=extend_schema(parameters=[LANG_PARAMETER]))
class PartnerListApi(generics.ListAPIView):
    """The library's partners and their agreements."""

    serializer_class = PartnerOutput
    queryset = Partner.objects.order_by("name", "pk")


@extend_schema_view(get=extend_schema(parameters=[LANG_PARAMETER]))
class EServiceListApi(generics.ListAPIView):
    """The published e-services with their partners, the places offering them and online resources."""

    serializer_class = EServiceOutput

    def get_queryset(self):
        return (
            published_eservices()
            .prefetch_related(
                "partners",
                Prefetch("places", queryset=EServicePlace.objects.select_related("branch", "library")),
                "resources",
            )
            .order_by("order", "title", "pk")
        )


def events_with_counts(queryset):
    """Confirmed, held and waiting registrations counted from the rows themselves (not the stored
    counters); a hold whose time is up no longer counts, even before the worker has released it."""
    held = Q(registrations__status=Registration.Status.HELD, registrations__hold_expires_at__gt=timezone.now())
    return queryset.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        held=Count("registrations", filter=held),
        waitlisted=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
        free_places=Greatest(F("capacity") - F("confirmed") - F("held"), Value(0)),
    )


@extend_schema_view(get=extend_schema(parameters=[LANG_PARAMETER]))
class EventListApi(generics.ListAPIView):
    """Upcoming events (not cancelled, not ended), soonest first, with their places."""

    serializer_class = EventOutput

    def get_queryset(self):
        return events_with_counts(upcoming_events())


@extend_schema_view(get=extend_schema(parameters=[LANG_PARAMETER]))
class EventDetailApi(generics.RetrieveAPIView):
    """One event (also a cancelled or past one) with its places."""

    serializer_class = EventOutput

    def get_queryset(self):
        return events_with_counts(Event.objects.select_related("branch", "eservice", "partner"))


class EventRegistrationApi(APIView):
    """Register for an event (no account needed; an e-mail address is): 201 with status "held" (the
    place is kept until `hold_expires_at` and confirmed through the link e-mailed to the registrant),
    "confirmed" (a patron sending their token and registering with their verified account address) or
    "waitlisted"; 400 for bad data; 409 when registration is closed or the e-mail address or phone
    is already registered."""

    # Its POST calls library_portal.throttling.throttle: the schema documents the 429.
    throttled_post = True

    # Public; a token may say who registers. No session authentication, and so no CSRF.
    authentication_classes = [TokenAuthentication]
    # AllowAny rather than no class at all: the schema then lists the token as optional.
    permission_classes = [AllowAny]

    @extend_schema(
        request=RegistrationInput,
        responses={
            201: RegistrationOutput,
            **error_responses(
                e409="Registration is closed (not yet open, past, cancelled), or the e-mail or phone is already "
                "registered."
            ),
        },
    )
    def post(self, request, pk: int):
        event = get_object_or_404(Event.objects.only("pk"), pk=pk)  # the service locks and reads it in full
        throttle(scope="event-registration", key=f"{client_key(request)}|{event.pk}")
        data = RegistrationInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        registration = event_registration_create(
            event=event,
            name=values["name"],
            email=values["email"],
            phone=values["phone"],
            consent=values["consent"],
            language=values.get("language") or get_language(),
            site_url=request.build_absolute_uri("/").rstrip("/"),
            patron=request.user if request.user.is_authenticated else None,
        )
        return Response(RegistrationOutput(registration).data, status=status.HTTP_201_CREATED)
