from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from library_portal.demo import (
    demo_load,
    demo_load_eservices,
    demo_load_feedback,
    demo_load_ill,
    demo_load_news,
    demo_load_prices,
    demo_load_rooms,
    demo_patron_feedback,
    demo_register_patron,
)
from search.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Load the demo library, branches, services, principles, pages, price list, interlibrary loan, e-services, "
        "feedback, room booking and news from the data files under each app's fixtures/demo/ (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help="Also create the demo accounts when DEBUG is off (they are always created when DEBUG is on).",
        )
        parser.add_argument("--no-accounts", action="store_true", help="Never create the demo accounts.")

    def handle(self, *args, with_accounts: bool, no_accounts: bool, **options):
        if with_accounts and no_accounts:
            raise CommandError("Choose one of --with-accounts and --no-accounts.")
        accounts = (settings.DEBUG or with_accounts) and not no_accounts
        counts = demo_load(with_accounts=accounts, year=timezone.localdate().year)
        counts |= demo_load_prices()
        counts |= demo_load_ill(with_requests=accounts)
        counts |= demo_load_eservices()
        counts |= demo_load_feedback()
        counts |= demo_load_rooms(with_bookings=accounts)
        counts |= demo_load_news()
        if accounts:
            # The demo patron's own activity, so that My account shows a registration and feedback too.
            counts |= demo_register_patron()
            counts |= demo_patron_feedback()
        # The demo is written straight into the tables, past the services that index each row: index it all at once.
        counts["searched rows"] = sum(search_index_rebuild().values())
        self.stdout.write(self.style.SUCCESS("Demo data loaded: " + ", ".join(f"{k} {v}" for k, v in counts.items())))
        if accounts:
            self.stdout.write(f"Demo accounts use the password from DEMO_PASSWORD ({settings.DEMO_PASSWORD!r}).")
