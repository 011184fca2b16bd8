"""Background work runs on Django's task framework: the outbox's sending and its retries with
back-off, scheduled publishing and the personal-data purge are tasks; the database backend's
worker runs what the site enqueues; the scheduler's entries all name tasks."""

import datetime
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import pytest
import time_machine

from healthequity.core import tasks
from healthequity.core.management.commands.run_scheduler import scheduled_tasks
from healthequity.core.public_forms import OutgoingEmail, queue
from tests import factories

OUTBOX = "healthequity.core.public_forms.emails"
NOW = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue_one(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return queue("test", ["reader@example.org"], "Hello", "feedback/emails/problem_report.txt", {})


@pytest.mark.django_db
def test_a_failed_send_backs_off_and_the_scheduled_task_sends_it_once_due(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    with time_machine.travel(NOW, tick=False):
        with mock.patch(f"{OUTBOX}.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("down")):
            message = queue_one(django_capture_on_commit_callbacks)
        message.refresh_from_db()
        assert (message.status, message.attempts) == ("pending", 1)
        assert message.next_attempt_at == NOW + datetime.timedelta(seconds=60)
        with mock.patch(f"{OUTBOX}.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("down")):
            assert tasks.send_pending_emails.enqueue().return_value == [0, 0]  # not due yet: not even tried

    with time_machine.travel(NOW + datetime.timedelta(seconds=61), tick=False):
        with mock.patch(f"{OUTBOX}.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("still down")):
            assert tasks.send_pending_emails.enqueue().return_value == [0, 1]
        message.refresh_from_db()
        assert message.attempts == 2
        # The second failure waits twice as long.
        assert message.next_attempt_at == NOW + datetime.timedelta(seconds=61 + 120)

    with time_machine.travel(NOW + datetime.timedelta(seconds=61 + 121), tick=False):
        assert tasks.send_pending_emails.enqueue().return_value == [1, 0]
        assert tasks.send_pending_emails.enqueue().return_value == [0, 0]
    assert [email.to for email in mail.outbox] == [["reader@example.org"]]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == ("sent", 3, None)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_worker_sends_what_the_site_queued_and_defers_a_retry(settings):
    settings.TASKS = DATABASE_TASKS
    from django_tasks_db.models import DBTaskResult

    with mock.patch(f"{OUTBOX}.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("down")):
        queue("test", ["reader@example.org"], "Hello", "feedback/emails/problem_report.txt", {})
        assert mail.outbox == [] and DBTaskResult.objects.count() == 1  # queued, not sent in the request
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0, stdout=StringIO())
    # The failure deferred a retry, to run after the back-off.
    retry = DBTaskResult.objects.get(status="READY")
    message = OutgoingEmail.objects.get()
    assert retry.run_after == message.next_attempt_at > timezone.now()
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0, stdout=StringIO())
    assert [email.to for email in mail.outbox] == [["reader@example.org"]]
    assert OutgoingEmail.objects.get().status == "sent"


@pytest.mark.django_db
def test_scheduled_publishing_runs_as_a_task(resource_index):
    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, live=False)
    revision = brief.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    tasks.publish_scheduled_pages.enqueue()
    brief.refresh_from_db()
    assert brief.live


def test_every_entry_of_the_schedule_is_a_task_with_a_valid_time(settings):
    names = [name for name, _trigger, _task in scheduled_tasks()]
    assert {"publish-scheduled-pages", "retry-pending-emails", "purge-personal-data"} <= set(names)
    settings.TASK_SCHEDULE = {"broken": ("61 * * * *", "healthequity.core.tasks.purge_personal_data")}
    with pytest.raises(CommandError, match="broken"):
        scheduled_tasks()
    settings.TASK_SCHEDULE = {"not-a-task": ("* * * * *", "healthequity.core.public_forms.emails.retry_delay")}
    with pytest.raises(CommandError, match="is not a task"):
        scheduled_tasks()
