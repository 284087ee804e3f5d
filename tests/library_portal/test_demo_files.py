"""The demo data files (<app>/fixtures/demo/*.yaml): complete in every language, and a correction in them reaches a
database that was loaded before."""

from pathlib import Path

import yaml
from django.conf import settings
from django.utils import timezone

from feedback.models import Question, Survey
from library_portal.demo import demo_load, demo_load_feedback
from library_portal.languages import LANGS
from services.models import Service

LANGUAGE_SET = set(LANGS)
FILES = sorted(Path(settings.BASE_DIR).glob("*/fixtures/demo/*.yaml"))


def _texts(value, where: str):
    """Every translated text in `value`: a mapping keyed by language codes."""
    if isinstance(value, dict):
        if value and set(value) <= LANGUAGE_SET:
            yield where, value
            return
        for key, item in value.items():
            yield from _texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")


def test_every_app_with_demo_content_has_its_files():
    assert {path.parent.parent.parent.name for path in FILES} == {
        "library_portal",
        "services",
        "pricing",
        "ill",
        "feedback",
        "news",
    }
    assert len(FILES) == 24


def test_every_translated_text_in_the_demo_files_is_given_in_every_language():
    incomplete = []
    for path in FILES:
        for where, texts in _texts(yaml.safe_load(path.read_text(encoding="utf-8")), path.name):
            given = {code for code, text in texts.items() if text}
            # A text is either absent in every language (an empty room, no notes) or present in all four.
            if set(texts) != LANGUAGE_SET or given not in (set(), LANGUAGE_SET):
                incomplete.append(where)
    assert incomplete == []
    assert sum(1 for path in FILES for _text in _texts(yaml.safe_load(path.read_text(encoding="utf-8")), "")) > 300


def test_a_text_changed_in_the_database_is_put_back_from_the_files_on_the_next_load(db):
    demo_load(with_accounts=False, year=2026)
    demo_load_feedback()
    Service.objects.filter(slug="reader-card").update(title_fi="vanha")
    question = Question.objects.get(survey__slug="customer-satisfaction", order=1)
    Question.objects.filter(pk=question.pk).update(text_bg="старо")
    Survey.objects.filter(slug="customer-satisfaction").update(thanks_en="old")
    questions = Question.objects.count()

    demo_load(with_accounts=False, year=timezone.localdate().year)
    demo_load_feedback()

    assert Service.objects.get(slug="reader-card").title_fi == "Kirjastokortti"
    assert Question.objects.get(pk=question.pk).text_bg == "Колко често посещавате библиотеката?"
    assert Survey.objects.get(slug="customer-satisfaction").thanks_en.startswith("Thank you!")
    assert Question.objects.count() == questions
