"""What email alerts store: a subscriber (one email address), their alerts (a listing page and its
query, at a frequency), the pages published for the first time, and one delivery per alert and
new page, which is what makes "once and only once" hold: it is unique, and it is marked composed
in the same transaction that puts the email in the outbox."""

from django.db import models
from django.utils import timezone

from healthequity.core.public_forms import validate_sendable_email

__all__ = ["Alert", "AlertDelivery", "Frequency", "NewPage", "Subscriber"]


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As soon as something is published"
    DAILY = "daily", "Once a day (a digest)"
    WEEKLY = "weekly", "Once a week (a digest)"


class Subscriber(models.Model):
    """An email address with alerts. Moderators alone see addresses (core.view_personal_data)."""

    email = models.EmailField(unique=True, max_length=254, validators=[validate_sendable_email])
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set when the email provider reports a bounce or a complaint: nothing is sent until the address
    # confirms an alert again.
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "alert subscriber"

    def __str__(self):
        return f"Subscriber {self.pk}"


class Alert(models.Model):
    """One filtered view of one listing page, sent to one subscriber at a frequency."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="alerts")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # The view's filters as canonical query parameters (no page number, no sort).
    query = models.CharField(max_length=2000, blank=True)
    # What the alert covers, in the words of the page's heading and filter tags, as signed up for.
    description = models.CharField(max_length=1000)
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.DAILY)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Nothing is sent until the address confirms (double opt-in); unconfirmed alerts are removed.
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "page", "query"], name="alerts_one_alert_per_view"),
        ]

    def __str__(self):
        return self.description


class NewPage(models.Model):
    """A page published for the first time, to be matched against every alert once."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField(default=timezone.now)
    matched_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self):
        return f"Page {self.page_id} published {self.published_at:%Y-%m-%d %H:%M}"


class AlertDelivery(models.Model):
    """A new page owed to an alert's subscriber: created when it matches, composed into exactly one
    email (immediately or in the next digest)."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    composed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    email = models.ForeignKey("core.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name_plural = "alert deliveries"
        constraints = [
            models.UniqueConstraint(fields=["alert", "page"], name="alerts_each_page_once_per_alert"),
        ]

    def __str__(self):
        return f"Page {self.page_id} for alert {self.alert_id}"
