"""Control characters are refused in every input: forms, query strings, paths and JSON.

PostgreSQL text cannot hold NUL (the driver raises, and the request would end in a 500), and the
other control characters break what is built from patron input later: e-mail headers, CSV cells,
log lines. So a single-line input refuses every control character (C0, DEL, C1, the Unicode line and
paragraph separators U+2028/U+2029), and a text area also allows line feed, carriage return and tab.
Lone surrogates (possible in JSON's `\\ud800`) cannot be encoded for the database either and are
refused with them.

Every form of the portal derives from `PortalForm` or `PortalModelForm` (the admin's through
`library_portal.admin.PortalAdminMixin`); tests/library_portal/test_control_characters.py walks every
form class and every registered admin to prove it.
"""

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

_SINGLE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# A text area keeps \t (0x09), \n (0x0a) and \r (0x0d).
_MULTI_LINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

SINGLE_LINE_MESSAGE = _(
    "This text contains a control character (for example a line break, a tab or a NUL byte), which is not allowed here."
)
MULTI_LINE_MESSAGE = _(
    "This text contains a control character (for example a NUL byte), which is not allowed. "
    "Line breaks and tabs are fine."
)
ADDRESS_MESSAGE = _("The address contains a control character (for example a NUL byte). Check the link.")


def has_control_character(value: str, *, multiline: bool = False) -> bool:
    """Whether the string holds a character the portal refuses (see the module docstring)."""
    return (_MULTI_LINE if multiline else _SINGLE_LINE).search(value) is not None


def control_character_path(value: Any, *, multiline: bool = True, path: str = "") -> str | None:
    """The dotted path ("answers.q12", "lines.1.item") of the first string in a parsed JSON value
    (keys included) that holds a refused character, "" for the value itself, None when all are clean.

    Walked with an explicit stack: a deeply nested body must not exhaust Python's recursion limit.
    """
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if has_control_character(item, multiline=multiline):
                return where
        elif isinstance(item, dict):
            for key, child in reversed(list(item.items())):
                if isinstance(key, str) and has_control_character(key, multiline=False):
                    return where
                stack.append((f"{where}.{key}" if where else str(key), child))
        elif isinstance(item, list | tuple):
            stack.extend(
                (f"{where}.{index}" if where else str(index), child) for index, child in reversed(list(enumerate(item)))
            )
    return None


@deconstructible
class ControlCharacterValidator:
    """Refuses control characters; `multiline` keeps line breaks and tabs (text areas)."""

    code = "control_character"

    def __init__(self, *, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        if control_character_path(value, multiline=self.multiline) is not None:
            raise ValidationError(MULTI_LINE_MESSAGE if self.multiline else SINGLE_LINE_MESSAGE, code=self.code)

    def __eq__(self, other):
        return isinstance(other, ControlCharacterValidator) and other.multiline == self.multiline

    def __hash__(self):
        return hash((self.code, self.multiline))


def guard_field(field: forms.Field) -> None:
    """Give a text field (CharField and its kinds: e-mail, regex, slug, URL, JSON...) the validator.

    A text area or a JSON field is multi-line. Other fields turn their input into numbers, dates or
    choices and refuse what does not parse, NUL included.
    """
    if not isinstance(field, forms.CharField):
        return
    if any(isinstance(validator, ControlCharacterValidator) for validator in field.validators):
        return
    multiline = isinstance(field.widget, forms.Textarea) or isinstance(field, forms.JSONField)
    # Ours covers NUL too: Django's own NUL validator would only add a second message.
    field.validators = [
        validator for validator in field.validators if not isinstance(validator, ProhibitNullCharactersValidator)
    ]
    field.validators.append(ControlCharacterValidator(multiline=multiline))


def strips_control_characters(*parameters: str) -> Callable:
    """Mark a view whose form takes control characters out of these query parameters itself (a search box, which
    answers with results or none, never an error): ControlCharacterMiddleware lets them through to it."""

    def decorator(view: Callable) -> Callable:
        view.strips_control_characters = frozenset(parameters)
        return view

    return decorator


class ControlCharacterFormMixin:
    """Refuses control characters in every text field of the form, with an error next to the field.

    The validators are added when the form is cleaned, not when it is built, so that fields a
    subclass adds in its own `__init__` (one per language, a formset's extra fields) are covered too.
    Each form instance has its own copies of its fields, so nothing leaks to other forms.
    """

    def full_clean(self):
        for field in self.fields.values():
            guard_field(field)
        super().full_clean()


class PortalForm(ControlCharacterFormMixin, forms.Form):
    """The base of every form of the portal."""


class PortalModelForm(ControlCharacterFormMixin, forms.ModelForm):
    """The base of every model form of the portal (the admin's included)."""
