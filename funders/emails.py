"""The emails funders' pages send, each queued in the core's outbox (healthequity.core.public_forms)
and sent once the record it is about has been committed."""

from django.conf import settings
from django.utils import timezone

from healthequity.core.public_forms import admin_url, queue

__all__ = [
    "interest_registered",
    "opportunity_published",
    "submission_received",
    "submission_rejected",
]


def submission_received(submission):
    context = {
        "submission": submission,
        "admin_url": admin_url("opportunity_submissions:inspect", submission.pk),
    }
    queue(
        "submission-confirmation",
        submission.submitter_email,
        f"We have received your collaboration opportunity ({submission.reference})",
        "funders/emails/submission_confirmation.txt",
        context,
        # It asks the funder to reply quoting the reference: the reply goes to the moderators.
        reply_to=settings.FUNDERS_MODERATORS_EMAIL,
    )
    queue(
        "submission-notification",
        settings.FUNDERS_MODERATORS_EMAIL,
        f"New collaboration opportunity to review: {submission.title}",
        "funders/emails/submission_notification.txt",
        context,
    )


def submission_rejected(submission):
    queue(
        "submission-rejected",
        submission.submitter_email,
        f"Your collaboration opportunity ({submission.reference})",
        "funders/emails/submission_rejected.txt",
        {"submission": submission},
        reply_to=settings.FUNDERS_MODERATORS_EMAIL,
    )


def opportunity_published(submission, page):
    queue(
        "submission-published",
        submission.submitter_email,
        f"Your collaboration opportunity is now published: {page.title}",
        "funders/emails/submission_published.txt",
        {"submission": submission, "page": page, "page_url": page.full_url},
        reply_to=settings.FUNDERS_MODERATORS_EMAIL,
    )
    type(submission).objects.filter(pk=submission.pk).update(publication_notice_sent_at=timezone.now())


def interest_registered(registration, page):
    context = {
        "registration": registration,
        "page": page,
        "page_url": page.full_url,
        "has_contact": bool(page.contact_email),
        "admin_url": admin_url("interest_registrations:inspect", registration.pk),
    }
    if page.contact_email:
        queue(
            "interest-contact",
            page.contact_email,
            f"A funder has registered interest in {page.title}",
            "funders/emails/interest_contact.txt",
            context,
            reply_to=registration.email,
        )
    queue(
        "interest-notification",
        settings.FUNDERS_MODERATORS_EMAIL,
        f"Interest registered in {page.title}",
        "funders/emails/interest_notification.txt",
        context,
    )
    queue(
        "interest-confirmation",
        registration.email,
        f"You have registered interest in {page.title}",
        "funders/emails/interest_confirmation.txt",
        context,
        reply_to=settings.FUNDERS_MODERATORS_EMAIL,
    )
