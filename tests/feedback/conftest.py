"""A small survey every survey test uses, built the same way an editor builds one in the admin.

Page 1: `scale` (1–5, required), `help` (single choice yes/no, required).
Page 2: `details` (long text, required, shown only if `help` is "yes"), `nps` (0–10), `services`
(multiple choice: books, events).
"""

from dataclasses import dataclass

import pytest

from feedback.models import Question, QuestionKind, Survey
from tests.factories import ChoiceFactory, QuestionFactory, SurveyFactory, SurveyPageFactory


@dataclass
class SurveyCast:
    survey: Survey
    scale: Question
    help: Question
    details: Question
    nps: Question
    services: Question


def build_survey(**survey_fields) -> SurveyCast:
    survey = SurveyFactory(**survey_fields)
    first = SurveyPageFactory(survey=survey, order=1)
    second = SurveyPageFactory(survey=survey, order=2)
    scale = QuestionFactory(page=first, kind=QuestionKind.SCALE_5, required=True, text="Kaip vertinate?")
    help_ = QuestionFactory(page=first, kind=QuestionKind.SINGLE, required=True, text="Ar prašėte pagalbos?")
    ChoiceFactory(question=help_, code="yes", text="Taip")
    ChoiceFactory(question=help_, code="no", text="Ne")
    details = QuestionFactory(
        page=second,
        kind=QuestionKind.LONG_TEXT,
        required=True,
        text="Kokios pagalbos?",
        show_if_question=help_,
        show_if_value="yes",
    )
    nps = QuestionFactory(page=second, kind=QuestionKind.NPS, text="Ar rekomenduotumėte?")
    services = QuestionFactory(page=second, kind=QuestionKind.MULTIPLE, text="Kuo naudojatės?")
    ChoiceFactory(question=services, code="books", text="Knygos")
    ChoiceFactory(question=services, code="events", text="Renginiai")
    return SurveyCast(survey, scale, help_, details, nps, services)


@pytest.fixture
def cast(db) -> SurveyCast:
    return build_survey()


def answers(cast: SurveyCast, **values) -> dict:
    """Answers by question name of the cast → the q<id> fields the service and forms take."""
    return {getattr(cast, name).field_name: value for name, value in values.items()}
