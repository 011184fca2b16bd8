"""Moderation in Wagtail's admin: list, filter, search, open; approve into a draft page, reject with a
reason, mark as spam, reopen; who did what when; and nothing personal for editors who may not see it."""

import csv
import io
import re

from django.core import mail
from django.db import connection

from wagtail.models import ModelLogEntry

import pytest

from feedback.models import ProblemReport
from funders.models import OpportunityPage, OpportunitySubmission, SubmissionStatus
from healthequity.core.models import InequalityGroup
from tests import funders_support as support
from tests import public_forms_support

ADMIN = "/admin/funders/submissions/"


@pytest.fixture
def funders_index(home_page):
    return support.FundersIndexPageFactory(parent=home_page)


@pytest.fixture
def moderator(django_user_model):
    return support.make_moderator(django_user_model)


@pytest.fixture
def editor(django_user_model):
    return support.make_editor(django_user_model)


@pytest.fixture
def submission(funders_index):
    record = support.OpportunitySubmissionFactory(
        title="Befriending older people",
        summary="Line one.\n\nLine <two>.",
        aims_and_activities="Aims <script>alert(1)</script>",
        organisations="Befriending Fund\nLocal Council",
        learning_and_resources="Our evaluation\nhttps://example.org/evaluation",
        website="https://example.org/befriending",
        submitter_email="sian@example.org",
        issues=["health", "community-development"],
    )
    record.groups.set([InequalityGroup.objects.get(slug="core20")])
    return record


@pytest.fixture
def moderating(client, moderator, django_capture_on_commit_callbacks):
    client.force_login(moderator)

    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


@pytest.mark.django_db
class TestModeratorsSeeSubmissions:
    def test_the_moderators_group_holds_the_permissions(self, moderator):
        for permission in (
            "wagtailadmin.access_admin",
            "funders.view_opportunitysubmission",
            "funders.change_opportunitysubmission",
            "funders.view_interestregistration",
            "feedback.view_problemreport",
            "feedback.change_problemreport",
            "core.view_outgoingemail",
            "core.view_personal_data",
        ):
            assert moderator.has_perm(permission), permission

    def test_every_funders_admin_view_loads_for_a_moderator(self, client, moderator, submission, funders_index):
        page = support.OpportunityPageFactory(parent=funders_index)
        registration = support.InterestRegistrationFactory(opportunity=page)
        report = ProblemReport.objects.create(what_is_wrong="Typo")
        client.force_login(moderator)
        for url in (
            ADMIN,
            f"{ADMIN}history/{submission.pk}/",
            f"{ADMIN}edit/{submission.pk}/",
            "/admin/funders/interest/",
            f"/admin/funders/interest/inspect/{registration.pk}/",
            "/admin/funders/interest/?export=xlsx",
            "/admin/problem-reports/",
            f"/admin/problem-reports/edit/{report.pk}/",
            "/admin/outbox/",
            "/admin/snippets/funders/issue/",
        ):
            assert client.get(url).status_code == 200, url
        menu = client.get("/admin/").content.decode()
        assert "Opportunity submissions" in menu and "Interest registrations" in menu

    def test_list_filter_and_search(self, client, moderator, submission):
        support.OpportunitySubmissionFactory(title="Already spam", status=SubmissionStatus.SPAM)
        client.force_login(moderator)
        html = client.get(ADMIN).content.decode()
        assert "Befriending older people" in html and "Already spam" in html
        html = client.get(ADMIN + "?status=spam").content.decode()
        assert "Already spam" in html and "Befriending older people" not in html
        html = client.get(ADMIN + "?q=befriending").content.decode()
        assert "Befriending older people" in html and "Already spam" not in html

    def test_a_submission_from_the_public_form_starts_its_history(self, client, moderator, funders_index):
        public_forms_support.clear_rate_limits()
        client.post("/funders/submit/", support.submission_data())
        submission = OpportunitySubmission.objects.get()
        entry = ModelLogEntry.objects.get(object_id=str(submission.pk), action="funders.submission.receive")
        assert entry.user is None
        client.force_login(moderator)
        html = client.get(f"{ADMIN}inspect/{submission.pk}/").content.decode()
        assert "Received from the public form" in html and "The public form" in html

    def test_open_one_shows_everything_escaped(self, client, moderator, submission):
        client.force_login(moderator)
        response = client.get(f"{ADMIN}inspect/{submission.pk}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "sian@example.org" in html
        assert "Sian Submitter" in html
        assert "Aims &lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert(1)</script>" not in html
        assert f"{ADMIN}approve/{submission.pk}/" in html

    def test_who_sent_it_needs_the_personal_data_permission(self, client, django_user_model, submission):
        from django.contrib.auth.models import Permission

        reader = support.make_editor(django_user_model, "reader")
        reader.user_permissions.add(Permission.objects.get(codename="view_opportunitysubmission"))
        client.force_login(reader)
        html = client.get(f"{ADMIN}inspect/{submission.pk}/").content.decode()
        assert "Befriending older people" in html and "Submitting Trust" in html
        assert "sian@example.org" not in html and "Sian Submitter" not in html
        reader.user_permissions.add(
            Permission.objects.get(content_type__app_label="core", codename="view_personal_data")
        )
        reader = django_user_model.objects.get(pk=reader.pk)  # permissions are cached per user object
        client.force_login(reader)
        html = client.get(f"{ADMIN}inspect/{submission.pk}/").content.decode()
        assert "sian@example.org" in html and "Sian Submitter" in html

    def test_the_public_never_adds_or_deletes_records_in_the_admin(self, client, moderator, submission, admin_client):
        client.force_login(moderator)
        assert client.get(f"{ADMIN}new/").status_code in (302, 403)
        assert admin_client.get(f"{ADMIN}delete/{submission.pk}/").status_code in (302, 403)
        assert OpportunitySubmission.objects.filter(pk=submission.pk).exists()


@pytest.mark.django_db
def test_from_the_list_a_submission_is_reviewed_and_published_in_two_steps(client, moderating, submission):
    """The title opens the review (not an edit form of the moderators' notes); its Approve leads to
    "Approve and publish", which puts the page live and emails the funder the link."""
    listing = client.get(ADMIN).content.decode()
    assert re.search(rf'<a href="{ADMIN}inspect/{submission.pk}/"[^>]*>\s*Befriending older people', listing)
    review = client.get(f"{ADMIN}inspect/{submission.pk}/").content.decode()
    assert f'href="{ADMIN}approve/{submission.pk}/"' in review
    confirm = client.get(f"{ADMIN}approve/{submission.pk}/").content.decode()
    assert 'name="publish"' in confirm and "Approve and publish" in confirm

    response = moderating(f"{ADMIN}approve/{submission.pk}/", {"publish": "1"})
    page = OpportunityPage.objects.get()
    assert response["Location"] == f"{ADMIN}inspect/{submission.pk}/"
    assert page.live and client.get(page.url).status_code == 200
    (published,) = [message for message in mail.outbox if "now published" in message.subject]
    assert published.to == ["sian@example.org"] and page.full_url in published.body


@pytest.mark.django_db
class TestDecisions:
    def test_approve_creates_a_prefilled_draft_under_funders(
        self, client, moderating, moderator, submission, funders_index
    ):
        response = moderating(f"{ADMIN}approve/{submission.pk}/")
        page = OpportunityPage.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
        assert page.get_parent().pk == funders_index.pk
        assert not page.live
        assert page.title == "Befriending older people"
        assert page.slug == "befriending-older-people"
        assert page.summary == "Line one.\n\nLine <two>."
        assert page.aims_and_activities == "<p>Aims &lt;script&gt;alert(1)&lt;/script&gt;</p>"
        assert sorted(page.issues.values_list("slug", flat=True)) == ["community-development", "health"]
        assert list(page.groups.values_list("slug", flat=True)) == ["core20"]
        assert [org.name for org in page.organisations.all()] == [
            "Submitting Trust",
            "Befriending Fund",
            "Local Council",
        ]
        assert [link.url for link in page.links.all()] == [
            "https://example.org/befriending",
            "https://example.org/evaluation",
        ]
        assert page.learning_and_resources == "<p>Our evaluation</p>"
        assert page.contact_email == "sian@example.org"
        assert page.get_latest_revision() is not None
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.APPROVED
        assert submission.opportunity_page_id == page.pk
        entry = ModelLogEntry.objects.get(action="funders.submission.approve")
        assert entry.user == moderator
        assert entry.timestamp is not None
        assert mail.outbox == []  # the submitter hears when it is published, not before
        # The draft page opens in the editor for the moderator to check.
        assert client.get(response["Location"]).status_code == 200

    def test_approving_takes_email_addresses_out_of_the_text_and_says_so(
        self, client, moderating, moderator, funders_index
    ):
        submission = support.OpportunitySubmissionFactory(
            title="Peer learning on debt advice",
            summary="Contact sian@example.org for details.",
            how_to_get_involved="Email sian@example.org or our team at team@fund.example.",
            event_title="Call",
            event_date="2099-01-02",
            event_how_to_join="Ask sian@example.org for the link.",
            learning_and_resources="Evaluation: ask evaluation@fund.example\nhttps://fund.example/report",
            submitter_email="sian@example.org",
        )
        response = moderating(f"{ADMIN}approve/{submission.pk}/")
        assert response.status_code == 302
        page = OpportunityPage.objects.get()
        public_text = [page.title, page.summary, page.aims_and_activities, page.how_to_get_involved]
        public_text += [page.learning_and_resources, *[event.how_to_join for event in page.events.all()]]
        assert not any("@" in text for text in public_text), public_text
        assert page.summary == "Contact [email address removed] for details."
        assert [link.url for link in page.links.all()] == ["https://fund.example/report"]
        assert page.contact_email == "sian@example.org"  # kept where "Register interest" needs it
        html = client.get(response["Location"]).content.decode()
        assert "Email addresses in the submission" in html

    def test_an_anonymised_submission_can_still_be_approved(self, moderating, submission):
        submission.anonymise()
        submission.save()
        assert moderating(f"{ADMIN}approve/{submission.pk}/").status_code == 302
        page = OpportunityPage.objects.get()
        assert (page.contact_name, page.contact_email) == ("", "")

    def test_a_draft_that_cannot_be_made_is_a_message_not_an_error(self, client, moderating, submission):
        from unittest import mock

        from django.core.exceptions import ValidationError

        with mock.patch("funders.moderation.page_slug", side_effect=ValidationError("slug clash")):
            response = moderating(f"{ADMIN}approve/{submission.pk}/")
        assert response.status_code == 302
        assert "The draft page could not be created (slug clash)" in client.get(response["Location"]).content.decode()
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.NEW
        assert OpportunityPage.objects.count() == 0

    def test_approving_twice_creates_one_page(self, moderating, submission):
        moderating(f"{ADMIN}approve/{submission.pk}/")
        moderating(f"{ADMIN}approve/{submission.pk}/")
        assert OpportunityPage.objects.count() == 1

    def test_reject_needs_a_reason_which_is_emailed(self, client, moderating, moderator, submission):
        response = moderating(f"{ADMIN}reject/{submission.pk}/", {"reason": ""})
        assert response.status_code == 200
        assert b"Give the reason for rejecting this submission." in response.content
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.NEW

        moderating(f"{ADMIN}reject/{submission.pk}/", {"reason": "It is outside our remit.", "email_submitter": "on"})
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.REJECTED
        assert submission.rejection_reason == "It is outside our remit."
        assert [message.to for message in mail.outbox] == [["sian@example.org"]]
        assert "It is outside our remit." in mail.outbox[0].body
        entry = ModelLogEntry.objects.get(action="funders.submission.reject")
        assert (entry.user, entry.data["reason"]) == (moderator, "It is outside our remit.")

    def test_spam_then_reopen_each_recorded(self, client, moderating, moderator, submission):
        moderating(f"{ADMIN}spam/{submission.pk}/")
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.SPAM
        assert mail.outbox == []
        moderating(f"{ADMIN}reopen/{submission.pk}/")
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.NEW
        actions = list(
            ModelLogEntry.objects.filter(object_id=str(submission.pk))
            .order_by("timestamp", "pk")
            .values_list("action", "user")
        )
        assert actions == [("funders.submission.spam", moderator.pk), ("funders.submission.reopen", moderator.pk)]
        html = client.get(f"{ADMIN}inspect/{submission.pk}/").content.decode()
        assert "Marked as spam" in html and "Reopened for moderation" in html and "moderator" in html

    def test_a_decided_submission_cannot_be_decided_again(self, moderating, submission):
        moderating(f"{ADMIN}spam/{submission.pk}/")
        moderating(f"{ADMIN}approve/{submission.pk}/")
        assert OpportunityPage.objects.count() == 0
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.SPAM

    def test_actions_need_post(self, client, moderator, submission):
        client.force_login(moderator)
        assert client.get(f"{ADMIN}approve/{submission.pk}/").status_code == 200  # the confirmation page
        assert OpportunityPage.objects.count() == 0

    def test_moderators_can_edit_and_publish_under_funders(self, client, moderating, moderator, submission):
        moderating(f"{ADMIN}approve/{submission.pk}/")
        page = OpportunityPage.objects.get()
        assert page.permissions_for_user(moderator).can_publish()


@pytest.mark.django_db
class TestEditorsSeeNoPersonalData:
    def test_editors_cannot_reach_the_moderation_views(self, client, editor, submission, funders_index):
        client.force_login(editor)
        urls = [
            ADMIN,
            f"{ADMIN}inspect/{submission.pk}/",
            f"{ADMIN}approve/{submission.pk}/",
            f"{ADMIN}reject/{submission.pk}/",
            "/admin/funders/interest/",
            "/admin/funders/interest/?export=csv",
            "/admin/outbox/",
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert b"sian@example.org" not in response.content
        assert client.post(f"{ADMIN}approve/{submission.pk}/").status_code in (302, 403)
        assert OpportunityPage.objects.count() == 0

    def test_the_admin_menu_and_site_history_show_editors_nothing(self, client, editor, submission):
        from wagtail.log_actions import log

        log(submission, "funders.submission.receive")
        client.force_login(editor)
        dashboard = client.get("/admin/").content.decode()
        assert "Opportunity submissions" not in dashboard
        history = client.get("/admin/reports/site-history/").content.decode()
        assert submission.title not in history
        assert "sian@example.org" not in history

    def test_the_page_editor_hides_the_contact_from_editors(self, client, editor, moderator, funders_index):
        page = support.OpportunityPageFactory(parent=funders_index, contact_email="hidden-contact@example.org")
        client.force_login(editor)
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert "hidden-contact@example.org" not in html
        assert 'name="contact_email"' not in html
        client.force_login(moderator)
        assert "hidden-contact@example.org" in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    def test_comparing_revisions_never_shows_an_editor_the_contact(self, client, editor, moderator, funders_index):
        page = support.OpportunityPageFactory(parent=funders_index, contact_email="first-contact@example.org")
        first = page.save_revision()
        page.contact_email = "second-contact@example.org"
        second = page.save_revision()
        client.force_login(editor)
        response = client.get(f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "contact@example.org" not in html and "Contact email" not in html
        client.force_login(moderator)  # the comparison does show them the change
        html = client.get(f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/").content.decode()
        assert "Contact email" in html and "contact@example.org" in html

    def test_an_editor_saving_the_page_keeps_the_contact(self, client, editor, funders_index):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        page = support.OpportunityPageFactory(parent=funders_index, contact_email="kept@example.org")
        client.force_login(editor)
        data = nested_form_data(
            {
                "title": "Renamed by an editor",
                "slug": page.slug,
                "summary": page.summary,
                "location": page.location,
                "stage": page.stage,
                "aims_and_activities": rich_text("<p>Aims.</p>"),
                "how_to_get_involved": rich_text(""),
                "learning_and_resources": rich_text(""),
                "last_reviewed": "2026-01-01",
                "events": inline_formset([]),
                "organisations": inline_formset([]),
                "links": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        data["issues"] = [str(pk) for pk in page.issues.values_list("pk", flat=True)]
        response = client.post(f"/admin/pages/{page.pk}/edit/", data)
        assert response.status_code == 302, response.context["form"].errors
        revision = OpportunityPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert revision.title == "Renamed by an editor"
        assert revision.contact_email == "kept@example.org"


@pytest.mark.django_db
class TestTheEditorsGroup:
    """A member of the real "Editors" group (from the migrations, not a test-made group) reads and
    resolves problem reports, and sees nothing of what funders and reporters told us about themselves."""

    PERSONAL = (
        "sian@example.org",
        "Sian Submitter",
        "rana@example.org",
        "Rana Registrant",
        "reporter@example.org",
        "contact-person@example.org",
        "Olu Contact",
    )

    @pytest.fixture
    def group_editor(self, django_user_model):
        from django.contrib.auth.models import Group

        user = django_user_model.objects.create_user("edna", "edna@example.org", "password")
        user.groups.add(Group.objects.get(name="Editors"))
        return user

    @pytest.fixture
    def records(self, submission, funders_index, django_capture_on_commit_callbacks):
        from funders import emails

        page = support.OpportunityPageFactory(parent=funders_index, title="Link workers")
        first = page.save_revision()
        page.contact_email = "contact-person@example.org"
        second = page.save_revision()
        registration = support.InterestRegistrationFactory(opportunity=page)
        report = ProblemReport.objects.create(
            what_is_wrong="Broken link", email="reporter@example.org", page=page, page_title=page.title
        )
        with django_capture_on_commit_callbacks(execute=True):
            emails.submission_received(submission)
        return {"page": page, "revisions": (first, second), "registration": registration, "report": report}

    def test_sees_nothing_personal_anywhere_in_the_admin(self, client, group_editor, submission, records):
        from healthequity.core.public_forms import OutgoingEmail

        page, (first, second) = records["page"], records["revisions"]
        outgoing = OutgoingEmail.objects.first()
        client.force_login(group_editor)
        refused = [
            ADMIN,
            f"{ADMIN}inspect/{submission.pk}/",
            f"{ADMIN}edit/{submission.pk}/",
            f"{ADMIN}history/{submission.pk}/",
            f"{ADMIN}approve/{submission.pk}/",
            f"{ADMIN}reject/{submission.pk}/",
            "/admin/funders/interest/",
            f"/admin/funders/interest/inspect/{records['registration'].pk}/",
            "/admin/funders/interest/?export=csv",
            "/admin/funders/interest/?export=xlsx",
            "/admin/outbox/",
            f"/admin/outbox/inspect/{outgoing.pk}/",
        ]
        for url in refused:
            response = client.get(url)
            assert response.status_code in (302, 403), url
        allowed = [
            "/admin/",
            "/admin/problem-reports/",
            f"/admin/problem-reports/inspect/{records['report'].pk}/",
            f"/admin/problem-reports/edit/{records['report'].pk}/",
            f"/admin/pages/{page.pk}/edit/",
            f"/admin/pages/{page.pk}/history/",
            f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/",
            f"/admin/pages/{page.get_parent().pk}/",
            "/admin/pages/search/?q=Sian",
            "/admin/reports/site-history/",
            f"/admin/api/main/pages/{page.pk}/?fields=*",
            f"/admin/api/main/pages/?child_of={page.get_parent().pk}&fields=*",
        ]
        for url in allowed:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            for personal in self.PERSONAL:
                assert personal not in html, (url, personal)
        assert "Problem with Link workers" in client.get("/admin/problem-reports/").content.decode()
        report_html = client.get(f"/admin/problem-reports/inspect/{records['report'].pk}/").content.decode()
        assert "Broken link" in report_html

    def test_reads_and_resolves_the_problem_reports_emailed_to_them(self, client, group_editor, records):
        report = records["report"]
        client.force_login(group_editor)
        assert "Problem reports" in client.get("/admin/").content.decode()
        response = client.post(
            f"/admin/problem-reports/edit/{report.pk}/", {"status": "resolved", "editor_notes": "Link fixed."}
        )
        assert response.status_code == 302
        report.refresh_from_db()
        assert (report.status, report.editor_notes, report.email) == ("resolved", "Link fixed.", "reporter@example.org")
        assert ModelLogEntry.objects.filter(object_id=str(report.pk), user=group_editor).exists()


@pytest.mark.django_db
class TestRegistrationsExport:
    def test_csv_export_escapes_formulas(self, client, moderator, funders_index):
        page = support.OpportunityPageFactory(parent=funders_index, title='=HYPERLINK("http://evil")')
        names = ["=1+2", "+44 20 7946 0000", "-sum(A1)", "@cmd", "\tTabbed", "\rReturn", "Plain name"]
        names += ["  =1+2", "\n=cmd|' /C calc'!A0", "\uff1d1+2", "Name with = inside"]
        for name in names:
            support.InterestRegistrationFactory(opportunity=page, name=name, message="<b>hi</b>")
        client.force_login(moderator)
        response = client.get(f"/admin/funders/interest/?export=csv&opportunity={page.pk}")
        assert response.status_code == 200
        content = b"".join(response.streaming_content).decode()
        rows = list(csv.DictReader(io.StringIO(content)))
        safe = {name if name in ("Plain name", "Name with = inside") else "'" + name for name in names}
        assert {row["Name"] for row in rows} == safe
        assert {row["Opportunity"] for row in rows} == {'\'=HYPERLINK("http://evil")'}
        assert {row["Message"] for row in rows} == {"<b>hi</b>"}

    def test_registrations_per_opportunity(self, client, moderator, funders_index):
        first = support.OpportunityPageFactory(parent=funders_index, title="First opportunity")
        second = support.OpportunityPageFactory(parent=funders_index, title="Second opportunity")
        support.InterestRegistrationFactory(opportunity=first, organisation="Keen on first")
        support.InterestRegistrationFactory(opportunity=second, organisation="Keen on second")
        client.force_login(moderator)
        html = client.get(f"/admin/funders/interest/?opportunity={first.pk}").content.decode()
        assert "Keen on first" in html and "Keen on second" not in html
        explorer = client.get(f"/admin/pages/{funders_index.pk}/").content.decode()
        assert f"/admin/funders/interest/?opportunity={first.pk}" in explorer


@pytest.mark.django_db
def test_admin_listing_queries_do_not_grow(client, moderator, funders_index):
    from django.test.utils import CaptureQueriesContext

    client.force_login(moderator)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ADMIN).status_code == 200
        return len(captured)

    support.OpportunitySubmissionFactory()
    count()
    before = count()
    for _ in range(10):
        support.OpportunitySubmissionFactory()
    assert count() == before


@pytest.mark.django_db
def test_the_approval_page_previews_the_page_as_visitors_will_see_it_and_saves_nothing(client, moderating, submission):
    confirm = client.get(f"{ADMIN}approve/{submission.pk}/").content.decode()
    assert f'<iframe src="{ADMIN}preview/{submission.pk}/"' in confirm
    review = client.get(f"{ADMIN}inspect/{submission.pk}/").content.decode()
    assert f'href="{ADMIN}preview/{submission.pk}/"' in review

    preview = client.get(f"{ADMIN}preview/{submission.pk}/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert re.search(r"<h1[^>]*>\s*Befriending older people", html)
    assert "sian@example.org" not in html  # the contact is never shown on the page
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    # Nothing made, nothing decided: the submission is still new.
    assert not OpportunityPage.objects.exists()
    submission.refresh_from_db()
    assert submission.status == "new"


@pytest.mark.django_db
def test_an_editor_who_cannot_moderate_cannot_preview_a_submission(client, submission, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("eddie", "eddie@example.org", "a-long-editor-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(f"{ADMIN}preview/{submission.pk}/").status_code in (302, 403)
