from django.core.management.base import BaseCommand

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Write the site search's index anew from the services, e-services, resources, events, pages, principles, "
        "branches, price-list items and news (after an import or a restore; the portal keeps it current itself)."
    )

    def handle(self, *args, **options):
        counts = search_index_rebuild()
        self.stdout.write(
            self.style.SUCCESS("Search index rebuilt: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        )
