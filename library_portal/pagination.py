"""The API's pagination: `?limit=` and `?offset=`, bounded and checked."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import LimitOffsetPagination

_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


class Pagination(LimitOffsetPagination):
    """`?limit=` (1 to 200, 50 by default) and `?offset=` (0 or more); a bad value answers 400.

    A limit beyond the maximum is refused rather than clamped, so that a client learns it did not get
    what it asked for; the schema states both bounds.
    """

    max_limit = 200

    def _number(self, request, name: str, *, default: int, low: int, high: int | None) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        if not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < low or (high is not None and int(raw) > high):
            if high is None:
                message = _("Enter a whole number of %(low)d or more.") % {"low": low}
            else:
                message = _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
            raise exceptions.ValidationError({name: [message]})
        return int(raw)

    def get_limit(self, request):
        return self._number(request, self.limit_query_param, default=self.default_limit, low=1, high=self.max_limit)

    def get_offset(self, request):
        return self._number(request, self.offset_query_param, default=0, low=0, high=None)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit},
            self.offset_query_param: {"minimum": 0, "maximum": 10**18 - 1, "default": 0},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
