"""The feedback demo (feedback/fixtures/demo/): a customer-satisfaction survey on the seven principles of seed
003 with a few hundred generated answers (a fixed random seed, so every load is the same), reply templates and
sample feedback with published answers."""

import datetime as dt
import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone

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
from library_portal.demo.fixtures import demo_fixture, language_fields
from library_portal.languages import LANGS
from library_portal.models import User
from services.models import Branch

DEMO_PATRON = "patron@example.org"
DEMO_RESPONSES = 320
SEED = 2026


def _questions(data: dict) -> list[dict]:
    """The survey's questions in order, with the entry `for_each_principle` made into one question per principle."""
    questions = []
    for item in data["questions"]:
        if not item.get("for_each_principle"):
            questions.append(item)
            continue
        questions.extend(
            {
                **item,
                "key": item["key"].format(number=principle["number"]),
                "text": {code: item["text"][code].format(title=principle["title"][code]) for code in LANGS},
            }
            for principle in demo_fixture("services", "principles")
        )
    return questions


def _survey(data: dict) -> tuple[Survey, bool]:
    """The survey, created with its pages, questions and choices; when it is there already, only its texts are
    brought up to date (its answers hang on the questions, so no question is added or removed)."""
    now = timezone.now()
    texts = {**language_fields("title", data["title"]), **language_fields("intro", data["intro"])}
    texts |= language_fields("thanks", data["thanks"])
    survey, created = Survey.objects.get_or_create(
        slug=data["slug"],
        defaults={
            **texts,
            "opens_at": now - dt.timedelta(days=150),
            "closes_at": now + dt.timedelta(days=120),
            "anonymity": Survey.Anonymity.ANONYMOUS,
            "access": Survey.Access.PUBLIC,
        },
    )
    if not created:
        _survey_texts_update(survey, data, texts)
        return survey, False
    pages = [
        SurveyPage.objects.create(survey=survey, order=index, **language_fields("title", title))
        for index, title in enumerate(data["pages"])
    ]
    keys: dict[str, Question] = {}
    for order, item in enumerate(_questions(data), start=1):
        show_if = item["show_if"]
        question = Question.objects.create(
            survey=survey,
            page=pages[item["page"]],
            order=order,
            kind=item["kind"],
            required=item["required"],
            show_if_question=keys[show_if["question"]] if show_if else None,
            show_if_value=show_if["value"] if show_if else "",
            **language_fields("text", item["text"]),
            **language_fields("help_text", item["help_text"]),
        )
        keys[item["key"]] = question
        for choice_order, choice in enumerate(item["choices"]):
            Choice.objects.create(
                question=question, code=choice["code"], order=choice_order, **language_fields("text", choice["text"])
            )
    return survey, True


def _survey_texts_update(survey: Survey, data: dict, texts: dict[str, str]) -> None:
    """A translator's corrections reach a survey loaded before: pages and questions are matched by their order,
    choices by their code."""
    Survey.objects.filter(pk=survey.pk).update(**texts, **language_fields("results_summary", data["summary"]))
    for index, title in enumerate(data["pages"]):
        SurveyPage.objects.filter(survey=survey, order=index).update(**language_fields("title", title))
    for order, item in enumerate(_questions(data), start=1):
        question = Question.objects.filter(survey=survey, order=order).first()
        if question is None:
            continue
        Question.objects.filter(pk=question.pk).update(
            **language_fields("text", item["text"]), **language_fields("help_text", item["help_text"])
        )
        for choice in item["choices"]:
            Choice.objects.filter(question=question, code=choice["code"]).update(
                **language_fields("text", choice["text"])
            )


def _generate_responses(survey: Survey, count: int, improvements: list[dict[str, str]]) -> int:  # noqa: C901 - demo data: one branch per kind of question
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
                text = rng.choice(improvements)[response.language]
                answers.append(Answer(response=response, question=question, text=text))
    Answer.objects.bulk_create(answers, batch_size=2000)
    return len(responses)


@transaction.atomic
def demo_load_feedback() -> dict[str, int]:
    """Create the demo survey (with generated answers and published results), reply templates and sample feedback."""
    data = demo_fixture("feedback", "survey")
    survey, created = _survey(data)
    if created:
        _generate_responses(survey, DEMO_RESPONSES, data["improvements"])
        survey.results_published_at = timezone.now()
        for code in LANGS:
            setattr(survey, f"results_summary_{code}", data["summary"][code])
        survey.save()
    for order, item in enumerate(demo_fixture("feedback", "reply_templates")):
        ReplyTemplate.objects.update_or_create(
            title_lt=item["title"]["lt"],
            defaults={
                **language_fields("title", item["title"]),
                **language_fields("body", item["body"]),
                "order": order,
            },
        )
    now = timezone.now()
    for item in demo_fixture("feedback", "feedback")["sample"]:
        message, published = item["message"], item["published"]
        if Feedback.objects.filter(message=message).exists():
            if published:
                # A translator's corrections reach feedback loaded before; its history stays as it happened.
                Feedback.objects.filter(message=message).update(
                    **language_fields("public_summary", published["summary"]),
                    **language_fields("public_answer", published["answer"]),
                )
            continue
        created_at = now - dt.timedelta(days=item["days_ago"])
        days_to_answer = item["days_to_answer"]
        answered_at = created_at + dt.timedelta(days=days_to_answer) if days_to_answer is not None else None
        feedback = Feedback.objects.create(
            topic=item["topic"],
            branch=Branch.objects.filter(slug=item["branch"]).first() if item["branch"] else None,
            message=message,
            channel=Channel.WEB,
            language=item["language"],
            status=FeedbackStatus.CLOSED if published else FeedbackStatus.NEW,
            consented_at=created_at,
            answered_at=answered_at,
            closed_at=answered_at,
            published_at=answered_at,
            **(language_fields("public_summary", published["summary"]) if published else {}),
            **(language_fields("public_answer", published["answer"]) if published else {}),
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
    item = demo_fixture("feedback", "feedback")["patron"]
    message = item["message"]
    if patron is None or Feedback.objects.filter(user=patron, message=message).exists():
        return {"demo patron feedback": 0}
    feedback_submit(
        topic=item["topic"],
        branch=Branch.objects.filter(slug=item["branch"]).first(),
        message=message,
        language=item["language"],
        consent=True,
        name=patron.get_full_name(),
        email=patron.email,
        user=patron,
        site_url=settings.SITE_URL,
    )
    return {"demo patron feedback": 1}
