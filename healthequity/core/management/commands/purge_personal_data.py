"""Anonymise personal data older than the retention period (run it daily, e.g. from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from healthequity.core.public_forms.privacy import OUTGOING_EMAILS_DELETED, purge_personal_data


class Command(BaseCommand):
    help = "Remove names, email addresses and messages from public form records older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help=(
                "Retention in months (default: the PERSONAL_DATA_RETENTION_MONTHS setting, "
                f"now {settings.PERSONAL_DATA_RETENTION_MONTHS})."
            ),
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be removed; change nothing.")

    def handle(self, *args, months=None, dry_run=False, **options):
        if months is not None and months < 1:
            raise CommandError("--months must be at least 1.")
        if months is None and settings.PERSONAL_DATA_RETENTION_MONTHS < 1:
            raise CommandError("PERSONAL_DATA_RETENTION_MONTHS must be at least 1; nothing was changed.")
        counts = purge_personal_data(months=months, dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        for kind, count in counts.items():
            if kind == OUTGOING_EMAILS_DELETED:
                self.stdout.write(f"{'Would delete' if dry_run else 'Deleted'} {count} old outgoing email(s).")
            else:
                self.stdout.write(f"{verb} {count} {kind}.")
