from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from services.selectors import portal_library

# The main menu: its label, the URL it leads to, and the URL names of the pages that belong to its section. The
# section's entry carries aria-current="page" on all of them, so a patron reading one event or filling in one survey
# still sees where they are in the menu. The account entry is added in `main_menu` (its label and URL depend on
# whether the visitor is logged in).
MAIN_MENU = [
    (_("Home"), "home", {"home"}),
    (_("News"), "news:list", {"news:list", "news:detail"}),
    (_("Services"), "services:service_list", {"services:service_list", "services:service_detail"}),
    (_("E-services"), "services:eservice_list", {"services:eservice_list", "services:eservice_detail"}),
    (
        _("Events"),
        "services:event_list",
        {
            "services:event_list",
            "services:event_detail",
            "services:registration_confirm",
            "services:registration_cancel",
        },
    ),
    (_("Branches and opening hours"), "services:branch_list", {"services:branch_list", "services:branch_detail"}),
    (_("Prices"), "pricing:current", {"pricing:current", "pricing:quote", "pricing:version"}),
    (_("Interlibrary loan"), "ill:list", {"ill:list", "ill:new", "ill:detail"}),
    (
        _("Feedback"),
        "feedback:form",
        {
            "feedback:form",
            "feedback:answered",
            "feedback:track",
            "feedback:mine",
            "feedback:mine_feedback_delete",
            "feedback:mine_participation_delete",
        },
    ),
    (
        _("Surveys"),
        "feedback:survey_list",
        {"feedback:survey_list", "feedback:survey", "feedback:survey_done", "feedback:results"},
    ),
]
ACCOUNT_PAGES = {"account_profile"}
LOGIN_PAGES = {
    "account_login",
    "account_register",
    "account_verify",
    "account_password_reset",
    "account_password_reset_done",
    "account_password_reset_confirm",
}
PRINCIPLES = (_("Our principles"), "services:principles", {"services:principles"})
# The account entry: for a logged-in visitor, for anyone else.
ACCOUNT_ENTRIES = (
    (_("My account"), "account_profile", ACCOUNT_PAGES),
    (_("Log in"), "account_login", LOGIN_PAGES),
)


# The URLs of the menu and of the language switcher depend only on the language, the script prefix and the URL
# configuration (and the switcher's on the path): they are computed once per process and kept as plain strings.
# Reversing them on every page (11 reverse() and 4 translate_url(), each a resolve and a reverse) took about 15% of a
# logged-in patron's /lt/services/ in a cProfile of the rendered page (issue 14; bench/run.py's pages "(in)").


def _url_key() -> tuple[str, str, str]:
    return get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


@lru_cache(maxsize=64)
def _menu_urls(key: tuple[str, str, str]) -> dict[str, str]:
    # `key` (see _url_key) is the state reverse() reads: computed while that state holds, keyed by it.
    return {url_name: reverse(url_name) for _label, url_name, _section in [*MAIN_MENU, *ACCOUNT_ENTRIES, PRINCIPLES]}


# Bounded: the path comes from the visitor, so the paths kept are the most recently asked for.
@lru_cache(maxsize=1024)
def _translated_urls(key: tuple[str, str, str], full_path: str) -> tuple[str, ...]:
    return tuple(translate_url(full_path, code) for code, _name in settings.LANGUAGES)


def main_menu(request) -> list[dict]:
    """The main menu's entries in the current language: label, URL, and whether the page is in its section."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else None
    user = getattr(request, "user", None)
    account = ACCOUNT_ENTRIES[0] if user is not None and user.is_authenticated else ACCOUNT_ENTRIES[1]
    urls = _menu_urls(_url_key())
    return [
        {"label": label, "url": urls[url_name], "current": view_name in section}
        for label, url_name, section in [*MAIN_MENU, account, PRINCIPLES]
    ]


def portal(request):
    """The library shown in every page's header and footer, the main menu and the language switcher's links."""

    def language_links():
        current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        urls = _translated_urls(_url_key(), request.get_full_path())
        return [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "current": code == current,
            }
            for (code, _name), url in zip(settings.LANGUAGES, urls, strict=True)
        ]

    return {
        "library": SimpleLazyObject(lambda: portal_library(request)),
        "language_links": SimpleLazyObject(language_links),
        "main_menu": SimpleLazyObject(lambda: main_menu(request)),
    }
