"""Views every app shares: the home page, the health check and the error pages."""

import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps.views import sitemap
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from feedback.selectors import (
    INVITABLE_SURVEYS_KEY,
    answered_surveys_key,
    invitable_surveys,
    patron_feedback,
    patron_participations,
    survey_to_invite,
)
from ill.selectors import patron_requests_for_account
from library_portal.api import error_body
from library_portal.caching import Body, Namespace, cached_body, cached_public_page, expire_page_at, page_plan
from library_portal.errors import DomainError
from library_portal.forms import LoginForm, ProfileForm, QueuedPasswordResetForm, RegistrationForm
from library_portal.models import PatronProfile
from library_portal.services import patron_email_verify, patron_profile_update, patron_register
from library_portal.sitemaps import SITEMAPS
from library_portal.storage import storage_check
from library_portal.throttling import Throttled, client_key, throttle, throttled_form, throttled_page
from news.selectors import LIST_FIELDS, fallback_fields, news_changes_at, public_articles
from rooms.selectors import bookings_for_account
from services.registrations import registration_cancel_token
from services.selectors import (
    branch_statuses,
    next_events,
    patron_registrations,
    published_services,
    upcoming_events_change_at,
)

HOME_EVENTS = 4
HOME_NEWS = 3

logger = logging.getLogger(__name__)


@cached_public_page(Namespace.SERVICES, Namespace.BRANCHES, Namespace.ESERVICES, Namespace.SURVEYS, Namespace.NEWS)
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()

    def build() -> Body:
        statuses = branch_statuses()
        events = next_events(after=now, limit=HOME_EVENTS)
        news = list(public_articles(now=now)[:HOME_NEWS])
        for article in news:
            article.fallbacks = fallback_fields(article, LIST_FIELDS)
        context = {
            "highlighted": published_services().filter(is_highlighted=True)[:8],
            "branch_statuses": statuses,
            "events": events,
            "news": news,
        }
        # Right until a branch opens or closes, the first event shown begins, or an article is published or expires
        # (news_changes_at: the next such moment, so that a scheduled article appears on time).
        changes_at = [
            *(status.changes_at for status in statuses),
            *(event.starts_at for event in events[:1]),
            news_changes_at(now=now),
        ]
        return Body("_home_body.html", context, changes_at)

    namespaces = [Namespace.SERVICES, Namespace.BRANCHES, Namespace.ESERVICES, Namespace.NEWS]
    along = {INVITABLE_SURVEYS_KEY: [Namespace.SURVEYS]}
    if request.user.is_authenticated:
        along[answered_surveys_key(request.user.pk)] = [Namespace.SURVEYS]
    body = cached_body(request, namespaces, build, along=along)
    # The invitation is the visitor's own (not to a survey they answered): outside the body. A cached anonymous copy
    # lasts until a survey opens or closes.
    if page_plan(request) is not None:
        expire_page_at(request, invitable_surveys(now=now, request=request).changes_at)
    survey = survey_to_invite(now=now, user=request.user, request=request)
    return render(request, "home.html", {"body": body, "survey": survey})


HEALTHZ_CACHE_KEY = "healthz"


def _database_check() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache_check() -> None:
    # A write and a read of one small key: a cache that swallows its errors (and so answers every read with
    # "nothing there") fails too. The same value from every host, so that hosts checking at once agree.
    cache.set(HEALTHZ_CACHE_KEY, "ok", 30)
    if cache.get(HEALTHZ_CACHE_KEY) != "ok":
        raise ConnectionError("the cache did not keep a value")


HEALTH_CHECKS = {"database": _database_check, "cache": _cache_check, "storage": storage_check}


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """One field per shared service the portal needs (database, cache, storage): "ok" or "unreachable"; 503
    when any is unreachable, so that the load balancer stops sending requests to this host.

    A load balancer polls this every second or two per host, so each check is one cheap call: SELECT 1, a
    set and get of one small key, a HEAD on the bucket (or a look at MEDIA_ROOT).
    """
    report = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            check()
        # Whatever a check raises (a driver's own errors included) means that service is unusable; the
        # health check must answer 503 with the field, never 500.
        except Exception as error:
            logger.warning("Health check: %s unreachable: %s: %s", name, type(error).__name__, error)
            report[name] = "unreachable"
        else:
            report[name] = "ok"
    healthy = all(state == "ok" for state in report.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **report}, status=200 if healthy else 503)


@cached_public_page(
    Namespace.BRANCHES, Namespace.SERVICES, Namespace.ESERVICES, Namespace.PRICES, Namespace.NEWS, Namespace.ROOMS
)
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Every public page in every language with its hreflang alternates (library_portal/sitemaps.py)."""
    # An event leaves the sitemap when it ends, an article when it expires, and an article enters it when it is
    # published: a cached copy lasts until the first of these at most.
    if page_plan(request) is not None:
        now = timezone.now()
        expire_page_at(request, upcoming_events_change_at(now=now), news_changes_at(now=now))
    return sitemap(request, sitemaps=SITEMAPS)


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Where the sitemap is; the back office is no place for a search engine."""
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: in production the hashed name exists only after collectstatic.
    return redirect(static("img/favicon.svg"), permanent=True)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body(status_code=404, code="not_found", message=_("Not found.")), status=404)
    return render(request, "404.html", status=404)


def error_response(
    request: HttpRequest, *, status: int, code: str, title: str, message: str, fields: dict | None = None
) -> HttpResponse:
    """An error answered outside a view: the API's JSON error shape under /api/, else the error page."""
    if _wants_json(request):
        body = error_body(status_code=status, code=code, message=message if fields else title, fields=fields)
        return JsonResponse(body, status=status)
    # The error page avoids the database (no library in the header): it may be what failed.
    return render(request, "error.html", {"library": None, "title": title, "message": message}, status=status)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(
        request,
        status=500,
        code="server_error",
        title=_("Something went wrong"),
        message=_("An error on our side stopped this page. It has been logged; please try again in a few minutes."),
    )


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return error_response(
        request,
        status=400,
        code="bad_request",
        title=_("Bad request"),
        message=_("The portal could not understand this request."),
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return error_response(
        request,
        status=403,
        code="forbidden",
        title=_("Access denied"),
        message=_("You do not have permission to open this page."),
    )


# Patron accounts ---------------------------------------------------------------------------------


def account_register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("account_profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            throttle(scope="register-client", key=client_key(request))
        except Throttled as error:
            return throttled_form(request, "account/register.html", {"form": form}, error)
        try:
            patron_register(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                card_number=data["card_number"],
                category=data["category"],
                language=get_language(),
                site_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except DomainError as error:
            form.add_error(error.field, str(error.message))
        else:
            return render(request, "account/register_done.html", {"email": data["email"]})
    return render(request, "account/register.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Django's log-in page with the e-mail as login; a refused attempt over the limit answers 429."""

    template_name = "account/login.html"
    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        return throttled_page(response, form.throttled) if form.throttled else response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page; the mail goes through the task queue, at most so many per address and client."""

    form_class = QueuedPasswordResetForm
    template_name = "account/password_reset.html"
    email_template_name = "account/email_password_reset.txt"
    subject_template_name = "account/email_password_reset_subject.txt"
    success_url = reverse_lazy("account_password_reset_done")

    def form_valid(self, form):
        try:
            throttle(scope="password-reset-client", key=client_key(self.request))
            # Counted whether or not the address has an account, so the limit reveals nothing.
            throttle(scope="password-reset-address", key=form.cleaned_data["email"].strip().lower())
        except Throttled as error:
            form.add_error(None, str(error.message))
            return throttled_page(self.form_invalid(form), error)
        return super().form_valid(form)


def account_verify(request: HttpRequest, token: str) -> HttpResponse:
    try:
        patron_email_verify(token=token)
    except DomainError as error:
        return render(request, "account/verify.html", {"error": error.message}, status=400)
    return render(request, "account/verify.html", {"error": None})


@login_required
def account_profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
        },
    )
    if request.method == "POST" and form.is_valid():
        patron_profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your details are saved."))
        return redirect("account_profile")
    profile = PatronProfile.objects.select_related("category").filter(user=user).first()
    upcoming, past = patron_registrations(user=user, now=timezone.now())
    for registration in upcoming:
        # The same signed link as in the confirmation e-mail: the cancel page asks before it cancels.
        if registration.patron_can_cancel:
            registration.cancel_token = registration_cancel_token(registration)
    return render(
        request,
        "account/profile.html",
        {
            "form": form,
            "profile": profile,
            "ill_requests": patron_requests_for_account(patron=user),
            "upcoming_registrations": upcoming,
            "past_registrations": past,
            "feedback_list": patron_feedback(user=user),
            "participations": patron_participations(user=user),
            "room_bookings": bookings_for_account(user=user),
        },
    )
