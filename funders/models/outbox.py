"""The outbox: every email the funders' pages send is stored here first, then sent.

A send that fails leaves the message pending with its error, for `send_pending_emails` to retry,
so a mail server being down never loses a message or the record it is about.
"""

from django.db import models
from django.utils import timezone

__all__ = ["OutgoingEmail", "OutgoingEmailStatus"]


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
    body = models.TextField()
    status = models.CharField(
        max_length=16, choices=OutgoingEmailStatus.choices, default=OutgoingEmailStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set while one process is sending, so the on-commit send and the retry command never both send it.
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outgoing email"

    def __str__(self):
        return f"{self.subject} ({self.get_status_display().lower()})"
