"""The outbox: every email about a public form is stored here, then sent once the record it is about
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
from django.utils import timezone

from healthequity.core.public_forms.addresses import UnsafeAddress, recipient_list
from healthequity.core.public_forms.models import OutgoingEmail, OutgoingEmailStatus
from healthequity.core.site_urls import admin_url

__all__ = ["admin_url", "deliver", "one_line", "queue", "send_pending"]

logger = logging.getLogger(__name__)

# How long one process may hold a message while it sends it.
SEND_LOCK = timedelta(minutes=5)


def one_line(text, limit=200):
    """Subjects are headers: no line breaks, and a bounded length."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def queue(purpose, to, subject, template, context, reply_to=()):
    """Store a message in the outbox and send it once the current transaction commits.

    `to` and `reply_to` are lists of addresses (a string is one address, never split). A message
    with an address we cannot send to safely is not queued at all: half a message could reach
    someone else or lose the way back.
    """
    try:
        recipients, reply_recipients = recipient_list(to), recipient_list(reply_to)
    except UnsafeAddress as error:
        logger.warning("The %s email was not queued: %s", purpose, error)
        return None
    if not recipients:
        logger.warning("No recipient for the %s email; nothing queued.", purpose)
        return None
    try:
        body = render_to_string(template, context)
        with transaction.atomic():
            message = OutgoingEmail.objects.create(
                purpose=purpose, to=recipients, reply_to=reply_recipients, subject=one_line(subject), body=body
            )
    except Exception:
        logger.exception("Could not queue the %s email.", purpose)
        return None
    transaction.on_commit(partial(deliver, message.pk), robust=True)
    return message


def deliver(pk):
    """Send one pending message. Returns True if it went; a failure is recorded and logged."""
    try:
        return _deliver(pk)
    except Exception:
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
        gave_up = attempts >= settings.EMAIL_MAX_ATTEMPTS
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
