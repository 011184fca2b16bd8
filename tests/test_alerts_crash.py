"""Nothing lost, nothing twice: the background worker, a separate `db_worker` process, is killed in
the middle of a daily digest run (after some batches were composed and some of their emails
sent), then restarted; every subscriber gets their digest exactly once, counted by a real SMTP
server on loopback. The test prints the figures."""

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection
from django.utils import timezone

import pytest

from healthequity.core.alerts.models import Alert, AlertDelivery, Subscriber
from healthequity.core.alerts.sending import send_due_alerts
from healthequity.core.public_forms import OutgoingEmail
from healthequity.core.tasks import send_pending_emails
from tests import factories
from tests.smtp_support import SmtpServer

REPO = Path(__file__).resolve().parent.parent
SUBSCRIBERS = 90
BATCH = 15
KILL_AT = 40  # the worker dies as the SMTP server is handed this message, in the third batch
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class WorkerDatabase:
    """The database the worker process uses: the test database itself on PostgreSQL; on SQLite
    (whose test database lives in this process's memory) a file copied in and out around each run."""

    def __init__(self, tmp_path):
        self.sqlite = connection.vendor == "sqlite"
        self.path = tmp_path / "worker.sqlite3"

    def url(self):
        if self.sqlite:
            return f"sqlite:///{self.path}"
        params = connection.settings_dict
        return f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"

    def hand_over(self):
        if self.sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.path) as target:
                connection.connection.backup(target)

    def take_back(self):
        if self.sqlite:
            with sqlite3.connect(self.path) as source:
                source.backup(connection.connection)


def start_worker(database, smtp_port):
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "DATABASE"))}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "DATABASE_URL": database.url(),
        "SMTP_PORT": str(smtp_port),
        "ALERTS_COMPOSE_BATCH": str(BATCH),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0.1"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_digest_then_restarted_sends_every_digest_exactly_once(settings, tmp_path, home_page):
    settings.TASKS = DATABASE_TASKS
    index = factories.ResourceIndexPageFactory(parent=home_page)
    pages = [factories.ResourcePageFactory(parent=index, title=f"New evidence {n}") for n in range(2)]
    yesterday = timezone.now() - datetime.timedelta(days=2)
    subscribers = Subscriber.objects.bulk_create(Subscriber(email=f"reader{n}@example.org") for n in range(SUBSCRIBERS))
    alerts = Alert.objects.bulk_create(
        Alert(
            subscriber=subscriber,
            page=index,
            description="Resources: everything new",
            frequency="daily",
            confirmed_at=yesterday,
        )
        for subscriber in subscribers
    )
    AlertDelivery.objects.bulk_create(
        AlertDelivery(alert=alert, page=page, created_at=yesterday) for alert in alerts for page in pages
    )
    send_due_alerts.enqueue()
    database = WorkerDatabase(tmp_path)

    with SmtpServer() as smtp:
        worker = None

        def kill_the_worker(count):
            if count == KILL_AT and worker is not None:
                worker.send_signal(signal.SIGKILL)
                worker.wait(timeout=10)
                return True  # the message is refused: the worker died before it was accepted
            return False

        smtp.mailbox.before_accepting = kill_the_worker
        database.hand_over()
        started = time.monotonic()
        worker = start_worker(database, smtp.port)
        output = worker.communicate(timeout=120)[0].decode()
        killed_after = time.monotonic() - started
        assert worker.returncode == -signal.SIGKILL, output[-2000:]
        sent_before_crash = len(smtp.mailbox.messages)

        database.take_back()
        composed_before_restart = OutgoingEmail.objects.filter(purpose="alert-daily").count()
        owed_uncomposed = AlertDelivery.objects.filter(composed_at__isnull=True).count()
        # The scheduler's next ticks: the digest run and the outbox sweep, as run_scheduler enqueues them.
        send_due_alerts.enqueue()
        send_pending_emails.enqueue()
        database.hand_over()
        restarted = time.monotonic()
        worker = start_worker(database, smtp.port)
        output = worker.communicate(timeout=120)[0].decode()
        restart_took = time.monotonic() - restarted
        assert worker.returncode == 0, output[-2000:]
        database.take_back()

        recipients = [message["To"] for message in smtp.mailbox.messages]

    print(
        f"\ncrash test ({connection.vendor}): {SUBSCRIBERS} daily digests in batches of {BATCH}; worker killed "
        f"after {killed_after:.2f}s with {sent_before_crash} sent, {composed_before_restart} composed, "
        f"{owed_uncomposed} deliveries not yet composed; restarted run took {restart_took:.2f}s; "
        f"received {len(recipients)} emails, {len(set(recipients))} distinct recipients"
    )
    assert 0 < sent_before_crash < composed_before_restart < SUBSCRIBERS
    assert owed_uncomposed > 0
    assert sorted(recipients) == sorted(subscriber.email for subscriber in subscribers)
    assert not AlertDelivery.objects.filter(composed_at__isnull=True).exists()
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
    assert OutgoingEmail.objects.count() == SUBSCRIBERS
