"""Roles and review: an editor's work goes live only after a moderator approves it."""

import importlib

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core import mail

from wagtail.models import GroupPagePermission, Page, TaskState, Workflow, WorkflowPage, WorkflowState

import pytest

from resources.models import WhatWorksBriefPage
from tests import factories
from tests.editors_support import brief_form_data, make_member

roles_migration = importlib.import_module("healthequity.core.migrations.0003_editorial_roles_and_workflow")


@pytest.fixture
def editor(db):
    return make_member("eddie", "Editors")


@pytest.fixture
def moderator(db):
    return make_member("mo", "Moderators")


def page_permissions(group_name):
    root = Page.get_first_root_node()
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=root).values_list(
            "permission__codename", flat=True
        )
    )


@pytest.mark.django_db
def test_the_migration_creates_editors_who_cannot_publish_and_moderators_who_can():
    assert page_permissions("Editors") >= {"add_page", "change_page"}
    assert "publish_page" not in page_permissions("Editors")
    assert page_permissions("Moderators") >= {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    for name in ("Editors", "Moderators"):
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    moderators = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert {"add_author", "change_topic", "view_inequalitygroup", "add_librarylink"} <= editors
    assert "change_inequalitygroup" not in editors and "add_redirect" not in editors
    assert {"change_inequalitygroup", "delete_topic", "add_redirect", "add_searchpromotion"} <= moderators


@pytest.mark.django_db
def test_one_moderator_approval_workflow_covers_the_whole_tree():
    workflow = Workflow.objects.get(name="Moderator approval")
    assert workflow.active
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    (task,) = [task.specific for task in workflow.tasks.all()]
    assert [group.name for group in task.groups.all()] == ["Moderators"]
    # Wagtail's own default workflow was adopted, not left lying around beside ours.
    assert not Workflow.objects.filter(name="Moderators approval").exists()


@pytest.mark.django_db
def test_running_the_roles_migration_again_changes_nothing():
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        TaskState.objects.count(),
    )
    roles_migration.grant_roles(django_apps, None)
    roles_migration.create_workflow(django_apps, None)
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        TaskState.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_the_migration_keeps_permissions_other_apps_granted():
    """Another app (funders) also grants Moderators permissions; re-running ours must not undo them."""
    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.remove(moderators.permissions.get(codename="view_topic"))
    moderators.permissions.add(Permission.objects.get(codename="add_collection"))
    roles_migration.grant_roles(django_apps, None)
    assert moderators.permissions.filter(codename="view_topic").exists()
    assert moderators.permissions.filter(codename="add_collection").exists()


@pytest.mark.django_db
def test_an_editors_brief_goes_live_only_after_a_moderator_approves(client, resource_index, editor, moderator):
    author = factories.AuthorFactory(name="Dr Grace Okafor")
    client.force_login(editor)

    # The editor writes a brief and presses "Submit to Moderator approval".
    add_url = f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/"
    response = client.post(
        add_url, brief_form_data("What works: missed appointments", "missed", "action-submit", author=author)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    brief = WhatWorksBriefPage.objects.get(slug="missed")
    assert not brief.live
    assert client.get("/resources/missed/").status_code == 404
    state = WorkflowState.objects.get(object_id=str(brief.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by == editor
    assert state.current_task_state.task.name == "Moderator approval"
    # The moderators are told there is something to review.
    assert any(moderator.email in message.to for message in mail.outbox)

    # The editor cannot publish it themselves: the publish button is refused.
    response = client.post(
        f"/admin/pages/{brief.pk}/edit/",
        brief_form_data("What works: missed appointments", "missed", "action-publish", author=author),
    )
    brief.refresh_from_db()
    assert not brief.live

    # The moderator sees it on the dashboard and approves it.
    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert "Editorial desk" in dashboard and "What works: missed appointments" in dashboard
    task_state = WorkflowState.objects.get(pk=state.pk).current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{brief.pk}/approve/{task_state.pk}/", {"comment": "Checked the figures."}
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.live
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
    assert client.get("/resources/missed/").status_code == 200


@pytest.mark.django_db
def test_a_moderator_can_send_a_brief_back_and_it_stays_unpublished(client, resource_index, editor, moderator):
    client.force_login(editor)
    client.post(
        f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/",
        brief_form_data("What works: needs work", "needs-work", "action-submit"),
    )
    brief = WhatWorksBriefPage.objects.get(slug="needs-work")
    task_state = TaskState.objects.get(workflow_state__object_id=str(brief.pk), status=TaskState.STATUS_IN_PROGRESS)

    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/workflow/action/{brief.pk}/reject/{task_state.pk}/", {"comment": "Please add the methods."}
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert not brief.live
    assert WorkflowState.objects.get(pk=task_state.workflow_state_id).status == WorkflowState.STATUS_NEEDS_CHANGES


@pytest.mark.django_db
def test_an_editor_cannot_approve_their_own_submission(client, resource_index, editor):
    client.force_login(editor)
    client.post(
        f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/",
        brief_form_data("What works: self approval", "self-approval", "action-submit"),
    )
    brief = WhatWorksBriefPage.objects.get(slug="self-approval")
    task_state = TaskState.objects.get(workflow_state__object_id=str(brief.pk))
    response = client.post(f"/admin/pages/workflow/action/{brief.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code in (302, 403)
    brief.refresh_from_db()
    assert not brief.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
