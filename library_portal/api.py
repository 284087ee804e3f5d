"""What every API endpoint shares: one JSON error shape, token log-in, light serializers."""

import copy

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

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


class TokenInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class TokenObtainView(APIView):
    """Exchange an e-mail and password for an API token (send it as `Authorization: Token <token>`)."""

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
