"""Price lists and quotes over the API, in the language asked for (Accept-Language or ?lang=)."""

from dataclasses import asdict

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from library_portal.api import InputSerializer
from library_portal.caching import Namespace, namespaced
from library_portal.errors import DomainError
from library_portal.schema import error_responses
from pricing.calculation import MAX_LINES, QuoteLine, quote
from pricing.models import PatronCategory, PriceItem, PriceList
from pricing.selectors import price_list_in_force, quote_rules, sections_of
from services.api import LANG_PARAMETER


class CategoryAmountOutput(serializers.Serializer):
    category = serializers.CharField(source="category.code")
    name = serializers.CharField(source="category.name")
    amount = serializers.DecimalField(max_digits=8, decimal_places=2)


class TierOutput(serializers.Serializer):
    up_to = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=8, decimal_places=2)


class PriceItemOutput(serializers.ModelSerializer):
    by_category = CategoryAmountOutput(source="category_prices", many=True)
    tiers = TierOutput(many=True)
    room = serializers.CharField(source="room.code", default=None, allow_null=True)

    class Meta:
        model = PriceItem
        fields = [
            "code",
            "name",
            "notes",
            "unit",
            "pricing",
            "amount",
            "by_category",
            "tiers",
            "room",
            "with_equipment",
        ]


class SectionOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    items = PriceItemOutput(many=True)


class PriceListOutput(serializers.ModelSerializer):
    sections = serializers.SerializerMethodField()

    class Meta:
        model = PriceList
        fields = ["id", "title", "decisions", "status", "effective_from", "effective_until", "sections"]

    @extend_schema_field(SectionOutput(many=True))
    def get_sections(self, price_list: PriceList) -> list[dict]:
        return SectionOutput(sections_of(price_list), many=True).data


class CurrentPriceListApi(APIView):
    """The price list in force today."""

    @extend_schema(
        parameters=[LANG_PARAMETER],
        responses={200: PriceListOutput, **error_responses(e404="No price list is in force today.")},
    )
    def get(self, request):
        price_list = price_list_in_force(timezone.localdate())
        if price_list is None:
            raise NotFound()
        return Response(PriceListOutput(price_list).data)


class PriceListApi(APIView):
    """One published version of the price list (earlier, in force or upcoming)."""

    @extend_schema(parameters=[LANG_PARAMETER], responses=PriceListOutput)
    def get(self, request, pk: int):
        return Response(PriceListOutput(get_object_or_404(PriceList, pk=pk, status=PriceList.Status.PUBLISHED)).data)


class QuoteLineInput(InputSerializer):
    item = serializers.CharField(max_length=60)
    quantity = serializers.DecimalField(max_digits=8, decimal_places=2)
    pages = serializers.IntegerField(required=False, allow_null=True)


class QuoteInput(InputSerializer):
    category = serializers.CharField(max_length=40, default="adult")
    lines = QuoteLineInput(many=True, allow_empty=False, max_length=MAX_LINES)


class QuoteLineOutput(serializers.Serializer):
    item = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2)
    pages = serializers.IntegerField(allow_null=True)
    unit_price = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    note = serializers.CharField()


class QuoteOutput(serializers.Serializer):
    price_list = serializers.IntegerField()
    category = serializers.CharField()
    lines = QuoteLineOutput(many=True)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    notes = serializers.ListField(child=serializers.CharField())


class QuoteApi(APIView):
    """What an order costs: lines of item codes and quantities (and sheets for binding) for a patron category."""

    @extend_schema(
        parameters=[LANG_PARAMETER],
        request=QuoteInput,
        responses={200: QuoteOutput, **error_responses(e404="No price list is in force today.")},
    )
    def post(self, request):
        data = QuoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        price_list_id, rules, categories = self._rules_in_force()
        lines = [QuoteLine(line["item"], line["quantity"], line.get("pages")) for line in data.validated_data["lines"]]
        result = quote(rules, lines, data.validated_data["category"], categories)
        return Response(QuoteOutput({"price_list": price_list_id, **asdict(result)}).data)

    @staticmethod
    def _rules_in_force() -> tuple[int, dict, list[str]]:
        """The list in force today with its rules and categories, read through the shared cache until the prices'
        namespace is bumped or the day changes (the key has the date); names in the request's language."""
        today = timezone.localdate()

        def build() -> tuple[int, dict, list[str]] | None:
            price_list = price_list_in_force(today)
            if price_list is None:
                return None
            return price_list.pk, quote_rules(price_list), list(PatronCategory.objects.values_list("code", flat=True))

        found = namespaced(f"quote-rules:{today.isoformat()}:{get_language()}", [Namespace.PRICES], build)
        if found is None:
            raise DomainError(_("No price list is in force today."), code="no_price_list", status=404)
        return found
