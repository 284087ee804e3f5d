"""Read-only API of branches and services, in the language asked for (Accept-Language or ?lang=)."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers

from services.models import Branch, OpeningHours, Service, ServiceCategory
from services.selectors import (
    branch_status,
    branches_with_hours,
    library_today,
    library_zone,
    portal_library,
    published_services,
)

LANG_PARAMETER = OpenApiParameter(
    "lang", str, description="Language of the texts: lt, en, bg or fi (default lt; else Accept-Language)."
)


class OpeningHoursOutput(serializers.ModelSerializer):
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
