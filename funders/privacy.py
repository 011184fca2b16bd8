"""Retention for what funders keep beyond their public records (which the core's retention command
anonymises): an opportunity's contact (name and address, usually the submitter's).

The contact is in use while the page is live, so it stays there; it is removed from old revisions
that are neither live nor the latest, and from the page and every revision once the page has been
offline, unchanged, for the retention period. Registered with the core's `purge_personal_data` hook
(funders/wagtail_hooks.py)."""

from django.db import transaction

from wagtail.log_actions import log

from funders.pages import OpportunityPage
from healthequity.core.public_forms import ANONYMISE_ACTION

__all__ = ["CONTACT_FIELDS", "purge_opportunity_contacts"]

CONTACT_FIELDS = ("contact_name", "contact_email")


def purge_opportunity_contacts(cutoff, months, dry_run=False):
    """Remove contact details the site no longer needs from opportunity pages and their revisions.
    Returns how many pages had some removed (or would have)."""
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
