"""What moderators do to a submission: approve (a draft page for them to check and publish), reject
with a reason, mark as spam, or reopen. Each change is one transaction and one entry in Wagtail's
log, with who and when; the submitter's emails are queued after it commits.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from funders import emails
from funders.pages import (
    REDACTED_EMAIL,
    RESERVED_SLUGS,
    FundersIndexPage,
    OpportunityEvent,
    OpportunityLink,
    OpportunityOrganisation,
    OpportunityPage,
    redact_email_addresses,
)
from funders.records import OpportunitySubmission, SubmissionStatus

__all__ = ["LOG_ACTIONS", "ModerationError", "approve", "has_redactions", "mark_spam", "reject", "reopen"]

# Registered with Wagtail's log (wagtail_hooks.py): action → (label, message).
LOG_ACTIONS = {
    "funders.submission.receive": ("Receive", "Received from the public form"),
    "funders.submission.approve": ("Approve", "Approved: draft opportunity page created"),
    "funders.submission.reject": ("Reject", "Rejected"),
    "funders.submission.spam": ("Mark as spam", "Marked as spam"),
    "funders.submission.reopen": ("Reopen", "Reopened for moderation"),
}

URL_PATTERN = re.compile(r"^https?://\S+$", re.IGNORECASE)
EMAIL_IN_URL = re.compile(r"@[\w-]+\.")


class ModerationError(Exception):
    """The change asked for does not fit the submission's state; the message says why."""


def _locked(submission):
    return OpportunitySubmission.objects.select_for_update().get(pk=submission.pk)


def approve(submission, user):
    """Create a draft opportunity page from the submission, under the funders index."""
    index_page = FundersIndexPage.objects.first()
    if index_page is None:
        raise ModerationError("There is no funders page to put the opportunity under. Create it first.")
    with transaction.atomic():
        submission = _locked(submission)
        if not submission.is_decidable:
            raise ModerationError(f"This submission is already {submission.get_status_display().lower()}.")
        try:
            with transaction.atomic():
                page = draft_page_from(submission, index_page, user)
        except ValidationError as error:
            problems = "; ".join(str(message) for message in error.messages)
            raise ModerationError(
                f"The draft page could not be created ({problems}). Nothing was changed: create the page "
                "by hand from this submission, or tell the site's developers."
            ) from error
        submission.status = SubmissionStatus.APPROVED
        submission.opportunity_page = page
        submission.save(update_fields=["status", "opportunity_page", "updated_at"])
        log(submission, "funders.submission.approve", user=user, data={"page_id": page.pk, "page_title": page.title})
    return page


def reject(submission, user, reason, notify=True):
    with transaction.atomic():
        submission = _locked(submission)
        if not submission.is_decidable:
            raise ModerationError(f"This submission is already {submission.get_status_display().lower()}.")
        submission.status = SubmissionStatus.REJECTED
        submission.rejection_reason = reason
        submission.save(update_fields=["status", "rejection_reason", "updated_at"])
        log(submission, "funders.submission.reject", user=user, data={"reason": reason, "emailed": notify})
        if notify and not submission.anonymised_at:
            emails.submission_rejected(submission)
    return submission


def mark_spam(submission, user):
    with transaction.atomic():
        submission = _locked(submission)
        if not submission.is_decidable:
            raise ModerationError(f"This submission is already {submission.get_status_display().lower()}.")
        submission.status = SubmissionStatus.SPAM
        submission.save(update_fields=["status", "updated_at"])
        log(submission, "funders.submission.spam", user=user)
    return submission


def reopen(submission, user):
    """Undo a rejection or a spam mark, so the submission can be decided again."""
    with transaction.atomic():
        submission = _locked(submission)
        if not submission.can_reopen:
            raise ModerationError("Only rejected submissions and spam can be reopened.")
        previous = submission.status
        submission.status = SubmissionStatus.NEW
        submission.save(update_fields=["status", "updated_at"])
        log(submission, "funders.submission.reopen", user=user, data={"previous_status": previous})
    return submission


# Turning what the funder typed into a page.


def paragraphs(text):
    """Plain text as rich text: escaped, blank lines between paragraphs, line breaks kept."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text or "") if block.strip()]
    return "".join("<p>" + "<br/>".join(escape(line) for line in block.splitlines()) + "</p>" for block in blocks)


def page_slug(index_page, title):
    slug = slugify(title)[:80].strip("-") or "opportunity"
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-opportunity"
    return find_available_slug(index_page, slug)


def has_redactions(page):
    """Whether email addresses were taken out of the text when the draft was made."""
    texts = [getattr(page, name) for name in page.public_text_fields]
    texts += [text for event in page.events.all() for text in (event.title, event.how_to_join)]
    return any(REDACTED_EMAIL in (text or "") for text in texts)


def draft_page_from(submission, index_page, user):
    """The submission as a draft page under the funders page, with a first revision by the moderator."""
    page = page_from(submission, index_page)
    index_page.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


def preview_page_from(submission):
    """The page approving would make, in memory only, placed in the tree as Wagtail places a new
    page it previews (nothing saved): what the moderator sees before approving."""
    index_page = FundersIndexPage.objects.first()
    if index_page is None:
        raise ModerationError("There is no funders page to put the opportunity under. Create it first.")
    page = page_from(submission, index_page)
    page.depth = index_page.depth + 1
    last_child = index_page.get_last_child()
    page.path = last_child._inc_path() if last_child else page._get_path(index_page.path, page.depth, 1)
    page.set_url_path(index_page)
    return page


def page_from(submission, index_page):
    """The submission as an unsaved opportunity page. Email addresses typed into the text are taken
    out (the page may show none), and an anonymised submission leaves the contact empty."""
    clean = redact_email_addresses
    lines = [line.strip() for line in submission.learning_and_resources.splitlines() if line.strip()]
    link_lines = [line for line in lines if URL_PATTERN.match(line) and not EMAIL_IN_URL.search(line)]
    text_lines = [clean(line) for line in lines if line not in link_lines]
    organisations = [line for line in submission.organisations.splitlines() if line.strip()]
    if submission.submitter_organisation and submission.submitter_organisation not in organisations:
        organisations.insert(0, submission.submitter_organisation)

    anonymised = submission.anonymised_at is not None
    page = OpportunityPage(
        title=clean(submission.title),
        slug=page_slug(index_page, clean(submission.title)),
        summary=clean(submission.summary),
        location=submission.location,
        stage=submission.stage,
        aims_and_activities=paragraphs(clean(submission.aims_and_activities)),
        how_to_get_involved=paragraphs(clean(submission.how_to_get_involved)),
        learning_and_resources=paragraphs("\n".join(text_lines)),
        last_reviewed=timezone.localdate(),
        contact_name="" if anonymised else submission.submitter_name,
        contact_email="" if anonymised else submission.submitter_email,
        live=False,
    )
    page.issues.set(submission.issues.all())
    page.activities.set(submission.activities.all())
    page.groups.set(submission.groups.all())
    page.topics.set(submission.topics.all())
    if submission.event_date:
        page.events.add(
            OpportunityEvent(
                title=clean(submission.event_title) or "Event",
                date=submission.event_date,
                start_time=submission.event_start_time,
                end_time=submission.event_end_time,
                how_to_join=clean(submission.event_how_to_join),
            )
        )
    for name in organisations:
        page.organisations.add(OpportunityOrganisation(name=name[:200]))
    if submission.website:
        page.links.add(OpportunityLink(title=f"{clean(submission.title)[:180]}: web page", url=submission.website))
    for url in link_lines:
        page.links.add(OpportunityLink(title=url[:200], url=url[:500]))
    return page
