"""Enqueue the periodic tasks of `settings.TASK_SCHEDULE` when they are due (run exactly one)."""

import contextlib
import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

logger = logging.getLogger(__name__)


def scheduled_tasks():
    """(name, cron trigger, task) for each entry of TASK_SCHEDULE; a bad entry stops the start."""
    entries = []
    for name, (expression, path) in settings.TASK_SCHEDULE.items():
        try:
            trigger = CronTrigger.from_crontab(expression, timezone=settings.TIME_ZONE)
            task = import_string(path)
        except (ValueError, ImportError) as error:
            raise CommandError(f"TASK_SCHEDULE[{name!r}]: {error}") from error
        if not hasattr(task, "enqueue"):
            raise CommandError(f"TASK_SCHEDULE[{name!r}]: {path} is not a task (decorate it with @task).")
        entries.append((name, trigger, task))
    return entries


def enqueue(name, task):
    try:
        result = task.enqueue()
    except Exception:
        logger.exception("Could not enqueue the scheduled task %s.", name)
    else:
        logger.info("Enqueued %s (%s).", name, result.id)


class Command(BaseCommand):
    help = (
        "Enqueue the periodic background tasks (settings.TASK_SCHEDULE) when due; `db_worker` runs them. "
        "Run exactly one scheduler for the whole site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="Print the schedule and exit.")

    def handle(self, *args, list=False, **options):
        entries = scheduled_tasks()
        if list:
            for name, trigger, task in entries:
                self.stdout.write(f"{name}: {trigger} -> {task.module_path}")
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for name, trigger, task in entries:
            # A run missed while the scheduler was down is made up once, not once per missed slot.
            scheduler.add_job(enqueue, trigger, args=(name, task), id=name, coalesce=True, misfire_grace_time=3600)
        self.stdout.write(f"Scheduling {len(entries)} periodic task(s): {', '.join(n for n, _, _ in entries)}.")
        with contextlib.suppress(KeyboardInterrupt, SystemExit):
            scheduler.start()
