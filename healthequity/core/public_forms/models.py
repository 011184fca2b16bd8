"""What the public forms store: the abstract `PublicRecord` every app's form records build on, and
the outbox every email about them goes through.

Records are stored the moment they arrive, before any email is sent, and are never deleted by the
site: moderation changes a status, and the retention command (`purge_personal_data`) anonymises
the personal data of every concrete `PublicRecord` once it is old enough.

An email is stored in the outbox first, then sent by a background task. A send that fails leaves
the message pending with its error and the time of its next attempt (backing off), so a mail
server being down never loses a message or the record it is about.
"""

import uuid

from django.db import models
from django.utils import timezone

__all__ = ["ANONYMISED", "OutgoingEmail", "OutgoingEmailStatus", "PublicRecord"]

ANONYMISED = "[removed]"


class PublicRecord(models.Model):
    """What every record from a public form has: a token against double submission, times, and
    the moment its personal data was removed. Subclasses list their `personal_fields`."""

    idempotency_token = models.UUIDField(
        unique=True,
        default=uuid.uuid4,
        editable=False,
        help_text="Sent with the form so a resubmission stores nothing new.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Fields holding personal data, emptied by the retention command.
    personal_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def anonymise(self):
        for name in self.personal_fields:
            field = self._meta.get_field(name)
            setattr(self, name, ANONYMISED if isinstance(field, models.CharField) and not field.blank else "")
        self.anonymised_at = timezone.now()


class OutgoingEmailStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (gave up)"


class OutgoingEmail(models.Model):
    purpose = models.CharField(
        max_length=64, help_text="Which notification this is, for example 'submission-received'."
    )
    to = models.JSONField(default=list, help_text="Recipient addresses.")
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=255)
    body = models.TextField(help_text="The plain-text part.")
    html_body = models.TextField(blank=True, help_text="The HTML part, if the message has one.")
    headers = models.JSONField(default=dict, blank=True, help_text="Extra headers, such as List-Unsubscribe.")
    status = models.CharField(
        max_length=16, choices=OutgoingEmailStatus.choices, default=OutgoingEmailStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # After a failed attempt: not before this moment (the retries back off).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Set while one process is sending, so the on-commit send and the retry command never both send it.
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outgoing email"
        # The permission to see what people told us about themselves through any public form (names,
        # addresses, messages, an opportunity's contact): Moderators and superusers hold it.
        permissions = [("view_personal_data", "Can see personal data sent through public forms")]

    def __str__(self):
        return f"{self.subject} ({self.get_status_display().lower()})"
