"""Scheduled publishing and expiry: `publish_scheduled` acts when the time has come, never before."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine

from blog.models import BlogPage
from resources.models import WhatWorksBriefPage
from tests import factories
from tests.editors_support import brief_form_data, make_member

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def publish_scheduled():
    call_command("publish_scheduled", stdout=StringIO())


@pytest.mark.django_db
def test_a_scheduled_brief_goes_live_when_publish_scheduled_runs_after_its_time(client, resource_index):
    moderator = make_member("mo", "Moderators")
    client.force_login(moderator)
    go_live = NOW + datetime.timedelta(hours=2)
    with time_machine.travel(NOW, tick=False):
        # The moderator sets "Go-live date/time" in the editor and presses Publish: it is scheduled.
        response = client.post(
            f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/",
            brief_form_data(
                "What works: scheduled brief",
                "scheduled-brief",
                "action-publish",
                go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
            ),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        brief = WhatWorksBriefPage.objects.get(slug="scheduled-brief")
        assert not brief.live
        assert brief.get_latest_revision().approved_go_live_at == go_live

        publish_scheduled()
        brief.refresh_from_db()
        assert not brief.live, "published before its time"

    with time_machine.travel(go_live - datetime.timedelta(minutes=1), tick=False):
        publish_scheduled()
        brief.refresh_from_db()
        assert not brief.live, "published a minute early"

    with time_machine.travel(go_live + datetime.timedelta(minutes=5), tick=False):
        assert client.get("/resources/scheduled-brief/").status_code == 404  # the command has not run yet
        publish_scheduled()
        brief.refresh_from_db()
        assert brief.live
        assert client.get("/resources/scheduled-brief/").status_code == 200


@pytest.mark.django_db
def test_a_page_with_an_expiry_time_is_unpublished_after_it(client, blog_index):
    with time_machine.travel(NOW, tick=False):
        post = factories.BlogPageFactory(parent=blog_index, slug="expiring", expire_at=NOW + datetime.timedelta(days=1))
        publish_scheduled()
        post.refresh_from_db()
        assert post.live
    with time_machine.travel(NOW + datetime.timedelta(days=1, minutes=1), tick=False):
        publish_scheduled()
        post.refresh_from_db()
        assert not post.live and post.expired
        assert client.get("/blog/expiring/").status_code == 404


@pytest.mark.django_db
def test_a_scheduled_revision_of_a_live_page_replaces_it_only_when_due(client, blog_index):
    with time_machine.travel(NOW, tick=False):
        post = factories.BlogPageFactory(parent=blog_index, slug="changing", title="First title")
        post.save_revision().publish()  # live, with a live revision, as pages published in the admin are
        post.refresh_from_db()
        post.title = "Second title"
        post.go_live_at = NOW + datetime.timedelta(days=1)
        post.save_revision().publish()
        post.refresh_from_db()
        assert post.live and post.title == "First title"
        publish_scheduled()
        assert BlogPage.objects.get(pk=post.pk).title == "First title"
    with time_machine.travel(NOW + datetime.timedelta(days=1, minutes=1), tick=False):
        publish_scheduled()
        assert BlogPage.objects.get(pk=post.pk).title == "Second title"


@pytest.mark.django_db
def test_an_editors_scheduled_brief_waits_for_approval_and_then_for_its_time(client, resource_index):
    """The usual path: the editor sets a go-live time and submits; approval schedules it, no more."""
    editor, moderator = make_member("eddie", "Editors"), make_member("mo", "Moderators")
    go_live = NOW + datetime.timedelta(days=1)
    with time_machine.travel(NOW, tick=False):
        client.force_login(editor)
        response = client.post(
            f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/",
            brief_form_data(
                "What works: embargoed brief",
                "embargoed",
                "action-submit",
                go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
            ),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        brief = WhatWorksBriefPage.objects.get(slug="embargoed")
        task_state = brief.current_workflow_task_state

        client.force_login(moderator)
        response = client.post(
            f"/admin/pages/workflow/action/{brief.pk}/approve/{task_state.pk}/", {"comment": "Fine for tomorrow."}
        )
        assert response.status_code == 302
        brief.refresh_from_db()
        assert not brief.live, "approval must not put an embargoed brief live early"
        assert brief.get_latest_revision().approved_go_live_at == go_live
        publish_scheduled()
        brief.refresh_from_db()
        assert not brief.live

    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        publish_scheduled()
        brief.refresh_from_db()
        assert brief.live
        assert client.get("/resources/embargoed/").status_code == 200
