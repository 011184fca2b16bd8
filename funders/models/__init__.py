"""The funders' models: vocabularies, pages, public records and the email outbox."""

from .outbox import OutgoingEmail, OutgoingEmailStatus
from .pages import (
    EMAIL_ADDRESS,
    REDACTED_EMAIL,
    RESERVED_SLUGS,
    FundersIndexPage,
    OpportunityEvent,
    OpportunityLink,
    OpportunityOrganisation,
    OpportunityPage,
    redact_email_addresses,
)
from .records import (
    InterestRegistration,
    OpportunitySubmission,
    ProblemReport,
    ProblemReportStatus,
    SubmissionStatus,
)
from .vocabularies import ACTIVITIES, ISSUES, Activity, Issue, Location, Stage

__all__ = [
    "ACTIVITIES",
    "EMAIL_ADDRESS",
    "ISSUES",
    "REDACTED_EMAIL",
    "RESERVED_SLUGS",
    "Activity",
    "FundersIndexPage",
    "InterestRegistration",
    "Issue",
    "Location",
    "OpportunityEvent",
    "OpportunityLink",
    "OpportunityOrganisation",
    "OpportunityPage",
    "OpportunitySubmission",
    "OutgoingEmail",
    "OutgoingEmailStatus",
    "ProblemReport",
    "ProblemReportStatus",
    "Stage",
    "SubmissionStatus",
    "redact_email_addresses",
]
