"""Add a collaboration opportunity: stored at once, confirmed, emailed; bad input and abuse each get
a clear answer with nothing lost and nothing doubled."""

import os
import uuid
from unittest import mock

from django import forms
from django.core import mail
from django.db import DatabaseError
from django.test import Client

import pytest

from funders.models import OpportunitySubmission, SubmissionStatus
from healthequity.core.public_forms import OutgoingEmail
from tests import feedback_support, public_forms_support
from tests import funders_support as support

SUBMIT_URL = "/funders/submit/"
# The core's outbox and the one path every public form follows.
OUTBOX = "healthequity.core.public_forms.emails"
FORM_PATH = "healthequity.core.public_forms.views"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    public_forms_support.clear_rate_limits()
    yield
    public_forms_support.clear_rate_limits()


@pytest.fixture
def funders_index(home_page):
    return support.FundersIndexPageFactory(parent=home_page)


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """Post the form as a browser would, running the after-commit email sends."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SUBMIT_URL, data, **extra)

    return post


@pytest.mark.django_db
class TestSubmittingAnOpportunity:
    def test_the_form_asks_for_everything_and_links_the_privacy_notice(self, client, funders_index):
        response = client.get(SUBMIT_URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>Add a collaboration opportunity</h1>" in html
        assert 'href="/privacy/"' in html
        for name in (
            "title",
            "summary",
            "issues",
            "activities",
            "location",
            "stage",
            "groups",
            "topics",
            "aims_and_activities",
            "how_to_get_involved",
            "event_date",
            "organisations",
            "website",
            "submitter_name",
            "submitter_organisation",
            "submitter_role",
            "submitter_email",
            "consent_to_contact",
            "consent_to_publish",
            "idempotency_token",
            "form_started",
        ):
            assert f'name="{name}"' in html, name
        assert "no-store" in response["Cache-Control"]  # each form carries its own token
        # Valid HTML posts to its own address without an empty action; the opportunity's web page
        # is not the person's own ("url" would have browsers offer their home page).
        assert '<form method="post" novalidate class="public-form__form">' in html and 'action=""' not in html
        assert 'autocomplete="url"' not in html

    def test_a_good_submission_is_stored_as_new_confirmed_and_emailed(self, client, funders_index, submit):
        response = submit(support.submission_data())
        assert response.status_code == 302
        submission = OpportunitySubmission.objects.get()
        assert submission.status == SubmissionStatus.NEW
        assert submission.title == "Tackling loneliness together"
        assert sorted(submission.issues.values_list("slug", flat=True)) == ["community-development", "health"]
        assert submission.consent_to_contact and submission.consent_to_publish

        confirmation = client.get(response["Location"])
        assert confirmation.status_code == 200
        html = confirmation.content.decode()
        assert "Opportunity received" in html
        assert submission.reference in html
        assert "funmi@example.org" not in html

        assert [message.to for message in mail.outbox] == [
            ["funmi@example.org"],
            ["funders-moderators@healthequity.example"],
        ]
        assert submission.reference in mail.outbox[0].subject
        assert f"/admin/funders/submissions/inspect/{submission.pk}/" in mail.outbox[1].body
        assert OutgoingEmail.objects.filter(status="sent").count() == 2

    def test_a_submission_with_an_event_and_links_keeps_them(self, funders_index, submit):
        response = submit(
            support.submission_data(
                event_title="Launch call",
                event_date="2099-03-02",
                event_start_time="11:30",
                event_end_time="12:15",
                event_how_to_join="Online",
                website="https://example.org/loneliness",
                groups=["core20", "people-experiencing-homelessness"],
                topics=["maternity"],
            )
        )
        assert response.status_code == 302
        submission = OpportunitySubmission.objects.get()
        assert str(submission.event_date) == "2099-03-02"
        assert submission.website == "https://example.org/loneliness"
        assert submission.groups.count() == 2


@pytest.mark.django_db
class TestBadInput:
    def test_missing_answers_get_a_summary_linking_to_each_field_and_keep_what_was_typed(self, client, funders_index):
        data = support.submission_data(summary="", issues=[], submitter_email="not-an-email", consent_to_publish="")
        response = client.post(SUBMIT_URL, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "<title>Error: Add a collaboration opportunity" in html
        assert "There is a problem" in html
        assert '<a href="#id_summary">Enter a short summary of the opportunity</a>' in html
        assert '<a href="#id_issues_0">Select at least one issue</a>' in html
        assert '<a href="#id_submitter_email">Enter an email address in the correct format' in html
        assert '<a href="#id_consent_to_publish">Confirm that we may publish this opportunity</a>' in html
        assert 'id="id_summary-error"' in html
        assert 'aria-invalid="true"' in html
        assert 'value="Tackling loneliness together"' in html  # kept as typed
        assert 'value="not-an-email"' in html
        assert OpportunitySubmission.objects.count() == 0
        assert mail.outbox == []

    def test_invalid_url_date_and_time_get_a_message_by_the_field_a_summary_link_and_keep_the_rest(
        self, client, funders_index
    ):
        data = support.submission_data(
            website="javascript:alert(1)",
            event_title="Call",
            event_date="31/02/2027",
            event_start_time="25:99",
            groups=["core20"],
            topics=["maternity"],
        )
        response = client.post(SUBMIT_URL, data)
        assert response.status_code == 400
        html = response.content.decode()
        for field, message in (
            ("website", "Enter a web address in the correct format, like https://www.example.org"),
            ("event_date", "Enter the event date as a real date, for example 27/03/2027"),
            ("event_start_time", "Enter the start time as a real time, for example 11:30"),
        ):
            assert f'<a href="#id_{field}">{message}</a>' in html, field  # in the summary, linking to it
            assert (
                f'<p class="error-message" id="id_{field}-error"><span class="visually-hidden">Error:</span> {message}'
                in html
            )
            assert f'aria-describedby="id_{field}-error' in html
        # What was typed stays, the wrong answers included, so nothing has to be typed again.
        for kept in (
            'value="javascript:alert(1)"',
            'value="31/02/2027"',
            'value="25:99"',
            'value="Tackling loneliness together"',
            "Funders of befriending schemes sharing what works.</textarea>",
            'value="funmi@example.org"',
            'value="Funmi Funder"',
            'value="england" selected',
            'id="id_issues_0" checked',
            'id="id_stage_0" required checked',
            'id="id_consent_to_publish" checked',
        ):
            assert kept in html, kept
        form = response.context["form"]
        assert form["groups"].value() == ["core20"] and form["topics"].value() == ["maternity"]
        assert OpportunitySubmission.objects.count() == 0

    def test_event_times_must_make_sense(self, client, funders_index):
        data = support.submission_data(event_date="2099-01-01", event_start_time="14:00", event_end_time="13:00")
        html = client.post(SUBMIT_URL, data).content.decode()
        assert "The end time must be after the start time" in html
        data = support.submission_data(event_date="2001-01-01")
        assert "The event date must be today or in the future" in client.post(SUBMIT_URL, data).content.decode()

    def test_every_field_has_a_length_bound(self, client, funders_index):
        response = client.post(SUBMIT_URL, support.submission_data(title="x" * 151, aims_and_activities="y" * 5001))
        html = response.content.decode()
        assert response.status_code == 400
        assert "Title of the opportunity must be 150 characters or fewer (this has 151)" in html
        assert "Aims and activities must be 5000 characters or fewer (this has 5001)" in html
        assert OpportunitySubmission.objects.count() == 0

    def test_unknown_choices_are_refused_by_the_field(self, client, funders_index):
        html = client.post(SUBMIT_URL, support.submission_data(issues=["no-such-issue"], location="mars")).content
        assert b"Select issues from the list" in html
        assert b"Select a location from the list" in html

    @pytest.mark.parametrize("field", ["title", "submitter_email", "issues", "location", "aims_and_activities"])
    def test_nul_bytes_get_a_clear_answer_not_a_server_error(self, client, funders_index, field):
        value = ["health\x00"] if field == "issues" else "bad\x00value"
        response = client.post(SUBMIT_URL, support.submission_data(**{field: value}))
        assert response.status_code == 400
        assert b"There is a problem" in response.content
        assert OpportunitySubmission.objects.count() == 0

    def test_html_and_script_are_stored_as_text_and_shown_escaped(self, client, funders_index, submit):
        script = '<script>alert("x")</script><b>bold</b>'
        response = submit(support.submission_data(title=script, summary=script))
        submission = OpportunitySubmission.objects.get()
        assert submission.title == script
        html = client.get(response["Location"]).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        # Emails are plain text: the words arrive exactly as typed, never as markup.
        assert all(message.content_subtype == "plain" for message in mail.outbox)
        assert script in mail.outbox[0].body
        assert not getattr(mail.outbox[0], "alternatives", [])

    def test_a_megabyte_body_gets_a_clear_413_and_stores_nothing(self, client, funders_index):
        response = client.post(SUBMIT_URL, support.submission_data(aims_and_activities="x" * 1_000_000))
        assert response.status_code == 413
        assert b"What you sent is too long" in response.content
        assert OpportunitySubmission.objects.count() == 0

    def test_a_body_over_django_s_upload_limit_is_a_400_page(self, funders_index, settings):
        # With CSRF checks on (as in production) the middleware reads the body first and Django refuses it.
        client = Client(enforce_csrf_checks=True)
        client.get(SUBMIT_URL)
        data = support.submission_data(aims_and_activities="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1000))
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
        response = client.post(SUBMIT_URL, data)
        assert response.status_code == 400
        assert b"Sorry, we could not read that request" in response.content
        assert OpportunitySubmission.objects.count() == 0

    def test_a_missing_csrf_token_gets_the_friendly_403(self, funders_index):
        client = Client(enforce_csrf_checks=True)
        response = client.post(SUBMIT_URL, support.submission_data())
        assert response.status_code == 403
        assert b"Your form could not be sent" in response.content
        assert OpportunitySubmission.objects.count() == 0

    def test_a_wrong_csrf_token_gets_the_friendly_403(self, funders_index):
        client = Client(enforce_csrf_checks=True)
        client.get(SUBMIT_URL)
        response = client.post(SUBMIT_URL, support.submission_data(csrfmiddlewaretoken="x" * 64))
        assert response.status_code == 403
        assert b"nothing was stored" in response.content

    @pytest.mark.parametrize("method", ["put", "patch", "delete"])
    def test_the_wrong_method_gets_405_with_a_clear_page(self, client, funders_index, method):
        response = getattr(client, method)(SUBMIT_URL)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, POST"
        assert b"does not accept that kind of request" in response.content

    def test_posting_to_the_listing_is_405(self, client, funders_index):
        assert client.post("/funders/", {}).status_code == 405


PROTECTION_FIELDS = {"nickname", "form_started", "idempotency_token"}


def overlong(field):
    """An answer one character over the field's bound, in the field's own format."""
    length = field.max_length + 1
    if isinstance(field, forms.EmailField):
        return "a" * (length - len("@example.org")) + "@example.org"
    if isinstance(field, forms.URLField):
        return "https://example.org/" + "a" * (length - len("https://example.org/"))
    return "x" * length


@pytest.mark.django_db
@pytest.mark.parametrize("form_name", ["submission", "registration", "problem report"])
def test_every_text_field_of_every_public_form_is_bounded_and_says_so_by_the_field(client, funders_index, form_name):
    from feedback.forms import ProblemReportForm
    from funders.forms import InterestRegistrationForm, OpportunitySubmissionForm

    opportunity = support.OpportunityPageFactory(parent=funders_index, slug="bounded")
    form_class, url, data = {
        "submission": (OpportunitySubmissionForm, SUBMIT_URL, support.submission_data()),
        "registration": (
            InterestRegistrationForm,
            "/funders/bounded/register-interest/",
            support.registration_data(),
        ),
        "problem report": (ProblemReportForm, "/report-a-problem/", feedback_support.problem_data()),
    }[form_name]
    fields = form_class().fields
    text_fields = {
        name: field
        for name, field in fields.items()
        if isinstance(field, forms.CharField) and name not in PROTECTION_FIELDS
    }
    assert text_fields and all(field.max_length for field in text_fields.values())
    # The rest are choices, dates, times, numbers or ticks: bounded by what they accept.
    for name, field in fields.items():
        assert isinstance(
            field,
            (
                forms.CharField,
                forms.ChoiceField,
                forms.DateField,
                forms.TimeField,
                forms.BooleanField,
                forms.IntegerField,
                forms.ModelMultipleChoiceField,
            ),
        ), name
    data.update({name: overlong(field) for name, field in text_fields.items()})
    response = client.post(url, data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    for name, field in text_fields.items():
        assert any(f"characters or fewer (this has {field.max_length + 1})" in error for error in errors[name]), name
    assert not OpportunitySubmission.objects.exists()
    assert not opportunity.interest_registrations.exists()


@pytest.mark.django_db
class TestNothingDoubled:
    def test_the_same_form_sent_twice_stores_one_record_and_shows_the_same_confirmation(
        self, client, funders_index, submit
    ):
        data = support.submission_data()
        first = submit(data)
        second = submit(data)
        assert first.status_code == second.status_code == 302
        assert first["Location"] == second["Location"]
        assert OpportunitySubmission.objects.count() == 1
        assert len(mail.outbox) == 2  # one confirmation, one notification: not four

    def test_resending_long_after_still_finds_the_first(self, client, funders_index, submit):
        data = support.submission_data()
        first = submit(data)
        data["form_started"] = "expired-or-forged"
        assert submit(data)["Location"] == first["Location"]
        assert OpportunitySubmission.objects.count() == 1

    def test_someone_else_s_token_never_swallows_a_new_form(self, client, funders_index, submit):
        token = str(uuid.uuid4())
        submit(support.submission_data(idempotency_token=token))
        other = submit(support.submission_data(idempotency_token=token, submitter_email="other@example.org"))
        assert other.status_code == 302
        assert OpportunitySubmission.objects.count() == 2
        assert OpportunitySubmission.objects.filter(submitter_email="other@example.org").exists()

    def test_a_malformed_token_still_stores_the_form(self, funders_index, submit):
        assert submit(support.submission_data(idempotency_token="not-a-uuid")).status_code == 302
        assert OpportunitySubmission.objects.count() == 1


@pytest.mark.django_db
class TestSpam:
    def test_a_filled_honeypot_stores_nothing_and_tells_a_person_what_to_do(self, client, funders_index):
        response = client.post(SUBMIT_URL, support.submission_data(nickname="I am a robot"))
        assert response.status_code == 400
        html = response.content.decode()
        assert "a field that should be empty was filled in" in html
        assert 'value="Tackling loneliness together"' in html
        assert OpportunitySubmission.objects.count() == 0
        assert mail.outbox == []

    def test_a_form_sent_too_quickly_stores_nothing_and_can_be_sent_again(self, client, funders_index, submit):
        data = support.submission_data(form_started=public_forms_support.started(seconds_ago=0))
        response = client.post(SUBMIT_URL, data)
        assert response.status_code == 400
        assert b"quicker than we expect from a person" in response.content
        assert OpportunitySubmission.objects.count() == 0
        # The person checks and sends it again a little later: accepted.
        data["form_started"] = public_forms_support.started(seconds_ago=30)
        assert submit(data).status_code == 302
        assert OpportunitySubmission.objects.count() == 1

    def test_a_field_error_is_never_hidden_behind_the_timing_message(self, client, funders_index):
        data = support.submission_data(form_started=public_forms_support.started(seconds_ago=0), title="")
        response = client.post(SUBMIT_URL, data)
        assert response.status_code == 400
        html = response.content.decode()
        summary = html[html.index('class="error-summary"') : html.index("</ul>", html.index('class="error-summary"'))]
        assert '<a href="#id_title">' in summary
        assert "quicker than we expect" not in html
        assert OpportunitySubmission.objects.count() == 0

    def test_a_forged_start_time_is_refused(self, client, funders_index):
        response = client.post(SUBMIT_URL, support.submission_data(form_started="123"))
        assert response.status_code == 400
        assert b"could not be checked" in response.content

    @pytest.mark.django_db
    def test_too_many_posts_from_one_address_are_refused_with_what_to_do(self, client, funders_index, submit, settings):
        settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "submission": (2, 3600)}
        for _ in range(2):
            assert submit(support.submission_data()).status_code == 302
        response = client.post(SUBMIT_URL, support.submission_data())
        assert response.status_code == 429
        html = response.content.decode()
        assert "Wait an hour" in html
        assert "funders-moderators@healthequity.example" in html
        assert 'value="Tackling loneliness together"' in html
        assert OpportunitySubmission.objects.count() == 2
        # Another address is not affected.
        assert submit(support.submission_data(), REMOTE_ADDR="10.0.0.9").status_code == 302

    def test_the_rate_limit_reads_the_forwarded_address_behind_a_trusted_proxy(
        self, client, funders_index, submit, settings
    ):
        settings.TRUSTED_PROXY_COUNT = 1
        settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "submission": (1, 3600)}
        assert submit(support.submission_data(), HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 302
        assert submit(support.submission_data(), HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 302
        blocked = client.post(SUBMIT_URL, support.submission_data(), HTTP_X_FORWARDED_FOR="203.0.113.1")
        assert blocked.status_code == 429


def redis_cache(location, **options):
    """The default and rate-limit aliases in one Redis, as production has them."""
    return {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"funders-tests-{alias}",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2, **options},
        }
        for alias in ("default", "ratelimit")
    }


def redis_reachable(url):
    try:
        import redis

        return redis.Redis.from_url(url, socket_connect_timeout=0.2).ping()
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False


TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


@pytest.mark.django_db
class TestRateLimitInTheSharedCache:
    def test_with_the_cache_down_people_are_not_turned_away(self, funders_index, submit, settings):
        settings.CACHES = redis_cache("redis://127.0.0.1:1/0")
        settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "submission": (1, 3600)}
        assert submit(support.submission_data()).status_code == 302
        assert submit(support.submission_data()).status_code == 302
        assert OpportunitySubmission.objects.count() == 2

    @pytest.mark.skipif(not redis_reachable(TEST_REDIS_URL), reason=f"no Redis at {TEST_REDIS_URL}")
    def test_the_limit_is_counted_in_redis_as_in_production(self, client, funders_index, submit, settings):
        from django.core.cache import caches

        settings.CACHES = redis_cache(TEST_REDIS_URL)
        settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "submission": (2, 3600)}
        cache = caches["ratelimit"]
        cache.clear()
        try:
            assert submit(support.submission_data()).status_code == 302
            assert submit(support.submission_data()).status_code == 302
            assert client.post(SUBMIT_URL, support.submission_data()).status_code == 429
            assert OpportunitySubmission.objects.count() == 2
            # django-ratelimit's one counter for this address and form holds the two stored posts.
            counters = cache.keys(f"{settings.RATELIMIT_CACHE_PREFIX}*")
            assert len(counters) == 1 and cache.get(counters[0]) == 2
        finally:
            cache.clear()


@pytest.mark.django_db
class TestNothingLost:
    def test_a_failing_mail_server_never_loses_the_record_and_the_command_retries(
        self, client, funders_index, submit, caplog
    ):
        with (
            caplog.at_level("WARNING", logger=OUTBOX),
            mock.patch(f"{OUTBOX}.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("mail server down")),
        ):
            response = submit(support.submission_data())
        assert response.status_code == 302
        failures = [record.getMessage() for record in caplog.records if record.name == OUTBOX]
        assert len(failures) == 2
        assert all("failed on attempt 1; it stays pending: mail server down" in message for message in failures)
        assert client.get(response["Location"]).status_code == 200
        assert OpportunitySubmission.objects.count() == 1
        pending = OutgoingEmail.objects.filter(status="pending")
        assert pending.count() == 2
        assert all(email.attempts == 1 and "mail server down" in email.last_error for email in pending)
        assert mail.outbox == []

        from django.core.management import call_command

        call_command("send_pending_emails")
        assert OutgoingEmail.objects.filter(status="sent").count() == 2
        assert sorted(message.to[0] for message in mail.outbox) == [
            "funders-moderators@healthequity.example",
            "funmi@example.org",
        ]
        call_command("send_pending_emails")
        assert len(mail.outbox) == 2  # sent once, never again

    def test_the_record_is_stored_as_new_before_any_email_is_sent(self, funders_index, submit):
        seen_when_sending = []

        def send(message, *args, **kwargs):
            seen_when_sending.append(list(OpportunitySubmission.objects.values_list("status", flat=True)))
            return 1

        with mock.patch(f"{OUTBOX}.EmailMultiAlternatives.send", autospec=True, side_effect=send):
            submit(support.submission_data())
        assert seen_when_sending == [["new"], ["new"]]

    def test_a_message_that_keeps_failing_is_given_up_after_the_limit(self, funders_index, submit, settings):
        settings.EMAIL_MAX_ATTEMPTS = 2
        from healthequity.core.public_forms import send_pending

        with mock.patch(f"{OUTBOX}.EmailMultiAlternatives.send", side_effect=OSError("down")):
            submit(support.submission_data())
            send_pending()
        assert OutgoingEmail.objects.filter(status="failed").count() == 2
        assert OpportunitySubmission.objects.count() == 1

    def test_a_broken_email_template_never_costs_the_record(self, funders_index, submit):
        with mock.patch(f"{OUTBOX}.render_to_string", side_effect=ValueError("template bug")):
            response = submit(support.submission_data())
        assert response.status_code == 302
        assert OpportunitySubmission.objects.count() == 1

    def test_a_database_outage_says_try_again_and_claims_nothing(self, client, funders_index):
        with mock.patch(f"{FORM_PATH}.store_once", side_effect=DatabaseError("connection lost")):
            response = client.post(SUBMIT_URL, support.submission_data())
        assert response.status_code == 503
        assert b"nothing was stored" in response.content
        assert b"try again" in response.content
