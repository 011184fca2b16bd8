"""Problem reports ("Something not right?"), once part of the funders app.

Funders hands its table over (renamed to feedback_problemreport, with its content type, so the
Editors' and Moderators' permissions and the reports' history follow) in a migration that runs
before this one; this creates the table only where none was handed over. Undoing this leaves the
table in place (it holds the reports), for funders to take back.
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from healthequity.core.migration_helpers import create_table_unless_present


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProblemReport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("idempotency_token", models.UUIDField(default=uuid.uuid4, editable=False, help_text="Sent with the form so a resubmission stores nothing new.", unique=True)),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("anonymised_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        ("page_url", models.CharField(blank=True, max_length=500, verbose_name="page address")),
                        ("page_title", models.CharField(blank=True, max_length=255)),
                        ("what_is_wrong", models.TextField(max_length=2000)),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="reporter's email address")),
                        ("status", models.CharField(choices=[("new", "New"), ("resolved", "Resolved"), ("no-action", "No action needed")], db_index=True, default="new", max_length=16)),
                        ("editor_notes", models.TextField(blank=True, max_length=4000)),
                        ("page", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.WAGTAIL_PAGE_MODEL)),
                    ],
                    options={
                        "verbose_name": "problem report",
                        "ordering": ["-created_at", "-pk"],
                    },
                ),
            ],
        ),
        migrations.RunPython(create_table_unless_present("feedback", "ProblemReport"), migrations.RunPython.noop),
    ]
