"""What funders send: opportunity submissions and interest registrations.

Each is a `PublicRecord` of the core's public-form toolkit: stored the moment it arrives, before any
email is sent, and never deleted by the site: moderation changes a status, and the core's retention
command anonymises personal data.
"""

from django.db import models

from funders.vocabularies import Location, Stage
from healthequity.core.public_forms import PublicRecord, validate_sendable_email

__all__ = ["InterestRegistration", "OpportunitySubmission", "SubmissionStatus"]


class SubmissionStatus(models.TextChoices):
    NEW = "new", "New"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SPAM = "spam", "Spam"


class OpportunitySubmission(PublicRecord):
    """An opportunity as a funder sent it through "Add a collaboration opportunity"."""

    status = models.CharField(
        max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.NEW, db_index=True
    )

    # The opportunity, as typed.
    title = models.CharField(max_length=150)
    summary = models.TextField(max_length=600)
    issues = models.ManyToManyField("funders.Issue", related_name="+")
    activities = models.ManyToManyField("funders.Activity", blank=True, related_name="+")
    location = models.CharField(max_length=32, choices=Location.choices)
    stage = models.CharField(max_length=40, choices=Stage.choices)
    groups = models.ManyToManyField(
        "core.InequalityGroup", blank=True, related_name="+", verbose_name="inequality groups"
    )
    topics = models.ManyToManyField("core.Topic", blank=True, related_name="+")
    aims_and_activities = models.TextField(max_length=5000)
    how_to_get_involved = models.TextField(max_length=3000)
    event_title = models.CharField(max_length=200, blank=True)
    event_date = models.DateField(null=True, blank=True)
    event_start_time = models.TimeField(null=True, blank=True)
    event_end_time = models.TimeField(null=True, blank=True)
    event_how_to_join = models.TextField("how to join the event", max_length=600, blank=True)
    organisations = models.TextField(
        "who's involved", max_length=2000, blank=True, help_text="One organisation a line."
    )
    website = models.URLField("web page", max_length=500, blank=True)
    learning_and_resources = models.TextField(max_length=3000, blank=True)

    # Who sent it.
    submitter_name = models.CharField("name", max_length=150)
    submitter_organisation = models.CharField("organisation", max_length=200)
    submitter_role = models.CharField("role", max_length=150, blank=True)
    submitter_email = models.EmailField("email address", max_length=254, validators=[validate_sendable_email])
    consent_to_contact = models.BooleanField(default=False)
    consent_to_publish = models.BooleanField(default=False)

    # Moderation.
    rejection_reason = models.TextField(max_length=2000, blank=True)
    moderator_notes = models.TextField(max_length=4000, blank=True, help_text="Seen only by moderators.")
    opportunity_page = models.ForeignKey(
        "funders.OpportunityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        help_text="The page created when the submission was approved.",
    )
    publication_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    personal_fields = ("submitter_name", "submitter_role", "submitter_email")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "opportunity submission"

    def __str__(self):
        # Shown in admin history and log entries: the opportunity, never the person.
        return f"{self.reference}: {self.title}"

    @property
    def reference(self):
        return f"OPP-{self.pk:05d}" if self.pk else "OPP-new"

    @property
    def is_decidable(self):
        return self.status == SubmissionStatus.NEW

    @property
    def can_reopen(self):
        return self.status in (SubmissionStatus.REJECTED, SubmissionStatus.SPAM)


class InterestRegistration(PublicRecord):
    """A funder's "Register interest" in a published opportunity."""

    opportunity = models.ForeignKey(
        "funders.OpportunityPage", null=True, on_delete=models.SET_NULL, related_name="interest_registrations"
    )
    # Kept so the record still says what it was about if the page is ever deleted.
    opportunity_title = models.CharField(max_length=255)
    name = models.CharField(max_length=150)
    organisation = models.CharField(max_length=200)
    email = models.EmailField("email address", max_length=254, validators=[validate_sendable_email])
    message = models.TextField(max_length=3000, blank=True)
    consent_to_share = models.BooleanField(
        default=False, help_text="Agreed that we pass these details to the opportunity's contact."
    )

    personal_fields = ("name", "email", "message")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "interest registration"

    def __str__(self):
        return f"Interest in {self.opportunity_title} from {self.organisation}"
