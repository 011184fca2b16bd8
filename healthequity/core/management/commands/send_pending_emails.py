"""Send every email still pending in the outbox now, by hand (the scheduler runs the same as a task)."""

from django.core.management.base import BaseCommand

from healthequity.core.public_forms.emails import send_pending


class Command(BaseCommand):
    help = "Send every pending email in the outbox; failures stay pending until the attempt limit."

    def handle(self, *args, **options):
        sent, not_sent = send_pending()
        self.stdout.write(f"Sent {sent} email(s); {not_sent} still not sent.")
        if not_sent:
            self.stderr.write("Some emails could not be sent; see the log and the admin's email outbox.")
