"""The request form in two steps: the service first, then only its fields; a change of service keeps what the two
share; the other service's fields are neither shown nor validated. The error summary, and cancelling with a
confirmation."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ill.models import IllRequest, Status
from tests.factories import IllRequestFactory
from tests.library_portal.test_error_summary import assert_error_summary

NEW = "/lt/ill/new/"


def groups(response) -> dict[str, str]:
    """Each group of fields by its id ("book", "copy", "common", "copyright") → "shown", "hidden" (kept, not
    shown) or "off" (hidden and disabled: not sent)."""
    found = {}
    for group_id, attributes in re.findall(
        r'<(?:fieldset|div)[^>]*id="group-(\w+)"([^>]*)>', response.content.decode()
    ):
        found[group_id] = "off" if " disabled" in attributes else "hidden" if " hidden" in attributes else "shown"
    return found


def value_of(response, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode())
    value = re.search(r'value="([^"]*)"', match.group(0)) if match else None
    return value.group(1) if value else None


def test_step_one_asks_only_for_the_service(patron_client):
    response = patron_client.get(NEW)
    assert set(groups(response).values()) == {"hidden"}
    page = response.content.decode()
    assert 'name="choose_kind"' in page
    assert re.search(r'<input type="radio" name="kind" value="loan"[^>]*id="id_kind_0"', page)
    assert "checked" not in re.search(r'<input type="radio" name="kind" value="loan"[^>]*>', page).group(0)


@pytest.mark.parametrize(
    "kind,expected",
    [
        ("loan", {"book": "shown", "copy": "off", "common": "shown", "copyright": "off"}),
        ("copy", {"book": "shown", "copy": "shown", "common": "shown", "copyright": "shown"}),
    ],
)
def test_step_two_shows_only_the_chosen_services_fields(patron_client, kind, expected):
    response = patron_client.post(NEW, {"kind": kind, "choose_kind": "1"})
    assert response.status_code == 200
    assert groups(response) == expected
    page = response.content.decode()
    assert f'<input type="hidden" name="kind" value="{kind}"' in page
    assert 'name="change_kind"' in page
    assert "error-summary" not in page  # the fields are not checked before they are filled in


def test_step_one_without_a_choice_is_an_error_summarised_on_the_first_radio(patron_client):
    response = patron_client.post(NEW, {"choose_kind": "1"})
    assert assert_error_summary(response, "lt") == ["id_kind_0"]
    fieldset = re.search(r'<fieldset class="field choice has-error"[^>]*>', response.content.decode()).group(0)
    assert 'aria-describedby="id_kind_error"' in fieldset


def test_changing_the_service_keeps_the_shared_and_common_fields(patron_client, form_data):
    typed = {**form_data, "kind": "copy", "article_title": "Straipsnis", "pages": "3-9"}
    back = patron_client.post(NEW, {**typed, "change_kind": "1"})
    assert set(groups(back).values()) == {"hidden"}  # step 1 again, carrying what was typed
    assert value_of(back, "title") == "Metai"
    assert "checked" in re.search(r'<input type="radio" name="kind" value="copy"[^>]*>', back.content.decode()).group(0)
    carried = {name: value_of(back, name) for name in ("title", "author", "isbn", "not_needed_after", "max_cost")}
    loan = patron_client.post(NEW, {**carried, "scope": "domestic", "kind": "loan", "choose_kind": "1"})
    assert groups(loan)["copy"] == "off"
    for name in ("title", "author", "isbn", "not_needed_after", "max_cost"):
        assert value_of(loan, name) == str(form_data[name])


def test_a_copy_asks_for_the_copyright_declaration_and_a_loan_never_does(patron_client, patron, form_data):
    copy = {**form_data, "kind": "copy", "article_title": "Straipsnis", "pages": "3-9"}
    refused = patron_client.post(NEW, copy)
    assert "copyright_declared" in refused.context["form"].errors
    assert "id_copyright_declared" in assert_error_summary(refused, "lt")
    loan = patron_client.post(NEW, {**form_data, "confirm": "1"})
    assert loan.status_code == 302
    assert IllRequest.objects.get(patron=patron).copyright_declared is False


def test_the_other_services_fields_are_not_validated_or_kept(patron_client, patron, form_data):
    with_copy_fields = {**form_data, "issn": "not an issn", "pages": "x" * 500, "copyright_declared": "on"}
    confirm = patron_client.post(NEW, with_copy_fields)
    assert 'name="confirm"' in confirm.content.decode()
    assert 'name="issn"' not in confirm.content.decode()  # the confirmation sends only the loan's fields
    patron_client.post(NEW, {**with_copy_fields, "confirm": "1"})
    saved = IllRequest.objects.get(patron=patron)
    assert (saved.issn, saved.pages, saved.copyright_declared) == ("", "", False)


def test_the_form_errors_are_summarised_and_tied_to_their_fields_radio_groups_included(patron_client, form_data):
    data = {**form_data, "kind": "copy", "article_title": "", "isbn": "123", "scope": "", "copyright_declared": "on"}
    response = patron_client.post(NEW, data)
    targets = assert_error_summary(response, "lt")
    assert targets == ["id_isbn", "id_pages", "id_article_title", "id_scope_0"]
    page = response.content.decode()
    scope = re.search(r'<fieldset class="field choice has-error"[^>]*>', page).group(0)
    assert "id_scope_error" in scope
    assert value_of(response, "title") == "Metai"


def test_cancelling_asks_first_with_the_requests_details(patron_client, patron):
    request = IllRequestFactory(patron=patron, title="Metai")
    detail = patron_client.get(request.get_absolute_url()).content.decode()
    url = reverse("ill:cancel", args=[request.pk])
    assert f'href="{url}"' in detail
    page = patron_client.get(url)
    with translation.override("lt"):
        assert gettext("Cancel this request?") in page.content.decode()
        assert gettext("No, keep the request") in page.content.decode()
    assert "Metai" in page.content.decode()
    assert IllRequest.objects.get(pk=request.pk).status == Status.SUBMITTED
    assert patron_client.post(url).status_code == 302
    assert IllRequest.objects.get(pk=request.pk).status == Status.CANCELLED


def test_a_sent_request_has_no_cancel_page_and_another_patrons_is_not_found(patron_client, patron, patron2):
    sent = IllRequestFactory(patron=patron, status=Status.ORDERED)
    assert patron_client.get(reverse("ill:cancel", args=[sent.pk])).status_code == 302
    patron_client.post(reverse("ill:cancel", args=[sent.pk]))
    assert IllRequest.objects.get(pk=sent.pk).status == Status.ORDERED
    other = IllRequestFactory(patron=patron2)
    assert patron_client.post(reverse("ill:cancel", args=[other.pk])).status_code == 404
    assert IllRequest.objects.get(pk=other.pk).status == Status.SUBMITTED


def test_an_empty_message_to_the_staff_is_summarised_on_the_requests_page(patron_client, patron):
    request = IllRequestFactory(patron=patron)
    response = patron_client.post(request.get_absolute_url(), {"action": "message", "body": ""})
    assert assert_error_summary(response, "lt") == ["id_body"]
