"""The whole journey, as people make it: a funder submits, a moderator approves and publishes, a
visitor finds the opportunity by its filters, a second funder registers interest. Every email lands
in the outbox, addressed to the right people."""

from django.core import mail
from django.test import Client

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from funders.models import InterestRegistration, OpportunityPage, OpportunitySubmission
from healthequity.core.public_forms import OutgoingEmail
from tests import funders_support as support
from tests import public_forms_support

MODERATORS = "funders-moderators@healthequity.example"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    public_forms_support.clear_rate_limits()


@pytest.mark.django_db
def test_submit_moderate_publish_find_register(home_page, django_user_model, django_capture_on_commit_callbacks):
    support.FundersIndexPageFactory(parent=home_page)
    first_funder, moderator_browser, visitor = Client(), Client(), Client()
    moderator = support.make_moderator(django_user_model)
    moderator_browser.force_login(moderator)

    # 1. A funder adds an opportunity through the public form.
    form_page = first_funder.get("/funders/submit/")
    assert form_page.status_code == 200
    data = support.submission_data(
        title="Coastal loneliness partnership",
        issues=["mental-health"],
        activities=["pooled-funding"],
        location="south-west",
        stage="emerging-opportunity",
        groups=["coastal-communities"],
        topics=["mental-health"],
        event_title="Introductory call",
        event_date="2099-05-04",
        event_start_time="10:00",
        event_end_time="11:00",
        event_how_to_join="Online; register interest to get the link.",
        submitter_email="first.funder@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirmation_url = first_funder.post("/funders/submit/", data)["Location"]
    assert "Opportunity received" in first_funder.get(confirmation_url).content.decode()
    submission = OpportunitySubmission.objects.get()
    assert [message.to for message in mail.outbox] == [["first.funder@example.org"], [MODERATORS]]

    # 2. A moderator finds it in the admin and approves it: a draft page, not yet public.
    listing = moderator_browser.get("/admin/funders/submissions/?status=new").content.decode()
    assert "Coastal loneliness partnership" in listing
    with django_capture_on_commit_callbacks(execute=True):
        edit_url = moderator_browser.post(f"/admin/funders/submissions/approve/{submission.pk}/")["Location"]
    page = OpportunityPage.objects.get()
    assert edit_url == f"/admin/pages/{page.pk}/edit/"
    assert visitor.get("/funders/coastal-loneliness-partnership/").status_code == 404
    assert "Coastal loneliness partnership" not in visitor.get("/funders/").content.decode()

    # 3. The moderator checks the draft in the editor and publishes it.
    form = moderator_browser.get(edit_url).context["form"]
    assert form["title"].value() == "Coastal loneliness partnership"
    assert form["contact_email"].value() == "first.funder@example.org"
    publish = nested_form_data(
        {
            "title": "Coastal loneliness partnership",
            "slug": page.slug,
            "summary": page.summary,
            "location": "south-west",
            "stage": "emerging-opportunity",
            "aims_and_activities": rich_text(page.aims_and_activities),
            "how_to_get_involved": rich_text(page.how_to_get_involved),
            "learning_and_resources": rich_text(""),
            "last_reviewed": "2026-11-01",
            "contact_name": page.contact_name,
            "contact_email": page.contact_email,
            "events": inline_formset(
                [
                    {
                        "id": event.pk,
                        "title": event.title,
                        "date": str(event.date),
                        "start_time": "10:00",
                        "end_time": "11:00",
                        "how_to_join": event.how_to_join,
                    }
                    for event in page.events.all()
                ],
                initial=page.events.count(),
            ),
            "organisations": inline_formset(
                [{"id": org.pk, "name": org.name, "role": "", "website": ""} for org in page.organisations.all()],
                initial=page.organisations.count(),
            ),
            "links": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    for field in ("issues", "activities", "groups", "topics"):
        publish[field] = [str(pk) for pk in getattr(page, field).values_list("pk", flat=True)]
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_browser.post(edit_url, publish)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.live
    assert [message.to for message in mail.outbox[2:]] == [["first.funder@example.org"]]
    assert "now published" in mail.outbox[2].subject
    assert "/funders/coastal-loneliness-partnership/" in mail.outbox[2].body

    # 4. A visitor finds it by its filters, and it says nothing of its contact.
    found = visitor.get("/funders/?issue=mental-health&location=south-west&group=coastal-communities")
    assert [item.title for item in found.context["listing"].object_list] == ["Coastal loneliness partnership"]
    assert "Displaying 1–1 of 1 result" in found.content.decode()
    assert visitor.get("/funders/?location=london").context["listing"].paginator.count == 0
    detail = visitor.get("/funders/coastal-loneliness-partnership/").content.decode()
    assert "Introductory call" in detail
    assert "first.funder@example.org" not in detail

    # 5. A second funder registers interest.
    register_url = "/funders/coastal-loneliness-partnership/register-interest/"
    assert visitor.get(register_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(register_url, support.registration_data(email="second.funder@example.org"))
    assert response.status_code == 302
    assert "Interest registered" in visitor.get(response["Location"]).content.decode()
    registration = InterestRegistration.objects.get()
    assert registration.opportunity_id == page.pk
    registration_emails = mail.outbox[3:]
    assert [message.to for message in registration_emails] == [
        ["first.funder@example.org"],  # the opportunity's contact
        [MODERATORS],
        ["second.funder@example.org"],  # the funder's own confirmation
    ]
    assert registration_emails[0].reply_to == ["second.funder@example.org"]
    assert "Second Funder Trust" in registration_emails[0].body

    # Every email went through the outbox and was sent; none is left pending.
    assert OutgoingEmail.objects.count() == len(mail.outbox) == 6
    assert not OutgoingEmail.objects.exclude(status="sent").exists()

    # The moderator sees the registration against the opportunity.
    html = moderator_browser.get(f"/admin/funders/interest/?opportunity={page.pk}").content.decode()
    assert "Ravi Registrant" in html
