"""One address is one recipient: an address that a comma could split (a quoted local part) is
refused where it is typed, the outbox stores and sends lists and never splits a string, and an
unsafe address already on record gets no email at all."""

from django.core import mail
from django.core.exceptions import ValidationError

import pytest

from feedback.models import ProblemReport
from funders.emails import interest_registered
from funders.models import InterestRegistration, OpportunitySubmission
from healthequity.core.public_forms import (
    OutgoingEmail,
    UnsafeAddress,
    queue,
    recipient_list,
    validate_sendable_email,
)
from tests import feedback_support, public_forms_support
from tests import funders_support as support

SPLITTABLE = '"a,victim@evil.example,b"@example.org'
UNSAFE_ADDRESSES = [
    SPLITTABLE,
    '"victim@evil.example"@example.org',
    '"a;victim@evil.example"@example.org',
    "a@example.org,victim@evil.example",
    "Name <a@example.org>",
]
TEMPLATE = "feedback/emails/problem_report.txt"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    public_forms_support.clear_rate_limits()


@pytest.fixture
def funders_index(home_page):
    return support.FundersIndexPageFactory(parent=home_page)


@pytest.fixture
def opportunity(funders_index):
    return support.OpportunityPageFactory(parent=funders_index, title="Link workers", slug="link-workers")


@pytest.mark.parametrize("address", UNSAFE_ADDRESSES)
def test_addresses_a_comma_could_split_are_refused(address):
    with pytest.raises(ValidationError):
        validate_sendable_email(address)
    with pytest.raises(UnsafeAddress):
        recipient_list([address])


@pytest.mark.parametrize("address", ["ravi@example.org", "o'neil+funders@example.org", "a.b@xn--bcher-kva.example"])
def test_everyday_addresses_are_kept_whole(address):
    validate_sendable_email(address)
    assert recipient_list(address) == [address]


@pytest.mark.django_db
class TestPublicFormsRefuseThem:
    def test_submitting_an_opportunity(self, client, funders_index, post):
        response = post("/funders/submit/", support.submission_data(submitter_email=SPLITTABLE))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Enter an email address in the correct format" in html
        assert 'aria-invalid="true"' in html
        assert not OpportunitySubmission.objects.exists()
        assert mail.outbox == []

    def test_registering_interest(self, client, opportunity, post):
        response = post("/funders/link-workers/register-interest/", support.registration_data(email=SPLITTABLE))
        assert response.status_code == 400
        assert "Enter an email address in the correct format" in response.content.decode()
        assert not InterestRegistration.objects.exists()
        assert mail.outbox == []

    def test_reporting_a_problem(self, client, home_page, post):
        response = post("/report-a-problem/", feedback_support.problem_data(email=SPLITTABLE))
        assert response.status_code == 400
        assert "Enter an email address in the correct format" in response.content.decode()
        assert not ProblemReport.objects.exists()

    def test_an_editor_cannot_give_an_opportunity_such_a_contact(self, opportunity):
        opportunity.contact_email = SPLITTABLE
        with pytest.raises(ValidationError) as refused:
            opportunity.full_clean()
        assert "contact_email" in refused.value.message_dict


@pytest.mark.django_db
class TestTheOutbox:
    def test_recipients_are_stored_and_sent_as_a_list(self, settings, django_capture_on_commit_callbacks):
        settings.PROBLEM_REPORTS_EMAIL = ["one@example.org", "two@example.org"]
        with django_capture_on_commit_callbacks(execute=True):
            queue("test", settings.PROBLEM_REPORTS_EMAIL, "Subject", TEMPLATE, {}, reply_to="reply@example.org")
        stored = OutgoingEmail.objects.get()
        assert stored.to == ["one@example.org", "two@example.org"]
        assert stored.reply_to == ["reply@example.org"]
        assert [(message.to, message.reply_to) for message in mail.outbox] == [
            (["one@example.org", "two@example.org"], ["reply@example.org"])
        ]

    def test_a_string_is_one_address_never_split(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            assert queue("test", "a@example.org,victim@evil.example", "Subject", TEMPLATE, {}) is None
        assert not OutgoingEmail.objects.exists()
        assert mail.outbox == []

    def test_an_unsafe_address_on_record_gets_no_email_and_nobody_else_does(
        self, opportunity, django_capture_on_commit_callbacks
    ):
        # Stored before addresses were checked: emailing about it must not reach a third party.
        registration = support.InterestRegistrationFactory(opportunity=opportunity, email=SPLITTABLE)
        with django_capture_on_commit_callbacks(execute=True):
            interest_registered(registration, opportunity)
        recipients = [address for message in mail.outbox for address in message.to + message.reply_to]
        assert not any("evil.example" in address for address in recipients)
        assert sorted(OutgoingEmail.objects.values_list("purpose", flat=True)) == ["interest-notification"]
