"""The email editors get about each report, queued in the core's outbox."""

from django.conf import settings

from healthequity.core.public_forms import admin_url, queue
from healthequity.core.site_urls import absolute_url

__all__ = ["problem_reported"]


def problem_reported(report):
    # The reporter's address is personal data: editors are told one was left, moderators see it.
    queue(
        "problem-report",
        settings.PROBLEM_REPORTS_EMAIL,
        f"Something not right: {report.page_title or report.page_url or 'a page on the site'}",
        "feedback/emails/problem_report.txt",
        {
            "report": report,
            # The page's own path, stored as the page gave it, is written out in full; words typed
            # by the reporter (a title, a description) stay as they are.
            "page_address": absolute_url(report.page_url) if report.page_url.startswith("/") else report.page_url,
            "admin_url": admin_url("problem_reports:inspect", report.pk),
        },
    )
