from django.conf import settings
from django.utils import translation


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
