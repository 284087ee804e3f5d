"""A patron's interlibrary-loan requests over the API: list, place (idempotent), read, cancel.

A patron sees only their own requests; another patron's id answers 404. A repeated POST with the
same `Idempotency-Key` header returns the request the first POST created (200) instead of a new one.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ill.models import Channel, CostLine, IllRequest, Kind, Reason, Scope, Status, StatusChange
from ill.rules import check_request
from ill.selectors import patron_request_detail, patron_requests, pickup_branch
from ill.services import ill_request_cancellation_request, ill_request_submit
from library_portal.api import (
    IDEMPOTENCY_HEADER,
    MULTILINE,
    ChoiceLabelField,
    InputSerializer,
    LightFieldsMixin,
    idempotency_key,
)
from library_portal.pagination import Pagination
from library_portal.schema import error_responses
from library_portal.throttling import throttle
from services.api import LANG_PARAMETER


@extend_schema_field(OpenApiTypes.STR)
class PickupBranchField(serializers.Field):
    """A branch of ours by its slug (as in /api/v1/branches/)."""

    default_error_messages = {"unknown": _("There is no branch of ours with this name (use its slug).")}

    def to_internal_value(self, data):
        branch = pickup_branch(slug=str(data))
        if branch is None:
            self.fail("unknown")
        return branch

    def to_representation(self, value):
        return value.slug


class RequestInput(LightFieldsMixin, InputSerializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    author = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    publisher = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    year = serializers.IntegerField(required=False, allow_null=True, default=None)
    edition = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    isbn = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    issn = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")
    volume = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    issue = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    pages = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    article_title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    article_author = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    language = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="", style=MULTILINE)
    pickup_branch = PickupBranchField()
    not_needed_after = serializers.DateField()
    scope = serializers.ChoiceField(choices=Scope.choices, default=Scope.DOMESTIC)
    max_cost = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    copyright_declared = serializers.BooleanField(default=False)
    accept_cost = serializers.BooleanField(
        help_text=_("Confirms the patron has seen what it may cost (postage; lenders abroad invoice their charges).")
    )

    def validate_accept_cost(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(_("Confirm that you accept the cost."))
        return value

    def validate(self, attrs):
        cleaned, errors = check_request(attrs)
        if errors:
            raise serializers.ValidationError({field: [str(m) for m in messages] for field, messages in errors.items()})
        cleaned.pop("accept_cost", None)
        return cleaned


class HistoryOutput(LightFieldsMixin, serializers.Serializer):
    status = serializers.CharField(source="to_status")
    status_label = ChoiceLabelField(Status, source="to_status")
    note = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_note(self, change: StatusChange) -> str:
        return change.note_text if change.note_is_public else ""


class CostOutput(LightFieldsMixin, serializers.Serializer):
    kind = serializers.CharField()
    kind_label = ChoiceLabelField(CostLine.Kind, source="kind")
    description = serializers.CharField()
    # What the line is for, in the language of the answer: the stored facts in words, then what staff typed.
    details = serializers.CharField()
    estimate = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    amount = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)


class RequestOutput(LightFieldsMixin, serializers.Serializer):
    """Declared field by field (no ModelSerializer): this is built for every submission and list row."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    status_label = ChoiceLabelField(Status, source="status")
    channel = serializers.CharField()
    title = serializers.CharField()
    author = serializers.CharField()
    publisher = serializers.CharField()
    place = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    edition = serializers.CharField()
    isbn = serializers.CharField()
    issn = serializers.CharField()
    volume = serializers.CharField()
    issue = serializers.CharField()
    pages = serializers.CharField()
    article_title = serializers.CharField()
    article_author = serializers.CharField()
    language = serializers.CharField()
    note = serializers.CharField()
    pickup_branch = serializers.CharField(source="pickup_branch.slug")
    pickup_branch_name = serializers.CharField(source="pickup_branch.name")
    not_needed_after = serializers.DateField()
    scope = serializers.CharField()
    max_cost = serializers.DecimalField(max_digits=8, decimal_places=2)
    copyright_declared = serializers.BooleanField()
    due_date = serializers.DateField(allow_null=True)
    reason = serializers.CharField()
    reason_label = ChoiceLabelField(Reason, source="reason")
    cancellation_requested_at = serializers.DateTimeField(allow_null=True)
    can_cancel = serializers.BooleanField(source="patron_can_cancel")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class RequestDetailOutput(RequestOutput):
    history = HistoryOutput(many=True)
    costs = CostOutput(many=True)


def _detail(patron, pk: int) -> IllRequest:
    ill_request = patron_request_detail(patron=patron, request_id=pk)
    if ill_request is None:
        raise NotFound(_("There is no such request."))
    return ill_request


class RequestListApi(APIView):
    # Its POST calls library_portal.throttling.throttle: the schema documents the 429.
    throttled_post = True
    permission_classes = [IsAuthenticated]
    pagination_class = Pagination  # read by the schema too: the list is documented as paginated

    @extend_schema(parameters=[LANG_PARAMETER], responses=RequestOutput(many=True))
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(patron_requests(patron=request.user), request, view=self)
        return paginator.get_paginated_response(RequestOutput(page, many=True).data)

    @extend_schema(
        parameters=[LANG_PARAMETER, IDEMPOTENCY_HEADER],
        request=RequestInput,
        responses={201: RequestOutput, 200: RequestOutput},
    )
    def post(self, request):
        key = idempotency_key(request)
        serializer = RequestInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        throttle(scope="ill-submission", key=str(request.user.pk))
        ill_request, created = ill_request_submit(
            patron=request.user, data=serializer.validated_data, channel=Channel.FORM, idempotency_key=key
        )
        # The request as created (its history and costs: GET the request).
        return Response(
            RequestOutput(ill_request).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class RequestDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[LANG_PARAMETER], responses=RequestDetailOutput)
    def get(self, request, pk: int):
        return Response(RequestDetailOutput(_detail(request.user, pk)).data)


class CancelInput(InputSerializer):
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="", style=MULTILINE)


class RequestCancelApi(APIView):
    """Cancel a request not yet sent to a lender (200). A sent one cannot be cancelled by the patron:
    the call records a cancellation request for the staff instead (202)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[LANG_PARAMETER],
        request=CancelInput,
        responses={
            200: RequestDetailOutput,
            202: RequestDetailOutput,
            **error_responses(e409="The request is already closed."),
        },
    )
    def post(self, request, pk: int):
        serializer = CancelInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The service decides: cancelled at once before the order is sent, else flagged for the staff.
        ill_request = ill_request_cancellation_request(
            request_id=pk, patron=request.user, note=serializer.validated_data["note"]
        )
        code = status.HTTP_200_OK if ill_request.status == Status.CANCELLED else status.HTTP_202_ACCEPTED
        return Response(RequestDetailOutput(_detail(request.user, pk)).data, status=code)


# ISO 18626 ---------------------------------------------------------------------------------------

_ISO_EXAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" ill:version="1.2"
                 xmlns:ill="http://illtransactions.org/2013/iso18626">
  <supplyingAgencyMessage>
    <header>
      <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>LT-000001</agencyIdValue></supplyingAgencyId>
      <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>LT-000045</agencyIdValue></requestingAgencyId>
      <timestamp>2026-05-04T10:00:00Z</timestamp>
      <requestingAgencyRequestId>42</requestingAgencyRequestId>
    </header>
    <messageInfo><reasonForMessage>StatusChange</reasonForMessage></messageInfo>
    <statusInfo><status>Loaned</status><lastChange>2026-05-04T10:00:00Z</lastChange></statusInfo>
  </supplyingAgencyMessage>
</ISO18626Message>
"""

_ISO_ANSWERS = {
    "200": "Processed: the standard confirmation (`supplyingAgencyMessageConfirmation`, messageStatus OK).",
    "400": "Malformed or unsupported message: a confirmation with `errorData` (BadlyFormedMessage, "
    "UnsupportedActionType, UnsupportedReasonForMessageType, UnrecognisedDataValue).",
    "401": "The partner is not authenticated: a confirmation with `errorData`.",
    "403": "The request belongs to another partner: a confirmation with `errorData`.",
    "404": "We placed no such request with this partner: a confirmation with `errorData`.",
    "409": "The workflow does not allow this move now: a confirmation with `errorData`.",
    "413": "The body is larger than 1 MB: a confirmation with `errorData`.",
    # Counted by library_portal.throttling before the body is read (ill.iso18626.iso18626_endpoint).
    "429": "Too many messages from this partner (or, before it is known, this address): a confirmation with "
    "`errorData`, and `Retry-After` in seconds. The message is not stored.",
    "503": "The limits cannot be counted just now (the shared cache does not answer): a confirmation with "
    "`errorData`, and `Retry-After` in seconds. The message is not stored.",
}


def document_iso18626(result: dict, generator, request, public) -> dict:
    """drf-spectacular post-processing hook: adds `POST /api/v1/ill/iso18626/`.

    The endpoint is a plain Django view (ill.iso18626.receive.iso18626_endpoint): it reads and answers XML
    itself, outside DRF's content negotiation, so the generator cannot see it; its answers are the
    ones `iso18626_receive` documents.
    """
    xml = {"application/xml": {"schema": {"type": "string", "description": "An ISO 18626 (v1.2) message."}}}
    responses = {code: {"description": text, "content": xml} for code, text in _ISO_ANSWERS.items()}
    # A control character in the query string is refused before the endpoint, in the API's error shape.
    responses["400"]["content"] = {
        **xml,
        "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOutput"}},
    }
    schemes = result.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes["partnerBasic"] = {
        "type": "http",
        "scheme": "basic",
        "description": "The partner's agency id (ISIL) and the token we issued to it.",
    }
    schemes["partnerBearer"] = {"type": "http", "scheme": "bearer", "description": "The token we issued."}
    result.setdefault("paths", {})["/api/v1/ill/iso18626/"] = {
        "post": {
            "operationId": "v1_ill_iso18626_create",
            "summary": "Receive a partner library's ISO 18626 message",
            "description": "Lenders post their `supplyingAgencyMessage` here; it moves our request through the "
            "same workflow as the back office. Every answer is an ISO 18626 confirmation.",
            "tags": ["v1"],
            "security": [{"partnerBasic": []}, {"partnerBearer": []}],
            "requestBody": {
                "required": True,
                # "binary": the body is the XML document itself, not a string wrapped in an element.
                "content": {
                    "application/xml": {
                        "schema": {"type": "string", "format": "binary", "description": "An ISO 18626 (v1.2) message."},
                        "example": _ISO_EXAMPLE,
                    }
                },
            },
            "responses": responses,
        }
    }
    return result
