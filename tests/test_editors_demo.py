"""The demo exercises the editors' portal: superseded and updated briefs, DOIs, overdue reviews, a
scheduled post, a draft in moderation, and the demo editor and moderator logins."""

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from wagtail.models import Revision, Site, WorkflowState

import pytest
import rispy
import time_machine

from blog.models import BlogPage
from healthequity.core.demo.editorial import DRAFT_FOR_REVIEW, SCHEDULED_POST, SUPERSEDED_BRIEF
from healthequity.core.models import EvidencePage, SocialMediaSettings
from resources.models import WhatWorksBriefPage

DEMO_LOGINS = {"DEBUG": True, "DEMO_ADMIN_USERNAME": "admin", "DEMO_ADMIN_PASSWORD": "demo-password"}


def ensure_demo_admin():
    out = StringIO()
    with override_settings(**DEMO_LOGINS):
        call_command("ensure_demo_admin", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the class, rolled back afterwards (as tests/test_demo_content.py does)."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")),
        transaction.atomic(),
    ):
        call_command("load_demo_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_site")
class TestEditorialDemo:
    def test_an_older_brief_is_replaced_by_a_newer_updated_one(self, client):
        older = WhatWorksBriefPage.objects.get(slug=SUPERSEDED_BRIEF["slug"])
        newer = older.replaced_by.specific
        assert newer.slug == "what-works-integrated-neighbourhood-teams"
        assert newer.updated_on == datetime.date(2025, 9, 2)
        html = client.get(older.url, HTTP_HOST="localhost").content.decode()
        assert "This has been replaced by a newer brief" in html and newer.title in html
        assert "<dt>Updated on</dt>" in client.get(newer.url, HTTP_HOST="localhost").content.decode()

    def test_three_briefs_have_dois_that_reach_citation_managers(self, client):
        briefs = WhatWorksBriefPage.objects.exclude(doi="")
        assert briefs.count() == 3
        for brief in briefs:
            (record,) = rispy.loads(client.get(f"{brief.url}cite/ris/", HTTP_HOST="localhost").content.decode())
            assert record["doi"] == brief.doi and brief.doi.startswith("10.5555/")

    def test_some_live_pages_are_past_their_review_date_and_show_on_the_desk(self, client):
        overdue = EvidencePage.objects.live().filter(review_by__lt=timezone.localdate())
        assert overdue.count() == 3
        client.force_login(get_user_model().objects.create_superuser("boss", "boss@example.org", "x"))
        html = client.get("/admin/").content.decode()
        assert "<strong>3</strong> live pages past their review date" in html
        for page in overdue:
            assert page.title in html

    def test_a_blog_post_is_scheduled_and_goes_live_when_its_time_comes(self):
        post = BlogPage.objects.get(slug=SCHEDULED_POST["slug"])
        assert not post.live
        revision = Revision.page_revisions.get(object_id=str(post.pk), approved_go_live_at__isnull=False)
        go_live_date = timezone.localdate() + datetime.timedelta(days=SCHEDULED_POST["days_ahead"])
        assert timezone.localtime(revision.approved_go_live_at).date() == go_live_date
        call_command("publish_scheduled", stdout=StringIO())
        post.refresh_from_db()
        assert not post.live
        with time_machine.travel(revision.approved_go_live_at + datetime.timedelta(minutes=1), tick=False):
            call_command("publish_scheduled", stdout=StringIO())
        post.refresh_from_db()
        assert post.live

    def test_the_demo_team_logs_in_and_the_editor_has_a_draft_in_moderation(self, client):
        draft = WhatWorksBriefPage.objects.get(slug=DRAFT_FOR_REVIEW["slug"])
        assert not draft.live and not draft.workflow_in_progress  # nobody to submit it yet

        output = ensure_demo_admin()
        assert "username 'editor', password 'demo-password'" in output
        assert "username 'moderator', password 'demo-password'" in output
        User = get_user_model()
        editor, moderator = User.objects.get(username="editor"), User.objects.get(username="moderator")
        assert [group.name for group in editor.groups.all()] == ["Editors"]
        assert [group.name for group in moderator.groups.all()] == ["Moderators"]
        assert not (editor.is_superuser or moderator.is_superuser)

        state = WorkflowState.objects.get(object_id=str(draft.pk), status=WorkflowState.STATUS_IN_PROGRESS)
        assert state.requested_by == editor
        ensure_demo_admin()  # again: nothing resubmitted
        assert WorkflowState.objects.filter(object_id=str(draft.pk)).count() == 1

        assert client.login(username="moderator", password="demo-password")
        assert DRAFT_FOR_REVIEW["title"] in client.get("/admin/").content.decode()
        task_state = state.current_task_state
        response = client.post(f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state.pk}/", {"comment": ""})
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.live

    def test_pages_without_a_listing_image_are_shared_with_the_default_image(self, client):
        default = SocialMediaSettings.for_site(Site.objects.get(is_default_site=True)).default_image
        assert default is not None and default.description
        for url in ("/", "/resources/", "/about/"):
            html = client.get(url, HTTP_HOST="localhost").content.decode()
            assert '<meta property="og:image" content="http://localhost/' in html, url
            assert '<meta name="twitter:card" content="summary_large_image">' in html, url

    def test_loading_again_changes_nothing(self):
        before = (Revision.objects.count(), WorkflowState.objects.count(), EvidencePage.objects.count())
        output = StringIO()
        call_command("load_demo_content", stdout=output)
        assert "0 objects created" in output.getvalue()
        assert (Revision.objects.count(), WorkflowState.objects.count(), EvidencePage.objects.count()) == before
