from django.core.management.base import BaseCommand

from services.links import url_check
from services.models import OnlineResource
from services.services import online_resource_check_record


class Command(BaseCommand):
    help = "Check the address of every e-service online resource and list the dead ones (exit status 1 if any)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each address.")

    def handle(self, *args, timeout: float, **options):
        resources = OnlineResource.objects.select_related("eservice").order_by("eservice__order", "order", "pk")
        checked, dead = 0, []
        for resource in resources:
            ok, result = url_check(resource.url, timeout=timeout)
            online_resource_check_record(resource=resource, ok=ok, result=result)
            checked += 1
            if not ok:
                dead.append((resource, result))
        for resource, result in dead:
            self.stdout.write(f"DEAD {resource.url} ({result}) – {resource.eservice}: {resource.title}")
        summary = f"{checked} addresses checked, {len(dead)} dead."
        self.stdout.write(self.style.ERROR(summary) if dead else self.style.SUCCESS(summary))
        if dead:
            raise SystemExit(1)
