"""What a visitor or an editor can send that a careless server answers with a 500: a form body in
another character set, and characters XML cannot carry in any text that reaches a feed."""

from urllib.parse import urlencode

from django.test import Client

import pytest

from funders.models import OpportunitySubmission
from tests import funders_support as support
from tests import public_forms_support

TOKEN = "a" * 32
FORM_ADDRESSES = ["/report-a-problem/", "/funders/submit/", "/admin/login/", "/resources/"]


@pytest.fixture
def visitor():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = TOKEN
    return client


@pytest.mark.django_db
class TestOddCharsets:
    @pytest.mark.parametrize("charset", ["latin-1", "utf-16", "iso-8859-15", "no-such-charset"])
    @pytest.mark.parametrize("address", FORM_ADDRESSES)
    def test_a_form_body_not_in_utf8_is_a_clear_400(self, visitor, home_page, address, charset):
        support.FundersIndexPageFactory(parent=home_page)
        body = f"csrfmiddlewaretoken={TOKEN}&what_is_wrong=caf%E9&username=x".encode()
        response = visitor.generic(
            "POST", address, body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
        )
        assert response.status_code == 400
        assert "character set other than UTF-8" in response.content.decode()

    @pytest.mark.parametrize("charset", ["utf-8", "UTF8", "utf_8"])
    def test_utf8_by_any_spelling_is_read(self, client, home_page, charset):
        public_forms_support.clear_rate_limits()
        support.FundersIndexPageFactory(parent=home_page)
        body = urlencode(support.submission_data(), doseq=True).encode()
        response = client.generic(
            "POST", "/funders/submit/", body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
        )
        assert response.status_code == 302
        assert OpportunitySubmission.objects.count() == 1
