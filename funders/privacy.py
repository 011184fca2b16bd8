"""Retention: personal data sent through the public forms is removed once it is older than
PERSONAL_DATA_RETENTION_MONTHS. The records stay, anonymised, so counts and history still add up;
the outbox's copies of old messages, which hold the same personal data, are deleted."""

import calendar
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from funders.models import InterestRegistration, OpportunitySubmission, OutgoingEmail, ProblemReport

__all__ = ["ANONYMISE_ACTION", "months_before", "purge_personal_data"]

ANONYMISE_ACTION = "funders.record.anonymise"
RECORD_MODELS = (OpportunitySubmission, InterestRegistration, ProblemReport)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day if that month is shorter)."""
    year, month_index = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month = month_index + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def purge_personal_data(now=None, months=None, dry_run=False):
    """Anonymise every record that arrived before the cut-off. Returns counts by kind."""
    months = settings.PERSONAL_DATA_RETENTION_MONTHS if months is None else months
    cutoff = months_before(now or timezone.now(), months)
    counts = {}
    for model in RECORD_MODELS:
        stale = model.objects.filter(created_at__lt=cutoff, anonymised_at__isnull=True)
        counts[model._meta.verbose_name_plural] = stale.count()
        if dry_run:
            continue
        for record in stale.iterator():
            with transaction.atomic():
                record.anonymise()
                record.save(update_fields=[*record.personal_fields, "anonymised_at", "updated_at"])
                log(record, ANONYMISE_ACTION, data={"retention_months": months})
    old_emails = OutgoingEmail.objects.filter(created_at__lt=cutoff)
    counts["outgoing emails deleted"] = old_emails.count()
    if not dry_run:
        old_emails.delete()
    return counts
