"""The site's periodic background jobs, as tasks of Django's task framework.

`manage.py run_scheduler` enqueues them on the schedule in `settings.TASK_SCHEDULE`, and
`manage.py db_worker` runs them, like every other task. The management commands of the same names
stay for running one by hand.
"""

from io import StringIO

from django.core.management import call_command

from django_tasks import task

from healthequity.core.public_forms import emails, privacy

__all__ = ["publish_scheduled_pages", "purge_personal_data", "send_pending_emails"]


@task()
def publish_scheduled_pages():
    """Wagtail's own scheduled publishing: publish what is due, unpublish what expired."""
    output = StringIO()
    call_command("publish_scheduled", stdout=output)
    return output.getvalue()


@task()
def send_pending_emails():
    """Send every outbox message that is due: those whose back-off has passed, and any a worker
    dropped (its lock expires). Returns [sent, not sent]."""
    sent, not_sent = emails.send_pending(due_only=True)
    return [sent, not_sent]


@task()
def purge_personal_data():
    """Retention, daily: anonymise what the public sent once it is older than the retention period."""
    return privacy.purge_personal_data()
