"""The funders' models: vocabularies, pages, public records and the email outbox."""

from .outbox import OutgoingEmail, OutgoingEmailStatus
from .pages import (
    RESERVED_SLUGS,
    FundersIndexPage,
    OpportunityEvent,
    OpportunityLink,
    OpportunityOrganisation,
    OpportunityPage,
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
    "ISSUES",
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
]
