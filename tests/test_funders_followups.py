"""Register interest: stored at once, emailed to the right people, and as careful with bad input as
the submission form; and every public form answering bad requests the same way."""

from django.core import mail

from wagtail.models import GroupPagePermission

import pytest

from feedback.models import ProblemReport
from funders.models import InterestRegistration
from funders.permissions import MODERATORS_GROUP
from healthequity.core.public_forms import OutgoingEmail
from tests import feedback_support, public_forms_support
from tests import funders_support as support

MODERATORS = "funders-moderators@healthequity.example"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    public_forms_support.clear_rate_limits()


@pytest.fixture
def funders_index(home_page):
    return support.FundersIndexPageFactory(parent=home_page)


@pytest.fixture
def opportunity(funders_index):
    return support.OpportunityPageFactory(
        parent=funders_index, title="Shared evaluation of link workers", slug="link-workers"
    )


REGISTER = "/funders/link-workers/register-interest/"


@pytest.mark.django_db
class TestRegisterInterest:
    def test_the_form_names_the_opportunity_and_the_privacy_notice(self, client, opportunity):
        html = client.get(REGISTER).content.decode()
        assert "Shared evaluation of link workers" in html
        assert 'href="/privacy/"' in html
        for name in ("name", "organisation", "email", "message", "consent_to_share"):
            assert f'name="{name}"' in html

    def test_a_registration_is_stored_against_the_opportunity_and_emailed(self, client, opportunity, post):
        response = post(REGISTER, support.registration_data())
        assert response.status_code == 302
        registration = InterestRegistration.objects.get()
        assert registration.opportunity_id == opportunity.pk
        assert registration.opportunity_title == "Shared evaluation of link workers"
        assert registration.consent_to_share
        assert [message.to for message in mail.outbox] == [
            ["contact-person@example.org"],
            [MODERATORS],
            ["ravi@example.org"],
        ]
        assert "ravi@example.org" in mail.outbox[0].body
        confirmation = client.get(response["Location"]).content.decode()
        assert "Interest registered" in confirmation

    def test_without_a_contact_the_moderators_are_asked_to_pass_it_on(self, funders_index, post):
        support.OpportunityPageFactory(parent=funders_index, slug="no-contact", contact_email="")
        post("/funders/no-contact/register-interest/", support.registration_data())
        assert [message.to for message in mail.outbox] == [[MODERATORS], ["ravi@example.org"]]
        assert "please pass this on" in mail.outbox[0].body

    def test_consent_is_required_and_errors_keep_the_answers(self, client, opportunity):
        response = client.post(REGISTER, support.registration_data(consent_to_share="", email="nope"))
        assert response.status_code == 400
        html = response.content.decode()
        assert '<a href="#id_consent_to_share">Confirm that we may pass your details' in html
        assert '<a href="#id_email">Enter an email address in the correct format' in html
        assert 'value="Second Funder Trust"' in html
        assert InterestRegistration.objects.count() == 0

    def test_twice_is_once(self, opportunity, post):
        data = support.registration_data()
        assert post(REGISTER, data)["Location"] == post(REGISTER, data)["Location"]
        assert InterestRegistration.objects.count() == 1
        assert len(mail.outbox) == 3

    def test_a_confirmation_belongs_to_its_opportunity(self, client, funders_index, opportunity, post):
        location = post(REGISTER, support.registration_data())["Location"]
        other = support.OpportunityPageFactory(parent=funders_index, slug="other")
        assert client.get(location.replace("/link-workers/", "/other/")).status_code == 404
        assert (
            client.get(REGISTER.replace("register-interest/", "register-interest/thank-you/?ref=forged")).status_code
            == 404
        )
        assert other.pk

    def test_honeypot_and_rate_limit_apply_here_too(self, client, opportunity, post, settings):
        settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "interest": (2, 60)}
        # A robot's post stores nothing, and counts towards its address's limit.
        assert client.post(REGISTER, support.registration_data(nickname="bot")).status_code == 400
        assert post(REGISTER, support.registration_data()).status_code == 302
        assert client.post(REGISTER, support.registration_data()).status_code == 429
        assert InterestRegistration.objects.count() == 1

    def test_script_in_a_message_stays_text(self, opportunity, post):
        post(REGISTER, support.registration_data(message="<img src=x onerror=alert(1)>"))
        assert InterestRegistration.objects.get().message == "<img src=x onerror=alert(1)>"
        assert "<img src=x onerror=alert(1)>" in mail.outbox[0].body  # plain text email, shown as typed


@pytest.mark.django_db
def test_a_new_funders_index_gives_moderators_its_page_permissions(home_page):
    index = support.FundersIndexPageFactory(parent=home_page)
    granted = set(
        GroupPagePermission.objects.filter(group__name=MODERATORS_GROUP, page=index).values_list(
            "permission__codename", flat=True
        )
    )
    assert granted == {"add_page", "change_page", "publish_page"}


@pytest.mark.django_db
def test_outbox_rows_hold_what_was_sent(opportunity, post):
    post(REGISTER, support.registration_data())
    purposes = sorted(OutgoingEmail.objects.values_list("purpose", flat=True))
    assert purposes == ["interest-confirmation", "interest-contact", "interest-notification"]


FORMS = {
    "add an opportunity": ("/funders/submit/", support.submission_data, "title"),
    "register interest": (REGISTER, support.registration_data, "message"),
    "something not right?": ("/report-a-problem/", feedback_support.problem_data, "what_is_wrong"),
}


def stored_count():
    from funders.models import OpportunitySubmission

    return OpportunitySubmission.objects.count() + InterestRegistration.objects.count() + ProblemReport.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("form", FORMS)
def test_every_public_form_answers_bad_requests_with_a_clear_4xx_and_stores_nothing(opportunity, form):
    from django.test import Client

    url, data, text_field = FORMS[form]
    client = Client()
    nul = client.post(url, data(**{text_field: "before\x00after"}))
    assert nul.status_code == 400 and b"There is a problem" in nul.content
    huge = client.post(url, data(**{text_field: "x" * 1_000_000}))
    assert huge.status_code == 413 and b"What you sent is too long" in huge.content
    for method in ("put", "patch", "delete"):
        wrong = getattr(client, method)(url)
        assert wrong.status_code == 405 and b"does not accept that kind of request" in wrong.content, method
    strict = Client(enforce_csrf_checks=True)
    no_token = strict.post(url, data())
    assert no_token.status_code == 403 and b"Your form could not be sent" in no_token.content
    strict.get(url)
    wrong_token = strict.post(url, data(csrfmiddlewaretoken="x" * 64))
    assert wrong_token.status_code == 403 and b"nothing was stored" in wrong_token.content
    assert stored_count() == 0
    assert mail.outbox == []
