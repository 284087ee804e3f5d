"""Fill the benchmark database: 20 branches with hours, 500 services, the seed price list and a room (bench/run.py)."""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_portal.settings")

import django

django.setup()

import eservices  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from library_portal.demo import demo_load_prices  # noqa: E402
from pricing.models import PatronCategory, PriceList, Room  # noqa: E402
from search.services import search_index_rebuild  # noqa: E402
from services.models import Branch, Library, OpeningHours, Service, ServiceCategory  # noqa: E402

BRANCHES = 20
SERVICES = 500
CATEGORIES = 10


@transaction.atomic
def seed() -> None:
    with connection.cursor() as cursor:  # requests hold their branches: bench/ill_bench.py seeds them again
        cursor.execute("TRUNCATE ill_illrequest, ill_statuschange, ill_costline, ill_message CASCADE")
    eservices.clear()
    from bench.rooms import clear as clear_rooms  # the app `rooms` is not this file's folder's rooms.py

    clear_rooms()
    PriceList.objects.all().delete()
    Room.objects.all().delete()
    PatronCategory.objects.all().delete()
    Service.branches.through.objects.all().delete()
    Service.objects.all().delete()
    ServiceCategory.objects.all().delete()
    OpeningHours.objects.all().delete()
    Branch.objects.all().delete()
    Library.objects.all().delete()
    library = Library.objects.create(
        name_lt="Bandomoji biblioteka", name_en="Benchmark library", is_portal_library=True
    )
    branches = Branch.objects.bulk_create(
        Branch(
            library=library,
            name_lt=f"Filialas {n}",
            name_en=f"Branch {n}",
            slug=f"filialas-{n}",
            address=f"Tilžės g. {n}, Šilutė",
            municipality_lt="Šilutės rajonas",
            order=n,
        )
        for n in range(BRANCHES)
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(branch=branch, weekday=day, opens=dt.time(9), closes=dt.time(18))
        for branch in branches
        for day in range(6)
    )
    categories = ServiceCategory.objects.bulk_create(
        ServiceCategory(title_lt=f"Kategorija {n}", title_en=f"Category {n}", slug=f"kategorija-{n}", order=n)
        for n in range(CATEGORIES)
    )
    services = Service.objects.bulk_create(
        Service(
            title_lt=f"Paslauga {n}",
            title_en=f"Service {n}",
            slug=f"paslauga-{n}",
            summary_lt=f"Paslaugos {n} trumpas aprašymas skaitytojams.",
            summary_en=f"A short summary of service {n} for patrons.",
            body_lt="Išsamus aprašymas.\n\nAntra pastraipa.",
            category=categories[n % CATEGORIES],
            order=n,
        )
        for n in range(SERVICES)
    )
    Service.branches.through.objects.bulk_create(
        Service.branches.through(service_id=service.pk, branch_id=branches[(i + k) % BRANCHES].pk)
        for i, service in enumerate(services)
        for k in range(2)
    )
    demo_load_prices()
    eservices.seed(branches)
    from bench.feedback import seed as seed_feedback

    seed_feedback()
    from bench.rooms import seed as seed_rooms

    seed_rooms(branches)

    # Written past the services that index each row: the site search's index is written anew (bench/search_bench.py
    # adds its own rows for its section).
    search_index_rebuild()
    print(f"seeded {BRANCHES} branches, {SERVICES} services and the price list of seed 004")


if __name__ == "__main__":
    seed()
