"""A reader's "Something not right?" report about a page, a `PublicRecord` of the core's public-form
toolkit: stored the moment it arrives, resolved by editors, anonymised by the retention command."""

from django.db import models

from healthequity.core.public_forms import PublicRecord, validate_sendable_email

__all__ = ["ProblemReport", "ProblemReportStatus"]


class ProblemReportStatus(models.TextChoices):
    NEW = "new", "New"
    RESOLVED = "resolved", "Resolved"
    NO_ACTION = "no-action", "No action needed"


class ProblemReport(PublicRecord):
    """ "Something not right?" about a page on the site."""

    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    page_url = models.CharField("page address", max_length=500, blank=True)
    page_title = models.CharField(max_length=255, blank=True)
    what_is_wrong = models.TextField(max_length=2000)
    email = models.EmailField(
        "reporter's email address", max_length=254, blank=True, validators=[validate_sendable_email]
    )
    status = models.CharField(
        max_length=16, choices=ProblemReportStatus.choices, default=ProblemReportStatus.NEW, db_index=True
    )
    editor_notes = models.TextField(max_length=4000, blank=True)

    personal_fields = ("email",)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "problem report"

    def __str__(self):
        return f"Problem with {self.page_title or self.page_url or 'a page'}"
