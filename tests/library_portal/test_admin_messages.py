"""Django's own admin messages reach staff in their language, in sentences that hold: Django's Lithuanian catalogue
lacks the current success messages and declines no model name, so the portal supplies them
(library_portal/django_locale)."""

import html
import re

import pytest

from services.models import ServiceCategory
from tests.factories import ServiceCategoryFactory

CHANGED = {
    "lt": "Įrašas „Skaitykla“ (paslaugų kategorija) sėkmingai pakeistas.",
    "en": "The service category “Skaitykla” was changed successfully.",
    "bg": "Обектът категория услуги “Skaitykla” бе успешно променен.",
    "fi": 'Palvelukategoria "Skaitykla" on muokattu.',
}
LIST_TITLE = {
    "lt": "Pasirinkite, ką keisti: paslaugų kategorija",
    "en": "Select service category to change",
    "bg": "Изберете категория услуги за промяна",
    "fi": "Valitse muokattava palvelukategoria",
}


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_the_admins_own_success_message_and_list_title_are_in_the_staff_members_language(client, librarian, lang):
    librarian.preferred_language = lang
    librarian.save(update_fields=["preferred_language"])
    client.force_login(librarian)
    category = ServiceCategoryFactory(title="Skaitykla", slug="skaitykla")
    data = {"title_lt": "Skaitykla", "slug": "skaitykla", "order": "2", "description_lt": ""}
    page = client.post(f"/admin/services/servicecategory/{category.pk}/change/", data, follow=True)
    assert ServiceCategory.objects.get().order == 2
    shown = html.unescape(page.content.decode())
    text = re.sub(r"<[^>]+>", "", shown)  # the message links the object's name
    assert CHANGED[lang] in text
    assert f"<h1>{LIST_TITLE[lang]}</h1>" in shown
