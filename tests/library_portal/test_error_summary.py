"""Every public form with errors starts with a "There is a problem" summary whose links lead to the fields, each
error is tied to its field (aria-describedby), and the page title starts with "Error: "."""

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext


def assert_error_summary(response, lang: str) -> list[str]:
    """Checks the page as a screen reader meets it; returns the ids the summary links to, in order."""
    page = response.content.decode()
    with translation.override(lang):
        error_prefix, heading = gettext("Error: "), gettext("There is a problem")
    assert lang == "en" or error_prefix != "Error: ", "the prefix is not translated"
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()
    assert title.startswith(error_prefix), title
    summary = re.search(r'<div class="error-summary"[^>]*tabindex="-1"[^>]*>(.*?)</div>', page, re.S)
    assert summary, "no error summary"
    assert heading in summary.group(1)
    targets = re.findall(r'<a href="#([^"]+)">', summary.group(1))
    assert targets
    for target in targets:
        assert len(re.findall(rf'\sid="{re.escape(target)}"', page)) == 1, f"#{target} is not one element"
    described = " ".join(re.findall(r'aria-describedby="([^"]+)"', page)).split()
    errors = re.findall(r'<span class="error" id="([^"]+)"', page)
    assert errors
    for error in errors:
        assert error in described, f"{error} is tied to no field"
    return targets


def test_registration_errors_are_summarised_and_tied_to_their_fields(client, db):
    response = client.post(reverse("account_register"), {"email": "not-an-address", "consent": ""})
    targets = assert_error_summary(response, "lt")
    assert targets[:3] == ["id_first_name", "id_last_name", "id_email"]
    assert "id_consent" in targets
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*id="id_email"[^>]*>', response.content.decode()).group(0)


def test_a_form_without_errors_has_no_summary_and_a_plain_title(client, db):
    page = client.get(reverse("account_register")).content.decode()
    assert "error-summary" not in page
    with translation.override("lt"):
        assert f"<title>{gettext('Error: ')}" not in page


def test_my_account_errors_are_summarised_and_named_in_the_title(client, patron):
    client.force_login(patron)
    response = client.post(
        reverse("account_profile"), {"first_name": "Ona", "last_name": "", "preferred_language": "xx"}
    )
    targets = assert_error_summary(response, "lt")
    assert "id_preferred_language" in targets or "id_preferred_language_0" in targets
