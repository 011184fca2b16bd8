"""Settings for a real `db_worker` process started by a test: the test settings, with the database
task backend, email to the test's SMTP server (SMTP_PORT), and a short send lock so a message a
killed worker held is free again at once."""

import os

from healthequity.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("SMTP_PORT", "25"))
EMAIL_TIMEOUT = 5
EMAIL_SEND_LOCK_SECONDS = 1
ALERTS_COMPOSE_BATCH = int(os.environ.get("ALERTS_COMPOSE_BATCH", "200"))
