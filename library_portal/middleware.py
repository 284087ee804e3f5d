import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from library_portal.control_characters import ADDRESS_MESSAGE, has_control_character
from library_portal.sessions import SESSION_RETRY_AFTER, SessionsUnavailable
from library_portal.storage import STORAGE_RETRY_AFTER, StorageUnavailable
from library_portal.views import error_response

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy of settings.CONTENT_SECURITY_POLICY on every response.

    The portal's pages use no inline scripts or styles, so the policy can forbid them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY on every response (Django 5.2 has no setting of its own for it).

    The portal uses no camera, microphone, location, payment or other powerful browser feature, so the
    policy turns them all off, also for anything a page might embed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ApiLanguageMiddleware:
    """Lets API clients choose the language with `?lang=`; Accept-Language is handled by LocaleMiddleware.

    A value that is not one of the portal's languages falls back to the default language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if request.path.startswith("/api/") and "lang" in request.GET:
            requested = request.GET["lang"].strip().lower()
            code = requested if requested in self.codes else settings.LANGUAGE_CODE
            translation.activate(code)
            request.LANGUAGE_CODE = code
        return self.get_response(request)


class ControlCharacterMiddleware:
    """Answers 400 when the path or the query string holds a control character (after percent-decoding).

    Such a value can never be a slug, a token or a search term, and handed on it would reach the
    database (PostgreSQL text cannot hold NUL: a 500) or a mail header. Pages get the translated error
    page, the API its one JSON error shape naming the parameter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = self._where(request)
        if where is not None:
            return error_response(
                request,
                status=400,
                code="control_character",
                title=_("Bad request"),
                message=ADDRESS_MESSAGE,
                fields={where: [str(ADDRESS_MESSAGE)]},
            )
        return self.get_response(request)

    @staticmethod
    def _where(request) -> str | None:
        if has_control_character(request.path):
            return "path"
        for key, values in request.GET.lists():
            if has_control_character(key) or any(has_control_character(value) for value in values):
                if key in _stripped_by_view(request):
                    continue
                return key if not has_control_character(key) else "query"
        return None


def _stripped_by_view(request) -> frozenset[str]:
    """The query parameters whose control characters the view takes out itself (`strips_control_characters`):
    resolved only when a control character was found, so that other requests pay nothing."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return frozenset()
    return getattr(match.func, "strips_control_characters", frozenset())


class StaffLanguageMiddleware:
    """The back office speaks the staff member's own language (User.preferred_language, Lithuanian unless they
    chose another on /admin/language/), whatever the browser asks; the log-in page, before anyone is known, follows
    the browser. After AuthenticationMiddleware, which tells who it is."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.path.startswith(self.prefix) and user is not None and user.is_authenticated and user.is_staff:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class UnavailableMiddleware:
    """Answers 503 with Retry-After, not 500, when a view failed because a service the portal relies on did not
    answer:
    - the file storage did not answer or refused the portal (an upload in the admin while the object store is
      down). The admin's save runs in a transaction, so nothing half-saved stays behind. The price-list PDF answers
      with a message of its own.
    - the shared cache did not answer when a session was to end (log-out): the session is left as it was
      (library_portal/sessions.py), and the patron is told to try again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SessionsUnavailable):
            response = error_response(
                request,
                status=503,
                code="temporarily_unavailable",
                title=_("A part of the portal is briefly unavailable"),
                message=_("You are still logged in: nothing was changed. Please try again in a minute."),
            )
            response["Retry-After"] = str(SESSION_RETRY_AFTER)
            return response
        # Only the object store's own errors: an OSError may come from anywhere, and stays a 500 that is logged.
        if not isinstance(exception, (StorageUnavailable, BotoCoreError, ClientError)):
            return None
        logger.warning("The file storage failed: %s: %s", type(exception).__name__, exception)
        response = error_response(
            request,
            status=503,
            code="storage_unavailable",
            title=_("The file storage does not answer"),
            message=_("The portal cannot reach its file storage at the moment. Please try again in a few minutes."),
        )
        response["Retry-After"] = str(STORAGE_RETRY_AFTER)
        return response
