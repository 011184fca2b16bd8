"""Retention: personal data sent through the public forms is removed once it is older than
PERSONAL_DATA_RETENTION_MONTHS. The records stay, anonymised, so counts and history still add up;
the outbox's copies of old messages, which hold the same personal data, are deleted.

An opportunity's contact (name and address, usually the submitter's) is in use while the page is
live, so it stays there; it is removed from old revisions that are neither live nor the latest, and
from the page and every revision once the page has been offline, unchanged, for the period."""

import calendar
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from funders.models import InterestRegistration, OpportunityPage, OpportunitySubmission, OutgoingEmail, ProblemReport

__all__ = ["ANONYMISE_ACTION", "months_before", "purge_opportunity_contacts", "purge_personal_data"]

ANONYMISE_ACTION = "funders.record.anonymise"
RECORD_MODELS = (OpportunitySubmission, InterestRegistration, ProblemReport)
CONTACT_FIELDS = ("contact_name", "contact_email")


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
    counts["opportunity pages with old contact details"] = purge_opportunity_contacts(cutoff, months, dry_run)
    old_emails = OutgoingEmail.objects.filter(created_at__lt=cutoff)
    counts["outgoing emails deleted"] = old_emails.count()
    if not dry_run:
        old_emails.delete()
    return counts


def purge_opportunity_contacts(cutoff, months, dry_run=False):
    """Remove contact details the site no longer needs from opportunity pages and their revisions.
    Returns how many pages had some removed."""
    changed = 0
    for page in OpportunityPage.objects.order_by("pk").iterator():
        last_change = max(filter(None, (page.latest_revision_created_at, page.last_published_at)), default=None)
        offline_too_long = not page.live and last_change is not None and last_change < cutoff
        revisions = page.revisions.filter(created_at__lt=cutoff)
        if not offline_too_long:
            revisions = revisions.exclude(pk__in=[page.live_revision_id, page.latest_revision_id])
        stale = [
            revision
            for revision in revisions.order_by("pk")
            if any(revision.content.get(name) for name in CONTACT_FIELDS)
        ]
        page_has_contact = offline_too_long and any(getattr(page, name) for name in CONTACT_FIELDS)
        if not stale and not page_has_contact:
            continue
        changed += 1
        if dry_run:
            continue
        with transaction.atomic():
            for revision in stale:
                revision.content.update(dict.fromkeys(CONTACT_FIELDS, ""))
                revision.save(update_fields=["content"])
            if page_has_contact:
                OpportunityPage.objects.filter(pk=page.pk).update(**dict.fromkeys(CONTACT_FIELDS, ""))
            log(page, ANONYMISE_ACTION, data={"retention_months": months, "revisions": len(stale)})
    return changed
