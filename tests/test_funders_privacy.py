"""Retention: personal data older than the retention period is removed, the records are kept. The
core's command anonymises every app's public records; funders add their opportunities' contacts."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from feedback.models import ProblemReport
from funders.models import InterestRegistration, OpportunitySubmission
from healthequity.core.public_forms import ANONYMISE_ACTION, OutgoingEmail, months_before, public_record_models
from tests import funders_support as support


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.mark.django_db
def test_purge_anonymises_old_records_and_keeps_them(home_page, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 24
    index = support.FundersIndexPageFactory(parent=home_page)
    page = support.OpportunityPageFactory(parent=index)
    old_submission = support.OpportunitySubmissionFactory(created_at=ago(800), title="Old opportunity")
    new_submission = support.OpportunitySubmissionFactory(created_at=ago(30))
    old_registration = support.InterestRegistrationFactory(opportunity=page, created_at=ago(800))
    new_registration = support.InterestRegistrationFactory(opportunity=page, created_at=ago(10))
    old_report = ProblemReport.objects.create(what_is_wrong="Typo", email="old@example.org", created_at=ago(800))
    OutgoingEmail.objects.create(
        purpose="x", to=["sian@example.org"], subject="Old", body="Personal", created_at=ago(800)
    )
    OutgoingEmail.objects.create(purpose="x", to=["sian@example.org"], subject="New", body="Personal")

    call_command("purge_personal_data", "--dry-run")
    assert OpportunitySubmission.objects.get(pk=old_submission.pk).submitter_email == "sian@example.org"

    call_command("purge_personal_data")

    old_submission.refresh_from_db()
    assert old_submission.submitter_name == "[removed]"
    assert old_submission.submitter_email == "[removed]"
    assert old_submission.submitter_role == ""
    assert old_submission.title == "Old opportunity"  # the record, without the person
    assert old_submission.anonymised_at is not None
    old_registration.refresh_from_db()
    assert (old_registration.name, old_registration.email, old_registration.message) == ("[removed]", "[removed]", "")
    assert old_registration.organisation == "Interested Foundation"
    old_report.refresh_from_db()
    assert old_report.email == "" and old_report.what_is_wrong == "Typo"

    new_submission.refresh_from_db()
    new_registration.refresh_from_db()
    assert new_submission.submitter_email == "sian@example.org"
    assert new_registration.email == "rana@example.org"
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["New"]
    assert OpportunitySubmission.objects.count() == 2 and InterestRegistration.objects.count() == 2
    assert ModelLogEntry.objects.filter(action=ANONYMISE_ACTION).count() == 3

    # A second run finds nothing more to do.
    call_command("purge_personal_data")
    assert ModelLogEntry.objects.filter(action=ANONYMISE_ACTION).count() == 3


@pytest.mark.django_db
def test_the_retention_period_is_a_setting(settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 1
    submission = support.OpportunitySubmissionFactory(created_at=ago(45))
    call_command("purge_personal_data")
    submission.refresh_from_db()
    assert submission.anonymised_at is not None


def test_months_before_handles_short_months():
    moment = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2026, 2, 28, 12, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 24) == datetime.datetime(2024, 3, 31, 12, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 3) == datetime.datetime(2025, 12, 31, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_a_retention_period_below_a_month_changes_nothing(settings):
    from django.core.management.base import CommandError

    submission = support.OpportunitySubmissionFactory(created_at=ago(1))
    settings.PERSONAL_DATA_RETENTION_MONTHS = 0
    with pytest.raises(CommandError):
        call_command("purge_personal_data")
    with pytest.raises(CommandError):
        call_command("purge_personal_data", "--months", "0")
    submission.refresh_from_db()
    assert submission.anonymised_at is None and submission.submitter_email == "sian@example.org"


@pytest.mark.django_db
def test_purge_removes_old_contact_details_from_opportunities_but_not_from_live_use(home_page, settings):
    from wagtail.models import PageLogEntry, Revision

    from funders.models import OpportunityPage

    settings.PERSONAL_DATA_RETENTION_MONTHS = 24
    index = support.FundersIndexPageFactory(parent=home_page)

    # Live: an old revision names a previous contact; the live revision names today's.
    live = support.OpportunityPageFactory(parent=index, contact_name="Old Contact", contact_email="old@example.org")
    old_revision = live.save_revision()
    Revision.objects.filter(pk=old_revision.pk).update(created_at=ago(800))
    live.contact_name, live.contact_email = "New Contact", "new@example.org"
    live.save_revision().publish()

    # Offline for longer than the period: nothing of the contact is needed any more.
    closed = support.OpportunityPageFactory(parent=index, contact_email="closed@example.org")
    closed_revision = closed.save_revision()
    closed.unpublish()
    Revision.objects.filter(pk=closed_revision.pk).update(created_at=ago(800))
    OpportunityPage.objects.filter(pk=closed.pk).update(latest_revision_created_at=ago(800), last_published_at=ago(800))

    # Offline, but recently: kept (it may come back).
    recent = support.OpportunityPageFactory(parent=index, contact_email="recent@example.org")
    recent.save_revision()
    recent.unpublish()

    call_command("purge_personal_data", "--dry-run")
    assert Revision.objects.get(pk=old_revision.pk).content["contact_email"] == "old@example.org"

    call_command("purge_personal_data")

    assert Revision.objects.get(pk=old_revision.pk).content["contact_email"] == ""
    live.refresh_from_db()
    assert (live.contact_name, live.contact_email) == ("New Contact", "new@example.org")
    assert live.live_revision.content["contact_email"] == "new@example.org"
    closed.refresh_from_db()
    assert (closed.contact_name, closed.contact_email) == ("", "")
    assert Revision.objects.get(pk=closed_revision.pk).content["contact_email"] == ""
    assert closed.title  # the page itself stays
    recent.refresh_from_db()
    assert recent.contact_email == "recent@example.org"
    assert PageLogEntry.objects.filter(action=ANONYMISE_ACTION).count() == 2

    call_command("purge_personal_data")  # nothing more to do
    assert PageLogEntry.objects.filter(action=ANONYMISE_ACTION).count() == 2


def test_every_app_s_public_records_are_found_without_the_core_naming_them():
    from funders.models import OpportunitySubmission as Submission

    assert set(public_record_models()) == {Submission, InterestRegistration, ProblemReport}


@pytest.mark.django_db
def test_the_command_reports_each_kind_and_the_funders_hook(settings, capsys):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 24
    ProblemReport.objects.create(what_is_wrong="Typo", email="old@example.org", created_at=ago(800))
    call_command("purge_personal_data", "--dry-run")
    out = capsys.readouterr().out
    assert "Would anonymise 1 problem reports." in out
    assert "Would anonymise 0 opportunity submissions." in out
    assert "Would anonymise 0 opportunity pages with old contact details." in out
    assert "Would delete 0 old outgoing email(s)." in out
    assert ProblemReport.objects.get().email == "old@example.org"
