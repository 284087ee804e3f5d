from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from services.selectors import portal_library


def portal(request):
    """The library shown in every page's header and footer, and the language switcher's links."""

    def language_links():
        current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]

    return {
        "library": SimpleLazyObject(portal_library),
        "language_links": SimpleLazyObject(language_links),
    }
