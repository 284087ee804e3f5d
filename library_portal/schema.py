"""The OpenAPI schema states every answer an operation can give, errors included.

drf-spectacular documents the successful answers of each view; `AutoSchema` adds the error answers
the portal's machinery gives on its own, in the one error shape (`library_portal.api.ErrorOutput`):

- 400 on every operation: a control character in the path or query string, a bad `?limit=`, invalid
  input;
- 401 where a token or session may be sent (a bad token answers 401 even where none is needed);
- 403 where a permission beyond logging in is required, and on writes that accept a session (CSRF);
- 404 where the path names an object;
- 415 where a body is expected (the API takes JSON only);
- 429 where the view has a throttle (DRF's, or `throttled_post = True` for our own), and 503 for our own
  when the shared cache that counts them does not answer (the limits fail closed).

A view documents its own other answers (409, ...) with `extend_schema(responses=...)`.
"""

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: `fields` lists each problem (also a control character in the path or query string).",
    "401": "Not logged in, or the token sent is not valid.",
    "403": "Not allowed (or, with a browser session, the CSRF check failed).",
    "404": "There is no such object (or it is not yours).",
    "415": "The body is not JSON.",
    "429": "Too many requests in a short time; try again later.",
    "503": "The limits cannot be counted just now (the shared cache does not answer): nothing was done; "
    "try again after Retry-After seconds.",
}


class DecimalFieldExtension(OpenApiSerializerFieldExtension):
    """A decimal in a request is a number or a string ("10.00", as answers write it): both are accepted."""

    target_class = "rest_framework.fields.DecimalField"

    def map_serializer_field(self, auto_schema, direction):
        as_string = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction != "request":
            return as_string
        return {"oneOf": [{"type": "number"}, as_string]}


class CharFieldExtension(OpenApiSerializerFieldExtension):
    """Text in a request states what it refuses: every control character on a single line, all but line
    breaks and tabs in a text (library_portal.api.InputSerializer and the JSON parser)."""

    target_class = "rest_framework.fields.CharField"

    def map_serializer_field(self, auto_schema, direction):
        # library_portal.api loads DRF's views, which import this module (DEFAULT_SCHEMA_CLASS): not at the top.
        from library_portal.api import is_multiline  # noqa: PLC0415

        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "request" and "pattern" not in schema:
            schema["pattern"] = MULTI_LINE_PATTERN if is_multiline(self.target) else SINGLE_LINE_PATTERN
        return schema


class AutoSchema(openapi.AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        # library_portal.api loads DRF's views, which import this module (DEFAULT_SCHEMA_CLASS): not at the top.
        from library_portal.api import ErrorOutput  # noqa: PLC0415

        error = {"application/json": {"schema": self.resolve_serializer(ErrorOutput, "response").ref}}
        responses = operation.setdefault("responses", {})
        for code in self._error_codes(path, operation):
            responses.setdefault(code, {"description": ERROR_DESCRIPTIONS[code], "content": error})
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_codes(self, path: str, operation: dict) -> list[str]:
        codes = ["400"]
        authenticators = self.view.get_authenticators()
        permissions = self.view.get_permissions()
        if authenticators:
            codes.append("401")
        # Not logged in is 401 (the token authenticator names its scheme), so IsAuthenticated adds no 403.
        # (A tuple: DRF permission classes overload "|" to combine permissions.)
        plain = (AllowAny, IsAuthenticated)
        needs_permission = any(not isinstance(permission, plain) for permission in permissions)
        csrf = self.method not in ("GET", "HEAD", "OPTIONS") and any(
            isinstance(authenticator, SessionAuthentication) for authenticator in authenticators
        )
        if needs_permission or csrf:
            codes.append("403")
        if "{" in path:
            codes.append("404")
        if "requestBody" in operation:
            codes.append("415")
        # DRF throttles, or a view whose POST counts with library_portal.throttling (pages and API share it).
        if self.view.get_throttles() or (self.method == "POST" and getattr(self.view, "throttled_post", False)):
            codes.append("429")
        if self.method == "POST" and getattr(self.view, "throttled_post", False):
            codes.append("503")
        return codes


def error_responses(**descriptions: str) -> dict:
    """Error answers for `extend_schema(responses=...)`: error_responses(e409="Registration is closed.")."""
    # library_portal.api loads DRF's views, which import this module (DEFAULT_SCHEMA_CLASS): not at the top.
    from library_portal.api import ErrorOutput  # noqa: PLC0415

    return {
        int(code.removeprefix("e")): OpenApiResponse(ErrorOutput, description=text)
        for code, text in descriptions.items()
    }


# Written with the characters themselves (JSON-escaped in the schema), which every regex engine reads.
SINGLE_LINE_PATTERN = "^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
MULTI_LINE_PATTERN = "^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]*$"


def _add_pattern(schema: dict, pattern: str, components: dict, seen: set[str]) -> None:  # noqa: C901 - follows each shape an OpenAPI schema can take (nullable oneOf, $ref, properties, items)
    """Give every free-form string of a (request) schema the pattern, following $refs once."""
    one_of = schema.get("oneOf")
    if (
        one_of
        and len(one_of) == 2
        and one_of[1] == {"type": "string", "maxLength": 0}
        and not ({"format", "minLength"} & set(one_of[0]))
    ):
        # drf-spectacular offers "" as a second choice for blank text that has a pattern; ours match ""
        # already, and "" matching both choices of a oneOf would make it invalid.
        schema.update(schema.pop("oneOf")[0])
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name not in seen:
            seen.add(name)
            _add_pattern(components.get(name, {}), pattern, components, seen)
        return
    if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
        schema["pattern"] = pattern
    for key in ("properties",):
        for child in schema.get(key, {}).values():
            _add_pattern(child, pattern, components, seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            _add_pattern(schema[key], pattern, components, seen)
    for key in ("allOf", "anyOf", "oneOf"):
        for child in schema.get(key, []):
            _add_pattern(child, pattern, components, seen)


def refuse_control_characters(result: dict, generator, request, public) -> dict:
    """drf-spectacular post-processing hook: the schema says what the portal refuses.

    Parameters (path, query, header) are single-line: no control character at all
    (ControlCharacterMiddleware). Strings in JSON bodies may hold line breaks and tabs, nothing else
    (library_portal.parsers.JSONParser). Request components are separate from response ones
    (COMPONENT_SPLIT_REQUEST), so no answer is held to these patterns.
    """
    components = result.get("components", {}).get("schemas", {})
    seen: set[str] = set()
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                _add_pattern(parameter.get("schema", {}), SINGLE_LINE_PATTERN, components, set())
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                _add_pattern(content["application/json"].get("schema", {}), MULTI_LINE_PATTERN, components, seen)
    return result
