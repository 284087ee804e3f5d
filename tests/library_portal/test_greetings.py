"""E-mails greet in the recipient's language without declining names: Lithuanian greets without the name."""

from pathlib import Path

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from feedback.services import feedback_submit
from library_portal.greetings import greeting
from tests.factories import UserFactory
from tests.library_portal.test_tasks import run_worker

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize(
    "lang,name,expected",
    [
        ("lt", "Petras", "Sveiki,"),  # "Sveiki, Petras" would be wrong: the vocative is "Petrai"
        ("bg", "Петър", "Здравейте, Петър,"),
        ("fi", "Petri", "Hei Petri,"),
        ("en", "Peter", "Hello Peter,"),
        ("bg", "", "Здравейте,"),
        ("en", "  ", "Hello,"),
    ],
)
def test_the_greeting_keeps_the_name_only_where_the_grammar_holds(lang, name, expected):
    with translation.override(lang):
        assert greeting(name) == expected


def test_every_mail_template_greets_through_the_greeting_tag():
    mails = [*TEMPLATES.glob("**/email*.txt"), *TEMPLATES.glob("ill/email/*.txt")]
    assert len(mails) > 10
    for path in mails:
        text = path.read_text()
        assert "Hello {{" not in text, path
        assert 'translate "Hello,"' not in text, path


def test_a_feedback_confirmation_greets_in_lithuanian_without_the_name():
    class Feedback:
        name = "Petras"
        message = "Ačiū"

    with translation.override("lt"):
        body = render_to_string("feedback/email_received.txt", {"feedback": Feedback(), "link": "http://x"})
    assert body.startswith("Sveiki,\n\n")
    assert "Petras" not in body


def test_a_patron_with_an_account_gets_the_feedback_mail_in_their_language_not_the_pages(
    transactional_db, django_capture_on_commit_callbacks
):
    patron = UserFactory(email="ivan@example.org", preferred_language="bg")
    with django_capture_on_commit_callbacks(execute=True):
        feedback = feedback_submit(
            topic="other",
            message="Благодаря",
            language="lt",
            consent=True,
            name="Иван",
            email="ivan@example.org",
            user=patron,
            site_url="http://testserver",
        )
    run_worker()
    assert feedback.language == "bg"
    assert mail.outbox[0].subject == "Получихме обратната ви връзка"
    assert mail.outbox[0].body.startswith("Здравейте, Иван,\n\n")
