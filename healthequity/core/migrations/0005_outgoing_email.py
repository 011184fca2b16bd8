"""The public forms' email outbox (OutgoingEmail) is the core's, with its own permission: "Can see
personal data sent through public forms".

An app that had the outbox before hands its table over (renamed to core_outgoingemail, with its
content type) in a migration that runs before this one; this creates the table only where none was
handed over. Undoing this leaves the table in place (it may hold the outbox), for the app that
handed it over to take back.
"""

import django.utils.timezone
from django.db import migrations, models

from healthequity.core.migration_helpers import create_table_unless_present


class Migration(migrations.Migration):
    dependencies = [("core", "0004_social_media_settings")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutgoingEmail",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("purpose", models.CharField(help_text="Which notification this is, for example 'submission-received'.", max_length=64)),
                        ("to", models.JSONField(default=list, help_text="Recipient addresses.")),
                        ("reply_to", models.JSONField(blank=True, default=list)),
                        ("subject", models.CharField(max_length=255)),
                        ("body", models.TextField()),
                        ("status", models.CharField(choices=[("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed (gave up)")], db_index=True, default="pending", max_length=16)),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("last_error", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                        ("locked_until", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        "verbose_name": "outgoing email",
                        "ordering": ["-created_at", "-pk"],
                        "permissions": [("view_personal_data", "Can see personal data sent through public forms")],
                    },
                ),
            ],
        ),
        migrations.RunPython(create_table_unless_present("core", "OutgoingEmail"), migrations.RunPython.noop),
    ]
