"""Translated model fields read through a relation, in the reader's language.

django-modeltranslation rewrites `name` to `name_<lang>` only on a translated model's own manager. A lookup
that reaches a translated field through a relation from another model (`Answer.objects.values(
"response__branch__name")`) reads the plain column, which holds the default language: survey results showed
the branches' Lithuanian names on every language's page. `translated("response__branch__name")` is the
expression to use instead.
"""

from django.conf import settings
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language


def translated(path: str, language: str | None = None):
    """The field at `path` in `language` (default: the active one), falling back like modeltranslation does
    (to the default language) where that translation is empty."""
    languages = dict(settings.LANGUAGES)
    language = (language or get_language() or "").split("-")[0]
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language not in languages or language == default:
        return F(f"{path}_{default}")
    # modeltranslation's field classes differ per language; the result is plain text.
    return Coalesce(NullIf(F(f"{path}_{language}"), Value("")), F(f"{path}_{default}"), output_field=CharField())
