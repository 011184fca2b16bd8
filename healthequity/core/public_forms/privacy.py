"""Retention: personal data sent through the public forms is removed once it is older than
PERSONAL_DATA_RETENTION_MONTHS. The records stay, anonymised, so counts and history still add up;
the outbox's copies of old messages, which hold the same personal data, are deleted.

Every concrete `PublicRecord`, whichever app defines it, is anonymised here. An app that keeps
personal data elsewhere (funders: an opportunity's contact in its page revisions) removes it in a
function registered with the `purge_personal_data` hook: it is called with the cut-off moment, the
retention in months and `dry_run`, and returns {kind of thing: how many it changed (or would)}.
"""

import calendar
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail import hooks
from wagtail.log_actions import log

from healthequity.core.public_forms.models import OutgoingEmail, PublicRecord

__all__ = [
    "ANONYMISE_ACTION",
    "OUTGOING_EMAILS_DELETED",
    "PURGE_HOOK",
    "months_before",
    "public_record_models",
    "purge_personal_data",
]

ANONYMISE_ACTION = "core.record.anonymise"
PURGE_HOOK = "purge_personal_data"
OUTGOING_EMAILS_DELETED = "outgoing emails deleted"


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day if that month is shorter)."""
    year, month_index = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month = month_index + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def public_record_models():
    """Every installed model built on `PublicRecord`."""
    return [model for model in apps.get_models() if issubclass(model, PublicRecord)]


def purge_personal_data(now=None, months=None, dry_run=False):
    """Anonymise every record that arrived before the cut-off, run each app's hook, and delete old
    outgoing emails. Returns counts by kind."""
    months = settings.PERSONAL_DATA_RETENTION_MONTHS if months is None else months
    cutoff = months_before(now or timezone.now(), months)
    counts = {}
    for model in public_record_models():
        stale = model.objects.filter(created_at__lt=cutoff, anonymised_at__isnull=True)
        counts[str(model._meta.verbose_name_plural)] = stale.count()
        if dry_run:
            continue
        for record in stale.iterator():
            with transaction.atomic():
                record.anonymise()
                record.save(update_fields=[*record.personal_fields, "anonymised_at", "updated_at"])
                log(record, ANONYMISE_ACTION, data={"retention_months": months})
    for purge in hooks.get_hooks(PURGE_HOOK):
        counts.update(purge(cutoff=cutoff, months=months, dry_run=dry_run))
    old_emails = OutgoingEmail.objects.filter(created_at__lt=cutoff)
    counts[OUTGOING_EMAILS_DELETED] = old_emails.count()
    if not dry_run:
        old_emails.delete()
    return counts
