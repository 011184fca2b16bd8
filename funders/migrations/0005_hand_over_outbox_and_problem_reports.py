"""The email outbox (OutgoingEmail) moved to the core's public-form toolkit, problem reports
(ProblemReport) to the feedback app. Funders hands both over with their data: nothing is copied.

- state: funders forgets both models (core 0005 and feedback 0001 take them up);
- database: each table is renamed to its new app's name (core_outgoingemail,
  feedback_problemreport), rows, ids and indexes kept;
- content types: the rows take their new app label, so the permissions groups were granted on them
  (Moderators, and Editors from 0004) and Wagtail's log entries about the records follow;
- the retention log action, now the core's, is renamed in the log.

This runs before core 0005 and feedback 0001 (`run_before`), which create their table only where
none was handed over (a database that never had funders). So the core and feedback name no other
app in their migrations; funders, which knows where its models went, does the moving.
"""

from django.apps import apps as installed_apps
from django.db import migrations

# (model, its app now)
MOVED = [("OutgoingEmail", "core"), ("ProblemReport", "feedback")]
OLD_ANONYMISE_ACTION = "funders.record.anonymise"
NEW_ANONYMISE_ACTION = "core.record.anonymise"


def clear_content_type_cache():
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def relabel_content_types(apps, handing_over):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, new_app in MOVED:
        source, target = ("funders", new_app) if handing_over else (new_app, "funders")
        moving = ContentType.objects.filter(app_label=source, model=model.lower())
        if moving.exists():
            # A content type the target app made for itself meanwhile has nothing granted on it yet.
            ContentType.objects.filter(app_label=target, model=model.lower()).delete()
            moving.update(app_label=target)
    clear_content_type_cache()


def rename_log_action(apps, old, new):
    for model in ("ModelLogEntry", "PageLogEntry"):
        apps.get_model("wagtailcore", model).objects.filter(action=old).update(action=new)


def forwards(apps, schema_editor):
    relabel_content_types(apps, handing_over=True)
    rename_log_action(apps, OLD_ANONYMISE_ACTION, NEW_ANONYMISE_ACTION)


def backwards(apps, schema_editor):
    relabel_content_types(apps, handing_over=False)
    rename_log_action(apps, NEW_ANONYMISE_ACTION, OLD_ANONYMISE_ACTION)


class Migration(migrations.Migration):
    dependencies = [
        ("funders", "0004_editors_see_problem_reports"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]
    # feedback may be left out of INSTALLED_APPS; its table is then handed over all the same and
    # taken up whenever feedback is installed.
    run_before = [("core", "0005_outgoing_email")] + (
        [("feedback", "0001_initial")] if installed_apps.is_installed("feedback") else []
    )

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(model) for model, _ in MOVED],
            database_operations=[
                migrations.AlterModelTable(model, f"{app}_{model.lower()}") for model, app in MOVED
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
