"""What every API endpoint shares: one JSON error shape, token log-in, light serializers.

The JSON parser is in library_portal/parsers.py and the pagination in library_portal/pagination.py:
DRF imports them from its settings while its own views module loads, so they cannot import it.
"""

import copy

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from library_portal.control_characters import SINGLE_LINE_MESSAGE, has_control_character
from library_portal.errors import DomainError
from library_portal.throttling import Throttled, client_key, throttle


class LightFieldsMixin:
    """A serializer whose declared fields are copied shallowly for each instance.

    DRF deep-copies every declared field per serializer instance, which re-runs each field's
    `__init__`: for a 30-field serializer built on every request that is a good part of the
    request. A declared field holds no state of its own until it is bound (bind() writes to the
    copy), so a shallow copy is enough; nested serializers are still deep-copied (their children
    are bound to them).
    """

    def get_fields(self):
        return {
            name: copy.deepcopy(field) if isinstance(field, serializers.BaseSerializer) else copy.copy(field)
            for name, field in self._declared_fields.items()
        }


# The base of every API input: each value must have the JSON type its field documents. DRF converts
# loosely (the number 0 becomes the text "0" or False, the text "12" the number 12); the OpenAPI
# schema promises a type, and a client that sends another has a bug it should hear about. Decimals
# take a number or a string ("10.00"), as documented. Text is single-line unless the field has the
# text-area style (`style=MULTILINE`): as in the forms, a name or a title refuses line breaks.
# (A comment, not a docstring: drf-spectacular would copy a docstring into every input's description.)
class InputSerializer(serializers.Serializer):
    def to_internal_value(self, data):
        type_errors = {}
        if isinstance(data, dict):
            for name, field in self.fields.items():
                if field.read_only or name not in data or data[name] is None:
                    continue
                if not _json_type_fits(field, data[name]):
                    try:
                        field.fail("invalid")
                    except serializers.ValidationError as error:
                        type_errors[name] = error.detail
                elif (
                    isinstance(field, serializers.CharField)
                    and not is_multiline(field)
                    and has_control_character(data[name])
                ):
                    # The parser allowed line breaks and tabs; a single-line field (a name, a title) does not.
                    type_errors[name] = [str(SINGLE_LINE_MESSAGE)]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            # Every field's problem at once: the wrong types, and what the fields themselves refuse.
            detail = error.detail if isinstance(error.detail, dict) else {"non_field_errors": error.detail}
            raise serializers.ValidationError({**detail, **type_errors}) from None
        if type_errors:
            raise serializers.ValidationError(type_errors)
        return value


def is_multiline(field: serializers.Field) -> bool:
    """A text field that may hold line breaks: declared with DRF's text-area style."""
    return field.style.get("base_template") == "textarea.html"


MULTILINE = {"base_template": "textarea.html"}


def _json_type_fits(field: serializers.Field, value) -> bool:
    if isinstance(field, serializers.BooleanField):
        return isinstance(value, bool)
    if isinstance(field, serializers.IntegerField):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(field, serializers.DecimalField):
        return isinstance(value, str | int | float) and not isinstance(value, bool)
    if isinstance(field, serializers.CharField):
        return isinstance(value, str)
    return True


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The translated label of a model field's choice, read-only (`""` for a blank value).

    Looked up in the choices enum directly: the model's `get_FOO_display()` rebuilds a dict of
    every choice, translating each label, on each call.
    """

    def __init__(self, choices: type[models.Choices], **kwargs):
        self.choices = choices
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return str(self.choices(value).label) if value else ""


@extend_schema_field({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$", "example": "08:00:00"})
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in the library's own zone, "08:00:00". Documented with a pattern: OpenAPI's
    `format: time` is RFC 3339's full-time, which requires a UTC offset these times do not have."""


IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Any unique string (e.g. a UUID) per intended request: a repeat with the same key creates nothing.",
)


def idempotency_key(request) -> str:
    """The request's `Idempotency-Key` header, "" without one. Raises ValidationError naming the header: longer than
    80 characters, or a control character in it."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 80:
        raise serializers.ValidationError({"Idempotency-Key": [_("Use at most 80 characters.")]})
    if has_control_character(key):
        raise serializers.ValidationError({"Idempotency-Key": [SINGLE_LINE_MESSAGE]})
    return key


def error_body(*, status_code: int, code: str, message: str, fields: dict | None = None) -> dict:
    """The one shape of every API error: {"error": {"status", "code", "message", "fields"}}."""
    return {"error": {"status": status_code, "code": code, "message": str(message), "fields": fields or {}}}


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as flat field paths: {"lines.0.pages": ["..."]}."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            # A nested list's own errors ("lines": "may not be empty") belong to the list itself.
            if prefix and key == "non_field_errors":
                fields.update(_flatten(value, prefix))
            else:
                fields.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(detail, list) and any(isinstance(value, dict | list) for value in detail):
        for index, value in enumerate(detail):
            if value:
                fields.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        values = detail if isinstance(detail, list) else [detail]
        fields[prefix or "non_field_errors"] = [str(value) for value in values]
    return fields


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        fields = {exc.field: [str(exc.message)]} if exc.field else {}
        response = Response(
            error_body(status_code=exc.status, code=exc.code, message=exc.message, fields=fields), exc.status
        )
        if isinstance(exc, Throttled):
            response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            status_code=response.status_code,
            code="invalid",
            message=_("Some of the data sent is not valid."),
            fields=_flatten(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body = error_body(
            status_code=response.status_code, code=code if isinstance(code, str) else "error", message=str(detail)
        )
    response.data = body
    return response


class TokenInputSerializer(InputSerializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class TokenObtainView(APIView):
    """Exchange an e-mail and password for an API token (send it as `Authorization: Token <token>`)."""

    # Its POST calls library_portal.throttling.throttle: the schema documents the 429.
    throttled_post = True

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        request=TokenInputSerializer,
        responses={200: inline_serializer("TokenOutput", {"token": serializers.CharField()})},
    )
    def post(self, request):
        data = TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email = data.validated_data["email"].lower()
        # The same counts as the log-in page, taken before the password is checked.
        throttle(scope="login-client", key=client_key(request))
        throttle(scope="login-account", key=email)
        user = authenticate(request, username=email, password=data.validated_data["password"])
        if user is None:
            return Response(
                error_body(
                    status_code=400, code="invalid_credentials", message=_("The e-mail address or password is wrong.")
                ),
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class ErrorDetailOutput(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field path (`lines.1.pages`, `answers.q12`) for invalid input; else empty.",
    )


class ErrorOutput(serializers.Serializer):
    """The one shape of every API error."""

    error = ErrorDetailOutput()
