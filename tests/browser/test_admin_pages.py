"""Every back-office page the portal customises opens for the staff who use it, as a librarian and as a manager:
it answers 200, no form sits inside another (a browser would drop the inner one and its button would do nothing),
and axe-core finds no WCAG 2 A/AA violation. The controls on these pages are clicked, and their effects checked
in the database, in tests/browser/test_admin_buttons.py and the journeys."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from playwright.sync_api import expect

from feedback.models import Feedback, Survey
from ill.models import IllRequest, PartnerLibrary
from library_portal.demo import demo_load_eservices, demo_load_feedback
from library_portal.models import User
from pricing.models import PriceList
from pricing.services import price_list_copy
from services.models import Event
from tests.browser.conftest import assert_accessible
from tests.browser.test_admin_buttons import assert_no_nested_form, staff_log_in
from tests.browser.test_ill_journey import ill_demo  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser


def pages_for(role: str) -> list[str]:
    """The customised pages: change forms with their own buttons, the portal's own admin views, the staff pages."""
    ill_request = IllRequest.objects.filter(partner__isnull=False).order_by("pk").first()
    feedback = Feedback.objects.order_by("pk").first()
    event = Event.objects.order_by("starts_at").first()
    published = PriceList.objects.get(status=PriceList.Status.PUBLISHED)
    pages = [
        reverse("admin:index"),
        reverse("admin:staff_language"),
        reverse("admin:ill_illrequest_changelist"),
        reverse("admin:ill_illrequest_change", args=[ill_request.pk]),
        reverse("admin:ill_illrequest_enter"),
        reverse("admin:feedback_feedback_changelist"),
        reverse("admin:feedback_feedback_change", args=[feedback.pk]),
        reverse("admin:feedback_feedback_reply", args=[feedback.pk]),
        reverse("admin:feedback_feedback_note", args=[feedback.pk]),
        reverse("admin:feedback_feedback_status", args=[feedback.pk]),
        reverse("admin:pricing_pricelist_change", args=[published.pk]),
        reverse("admin:services_event_change", args=[event.pk]),
        "/lt/staff/consultations/",
        f"/lt/staff/events/{event.pk}/",
    ]
    if role == "manager":
        draft = PriceList.objects.filter(status=PriceList.Status.DRAFT).first() or price_list_copy(source=published)
        pages += [
            reverse("admin:feedback_feedback_anonymize"),
            reverse("admin:library_portal_failedtask_changelist"),
            reverse("admin:pricing_pricelist_change", args=[draft.pk]),
            reverse("admin:pricing_pricelist_publish", args=[draft.pk]),
            reverse("admin:ill_partnerlibrary_change", args=[PartnerLibrary.objects.order_by("pk").first().pk]),
            reverse("admin:feedback_survey_publish", args=[Survey.objects.order_by("pk").first().pk]),
            "/lt/staff/e-service-statistics/",
        ]
    return pages


@pytest.mark.parametrize("role", ["librarian", "manager"])
def test_every_customised_back_office_page_opens_with_no_nested_form_and_passes_axe(
    page,
    live_server,
    ill_demo,  # noqa: F811 - the fixture imported above
    role,
):
    demo_load_eservices()
    demo_load_feedback()
    group = Group.objects.get(name=role.capitalize())
    user = User.objects.get(email=f"{role}@example.org")
    user.preferred_language = "lt"
    user.save(update_fields=["preferred_language"])
    assert user.groups.filter(pk=group.pk).exists()
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="services", codename__in=["add_consultation", "view_statistics"]
        )
    )
    staff_log_in(page, live_server.url, user.email, "/admin/")
    for path in pages_for(role):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        expect(page.locator("body")).to_be_visible()
        assert_no_nested_form(page, response)
        assert_accessible(page)
