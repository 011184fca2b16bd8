"""The public forms and what they share (see base.py for the protections every one carries)."""

from .base import PublicFormMixin, has_control_characters
from .public import InterestRegistrationForm, OpportunitySubmissionForm, ProblemReportForm

__all__ = [
    "InterestRegistrationForm",
    "OpportunitySubmissionForm",
    "ProblemReportForm",
    "PublicFormMixin",
    "has_control_characters",
]
