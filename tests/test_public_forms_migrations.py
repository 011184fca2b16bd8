"""The outbox moved from funders to the core, problem reports to feedback: the migrations are complete,
run in the order the hand-over needs, and keep the rows, the permissions granted on them and their
history (on a database of its own, migrated from before the move)."""

from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

import pytest

from tests.migration_support import run_on_a_fresh_database

HAND_OVER = ("funders", "0005_hand_over_outbox_and_problem_reports")


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits non-zero if one is missing


def test_funders_hands_over_before_the_core_and_feedback_take_up_the_models():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    for taker in (("core", "0005_outgoing_email"), ("feedback", "0001_initial")):
        assert HAND_OVER in graph.forwards_plan(taker), taker
    # Neither the core nor feedback names funders in its own migrations.
    for key in graph.forwards_plan(("feedback", "0001_initial")) + graph.forwards_plan(("core", "0005_outgoing_email")):
        if key[0] in ("core", "feedback"):
            assert not any(app == "funders" for app, _ in graph.nodes[key].dependencies), key


MIGRATE_FROM_BEFORE_THE_MOVE = """
import uuid

import django
from django.utils import timezone

django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

call_command("migrate", "funders", "0004", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(("funders", "0004_editors_see_problem_reports")).apps
ContentType = old.get_model("contenttypes", "ContentType")
Permission = old.get_model("auth", "Permission")
report_type = ContentType.objects.get(app_label="funders", model="problemreport")
report = old.get_model("funders", "ProblemReport").objects.create(
    what_is_wrong="Broken link", email="reader@example.org", idempotency_token=uuid.uuid4()
)
old.get_model("funders", "OutgoingEmail").objects.create(purpose="x", to=["a@example.org"], subject="Old", body="B")
reader = old.get_model("auth", "User").objects.create(username="reader")
reader.user_permissions.add(Permission.objects.get(content_type=report_type, codename="view_problemreport"))
moderator = old.get_model("auth", "User").objects.create(username="moderator")
submissions = Permission.objects.get(content_type__app_label="funders", codename="view_opportunitysubmission")
moderator.user_permissions.add(submissions)
old.get_model("wagtailcore", "ModelLogEntry").objects.create(
    content_type=report_type,
    object_id=str(report.pk),
    label="x",
    action="funders.record.anonymise",
    timestamp=timezone.now(),
)

call_command("migrate", verbosity=0)

from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from feedback.models import ProblemReport
from healthequity.core.public_forms import OutgoingEmail

moved = ProblemReport.objects.get(pk=report.pk)
assert (moved.what_is_wrong, moved.email) == ("Broken link", "reader@example.org")
assert OutgoingEmail.objects.get().subject == "Old"
assert ContentType.objects.get_for_model(ProblemReport).pk == report_type.pk
assert not ContentType.objects.filter(app_label="funders", model__in=["problemreport", "outgoingemail"]).exists()
assert User.objects.get(username="reader").has_perm("feedback.view_problemreport")
assert User.objects.get(username="moderator").has_perm("core.view_personal_data")
editors = set(Group.objects.get(name="Editors").permissions.values_list("content_type__app_label", "codename"))
assert {("feedback", "view_problemreport"), ("feedback", "change_problemreport")} <= editors
moderators = set(Group.objects.get(name="Moderators").permissions.values_list("content_type__app_label", "codename"))
assert {("core", "view_personal_data"), ("core", "view_outgoingemail")} <= moderators
assert {("feedback", "view_problemreport"), ("feedback", "change_problemreport")} <= moderators
entry = ModelLogEntry.objects.get(object_id=str(report.pk))
assert (entry.action, entry.content_type.app_label) == ("core.record.anonymise", "feedback")
assert ProblemReport.objects.create(what_is_wrong="After the move").pk > report.pk
print("moved")
"""


@pytest.mark.database_independent
def test_the_move_keeps_rows_permissions_and_history(tmp_path):
    result = run_on_a_fresh_database(MIGRATE_FROM_BEFORE_THE_MOVE, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "moved" in result.stdout
