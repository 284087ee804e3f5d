import datetime as dt

import pytest
from django.utils import timezone

from pricing.models import PriceItem, PriceList, Pricing, Section, Unit
from pricing.services import price_list_publish
from search.services import search_index_rebuild
from services.models import OnlineResource, Page, Principle
from tests.factories import BranchFactory, EServiceFactory, EventFactory, LibraryFactory, ServiceFactory


def published_list(*, effective_from: dt.date, items: list[tuple[str, str, str]]) -> PriceList:
    """A price list published from `effective_from` (through price_list_publish, which indexes its items), with
    fixed-price items (code, Lithuanian name, English name) in the copying section."""
    price_list = PriceList.objects.create(title="Kainoraštis", decisions="Tarybos sprendimas")
    for order, (code, name, name_en) in enumerate(items):
        PriceItem.objects.create(
            price_list=price_list,
            code=code,
            section=Section.COPYING,
            name=name,
            name_en=name_en,
            unit=Unit.PAGE,
            pricing=Pricing.FIXED,
            amount="0.10",
            order=order,
        )
    return price_list_publish(price_list=price_list, effective_from=effective_from, user=None, allow_past=True)


@pytest.fixture
def catalogue(db):
    """One row of every kind the search finds, in the languages noted, indexed as load_demo leaves them."""
    library = LibraryFactory(address="Tilžės g. 12, Šilutė", phone="8 441 78216", email="info@example.org")
    branch = BranchFactory(
        library=library,
        slug="rusne",
        name="Rusnės filialas",
        name_en="Rusnė branch",
        name_bg="Клон Русне",
        name_fi="Rusnėn sivukirjasto",
    )
    copying = ServiceFactory(
        slug="kopijavimas",
        title="Kopijavimas ir spausdinimas",
        title_en="Copying and printing",
        title_bg="Копиране и печат",
        title_fi="Kopiointi ja tulostus",
        summary="Nespalvotos ir spalvotos kopijos",
        summary_en="Black-and-white and colour copies",
        summary_bg="Черно-бели и цветни копия",
        summary_fi="Mustavalko- ja värikopiot",
    )
    # Written in Lithuanian only: every other language finds it through its Lithuanian text.
    binding = ServiceFactory(
        slug="knygrisyba", title="Knygrišyba", title_en="", summary="Įrišame baigiamuosius darbus", summary_en=""
    )
    ServiceFactory(slug="paslepta", title="Paslėpta paslauga", title_en="Hidden service", is_published=False)
    health = EServiceFactory(slug="e-sveikata", title="E. sveikata", title_en="E-health", summary_en="Health online")
    OnlineResource.objects.create(
        eservice=health,
        title="Vaistų paieška",
        title_en="Medicine finder",
        url="https://example.org/vaistai",
        language="lt",
    )
    event = EventFactory(title="Kompiuterinio raštingumo mokymai", title_en="Computer literacy training", branch=branch)
    Page.objects.create(
        slug="accessibility",
        title="Prieinamumo pareiškimas",
        title_en="Accessibility statement",
        body="## Atitiktis\nSvetainė iš dalies atitinka reikalavimus.",
        body_en="## Conformance\nThe site partly conforms to the requirements.",
    )
    Principle.objects.create(number=3, title="Pagarba", title_en="Respect", body="Gerbiame kiekvieną lankytoją.")
    published_list(
        effective_from=timezone.localdate() - dt.timedelta(days=30),
        items=[("copy-colour-a4", "Spalvota kopija A4", "Colour copy A4")],
    )
    search_index_rebuild()
    return {"branch": branch, "copying": copying, "binding": binding, "health": health, "event": event}
