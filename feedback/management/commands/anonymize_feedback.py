from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from feedback.services import feedback_anonymize
from feedback.tasks import anonymize_schedule


class Command(BaseCommand):
    help = (
        "Remove contact details (name, e-mail, account) from closed feedback older than N days, also from its "
        "replies, notes and the mails that carried them, keeping the anonymous content for statistics, and "
        "delete the invitation addresses of closed surveys."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Feedback closed more than this many days ago (default: FEEDBACK_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only report what would change.")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Instead, start the daily background task (run by task_worker) unless it is already scheduled.",
        )

    def handle(self, *args, days: int | None, dry_run: bool, schedule: bool, **options):
        if schedule:
            started = anonymize_schedule()
            self.stdout.write("The daily anonymisation task is scheduled." if started else "Already scheduled.")
            return
        days = settings.FEEDBACK_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        counts = feedback_anonymize(older_than_days=days, dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(
            f"{verb} the contact details of {counts['feedback']} feedback closed more than {days} days ago "
            f"and {counts['invitations']} invitation addresses of closed surveys, "
            f"with {counts['mails']} e-mails to them in the task queue."
        )
