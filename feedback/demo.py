"""Loads the feedback demo (feedback/demo_data.py): a customer-satisfaction survey on the seven principles
of seed 003 with a few hundred generated answers (a fixed random seed, so every load is the same),
reply templates and sample feedback with published answers. Idempotent."""

import datetime as dt
import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from feedback import demo_data
from feedback.models import (
    Answer,
    Channel,
    Choice,
    Feedback,
    FeedbackEvent,
    FeedbackStatus,
    Question,
    ReplyTemplate,
    Response,
    Survey,
    SurveyPage,
)
from feedback.services import feedback_submit
from library_portal.languages import LANGS
from library_portal.models import User
from services import demo_data as services_demo_data
from services.demo import translated
from services.models import Branch

DEMO_PATRON = "patron@example.org"
DEMO_RESPONSES = 320
SEED = 2026


def _survey() -> tuple[Survey, bool]:
    data = demo_data.SURVEY
    now = timezone.now()
    survey, created = Survey.objects.get_or_create(
        slug=data["slug"],
        defaults={
            **translated("title", data["title"]),
            **translated("intro", data["intro"]),
            **translated("thanks", data["thanks"]),
            "opens_at": now - dt.timedelta(days=150),
            "closes_at": now + dt.timedelta(days=120),
            "anonymity": Survey.Anonymity.ANONYMOUS,
            "access": Survey.Access.PUBLIC,
        },
    )
    if not created:
        return survey, False
    pages = [
        SurveyPage.objects.create(survey=survey, order=index, **translated("title", title))
        for index, title in enumerate(demo_data.PAGES)
    ]
    keys: dict[str, Question] = {}
    rows = list(demo_data.QUESTIONS)
    principles = [
        (
            1,
            f"principle_{item['number']}",
            "scale5",
            False,
            {code: demo_data.PRINCIPLE_QUESTION[code].format(title=item["title"][code]) for code in LANGS},
            demo_data.SCALE_HELP,
            [],
            None,
        )
        for item in services_demo_data.PRINCIPLES
    ]
    rows[4:4] = principles
    for order, (page_index, key, kind, required, texts, help_texts, choices, show_if) in enumerate(rows, start=1):
        question = Question.objects.create(
            survey=survey,
            page=pages[page_index],
            order=order,
            kind=kind,
            required=required,
            show_if_question=keys[show_if[0]] if show_if else None,
            show_if_value=show_if[1] if show_if else "",
            **translated("text", texts),
            **translated("help_text", help_texts or {}),
        )
        keys[key] = question
        for choice_order, (code, choice_texts) in enumerate(choices):
            Choice.objects.create(question=question, code=code, order=choice_order, **translated("text", choice_texts))
    return survey, True


def _generate_responses(survey: Survey, count: int) -> int:
    """Answers skewed to the positive, as real library surveys are; the same on every load."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    questions = list(survey.questions.prefetch_related("choices").order_by("page__order", "order"))
    branches = list(Branch.objects.order_by("order", "pk")) or [None]
    today = timezone.localdate()
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            anonymous=True,
            submitted_on=today - dt.timedelta(days=rng.randint(0, 120)),
            branch=rng.choice([*branches, None]),
            language=rng.choices(LANGS, weights=[70, 15, 5, 10])[0],
        )
        for _n in range(count)
    )
    answers = []
    for response in responses:
        chosen: dict[int, str] = {}
        for question in questions:
            if question.show_if_question_id and chosen.get(question.show_if_question_id) != question.show_if_value:
                continue
            if not question.required and rng.random() < 0.1:
                continue
            choices = list(question.choices.all())
            if question.kind == "scale5":
                answers.append(
                    Answer(
                        response=response, question=question, value=rng.choices([1, 2, 3, 4, 5], [3, 6, 15, 40, 36])[0]
                    )
                )
            elif question.kind == "nps":
                weights = [1, 1, 1, 2, 2, 4, 5, 9, 18, 25, 32]
                answers.append(Answer(response=response, question=question, value=rng.choices(range(11), weights)[0]))
            elif question.kind == "grade":
                answers.append(
                    Answer(
                        response=response,
                        question=question,
                        value=rng.choices(range(4, 11), [1, 2, 4, 10, 25, 35, 23])[0],
                    )
                )
            elif question.kind == "single":
                choice = rng.choice(choices)
                chosen[question.pk] = choice.code
                answers.append(Answer(response=response, question=question, choice=choice))
            elif question.kind == "multiple":
                for choice in rng.sample(choices, rng.randint(1, 3)):
                    answers.append(Answer(response=response, question=question, choice=choice))
            elif rng.random() < 0.3:
                text = rng.choice(demo_data.IMPROVEMENTS)[response.language]
                answers.append(Answer(response=response, question=question, text=text))
    Answer.objects.bulk_create(answers, batch_size=2000)
    return len(responses)


@transaction.atomic
def demo_load_feedback() -> dict[str, int]:
    """Create the demo survey (with generated answers and published results), reply templates and sample feedback."""
    survey, created = _survey()
    if created:
        _generate_responses(survey, DEMO_RESPONSES)
        survey.results_published_at = timezone.now()
        for code in LANGS:
            setattr(survey, f"results_summary_{code}", demo_data.SURVEY["summary"][code])
        survey.save()
    for order, item in enumerate(demo_data.REPLY_TEMPLATES):
        ReplyTemplate.objects.update_or_create(
            title_lt=item["title"]["lt"],
            defaults={**translated("title", item["title"]), **translated("body", item["body"]), "order": order},
        )
    now = timezone.now()
    for days_ago, days_to_answer, topic, branch_slug, language, message, published in demo_data.FEEDBACK:
        if Feedback.objects.filter(message=message).exists():
            continue
        created_at = now - dt.timedelta(days=days_ago)
        answered_at = created_at + dt.timedelta(days=days_to_answer) if days_to_answer is not None else None
        feedback = Feedback.objects.create(
            topic=topic,
            branch=Branch.objects.filter(slug=branch_slug).first() if branch_slug else None,
            message=message,
            channel=Channel.WEB,
            language=language,
            status=FeedbackStatus.CLOSED if published else FeedbackStatus.NEW,
            consented_at=created_at,
            answered_at=answered_at,
            closed_at=answered_at,
            published_at=answered_at,
            **(translated("public_summary", published["summary"]) if published else {}),
            **(translated("public_answer", published["answer"]) if published else {}),
        )
        # The demo stories happened in the past: their dates are set after the automatic "now".
        Feedback.objects.filter(pk=feedback.pk).update(created_at=created_at)
        FeedbackEvent.objects.create(
            feedback=feedback, action=FeedbackEvent.Action.SUBMITTED, to_status="new", created_at=created_at
        )
        if published:
            FeedbackEvent.objects.create(
                feedback=feedback,
                action=FeedbackEvent.Action.PUBLISHED,
                from_status="new",
                to_status="closed",
                created_at=answered_at,
            )
    return {
        "survey_responses": Response.objects.filter(survey=survey).count(),
        "feedback": Feedback.objects.count(),
    }


def demo_patron_feedback() -> dict[str, int]:
    """The demo patron's own feedback (once), sent while logged in, so that My account lists it."""
    patron = User.objects.filter(email=DEMO_PATRON).first()
    topic, branch_slug, language, message = demo_data.PATRON_FEEDBACK
    if patron is None or Feedback.objects.filter(user=patron, message=message).exists():
        return {"demo patron feedback": 0}
    feedback_submit(
        topic=topic,
        branch=Branch.objects.filter(slug=branch_slug).first(),
        message=message,
        language=language,
        consent=True,
        name=patron.get_full_name(),
        email=patron.email,
        user=patron,
        site_url=settings.SITE_URL,
    )
    return {"demo patron feedback": 1}
