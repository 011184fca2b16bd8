"""Problem reports in Wagtail's admin: under their own "Problem reports" menu item, resolved by editors
and moderators, the reporter's address shown only with the permission to see personal data."""

from django.contrib.auth.models import Permission

from wagtail.models import ModelLogEntry

import pytest

from feedback.models import ProblemReport
from tests import funders_support as support

ADMIN = "/admin/problem-reports/"


@pytest.fixture
def moderator(django_user_model):
    return support.make_moderator(django_user_model)


@pytest.mark.django_db
class TestProblemReportsAdmin:
    def test_moderators_can_mark_a_problem_report_resolved(self, client, moderator):
        report = ProblemReport.objects.create(what_is_wrong="Broken link", page_title="A page")
        client.force_login(moderator)
        response = client.post(f"{ADMIN}edit/{report.pk}/", {"status": "resolved", "editor_notes": "Fixed."})
        assert response.status_code == 302
        report.refresh_from_db()
        assert (report.status, report.editor_notes) == ("resolved", "Fixed.")
        assert ModelLogEntry.objects.filter(object_id=str(report.pk), action="wagtail.edit", user=moderator).exists()

    def test_problem_reports_hide_the_reporter_s_address_without_the_permission(
        self, client, django_user_model, moderator
    ):
        report = ProblemReport.objects.create(
            what_is_wrong="Broken link", email="reporter@example.org", page_title="A page"
        )
        reader = support.make_editor(django_user_model, "reader")
        reader.user_permissions.add(Permission.objects.get(codename="view_problemreport"))
        client.force_login(reader)
        html = client.get(f"{ADMIN}inspect/{report.pk}/").content.decode()
        assert "Broken link" in html
        assert "reporter@example.org" not in html
        client.force_login(moderator)
        assert "reporter@example.org" in client.get(f"{ADMIN}inspect/{report.pk}/").content.decode()

    def test_the_personal_data_permission_alone_shows_the_address(self, client, django_user_model):
        """It is the core's permission now, not the funders' submissions permission."""
        report = ProblemReport.objects.create(what_is_wrong="Broken link", email="reporter@example.org")
        reader = support.make_editor(django_user_model, "reader")
        reader.user_permissions.add(
            Permission.objects.get(codename="view_problemreport"),
            Permission.objects.get(content_type__app_label="core", codename="view_personal_data"),
        )
        assert not reader.has_perm("funders.view_opportunitysubmission")
        client.force_login(reader)
        assert "reporter@example.org" in client.get(f"{ADMIN}inspect/{report.pk}/").content.decode()

    def test_nobody_adds_or_deletes_a_report_in_the_admin(self, admin_client):
        report = ProblemReport.objects.create(what_is_wrong="Typo")
        assert admin_client.get(f"{ADMIN}new/").status_code in (302, 403)
        assert admin_client.post(f"{ADMIN}delete/{report.pk}/").status_code in (302, 403)
        assert ProblemReport.objects.filter(pk=report.pk).exists()

    def test_problem_reports_are_their_own_menu_item(self, client, moderator):
        client.force_login(moderator)
        menu = client.get("/admin/").content.decode()
        assert "Problem reports" in menu and ADMIN in menu
