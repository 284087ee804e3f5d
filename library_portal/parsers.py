"""The API's one parser: JSON, with every string checked for control characters."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers

from library_portal.control_characters import MULTI_LINE_MESSAGE, control_character_path


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser that also refuses control characters in any string or key of the body.

    Line breaks and tabs stay allowed (a feedback message has paragraphs); NUL, the other control
    characters and lone surrogates never reach a serializer or the database. The error names the
    field where it can ("answers.q12").
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            # json.loads gives up on a body nested a few thousand levels deep.
            raise exceptions.ParseError(_("The JSON is nested too deeply.")) from None
        where = control_character_path(data)
        if where is not None:
            raise exceptions.ValidationError({where or "non_field_errors": [MULTI_LINE_MESSAGE]})
        return data
