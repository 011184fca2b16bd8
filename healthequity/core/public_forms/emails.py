"""The outbox: every email the site sends is stored here, then sent by a background task (Django's
task framework) once the transaction that stored it has committed. The public forms' emails are
plain text only, so nothing anyone typed can become markup in a mail reader; the alerts' emails
(the confirmation, alerts and digests) add an HTML part, and alerts their List-Unsubscribe headers.

A failure to render, store or send a message is logged and never reaches the visitor: the record
is already safe. A failed send is retried by a task deferred with a growing delay (back-off), and
the scheduled `send_pending_emails` task sends whatever is still due, so a worker that died
mid-send, or a task that was lost, delays a message but never drops it.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from django_tasks import task

from healthequity.core.public_forms.addresses import UnsafeAddress, recipient_list
from healthequity.core.public_forms.models import OutgoingEmail, OutgoingEmailStatus
from healthequity.core.site_urls import admin_url

__all__ = [
    "admin_url",
    "build_message",
    "deliver",
    "one_line",
    "queue",
    "retry_delay",
    "send_email",
    "send_pending",
    "send_soon",
]

logger = logging.getLogger(__name__)


def one_line(text, limit=200):
    """Subjects are headers: no line breaks, and a bounded length."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def queue(purpose, to, subject, template, context, reply_to=(), html_template=None):
    """Store a message in the outbox and send it once the current transaction commits.

    `to` and `reply_to` are lists of addresses (a string is one address, never split). A message
    with an address we cannot send to safely is not queued at all: half a message could reach
    someone else or lose the way back. `html_template` adds an HTML part, rendered from the same
    context with Django's autoescaping, so what a visitor typed stays text there too.
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
        html_body = render_to_string(html_template, context) if html_template else ""
        with transaction.atomic():
            message = OutgoingEmail.objects.create(
                purpose=purpose,
                to=recipients,
                reply_to=reply_recipients,
                subject=one_line(subject),
                body=body,
                html_body=html_body,
            )
    except Exception:
        logger.exception("Could not queue the %s email.", purpose)
        return None
    send_soon(message.pk)
    return message


def send_soon(pk):
    """Hand the message to the background worker once the current transaction commits."""
    transaction.on_commit(partial(send_email.enqueue, pk), robust=True)


@task()
def send_email(pk):
    """The background task that sends one message (and schedules its retry if the send fails)."""
    return deliver(pk)


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failure: doubling from the base, up to the maximum."""
    seconds = settings.EMAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.EMAIL_RETRY_MAX_SECONDS))


def deliver(pk, connection=None):
    """Send one pending message. Returns True if it went; a failure is recorded and logged."""
    try:
        return _deliver(pk, connection)
    except Exception:
        logger.exception("Could not send outgoing email %s.", pk)
        return False


def build_message(message, connection=None):
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.to,
        reply_to=message.reply_to or None,
        headers=message.headers or None,
        connection=connection,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    return email


def _deliver(pk, connection=None):
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=pk, status=OutgoingEmailStatus.PENDING)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + timedelta(seconds=settings.EMAIL_SEND_LOCK_SECONDS))
    )
    if not claimed:
        return False  # sent already, given up on, or another process is sending it
    message = OutgoingEmail.objects.get(pk=pk)
    try:
        if connection is not None and getattr(connection, "connection", True) is None:
            connection.open()  # kept open for the next messages of the run (send() would close it)
        build_message(message, connection).send()
    except Exception as error:  # noqa: BLE001 - any transport failure is retried later
        if connection is not None:
            connection.close()  # the next message opens a fresh connection
        attempts = message.attempts + 1
        gave_up = attempts >= settings.EMAIL_MAX_ATTEMPTS
        next_attempt_at = None if gave_up else timezone.now() + retry_delay(attempts)
        OutgoingEmail.objects.filter(pk=pk).update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            locked_until=None,
            next_attempt_at=next_attempt_at,
            status=OutgoingEmailStatus.FAILED if gave_up else OutgoingEmailStatus.PENDING,
        )
        if next_attempt_at and send_email.get_backend().supports_defer:
            send_email.using(run_after=next_attempt_at).enqueue(pk)
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
        status=OutgoingEmailStatus.SENT,
        sent_at=timezone.now(),
        attempts=F("attempts") + 1,
        locked_until=None,
        next_attempt_at=None,
    )
    return True


def send_pending(*, due_only=False):
    """Try every pending message once, oldest first, over one connection to the mail server.
    `due_only` leaves out those still backing off. Returns (sent, still pending or failed)."""
    sent = failed = 0
    pending = OutgoingEmail.objects.filter(status=OutgoingEmailStatus.PENDING)
    if due_only:
        pending = pending.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
    connection = get_connection()
    try:
        for pk in pending.order_by("created_at", "pk").values_list("pk", flat=True):
            if deliver(pk, connection):
                sent += 1
            else:
                failed += 1
    finally:
        connection.close()
    return sent, failed
