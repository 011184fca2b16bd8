"""The "also seen" of issue 17: a website with an impossible port or a private host, one signed
"form started" time serving many posts, and a PDF with JavaScript shown inline."""

import re
import uuid
from unittest import mock

from django.core.files.base import ContentFile
from django.db import DatabaseError

from wagtail.documents import get_document_model

import pytest

from funders.models import OpportunitySubmission
from healthequity.core.public_forms.addresses import PORT_MESSAGE, PRIVATE_ADDRESS_MESSAGE
from tests import funders_support as support
from tests import public_forms_support

SUBMIT_URL = "/funders/submit/"
EXPIRED = b"could not be checked"
START_TIME = re.compile(rb'name="form_started" value="([^"]+)"')


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
    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SUBMIT_URL, data)

    return post


def field_error(response, name="website"):
    html = response.content.decode()
    start = html.index(f'id="id_{name}-error"')
    return html[start : html.index("</p>", start)]


@pytest.mark.django_db
class TestWebsite:
    def test_an_impossible_port_is_refused_by_the_field_with_the_rest_kept(self, submit, funders_index):
        response = submit(support.submission_data(website="http://[::1]:99999"))
        assert response.status_code == 400
        assert "real port number (1 to 65535)" in field_error(response)
        assert 'value="Tackling loneliness together"' in response.content.decode()
        assert OpportunitySubmission.objects.count() == 0

    @pytest.mark.parametrize(
        "address",
        [
            "http://[::1]/",
            "http://127.0.0.1:8000/admin/",
            "http://localhost/",
            "https://printer.local/",
            "http://10.1.2.3/",
            "http://192.168.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://intranet/",
            "http://[fd00::1]/",
        ],
    )
    def test_a_private_or_local_address_is_refused(self, submit, funders_index, address):
        response = submit(support.submission_data(website=address))
        assert response.status_code == 400, address
        assert "points to a computer" in field_error(response)
        assert OpportunitySubmission.objects.count() == 0

    @pytest.mark.parametrize(
        "address", ["https://www.example.org:8443/funding", "http://93.184.215.14/", "www.example.org"]
    )
    def test_a_public_address_is_stored(self, submit, funders_index, address):
        assert submit(support.submission_data(website=address)).status_code == 302
        assert OpportunitySubmission.objects.get().website.startswith(("https://", "http://"))

    def test_messages_say_what_to_do(self):
        assert "https://www.example.org" in PORT_MESSAGE and "public website" in PRIVATE_ADDRESS_MESSAGE


@pytest.mark.django_db
class TestOneStartTimeOneForm:
    def test_a_second_form_with_the_same_start_time_gets_the_expired_message(self, client, submit, funders_index):
        started = public_forms_support.started()
        assert submit(support.submission_data(form_started=started)).status_code == 302
        again = submit(support.submission_data(form_started=started, title="Another opportunity"))
        assert again.status_code == 400 and EXPIRED in again.content
        assert OpportunitySubmission.objects.count() == 1
        # The form shown again carries a fresh start time, so the person can send it.
        assert f'value="{started}"' not in again.content.decode()

    def test_the_same_token_and_form_with_another_sender_is_refused_too(self, submit, funders_index):
        data = support.submission_data()
        assert submit(data).status_code == 302
        again = submit({**data, "submitter_email": "someone-else@example.org"})
        assert again.status_code == 400 and EXPIRED in again.content
        assert OpportunitySubmission.objects.count() == 1

    def test_a_post_without_an_idempotency_token_cannot_reuse_the_start_time(self, submit, funders_index):
        started = public_forms_support.started()
        assert submit(support.submission_data(form_started=started, idempotency_token="")).status_code == 302
        again = submit(support.submission_data(form_started=started, idempotency_token="", title="Again"))
        assert again.status_code == 400 and EXPIRED in again.content
        assert OpportunitySubmission.objects.count() == 1

    def test_the_same_form_sent_again_after_try_again_is_stored_once(self, submit, funders_index):
        data = support.submission_data()
        with mock.patch("healthequity.core.public_forms.views.store_once", side_effect=DatabaseError("lost")):
            assert submit(data).status_code == 503
        assert submit(data).status_code == 302
        assert submit(data).status_code == 302  # a double click: its confirmation again
        assert OpportunitySubmission.objects.count() == 1

    def test_two_forms_shown_in_the_same_second_have_their_own_start_times(self, client, funders_index):
        with mock.patch("time.time", return_value=1_900_000_000.0):
            first, second = (START_TIME.search(client.get(SUBMIT_URL).content).group(1) for _ in range(2))
        assert first != second

    def test_without_the_cache_the_forms_still_take_posts(self, submit, funders_index, settings):
        settings.CACHES = {
            **settings.CACHES,
            "ratelimit": {
                "BACKEND": "healthequity.caching.backends.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",
                "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
            },
        }
        assert submit(support.submission_data()).status_code == 302
        assert OpportunitySubmission.objects.count() == 1


PDF_WITH_JAVASCRIPT = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert('x')) >> >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


@pytest.mark.django_db
def test_documents_are_downloads_never_shown_inline(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(
        title="Report", file=ContentFile(PDF_WITH_JAVASCRIPT, name=f"report-{uuid.uuid4().hex[:6]}.pdf")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_WITH_JAVASCRIPT
