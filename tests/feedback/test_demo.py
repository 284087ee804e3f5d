"""The demo: a satisfaction survey on the seven principles with a few hundred answers, and published answers."""

from django.utils import timezone

from feedback.models import Feedback, Question, Survey
from feedback.selectors import survey_results
from library_portal.demo import DEMO_RESPONSES, demo_load, demo_load_feedback


def test_the_demo_loads_once_with_results_in_every_language(db):
    demo_load(with_accounts=False, year=timezone.localdate().year)
    first = demo_load_feedback()
    second = demo_load_feedback()
    assert first == second == {"survey_responses": DEMO_RESPONSES, "feedback": 5}
    survey = Survey.objects.get(slug="customer-satisfaction")
    assert survey.results_published
    assert Question.objects.filter(survey=survey, text_en__contains="Professionalism").exists()
    assert all(getattr(survey, f"title_{code}") for code in ("lt", "en", "bg", "fi"))
    results = survey_results(survey, public=True)
    nps = next(r for r in results["questions"] if r.question.kind == "nps")
    assert nps.answered == DEMO_RESPONSES and nps.nps is not None
    assert Feedback.objects.filter(published_at__isnull=False).count() == 4
