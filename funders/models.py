"""The funders' models, for Django and for other apps: vocabularies, records and pages.

Each lives in its own module (vocabularies.py, records.py, pages.py); code inside funders imports
from those, never from here, so that this hub (which loads the pages, which load the views) is in
no import cycle.
"""

from funders.pages import (
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
from funders.records import InterestRegistration, OpportunitySubmission, SubmissionStatus
from funders.vocabularies import ACTIVITIES, ISSUES, Activity, Issue, Location, Stage

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
    "Stage",
    "SubmissionStatus",
    "redact_email_addresses",
]
