"""The funders' public side: the listing, an opportunity, and its two forms (add an opportunity,
register interest), each following the core's one path for public forms (`handle_public_form`).

The pages' routes (funders/pages.py) call these with the page; nothing here imports the pages.
"""

from wagtail.log_actions import log

from funders import emails
from funders.filters import OpportunityFinder
from funders.forms import InterestRegistrationForm, OpportunitySubmissionForm
from funders.records import InterestRegistration, OpportunitySubmission
from healthequity.core.public_forms import (
    READ_METHODS,
    confirmation_page,
    handle_public_form,
    help_email,
    method_not_allowed,
)

# Where people can write when a funders' form will not do.
HELP_EMAIL_SETTING = "FUNDERS_MODERATORS_EMAIL"


# The listing and an opportunity.


def opportunity_listing(request, index_page):
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    finder = OpportunityFinder(request.GET, index_page, request=request, per_page=index_page.per_page)
    return index_page.render(
        request,
        context_overrides={
            **finder.get_context(),
            "submit_url": index_page.url + index_page.reverse_subpage("submit"),
        },
    )


def index_context(index_page):
    """Links back to the funders index (there is only one), for pages under it."""
    if index_page is None:
        return {"index_page": None, "index_url": "", "submit_url": ""}
    return {
        "index_page": index_page,
        "index_url": index_page.url,
        "submit_url": index_page.url + index_page.reverse_subpage("submit"),
    }


def opportunity_detail(request, page, index_page):
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    return page.render(
        request,
        context_overrides={
            **index_context(index_page),
            "register_url": (page.url or "") + page.reverse_subpage("register_interest"),
        },
    )


# Add a collaboration opportunity.


def submission_received(submission):
    """Start the submission's history (by the public form: no user) and queue its emails."""
    log(submission, "funders.submission.receive")
    emails.submission_received(submission)


def submit_opportunity(request, index_page):
    return handle_public_form(
        request,
        form_class=OpportunitySubmissionForm,
        template_name="funders/submit.html",
        context={"page": index_page, **index_context(index_page)},
        rate_limit="submission",
        confirmation_path=index_page.url + index_page.reverse_subpage("submit_thank_you"),
        notify=submission_received,
        identity_field="submitter_email",
        help_address=help_email(HELP_EMAIL_SETTING),
    )


def submission_confirmation(request, index_page):
    return confirmation_page(
        request, OpportunitySubmission, "funders/submit_confirmation.html", "submission", {"page": index_page}
    )


# Register interest.


def register_interest(request, page, index_page):
    def prepare(registration):
        registration.opportunity = page
        registration.opportunity_title = page.title

    return handle_public_form(
        request,
        form_class=InterestRegistrationForm,
        template_name="funders/register_interest.html",
        context={"page": page, **index_context(index_page)},
        rate_limit="interest",
        confirmation_path=page.url + page.reverse_subpage("register_interest_thank_you"),
        notify=lambda registration: emails.interest_registered(registration, page),
        identity_field="email",
        help_address=help_email(HELP_EMAIL_SETTING),
        prepare=prepare,
    )


def registration_confirmation(request, page):
    return confirmation_page(
        request,
        InterestRegistration,
        "funders/register_interest_confirmation.html",
        "registration",
        {"page": page},
        belongs=lambda registration: registration.opportunity_id == page.pk,
    )
