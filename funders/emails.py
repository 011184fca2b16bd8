"""Every email the funders' pages send: stored in the outbox, then sent once the record it is about
has been committed. Plain text only, so nothing anyone typed can become markup in a mail reader.

A failure to render, store or send a message is logged and never reaches the visitor: the record
is already safe, and `send_pending_emails` retries what is still pending.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from funders.models import OutgoingEmail, OutgoingEmailStatus

__all__ = [
    "deliver",
    "interest_registered",
    "opportunity_published",
    "problem_reported",
    "send_pending",
    "submission_received",
    "submission_rejected",
]

logger = logging.getLogger(__name__)

# How long one process may hold a message while it sends it.
SEND_LOCK = timedelta(minutes=5)


def addresses(value):
    """A setting holding one address, several separated by commas, or a list."""
    if isinstance(value, str):
        value = value.split(",")
    return [address.strip() for address in value if address and address.strip()]


def one_line(text, limit=200):
    """Subjects are headers: no line breaks, and a bounded length."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def admin_url(url_name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, args=args)


def queue(purpose, to, subject, template, context, reply_to=()):
    """Store a message in the outbox and send it once the current transaction commits."""
    recipients = addresses(to)
    if not recipients:
        logger.warning("No recipient for the %s email; nothing queued.", purpose)
        return None
    try:
        body = render_to_string(template, context)
        with transaction.atomic():
            message = OutgoingEmail.objects.create(
                purpose=purpose, to=recipients, reply_to=addresses(reply_to), subject=one_line(subject), body=body
            )
    except Exception:  # noqa: BLE001 - an email must never cost the visitor their record
        logger.exception("Could not queue the %s email.", purpose)
        return None
    transaction.on_commit(partial(deliver, message.pk), robust=True)
    return message


def deliver(pk):
    """Send one pending message. Returns True if it went; a failure is recorded and logged."""
    try:
        return _deliver(pk)
    except Exception:  # noqa: BLE001 - e.g. the database went away; the message stays pending
        logger.exception("Could not send outgoing email %s.", pk)
        return False


def _deliver(pk):
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=pk, status=OutgoingEmailStatus.PENDING)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + SEND_LOCK)
    )
    if not claimed:
        return False  # sent already, given up on, or another process is sending it
    message = OutgoingEmail.objects.get(pk=pk)
    try:
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=message.to,
            reply_to=message.reply_to or None,
        ).send()
    except Exception as error:  # noqa: BLE001 - any transport failure is retried later
        attempts = message.attempts + 1
        gave_up = attempts >= settings.FUNDERS_EMAIL_MAX_ATTEMPTS
        OutgoingEmail.objects.filter(pk=pk).update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            locked_until=None,
            status=OutgoingEmailStatus.FAILED if gave_up else OutgoingEmailStatus.PENDING,
        )
        logger.warning(
            "Sending outgoing email %s (%s) failed on attempt %s%s: %s",
            pk,
            message.purpose,
            attempts,
            "; giving up" if gave_up else "; it stays pending",
            error,
        )
        return False
    OutgoingEmail.objects.filter(pk=pk).update(
        status=OutgoingEmailStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, locked_until=None
    )
    return True


def send_pending():
    """Try every pending message once, oldest first. Returns (sent, still pending or failed)."""
    sent = failed = 0
    pending = OutgoingEmail.objects.filter(status=OutgoingEmailStatus.PENDING).order_by("created_at", "pk")
    for pk in pending.values_list("pk", flat=True):
        if deliver(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed


# The notifications.


def submission_received(submission):
    context = {
        "submission": submission,
        "admin_url": admin_url("opportunity_submissions:inspect", submission.pk),
    }
    queue(
        "submission-confirmation",
        submission.submitter_email,
        f"We have received your collaboration opportunity ({submission.reference})",
        "funders/emails/submission_confirmation.txt",
        context,
    )
    queue(
        "submission-notification",
        settings.FUNDERS_MODERATORS_EMAIL,
        f"New collaboration opportunity to review: {submission.title}",
        "funders/emails/submission_notification.txt",
        context,
    )


def submission_rejected(submission):
    queue(
        "submission-rejected",
        submission.submitter_email,
        f"Your collaboration opportunity ({submission.reference})",
        "funders/emails/submission_rejected.txt",
        {"submission": submission},
        reply_to=settings.FUNDERS_MODERATORS_EMAIL,
    )


def opportunity_published(submission, page):
    queue(
        "submission-published",
        submission.submitter_email,
        f"Your collaboration opportunity is now published: {page.title}",
        "funders/emails/submission_published.txt",
        {"submission": submission, "page": page, "page_url": page.full_url},
        reply_to=settings.FUNDERS_MODERATORS_EMAIL,
    )
    type(submission).objects.filter(pk=submission.pk).update(publication_notice_sent_at=timezone.now())


def interest_registered(registration, page):
    context = {
        "registration": registration,
        "page": page,
        "page_url": page.full_url,
        "has_contact": bool(page.contact_email),
        "admin_url": admin_url("interest_registrations:inspect", registration.pk),
    }
    if page.contact_email:
        queue(
            "interest-contact",
            page.contact_email,
            f"A funder has registered interest in {page.title}",
            "funders/emails/interest_contact.txt",
            context,
            reply_to=registration.email,
        )
    queue(
        "interest-notification",
        settings.FUNDERS_MODERATORS_EMAIL,
        f"Interest registered in {page.title}",
        "funders/emails/interest_notification.txt",
        context,
    )
    queue(
        "interest-confirmation",
        registration.email,
        f"You have registered interest in {page.title}",
        "funders/emails/interest_confirmation.txt",
        context,
        reply_to=settings.FUNDERS_MODERATORS_EMAIL,
    )


def problem_reported(report):
    # The reporter's address is personal data: editors are told one was left, moderators see it.
    queue(
        "problem-report",
        settings.PROBLEM_REPORTS_EMAIL,
        f"Something not right: {report.page_title or report.page_url or 'a page on the site'}",
        "funders/emails/problem_report.txt",
        {"report": report, "admin_url": admin_url("problem_reports:inspect", report.pk)},
    )
