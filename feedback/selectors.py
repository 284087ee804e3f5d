"""Reads: published answers and their monthly statistics, survey structure, and survey results.

Results are computed in PostgreSQL with GROUP BY and FILTER aggregates: the number of queries is
the same for ten responses as for ten thousand, and no answer row is loaded into Python.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, FloatField, Max, Min, Q, QuerySet, Window
from django.db.models.functions import Cast, RowNumber, TruncMonth
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import get_language
from django_tasks_db.models import DBTaskResult
from redis.exceptions import RedisError

from feedback.models import (
    Answer,
    Feedback,
    FeedbackEvent,
    FeedbackStatus,
    Participation,
    Question,
    QuestionKind,
    ReplyTemplate,
    Response,
    Survey,
    SurveyPage,
)
from library_portal.caching import PAGE_CACHE_SECONDS, Namespace, counter, namespaced
from library_portal.greetings import greeting
from library_portal.translated import translated

RESULTS_CACHE_SECONDS = 300
TEXTS_SHOWN = 50


# Feedback ----------------------------------------------------------------------------------------


def reply_draft(*, feedback: Feedback, template: ReplyTemplate) -> str | None:
    """The reply a template gives for this feedback, in the author's language: the greeting of that language
    (with the name where the grammar allows it, see library_portal.greetings), then the template's text in that
    language. None when the template has no text in it: falling back to the Lithuanian text is how a Bulgarian
    author once got a Lithuanian greeting inside a Bulgarian mail."""
    text = (getattr(template, f"body_{feedback.language}", None) or "").strip()
    if not text:
        return None
    with translation.override(feedback.language):
        return f"{greeting(feedback.name)}\n\n{text.replace('{name}', feedback.name or '')}"


def published_answers(topic: str | None = None) -> QuerySet[Feedback]:
    answers = Feedback.objects.filter(published_at__isnull=False).select_related("branch").order_by("-published_at")
    return answers.filter(topic=topic) if topic else answers


def monthly_feedback_stats(months: int = 12) -> list[dict]:
    """Per month (newest first): how much feedback came in, how much was answered, the mean days to an answer."""
    since = (timezone.localdate().replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    rows = (
        Feedback.objects.filter(created_at__date__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(
            received=Count("id"),
            answered=Count("id", filter=Q(answered_at__isnull=False)),
            wait=Avg(
                ExpressionWrapper(F("answered_at") - F("created_at"), output_field=DurationField()),
                filter=Q(answered_at__isnull=False),
            ),
        )
        .order_by("-month")
    )
    return [
        {
            **row,
            "days": round(row["wait"].total_seconds() / 86400, 1) if row["wait"] is not None else None,
        }
        for row in rows
    ]


# Survey structure --------------------------------------------------------------------------------


@dataclass
class SurveyStructure:
    survey: Survey
    pages: list[SurveyPage]
    questions: list[Question]  # in order, with `page`, `choices` (prefetched)

    def page_questions(self, page: SurveyPage) -> list[Question]:
        return [question for question in self.questions if question.page_id == page.pk]


def _structure_entry(slug: str) -> tuple[Survey, list[SurveyPage], list[Question]] | None:
    """The survey with its pages, questions and choices, read through the shared cache until the surveys'
    namespace is bumped (one cache round trip instead of four queries on the busy answer form). The objects'
    translated texts answer in whatever language is active."""

    def build() -> tuple[Survey, list[SurveyPage], list[Question]] | None:
        survey = Survey.objects.filter(slug=slug).first()
        if survey is None:
            return None
        pages = list(survey.pages.all())
        questions = list(
            survey.questions.select_related("page").prefetch_related("choices").order_by("page__order", "order", "pk")
        )
        return survey, pages, questions

    # Hashed: a slug typed into the address bar may be anything.
    key = "survey-structure:" + hashlib.sha256(slug.encode("utf-8", "surrogatepass")).hexdigest()
    return namespaced(key, [Namespace.SURVEYS], build)


def survey_structure(survey: Survey) -> SurveyStructure:
    entry = _structure_entry(survey.slug)
    if entry is None:  # renamed meanwhile
        return SurveyStructure(survey=survey, pages=[], questions=[])
    return SurveyStructure(survey=survey, pages=entry[1], questions=entry[2])


def survey_with_structure(slug: str) -> SurveyStructure | None:
    """The survey by its slug with its structure, in one query when nothing changed."""
    entry = _structure_entry(slug)
    return SurveyStructure(survey=entry[0], pages=entry[1], questions=entry[2]) if entry else None


def open_surveys(*, now: dt.datetime | None = None) -> QuerySet[Survey]:
    """The surveys open at `now` (default: this moment)."""
    now = now or timezone.now()
    return Survey.objects.filter(opens_at__lte=now).filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))


@dataclass(frozen=True)
class InvitableSurveys:
    """The surveys open at `built_at` that anyone may find and answer (not by invitation only), newest first, and
    the next moment one of them closes or another opens, when the list is no longer right."""

    surveys: list[Survey]
    built_at: dt.datetime
    changes_at: dt.datetime | None

    def holds_at(self, now: dt.datetime) -> bool:
        return self.built_at <= now and (self.changes_at is None or now < self.changes_at)


INVITABLE_SURVEYS_KEY = "surveys-to-invite"


def invitable_surveys(*, now: dt.datetime, request: HttpRequest | None = None) -> InvitableSurveys:
    """The surveys the home page may invite to at `now`, through the shared cache until the surveys' namespace is
    bumped or one opens or closes (with the home page's `request`, as its body's read brought it along). The home
    page asked PostgreSQL on every logged-in request (one query of the three of a logged-in home page, bench/run.py's
    "home page (in)"); two queries when the list is built."""

    def build() -> InvitableSurveys:
        surveys = open_surveys(now=now).exclude(access=Survey.Access.INVITATION).order_by("-opens_at", "-pk")
        return InvitableSurveys(surveys=list(surveys), built_at=now, changes_at=surveys_change_at(now=now))

    return namespaced(
        INVITABLE_SURVEYS_KEY, [Namespace.SURVEYS], build, fresh=lambda entry: entry.holds_at(now), request=request
    )


def surveys_change_at(*, now: dt.datetime) -> dt.datetime | None:
    """The next moment a survey anyone may answer opens or closes (the home page invites to one); one query."""
    ahead = Survey.objects.exclude(access=Survey.Access.INVITATION).aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)), closes=Min("closes_at", filter=Q(closes_at__gt=now))
    )
    return min((moment for moment in ahead.values() if moment is not None), default=None)


def survey_to_invite(*, now: dt.datetime, user=None, request: HttpRequest | None = None) -> Survey | None:
    """The newest survey open at `now` that anyone may find and answer: not one by invitation only, nor one the
    logged-in `user` has already answered. The open surveys come from `invitable_surveys`, the user's answers from
    `answered_surveys` (asked only when there is a survey to invite to)."""
    surveys = invitable_surveys(now=now, request=request).surveys
    if surveys and user is not None and user.is_authenticated:
        answered = answered_surveys(user=user, request=request)
        surveys = [survey for survey in surveys if survey.pk not in answered]
    return surveys[0] if surveys else None


def answered_surveys_key(user_id: int) -> str:
    return f"surveys-answered:{user_id}"


def answered_surveys(*, user, request: HttpRequest | None = None) -> frozenset[int]:
    """The ids of the surveys `user` has answered, through the shared cache (with the home page's `request`, read
    along with its body). Dropped when the patron answers or deletes an answer (survey_response_record,
    survey_participation_delete), and with the surveys' namespace; kept at most PAGE_CACHE_SECONDS.

    Why cached: it was the one query of a logged-in patron's home page beyond the user's, and bench/run.py measured
    that page at 0.94x the bare page with it, the other logged-in pages (one query) at 1.56-1.70x."""
    return namespaced(
        answered_surveys_key(user.pk),
        [Namespace.SURVEYS],
        lambda: frozenset(Participation.objects.filter(user=user).values_list("survey_id", flat=True)),
        PAGE_CACHE_SECONDS,
        request=request,
    )


def patron_feedback(*, user, limit: int = 10) -> list[Feedback]:
    """The feedback a patron sent while logged in, newest first; one query."""
    return list(Feedback.objects.filter(user=user).select_related("branch").order_by("-created_at", "-pk")[:limit])


def patron_participations(*, user) -> list[Participation]:
    """The surveys a patron answered while logged in, latest first; one query."""
    return list(Participation.objects.filter(user=user).select_related("survey").order_by("-taken_on", "-pk"))


def published_results() -> QuerySet[Survey]:
    return Survey.objects.filter(results_published_at__isnull=False).order_by("-results_published_at")


# Results -----------------------------------------------------------------------------------------


@dataclass
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    branch_id: int | None = None

    def key(self) -> str:
        return f"{self.date_from}|{self.date_to}|{self.branch_id}"


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    mean: float | None = None
    nps: float | None = None
    csat: float | None = None
    distribution: list[dict] = field(default_factory=list)  # {"label", "count", "percent"}
    branches: list[dict] = field(default_factory=list)  # {"branch", "count", "mean", "hidden"}
    texts: list[str] = field(default_factory=list)
    hidden: bool = False


def filtered_responses(survey: Survey, filters: Filters) -> QuerySet[Response]:
    responses = Response.objects.filter(survey=survey)
    if filters.date_from:
        responses = responses.filter(submitted_on__gte=filters.date_from)
    if filters.date_to:
        responses = responses.filter(submitted_on__lte=filters.date_to)
    if filters.branch_id:
        responses = responses.filter(branch_id=filters.branch_id)
    return responses


def _answers(survey: Survey, filters: Filters, question_ids: list[int]) -> QuerySet[Answer]:
    # By question ids rather than through the responses: without a filter no join is needed at all.
    answers = Answer.objects.filter(question_id__in=question_ids)
    if filters.date_from:
        answers = answers.filter(response__submitted_on__gte=filters.date_from)
    if filters.date_to:
        answers = answers.filter(response__submitted_on__lte=filters.date_to)
    if filters.branch_id:
        answers = answers.filter(response__branch_id=filters.branch_id)
    return answers.order_by()


def _percent(part, whole) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def numeric_stats(answers: QuerySet[Answer]) -> dict[int, dict]:
    """Per question: count, mean, NPS (% 9–10 minus % 0–6) and CSAT (% 4–5), all in one SQL query."""
    count = Count("id")
    rows = (
        answers.filter(value__isnull=False)
        .values("question_id")
        .annotate(
            n=count,
            mean=Avg("value"),
            nps=Cast(Count("id", filter=Q(value__gte=9)) - Count("id", filter=Q(value__lte=6)), FloatField())
            * 100.0
            / Cast(count, FloatField()),
            csat=Cast(Count("id", filter=Q(value__gte=4)), FloatField()) * 100.0 / Cast(count, FloatField()),
        )
    )
    return {row["question_id"]: row for row in rows}


def _raw_results(survey: Survey, structure: SurveyStructure, filters: Filters) -> dict:
    """The aggregates as plain data (cacheable): a fixed number of queries whatever the responses."""
    answers = _answers(survey, filters, [question.pk for question in structure.questions])
    total = filtered_responses(survey, filters).count()
    numbers = numeric_stats(answers)
    values = {
        (row["question_id"], row["value"]): row["n"]
        for row in answers.filter(value__isnull=False).values("question_id", "value").annotate(n=Count("id"))
    }
    choices = {
        row["choice_id"]: row["n"]
        for row in answers.filter(choice__isnull=False).values("choice_id").annotate(n=Count("id"))
    }
    respondents = {
        row["question_id"]: row["n"]
        for row in answers.values("question_id").annotate(n=Count("response_id", distinct=True))
    }
    # The branch's name in the reader's language (the key of the cache has the language).
    by_branch = [
        {"question_id": row["question_id"], "branch": row["branch_name"], "n": row["n"], "mean": row["mean"]}
        for row in answers.filter(value__isnull=False)
        .values("question_id", "response__branch_id")
        .annotate(branch_name=translated("response__branch__name"), n=Count("id"), mean=Avg("value"))
        .order_by("question_id", "branch_name")
    ]
    text_ids = [question.pk for question in structure.questions if question.is_text]
    texts: dict[int, list[str]] = {}
    if text_ids:
        ranked = (
            answers.filter(question_id__in=text_ids)
            .exclude(text="")
            .annotate(rank=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("id").desc()))
            .filter(rank__lte=TEXTS_SHOWN)
            .values_list("question_id", "text")
        )
        for question_id, text in ranked:
            texts.setdefault(question_id, []).append(text)
    return {
        "total": total,
        "numbers": numbers,
        "values": values,
        "choices": choices,
        "respondents": respondents,
        "by_branch": by_branch,
        "texts": texts,
    }


def responses_counter_key(survey_id: int) -> str:
    """The shared cache's counter of a survey's new and deleted responses (`survey_response_record`, on commit)."""
    return f"survey-responses:{survey_id}"


def survey_results(survey: Survey, filters: Filters | None = None, *, public: bool = False) -> dict:
    """Results per question for the staff report, or (`public`) for the published summary.

    The published summary hides every question and branch breakdown with fewer answers than
    `survey.min_group_size`, and lists no free text (it could identify its writer).

    The aggregates are cached under the survey's responses counter, which each new or deleted response raises on
    commit: a response shows at once, and touches no other survey's results. Edits to the survey, its questions
    and the branches bump their namespaces. Should a raise be lost to a cache outage, RESULTS_CACHE_SECONDS bounds
    how long the results lag behind.
    """
    filters = filters or Filters()
    structure = survey_structure(survey)
    try:
        responses = counter(responses_counter_key(survey.pk))
    except RedisError:  # the cache is down: computed from the database, as `namespaced` does
        raw = _raw_results(survey, structure, filters)
    else:
        key = (
            "survey-results:"
            + hashlib.sha256(f"{survey.pk}|{responses}|{filters.key()}|{get_language()}".encode()).hexdigest()
        )
        raw = namespaced(
            key,
            [Namespace.SURVEYS, Namespace.BRANCHES],
            lambda: _raw_results(survey, structure, filters),
            timeout=RESULTS_CACHE_SECONDS,
        )
    minimum = survey.min_group_size if public else 1
    results = []
    for question in structure.questions:
        answered = raw["respondents"].get(question.pk, 0)
        result = QuestionResult(question=question, answered=answered)
        if public and answered < minimum:
            result.hidden = True
            results.append(result)
            continue
        if question.is_numeric:
            _numeric_result(result, raw, minimum)
        elif question.is_choice:
            for choice in question.choices.all():
                count = raw["choices"].get(choice.pk, 0)
                result.distribution.append({"label": choice.text, "count": count, "percent": _percent(count, answered)})
        elif not public:
            result.texts = raw["texts"].get(question.pk, [])
        results.append(result)
    return {
        "total": raw["total"],
        "questions": results,
        "hidden_total": public and raw["total"] < minimum,
        "minimum": minimum,
    }


def _numeric_result(result: QuestionResult, raw: dict, minimum: int) -> None:
    """A numeric question's mean (with NPS or CSAT), its distribution and its per-branch means, the branches with
    fewer than `minimum` answers hidden."""
    question = result.question
    stats = raw["numbers"].get(question.pk)
    if stats:
        result.mean = round(stats["mean"], 2)
        if question.kind == QuestionKind.NPS:
            result.nps = round(stats["nps"], 1)
        if question.kind == QuestionKind.SCALE_5:
            result.csat = round(stats["csat"], 1)
    count_total = stats["n"] if stats else 0
    for value in question.value_range:
        count = raw["values"].get((question.pk, value), 0)
        result.distribution.append({"label": str(value), "count": count, "percent": _percent(count, count_total)})
    for row in raw["by_branch"]:
        if row["question_id"] == question.pk:
            hidden = row["n"] < minimum
            result.branches.append(
                {
                    "branch": row["branch"],
                    "count": row["n"],
                    "mean": None if hidden else round(row["mean"], 2),
                    "hidden": hidden,
                }
            )


def feedback_due_for_anonymization(*, cutoff: dt.datetime) -> QuerySet[Feedback]:
    """Closed feedback whose contact details are kept past the retention: closed before `cutoff`, not yet
    anonymised. The service anonymises exactly these; the back office lists them first (dry run)."""
    return Feedback.objects.filter(status=FeedbackStatus.CLOSED, closed_at__lt=cutoff, anonymized_at__isnull=True)


def anonymization_last_run() -> dt.datetime | None:
    """When contact details were last removed: the last daily task that finished, or the last feedback
    anonymised (a run from the back office), whichever is later."""
    # The daily task's path, as feedback.tasks names it (which imports the services, which import this module).
    task = DBTaskResult.objects.filter(
        task_path="feedback.tasks.anonymize_feedback_daily", finished_at__isnull=False
    ).aggregate(at=Max("finished_at"))
    event = FeedbackEvent.objects.filter(action=FeedbackEvent.Action.ANONYMIZED).aggregate(at=Max("created_at"))
    runs = [at for at in (task["at"], event["at"]) if at is not None]
    return max(runs) if runs else None
