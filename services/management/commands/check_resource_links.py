from django.core.management.base import BaseCommand

from services.services import resource_links_check


class Command(BaseCommand):
    help = "Check the address of every e-service online resource and list the dead ones (exit status 1 if any)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each address.")

    def handle(self, *args, timeout: float, **options):
        checks = resource_links_check(timeout=timeout)
        dead = [check for check in checks if not check.ok]
        for check in dead:
            self.stdout.write(
                f"DEAD {check.resource.url} ({check.result}) – {check.resource.eservice}: {check.resource.title}"
            )
        summary = f"{len(checks)} addresses checked, {len(dead)} dead."
        self.stdout.write(self.style.ERROR(summary) if dead else self.style.SUCCESS(summary))
        if dead:
            raise SystemExit(1)
