"""A NUL byte or another control character anywhere in the input gets a translated 400 or a form
error, never a 500; line breaks stay allowed in text areas."""

import datetime as dt
import html
import importlib
import re

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import resolve
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from feedback.models import Feedback, Response
from library_portal.control_characters import ControlCharacterFormMixin, control_character_path, has_control_character
from services.models import ServiceCategory
from tests.conftest import PASSWORD
from tests.factories import BranchFactory, FeedbackFactory, QuestionFactory, ServiceCategoryFactory
from tests.feedback.conftest import answers, build_survey

PROJECT_APPS = ("library_portal", "services", "pricing", "ill", "feedback")
SINGLE_LINE = {
    "en": "This text contains a control character (for example a line break, a tab or a NUL byte), "
    "which is not allowed here.",
    "lt": "Šiame tekste yra valdymo simbolis (pavyzdžiui, eilutės lūžis, tabuliacija ar NUL baitas), "
    "kurio čia naudoti negalima.",
}
MULTI_LINE = {
    "en": "This text contains a control character (for example a NUL byte), which is not allowed. "
    "Line breaks and tabs are fine.",
    "lt": "Šiame tekste yra valdymo simbolis (pavyzdžiui, NUL baitas), kurio naudoti negalima. "
    "Eilučių lūžiai ir tabuliacijos tinka.",
}
ADDRESS = {
    "en": "The address contains a control character (for example a NUL byte). Check the link.",
    "lt": "Adrese yra valdymo simbolis (pavyzdžiui, NUL baitas). Patikrinkite nuorodą.",
}


def field_errors(response, name: str) -> list[str]:
    """The errors the page shows next to one field, as a person reads them."""
    content = response.content.decode()
    return [html.unescape(t) for t in re.findall(rf'<span class="error" id="id_{name}_error">(.*?)</span>', content)]


def test_the_character_rules():
    for bad in ("\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ud800"):
        assert has_control_character(f"a{bad}b"), repr(bad)
        assert has_control_character(f"a{bad}b", multiline=True), repr(bad)
    for line_break in ("\n", "\r", "\t"):
        assert has_control_character(f"a{line_break}b")
        assert not has_control_character(f"a{line_break}b", multiline=True)
    assert not has_control_character("Šilutė – Клайпеда ✓ 🙂")
    assert control_character_path({"answers": {"q1": 3, "q2": ["ok", "b\x00d"]}}) == "answers.q2.1"
    assert control_character_path({"lines": [{"item": "x"}, {"item": "\x07"}]}) == "lines.1.item"
    assert control_character_path({"a\x00": 1}) == ""
    assert control_character_path({"text": "two\nlines\tand a tab"}) is None
    deep: list = []
    for _level in range(5000):
        deep = [deep]
    assert control_character_path(deep) is None  # no recursion limit on deep bodies


# Paths and query strings -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["lt", "en"])
def test_a_nul_in_the_feedback_tracking_link_is_a_translated_400(client, db, lang):
    FeedbackFactory()
    response = client.get(f"/{lang}/feedback/track/abc%00def/")
    assert response.status_code == 400
    assert ADDRESS[lang] in response.content.decode()


@pytest.mark.parametrize("lang", ["lt", "en"])
def test_a_control_character_in_the_survey_token_is_a_translated_400(client, db, lang):
    survey = build_survey().survey
    response = client.get(f"/{lang}/surveys/{survey.slug}/?token=abc%00")
    assert response.status_code == 400
    assert ADDRESS[lang] in response.content.decode()
    assert client.get(f"/{lang}/surveys/{survey.slug}/?token=a%0Ab").status_code == 400


def test_a_control_character_in_the_services_list_query_is_a_400(client, db):
    for query in ("%00", "bo%01oks", "%C2%85", "%E2%80%A8"):
        response = client.get(f"/en/services/?q={query}")
        assert response.status_code == 400, query
        assert ADDRESS["en"] in response.content.decode()
    assert client.get("/en/services/?q=knygos").status_code == 302  # to the site search


def test_the_site_search_takes_control_characters_out_of_its_query_itself(client, db):
    # A search box answers with results or none (tests/search/); only its own `q` is let through, not other
    # parameters, nor the same parameter on another page.
    assert client.get("/en/search/?q=bo%00oks").status_code == 200
    assert client.get("/en/search/?q=books&group=a%00").status_code == 400
    assert client.get("/en/search/%00/?q=books").status_code == 400


def test_a_control_character_in_an_api_query_or_path_is_the_apis_json_error(client, db):
    response = client.get("/api/v1/services/?lang=en%00")
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "status": 400,
            "code": "control_character",
            "message": ADDRESS["lt"],  # the language could not be read from ?lang=
            "fields": {"lang": [ADDRESS["lt"]]},
        }
    }
    response = client.get("/api/v1/surveys/a%00b/", headers={"accept-language": "en"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"path": [ADDRESS["en"]]}


def test_a_control_character_in_a_query_parameters_name_is_refused(client, db):
    assert client.get("/en/services/?a%00b=1").status_code == 400


# Page forms --------------------------------------------------------------------------------------

FEEDBACK = {"topic": "collection", "message": "Daugiau garsinių knygų.", "consent": "on"}


@pytest.mark.parametrize("lang", ["lt", "en"])
def test_the_feedback_form_refuses_a_control_character_next_to_the_field_and_keeps_the_input(client, db, lang):
    response = client.post(f"/{lang}/feedback/", {**FEEDBACK, "name": "Ona\x07", "message": "Labas\x00rytas"})
    assert response.status_code == 200
    assert field_errors(response, "name") == [SINGLE_LINE[lang]]
    assert field_errors(response, "message") == [MULTI_LINE[lang]]  # one message, not Django's NUL one too
    content = response.content.decode()
    assert 'value="Ona\x07"' in content or "Ona&#x7;" in content or "Ona\x07" in content
    assert "Labas" in content
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("lang", ["lt", "en"])
def test_the_feedback_message_keeps_its_line_breaks_and_refuses_other_control_characters(client, db, lang):
    refused = client.post(f"/{lang}/feedback/", {**FEEDBACK, "message": "Pirma eilutė\x0bantra"})
    assert field_errors(refused, "message") == [MULTI_LINE[lang]]
    accepted = client.post(f"/{lang}/feedback/", {**FEEDBACK, "message": "Pirma eilutė\r\nantra\tir trečia"})
    assert accepted.status_code == 200
    assert Feedback.objects.get().message == "Pirma eilutė\r\nantra\tir trečia"


def test_a_nul_in_fields_that_are_not_text_gives_form_errors_not_a_500(client, db):
    BranchFactory(slug="centrine")
    response = client.post(
        "/en/feedback/", {"topic": "coll\x00ection", "branch": "1\x00", "message": "Ok", "consent": "o\x00n"}
    )
    assert response.status_code == 200
    assert field_errors(response, "topic") and field_errors(response, "branch")
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("lang", ["lt", "en"])
def test_registration_refuses_a_control_character_in_the_name(client, db, lang):
    from library_portal.demo import demo_load_prices
    from pricing.models import PatronCategory

    demo_load_prices()
    data = {
        "first_name": "O\u2028na",  # (at either end it would be stripped as white space)
        "last_name": "Onaitė",
        "email": "ona@example.org",
        "card_number": "",
        "category": PatronCategory.objects.get(code="adult").pk,
        "password1": "kaštonų-alėja-1923",
        "password2": "kaštonų-alėja-1923",
        "consent": "on",
    }
    response = client.post(f"/{lang}/account/register/", data)
    assert response.status_code == 200
    assert field_errors(response, "first_name") == [SINGLE_LINE[lang]]
    assert 'value="Onaitė"' in response.content.decode()  # the rest is kept


@pytest.mark.parametrize("lang", ["lt", "en"])
def test_the_ill_form_refuses_a_control_character_next_to_the_field_and_keeps_the_input(client, patron, lang):
    client.login(email=patron.email, password=PASSWORD)
    branch = BranchFactory(slug="centrine")
    data = {
        "kind": "loan",
        "title": "Metai\x1b[31m",
        "author": "Donelaitis, Kristijonas",
        "pickup_branch": branch.pk,
        "not_needed_after": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "scope": "domestic",
        "max_cost": "10.00",
        "note": "Antrame aukšte\nprie langų",
        "idempotency_key": "key-1",
    }
    response = client.post(f"/{lang}/ill/new/", data)
    assert response.status_code == 200
    assert field_errors(response, "title") == [SINGLE_LINE[lang]]
    assert field_errors(response, "note") == []  # a line break in the note is fine
    assert "Donelaitis, Kristijonas" in response.content.decode()


def test_a_control_character_in_a_survey_pages_answer_is_an_error_on_the_question(client, db):
    cast = build_survey()
    url = f"/en/surveys/{cast.survey.slug}/"
    data = {
        **answers(cast, scale="4", help="yes"),
        "page": "1",
        **answers(cast, details="Padėjo\x00labai"),
        "token": "bad\x00token",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert MULTI_LINE["en"] in response.content.decode()
    assert Response.objects.count() == 0


# The admin ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["lt", "en"])
def test_an_admin_form_refuses_a_control_character_next_to_the_field(client, librarian, lang):
    librarian.preferred_language = lang  # the back office speaks the staff member's own language
    librarian.save(update_fields=["preferred_language"])
    client.force_login(librarian)
    category = ServiceCategoryFactory(title="Skaitykla", slug="skaitykla")
    data = {"title_lt": "Skai\x08tykla", "slug": "skaitykla", "order": "1", "description_lt": "Eilutė\nkita"}
    response = client.post(
        f"/admin/services/servicecategory/{category.pk}/change/", data, headers={"accept-language": lang}
    )
    assert response.status_code == 200
    assert SINGLE_LINE[lang] in html.unescape(response.content.decode())
    assert ServiceCategory.objects.get().title_lt == "Skaitykla"


def test_an_admin_list_search_with_a_nul_is_a_400(client, librarian):
    client.force_login(librarian)
    assert client.get("/admin/services/service/?q=a%00b").status_code == 400


# JSON --------------------------------------------------------------------------------------------


def test_a_nul_in_a_survey_api_answer_is_a_400_naming_the_answer(client, db):
    cast = build_survey()
    body = {"answers": {**answers(cast, scale=4, help="yes", details="Padėjo\u0000labai")}}
    response = client.post(f"/api/v1/surveys/{cast.survey.slug}/responses/?lang=en", body, "application/json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {f"answers.{cast.details.field_name}": [MULTI_LINE["en"]]}
    assert Response.objects.count() == 0


def test_a_short_survey_answer_over_the_api_refuses_a_line_break(client, db):
    from feedback.models import QuestionKind

    cast = build_survey()
    short = QuestionFactory(page=cast.scale.page, kind=QuestionKind.SHORT_TEXT, text="Vardas?")
    body = {"answers": {**answers(cast, scale=4, help="no"), short.field_name: "Ona\nOnaitė"}}
    response = client.post(f"/api/v1/surveys/{cast.survey.slug}/responses/?lang=en", body, "application/json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {short.field_name: [SINGLE_LINE["en"]]}


def test_the_feedback_api_refuses_control_characters_and_keeps_line_breaks(client, db):
    url = "/api/v1/feedback/?lang=en"
    refused = client.post(url, {"topic": "other", "message": "a\u0000b", "consent": True}, "application/json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {"message": [MULTI_LINE["en"]]}
    escape = client.post(url, '{"topic": "other", "message": "a\\u001bb", "consent": true}', "application/json")
    assert escape.status_code == 400
    key = client.post(url, '{"topic": "other", "message": "ok", "consent": true, "\\u0000": 1}', "application/json")
    assert key.status_code == 400
    single_line = client.post(
        url, {"topic": "other", "message": "ok", "name": "Ona\nOnaitė", "consent": True}, "application/json"
    )
    assert single_line.json()["error"]["fields"] == {"name": [SINGLE_LINE["en"]]}
    accepted = client.post(url, {"topic": "other", "message": "a\nb\tc", "consent": True}, "application/json")
    assert accepted.status_code == 201
    assert Feedback.objects.get().message == "a\nb\tc"


def test_the_ill_api_refuses_a_control_character_naming_the_field(patron, db):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=patron).key}")
    branch = BranchFactory(slug="centrine")
    body = {
        "kind": "loan",
        "title": "Metai\u0007",
        "pickup_branch": branch.slug,
        "not_needed_after": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "max_cost": "10.00",
        "accept_cost": True,
    }
    response = api.post("/api/v1/ill/requests/?lang=en", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"title": [MULTI_LINE["en"]]}
    line_break = api.post("/api/v1/ill/requests/?lang=en", {**body, "title": "Metai\r\nSubject: x"}, format="json")
    assert line_break.json()["error"]["fields"] == {"title": [SINGLE_LINE["en"]]}
    header = api.post(
        "/api/v1/ill/requests/?lang=en", {**body, "title": "Metai"}, format="json", HTTP_IDEMPOTENCY_KEY="a\x00"
    )
    assert header.status_code == 400
    assert header.json()["error"]["fields"] == {"Idempotency-Key": [SINGLE_LINE["en"]]}


def test_a_json_number_where_text_is_documented_is_refused(client, db):
    response = client.post(
        "/api/v1/feedback/?lang=en", {"topic": "other", "message": 5, "consent": 1}, "application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"message", "consent"}


def test_a_body_nested_too_deeply_is_a_400(client, db):
    body = "[" * 100_000 + "]" * 100_000
    assert client.post("/api/v1/feedback/", body, "application/json").status_code == 400


def test_the_api_takes_json_only(client, db):
    response = client.post("/api/v1/feedback/", {"topic": "other", "message": "x", "consent": "on"})
    assert response.status_code == 415
    assert response.json()["error"]["status"] == 415


# Every form, now and later -----------------------------------------------------------------------


def _subclasses(cls) -> set[type]:
    found = set()
    for subclass in cls.__subclasses__():
        found |= {subclass, *_subclasses(subclass)}
    return found


def test_every_form_of_the_portal_refuses_control_characters():
    for app in PROJECT_APPS:
        for module in ("forms", "admin", "views"):
            importlib.import_module(f"{app}.{module}")
    ours = [cls for cls in _subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in PROJECT_APPS]
    assert len(ours) > 20  # the walk found the forms
    forgotten = [
        f"{cls.__module__}.{cls.__qualname__}" for cls in ours if not issubclass(cls, ControlCharacterFormMixin)
    ]
    assert forgotten == []


def test_every_registered_admin_uses_forms_that_refuse_control_characters(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    request.resolver_match = resolve("/admin/")  # some inlines read the object id from it
    checked = 0
    for model, model_admin in admin.site._registry.items():  # the registry has no public iterator
        if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
            continue  # read-only: no form
        name = f"{model._meta.label} ({type(model_admin).__name__})"
        obj = model._default_manager.first()
        for form in {model_admin.get_form(request), model_admin.get_form(request, obj)}:
            assert issubclass(form, ControlCharacterFormMixin), name
        if model_admin.list_editable:
            assert issubclass(model_admin.get_changelist_form(request), ControlCharacterFormMixin), name
        assert issubclass(model_admin.action_form, ControlCharacterFormMixin), name
        for inline in model_admin.get_inline_instances(request):
            assert issubclass(inline.get_formset(request).form, ControlCharacterFormMixin), f"{name}: {inline}"
        checked += 1
    assert checked > 20
    assert issubclass(admin.site.login_form, ControlCharacterFormMixin)
    assert apps.is_installed("library_portal")
