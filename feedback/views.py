import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback.exports import survey_export_rows, survey_xlsx
from feedback.forms import FeedbackForm, ResultsFilterForm, SurveyPageForm
from feedback.models import Feedback, Invitation, Participation, Survey, Topic
from feedback.selectors import (
    Filters,
    monthly_feedback_stats,
    open_surveys,
    published_answers,
    published_results,
    survey_results,
    survey_structure,
)
from feedback.services import feedback_delete_own, feedback_submit
from feedback.surveys import (
    AnswersInvalid,
    survey_already_answered,
    survey_participation_delete,
    survey_response_record,
)
from library_portal.caching import Namespace, cached_public_page
from library_portal.clients import client_address
from library_portal.control_characters import has_control_character
from library_portal.errors import DomainError
from library_portal.exports import XLSX_TYPE
from library_portal.throttling import Throttled, client_key, throttle, throttled_form, throttled_page
from services.models import Branch

SURVEY_COOKIE_DAYS = 365
RESULTS_PAGE_SECONDS = 60


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# Feedback ----------------------------------------------------------------------------------------


def feedback_form(request: HttpRequest) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    initial = {"email": user.email, "name": user.get_full_name()} if user else {}
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            # A robot filled the honeypot: it is thanked like a person, and nothing is stored.
            return render(request, "feedback/thanks.html", {"feedback": None})
        try:
            throttle(scope="feedback", key=client_key(request))
        except Throttled as error:
            return throttled_form(request, "feedback/form.html", {"form": form}, error)
        try:
            feedback = feedback_submit(
                topic=data["topic"],
                branch=data["branch"],
                message=data["message"],
                name=data["name"],
                email=data["email"],
                wants_reply=data["wants_reply"],
                consent=data["consent"],
                language=get_language(),
                user=user,
                site_url=site_url(request),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            return render(request, "feedback/thanks.html", {"feedback": feedback})
    return render(request, "feedback/form.html", {"form": form})


def feedback_track(request: HttpRequest, token: str) -> HttpResponse:
    """The author's private page: their message, its state, the replies they got and the published answer."""
    feedback = get_object_or_404(Feedback.objects.select_related("branch"), token=token)
    response = render(
        request,
        "feedback/track.html",
        {"feedback": feedback, "replies": feedback.replies.all(), "events": feedback.events.filter(action="status")},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@cached_public_page(Namespace.FEEDBACK, Namespace.BRANCHES)
def feedback_answered(request: HttpRequest) -> HttpResponse:
    """ "You said, we did": the published answers by topic, and the monthly figures."""
    topic = request.GET.get("topic", "")
    if topic not in Topic.values:
        topic = ""
    answers = list(published_answers(topic or None))
    groups: dict[str, list] = {}
    for answer in answers:
        groups.setdefault(answer.topic, []).append(answer)
    return render(
        request,
        "feedback/answered.html",
        {
            "groups": [(Topic(code).label, groups[code]) for code in Topic.values if code in groups],
            "topics": Topic.choices,
            "topic": topic,
            "months": monthly_feedback_stats(),
        },
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """A patron's own feedback and survey participation, each with a delete button."""
    return render(
        request,
        "feedback/mine.html",
        {
            "feedback_list": Feedback.objects.filter(user=request.user).select_related("branch"),
            "participations": Participation.objects.filter(user=request.user).select_related("survey"),
        },
    )


@login_required
@require_POST
def my_feedback_delete(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_object_or_404(Feedback, pk=pk, user=request.user)
    feedback_delete_own(feedback=feedback, user=request.user)
    messages.success(request, _("Your feedback is deleted."))
    return redirect("feedback:mine")


@login_required
@require_POST
def my_participation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    participation = get_object_or_404(Participation, pk=pk, user=request.user)
    survey_participation_delete(participation=participation, user=request.user)
    messages.success(request, _("Your survey participation data is deleted."))
    return redirect("feedback:mine")


# Surveys -----------------------------------------------------------------------------------------


def survey_list(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/survey_list.html", {"surveys": open_surveys(), "published": published_results()})


def _cookie_name(survey: Survey) -> str:
    return f"survey-{survey.pk}"


def _error_summary(questions: list[dict], errors: dict, general_error: str, ask_branch: bool) -> list[dict]:
    """The "There is a problem" box's lines (includes/error_summary.html): each error of the page links to its
    question's input, a choice question's to its first option."""
    items = [{"id": "", "message": general_error}] if general_error else []
    if ask_branch and errors.get("branch"):
        items.append({"id": "id_branch", "message": errors["branch"]})
    for item in questions:
        if item["error"]:
            target = f"id_{item['name']}" if item["question"].is_text else f"id_{item['name']}_1"
            items.append({"id": target, "message": item["error"]})
    if errors and not items:
        items.append({"id": "", "message": _("Some answers are missing or not valid.")})
    return items


def _invitation_token(request: HttpRequest) -> str:
    token = (request.POST.get("token") or request.GET.get("token") or "").strip()
    # No invitation token holds a control character (a query string with one never gets here: the middleware
    # refuses it); a forged form's is treated as no token at all.
    return "" if has_control_character(token) else token


def _survey_refused(request: HttpRequest, survey: Survey, token: str, context: dict) -> HttpResponse | None:
    """The answer when this visitor may not answer the survey now: closed, already answered, or not logged in."""
    if not survey.is_open():
        return render(request, "feedback/survey_closed.html", context, status=410 if survey.closes_at else 404)
    already = survey_already_answered(survey=survey, user=request.user, token=token) or (
        survey.access == Survey.Access.PUBLIC
        and not request.user.is_authenticated
        and _cookie_name(survey) in request.COOKIES
    )
    if already:
        return render(request, "feedback/survey_done.html", {**context, "already": True})
    if survey.access == Survey.Access.PATRONS and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _survey_page(request: HttpRequest, form: SurveyPageForm, context: dict, general_error: str = "") -> HttpResponse:
    errors = form.page_errors()
    page = form.page_context()
    questions = form.questions_shown(errors) if page["page"] else []
    return render(
        request,
        "feedback/survey_form.html",
        {
            **context,
            **page,
            "questions": questions,
            "errors": errors,
            "error_items": _error_summary(questions, errors, general_error, page["ask_branch"]),
            "general_error": general_error,
        },
        status=400 if errors or general_error else 200,
    )


def _survey_record(request: HttpRequest, form: SurveyPageForm, context: dict) -> HttpResponse:
    """The last page is filled in: record the response, or show the page again with the reason and the answers."""
    survey = form.structure.survey
    try:
        throttle(scope="survey-response", key=f"{client_key(request)}|{survey.pk}")
        survey_response_record(
            survey=survey,
            answers=form.raw,
            language=get_language(),
            user=request.user,
            token=context["token"],
            branch=form.cleaned_data["branch"],
            ip=client_address(request),
            questions=form.structure.questions,
        )
    except AnswersInvalid as error:
        form.refuse(error.errors)
        return _survey_page(request, form, context)
    except Throttled as error:
        return throttled_page(_survey_page(request, form, context, str(error.message)), error)
    except DomainError as error:
        return _survey_page(request, form, context, str(error.message))
    response = redirect("feedback:survey_done", slug=survey.slug)
    if survey.access == Survey.Access.PUBLIC:
        response.set_cookie(
            _cookie_name(survey),
            "1",
            max_age=SURVEY_COOKIE_DAYS * 86400,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def survey_answer(request: HttpRequest, slug: str) -> HttpResponse:
    """A survey answered page by page (feedback.forms.SurveyPageForm), recorded by survey_response_record."""
    survey = get_object_or_404(Survey, slug=slug)
    token = _invitation_token(request)
    context: dict[str, Any] = {"survey": survey, "token": token, "branches": Branch.objects.all()}
    refused = _survey_refused(request, survey, token, context)
    if refused is not None:
        return refused
    if request.method != "POST":
        form = SurveyPageForm(structure=survey_structure(survey))
        # A link that is not valid is said at once, not after the whole survey has been filled in.
        invalid = (
            survey.access == Survey.Access.INVITATION
            and not Invitation.objects.filter(survey=survey, token=token).exists()
        )
        return _survey_page(request, form, context, _("This invitation link is not valid.") if invalid else "")
    form = SurveyPageForm(request.POST, structure=survey_structure(survey))
    if "back" in request.POST:
        form.go_back()
    elif form.is_valid() and not form.go_forward():
        return _survey_record(request, form, context)
    return _survey_page(request, form, context)


def survey_done(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug)
    return render(request, "feedback/survey_done.html", {"survey": survey, "already": False})


def _filters(request: HttpRequest) -> tuple[ResultsFilterForm, Filters]:
    form = ResultsFilterForm(request.GET or None)
    filters = Filters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = Filters(data["date_from"], data["date_to"], data["branch"].pk if data["branch"] else None)
    return form, filters


@cached_public_page(Namespace.SURVEYS, Namespace.BRANCHES, max_age=RESULTS_PAGE_SECONDS)
def survey_public_results(request: HttpRequest, slug: str) -> HttpResponse:
    """The published summary: only after a manager publishes it; small groups are hidden.

    A new response bumps no namespace (the answer form is the busiest write, and a summary need not move with
    every answer), so visitors see results at most RESULTS_PAGE_SECONDS old.
    """
    survey = get_object_or_404(Survey, slug=slug)
    if not survey.results_published and not request.user.has_perm("feedback.view_survey_results"):
        raise Http404
    form, filters = _filters(request)
    return render(
        request,
        "feedback/results.html",
        {
            "survey": survey,
            "form": form,
            "results": survey_results(survey, filters, public=True),
            "public": True,
        },
    )


@permission_required("feedback.view_survey_results", raise_exception=True)
def survey_report(request: HttpRequest, slug: str) -> HttpResponse:
    """The staff report: every question, free-text answers, filters and exports."""
    survey = get_object_or_404(Survey, slug=slug)
    form, filters = _filters(request)
    return render(
        request,
        "feedback/results.html",
        {
            "survey": survey,
            "form": form,
            "results": survey_results(survey, filters),
            "public": False,
            "query": request.GET.urlencode(),
        },
    )


@permission_required("feedback.view_survey_results", raise_exception=True)
def survey_export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug)
    _form, filters = _filters(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in survey_export_rows(survey, filters):
        writer.writerow(row)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.slug}.csv"'
    return response


@permission_required("feedback.view_survey_results", raise_exception=True)
def survey_export_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug)
    _form, filters = _filters(request)
    response = HttpResponse(
        survey_xlsx(survey, filters),
        content_type=XLSX_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.slug}.xlsx"'
    return response
