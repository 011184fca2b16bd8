"""HTML or script typed into any field of the three public forms is stored as typed and shown as text
everywhere it travels: the confirmation pages, the published opportunity, the listing and its feed,
the admin (listings, records, the page editor), the emails and the CSV export."""

import csv
import io

from django.core import mail

import pytest

from feedback.models import ProblemReport
from funders.models import InterestRegistration, OpportunityPage, OpportunitySubmission
from tests import factories, public_forms_support
from tests import funders_support as support
from tests.feedback_support import problem_data

# Markup a browser would run if it were ever put in a page unescaped.
MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
RAW = ("<script>alert(", "<img src=x")
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def typed(label):
    return f"{label} {MARKUP}"


def assert_shown_as_text(html, where):
    for raw in RAW:
        assert raw not in html, f"{where}: {raw!r} reached the page as markup"


def assert_plain_text_emails(messages):
    for message in messages:
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", [])
        assert "\n" not in message.subject


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    public_forms_support.clear_rate_limits()


@pytest.fixture
def funders_index(home_page):
    return support.FundersIndexPageFactory(parent=home_page)


@pytest.fixture
def moderator_client(client, django_user_model):
    from django.test import Client

    browser = Client()
    browser.force_login(support.make_moderator(django_user_model))
    return browser


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        return response

    return send


@pytest.mark.django_db
def test_a_submission_s_markup_stays_text_from_the_form_to_the_published_page(
    client, funders_index, moderator_client, post, django_capture_on_commit_callbacks
):
    text_fields = [
        "title",
        "summary",
        "aims_and_activities",
        "how_to_get_involved",
        "event_title",
        "event_how_to_join",
        "organisations",
        "learning_and_resources",
        "submitter_name",
        "submitter_organisation",
        "submitter_role",
    ]
    data = support.submission_data(event_date="2099-06-01", **{name: typed(name) for name in text_fields})
    confirmation = client.get(post("/funders/submit/", data)["Location"]).content.decode()
    submission = OpportunitySubmission.objects.get()
    for name in text_fields:
        assert getattr(submission, name) == typed(name), name  # stored exactly as typed
    assert_shown_as_text(confirmation, "confirmation page")
    assert ESCAPED in confirmation

    # The emails are plain text: the words arrive as typed, and no mail reader renders them as markup.
    assert_plain_text_emails(mail.outbox)
    assert typed("submitter_name") in mail.outbox[0].body

    # The admin: the listing, the dashboard, the record.
    assert_shown_as_text(moderator_client.get("/admin/").content.decode(), "dashboard")
    for url in ("/admin/funders/submissions/", f"/admin/funders/submissions/inspect/{submission.pk}/"):
        html = moderator_client.get(url).content.decode()
        assert_shown_as_text(html, url)
        assert ESCAPED in html, url

    # Approved, the draft page holds the text as text, in the editor and once published.
    with django_capture_on_commit_callbacks(execute=True):
        edit_url = moderator_client.post(f"/admin/funders/submissions/approve/{submission.pk}/")["Location"]
    page = OpportunityPage.objects.get()
    assert page.title == typed("title")
    editor = moderator_client.get(edit_url).content.decode()
    assert_shown_as_text(editor, "page editor")
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    assert_plain_text_emails(mail.outbox)
    for url in (page.url, "/funders/", f"{page.url}register-interest/", "/funders/feed/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_shown_as_text(html, url)
        assert "&lt;script&gt;" in html, url


@pytest.mark.django_db
def test_a_registration_s_markup_stays_text_in_emails_the_admin_and_the_csv(
    client, funders_index, moderator_client, post
):
    page = support.OpportunityPageFactory(parent=funders_index, slug="markup")
    data = support.registration_data(name=typed("name"), organisation=typed("organisation"), message=typed("message"))
    confirmation = client.get(post("/funders/markup/register-interest/", data)["Location"]).content.decode()
    registration = InterestRegistration.objects.get()
    assert (registration.name, registration.message) == (typed("name"), typed("message"))
    assert_shown_as_text(confirmation, "confirmation page")
    assert_plain_text_emails(mail.outbox)
    assert typed("message") in mail.outbox[0].body

    for url in (
        "/admin/funders/interest/",
        f"/admin/funders/interest/?opportunity={page.pk}",
        f"/admin/funders/interest/inspect/{registration.pk}/",
    ):
        html = moderator_client.get(url).content.decode()
        assert_shown_as_text(html, url)
        assert ESCAPED in html, url

    export = moderator_client.get(f"/admin/funders/interest/?export=csv&opportunity={page.pk}")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [(row["Name"], row["Message"]) for row in rows] == [(typed("name"), typed("message"))]


@pytest.mark.django_db
def test_a_problem_report_s_markup_stays_text(client, home_page, moderator_client, post):
    data = problem_data(page_url=typed("page_url"), what_is_wrong=typed("what_is_wrong"))
    confirmation = client.get(post("/report-a-problem/", data)["Location"]).content.decode()
    report = ProblemReport.objects.get()
    assert report.what_is_wrong == typed("what_is_wrong")
    assert_shown_as_text(confirmation, "confirmation page")
    assert_plain_text_emails(mail.outbox)
    assert typed("what_is_wrong") in mail.outbox[0].body
    for url in ("/admin/problem-reports/", f"/admin/problem-reports/inspect/{report.pk}/"):
        html = moderator_client.get(url).content.decode()
        assert_shown_as_text(html, url)
        assert ESCAPED in html, url


@pytest.mark.django_db
def test_markup_in_a_page_title_stays_text_on_the_report_form(client, resource_index):
    page = factories.ResourcePageFactory(parent=resource_index, title=typed("title"))
    html = client.get(f"/report-a-problem/?page={page.pk}").content.decode()
    assert_shown_as_text(html, "report form")
    assert ESCAPED in html
