"""What the alerts listen to: a page's first publication, and the email provider's reports."""

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone

from .models import NewPage, Subscriber
from .sending import match_new_pages

logger = logging.getLogger(__name__)

# Reported by django-anymail's tracking webhooks: the address must not be written to again.
SUSPENDING_EVENTS = {"bounced": "bounced", "rejected": "rejected by the provider", "complained": "marked as spam"}


def note_first_publication(sender, instance, revision=None, **kwargs):
    """A page published for the first time (Wagtail sets both times together then) is matched once."""
    first, last = instance.first_published_at, instance.last_published_at
    if first is None or last is None or first != last:
        return
    _, created = NewPage.objects.get_or_create(page_id=instance.pk)
    if created:
        transaction.on_commit(partial(match_new_pages.enqueue), robust=True)


def suspend_bouncing_address(sender, event, esp_name, **kwargs):
    reason = SUSPENDING_EVENTS.get(event.event_type)
    if not reason or not event.recipient:
        return
    when = event.timestamp or timezone.now()
    suspended = Subscriber.objects.filter(email=event.recipient.strip().lower(), suspended_at__isnull=True).update(
        suspended_at=timezone.now(), suspended_reason=f"{reason} ({esp_name}, {when:%Y-%m-%d})"
    )
    if suspended:
        logger.info("Suspended an alert address after a %s report from %s.", event.event_type, esp_name)
