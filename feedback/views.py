import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback.exports import survey_export_rows, survey_xlsx
from feedback.forms import FeedbackForm, ResultsFilterForm
from feedback.models import Feedback, Invitation, Participation, Survey, Topic
from feedback.selectors import (
    Filters,
    SurveyStructure,
    monthly_feedback_stats,
    open_surveys,
    published_answers,
    published_results,
    survey_results,
    survey_structure,
)
from feedback.services import (
    AnswersInvalid,
    feedback_delete_own,
    feedback_submit,
    question_visible,
    survey_already_answered,
    survey_answers_clean,
    survey_participation_delete,
    survey_response_record,
)
from library_portal.caching import Namespace, cached_public_page
from library_portal.clients import client_address
from library_portal.control_characters import has_control_character
from library_portal.errors import DomainError
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


def _raw_answers(structure: SurveyStructure, data) -> dict[str, list[str]]:
    return {q.field_name: data.getlist(q.field_name) for q in structure.questions if q.field_name in data}


def _visible_pages(structure: SurveyStructure, cleaned: dict[int, Any]) -> list[int]:
    """Indexes of the pages that have at least one question shown, given the answers so far."""
    by_id = {q.pk: q for q in structure.questions}
    return [
        index
        for index, page in enumerate(structure.pages)
        if any(question_visible(q, cleaned, by_id) for q in structure.page_questions(page))
    ]


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


def _question_views(structure, page, raw, cleaned, errors) -> list[dict]:
    by_id = {q.pk: q for q in structure.questions}
    views = []
    for question in structure.page_questions(page):
        if not question_visible(question, cleaned, by_id):
            continue
        values = [str(value) for value in raw.get(question.field_name, [])]
        if question.is_numeric:
            options = [(str(v), str(v), str(v) in values) for v in question.value_range]
        elif question.is_choice:
            options = [(c.code, c.text, c.code in values) for c in question.choices.all()]
        else:
            options = []
        views.append(
            {
                "question": question,
                "name": question.field_name,
                "value": values[0] if values and question.is_text else "",
                "options": options,
                "error": errors.get(question.field_name),
            }
        )
    return views


def survey_answer(request: HttpRequest, slug: str) -> HttpResponse:
    """A survey answered page by page with ordinary form posts: no JavaScript needed.

    Answers of the other pages travel as hidden fields; the show-if rules are evaluated here on
    each post, so a page shows only the questions that apply.
    """
    survey = get_object_or_404(Survey, slug=slug)
    structure = survey_structure(survey)
    token = (request.POST.get("token") or request.GET.get("token") or "").strip()
    if has_control_character(token):
        # No invitation token holds one (a query string with one never gets here: the middleware
        # refuses it); a forged form's is treated as no token at all.
        token = ""
    context: dict[str, Any] = {"survey": survey, "token": token, "branches": Branch.objects.all()}
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
        return redirect(f"{_login_url()}?next={request.path}")
    raw = _raw_answers(structure, request.POST) if request.method == "POST" else {}
    branch_value = request.POST.get("branch", "") if request.method == "POST" else ""
    errors: dict[str, str] = {}
    general_error = ""
    throttled = None
    try:
        index = int(request.POST.get("page", "0"))
    except ValueError:
        index = 0
    index = min(max(index, 0), max(len(structure.pages) - 1, 0))
    cleaned, _all_errors = survey_answers_clean(questions=structure.questions, raw=raw, only=set())
    pages = _visible_pages(structure, cleaned)
    branch = None
    if request.method == "POST":
        if branch_value:
            branch = Branch.objects.filter(pk=branch_value).first() if branch_value.isdigit() else None
            if branch is None:
                errors["branch"] = _("Choose a branch from the list.")
        if "back" in request.POST:
            earlier = [p for p in pages if p < index]
            index = earlier[-1] if earlier else (pages[0] if pages else 0)
            errors = {}
        else:
            page_ids = {q.pk for q in structure.page_questions(structure.pages[index])} if structure.pages else set()
            cleaned, page_errors = survey_answers_clean(questions=structure.questions, raw=raw, only=page_ids)
            pages = _visible_pages(structure, cleaned)
            errors.update(page_errors)
            if page_errors:
                # A bad value from another page (a forged form) is shown on its own page.
                index = _page_of(structure, next(iter(page_errors)), index)
            later = [p for p in pages if p > index]
            if not errors and later:
                index = later[0]
            elif not errors:
                try:
                    throttle(scope="survey-response", key=f"{client_key(request)}|{survey.pk}")
                    survey_response_record(
                        survey=survey,
                        answers=raw,
                        language=get_language(),
                        user=request.user,
                        token=token,
                        branch=branch,
                        ip=client_address(request),
                        questions=structure.questions,
                    )
                except AnswersInvalid as error:
                    errors = error.errors
                    index = _page_of(structure, next(iter(errors)), index)
                except Throttled as error:
                    general_error = str(error.message)
                    throttled = error
                except DomainError as error:
                    general_error = str(error.message)
                else:
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
    if (
        request.method == "GET"
        and survey.access == Survey.Access.INVITATION
        and not Invitation.objects.filter(survey=survey, token=token).exists()
    ):
        # Said at once, not after the whole survey has been filled in.
        general_error = _("This invitation link is not valid.")
    page = structure.pages[index] if structure.pages else None
    on_page = {q.field_name for q in structure.page_questions(page)} if page else set()
    hidden = [(name, value) for name, values in raw.items() if name not in on_page for value in values]
    position = pages.index(index) + 1 if index in pages else 1
    ask_branch = survey.asks_branch and index == (pages[0] if pages else 0)
    questions = _question_views(structure, page, raw, cleaned, errors) if page else []
    response = render(
        request,
        "feedback/survey_form.html",
        {
            **context,
            "page": page,
            "page_index": index,
            "position": position,
            "page_count": max(len(pages), 1),
            "is_last": not [p for p in pages if p > index],
            "questions": questions,
            "hidden": hidden,
            "errors": errors,
            "error_items": _error_summary(questions, errors, general_error, ask_branch),
            "general_error": general_error,
            "branch_value": branch_value,
            "ask_branch": ask_branch,
        },
        status=400 if errors or general_error else 200,
    )
    return throttled_page(response, throttled) if throttled else response


def _login_url() -> str:
    from django.conf import settings
    from django.urls import reverse

    return reverse(settings.LOGIN_URL)


def _page_of(structure: SurveyStructure, field_name: str, default: int) -> int:
    for index, page in enumerate(structure.pages):
        if any(q.field_name == field_name for q in structure.page_questions(page)):
            return index
    return default


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
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.slug}.xlsx"'
    return response
