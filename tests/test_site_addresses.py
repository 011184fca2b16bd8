"""Every full address the site writes out starts with the address it is served on
(`WAGTAILADMIN_BASE_URL`: `make run` passes http://$(HOST), production requires it), because
`migrate` points the default Wagtail site at it."""

import datetime
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from wagtail.models import Site

import pytest
import rispy

from feedback.emails import problem_reported
from feedback.models import ProblemReport
from healthequity.settings.environment import base_url
from tests import factories

SERVED_AT = "http://127.0.0.1:8123"
REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("https://Evidence.example.org/", "https://evidence.example.org"),
        ("https://evidence.example.org:443", "https://evidence.example.org:443"),
    ],
)
def test_a_base_url_is_an_address_a_wagtail_site_can_hold(value, expected):
    assert base_url(value) == expected


@pytest.mark.parametrize(
    "value",
    ["evidence.example.org", "ftp://evidence.example.org", "https://evidence.example.org/portal/",
     "https://evidence.example.org:8443", "http://evidence.example.org:443", "http://host:99999"],
)  # fmt: skip
def test_a_base_url_wagtail_could_not_give_back_is_refused_by_name(value):
    with pytest.raises(ImproperlyConfigured, match="WAGTAILADMIN_BASE_URL"):
        base_url(value)


def test_the_dev_settings_take_the_address_make_run_serves():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.WAGTAILADMIN_BASE_URL, 'example.test' in s.ALLOWED_HOSTS)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=REPO,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "healthequity.settings.dev",
            "WAGTAILADMIN_BASE_URL": "http://example.test:8080",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://example.test:8080", "True"]


@pytest.fixture
def served_at(settings, resource_index):
    """The site as `make run HOST=127.0.0.1:8123` leaves it: migrated with that address."""
    settings.WAGTAILADMIN_BASE_URL = SERVED_AT
    call_command("migrate", verbosity=0, stdout=StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.mark.django_db
def test_migrate_points_the_default_site_at_the_served_address(served_at):
    assert (served_at.hostname, served_at.port, served_at.root_url) == ("127.0.0.1", 8123, SERVED_AT)


@pytest.mark.django_db
def test_every_address_a_page_writes_out_is_the_served_one(client, served_at, resource_index):
    factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        slug="brief",
        publication_date=datetime.date(2024, 2, 6),
        authors=[factories.AuthorFactory(name="Dr Grace Okafor")],
    )
    page_url = f"{SERVED_AT}/resources/brief/"
    # Whatever host the request came in on: the address is the site's.
    html = client.get("/resources/brief/", HTTP_HOST="localhost").content.decode()
    assert f'<link rel="canonical" href="{page_url}">' in html
    assert f'<meta property="og:url" content="{page_url}">' in html
    assert f'Address of this page: <span class="cite__address">{page_url}</span>' in html
    assert "http://localhost" not in html and "http://testserver" not in html

    assert f"url = {{{page_url}}}" in client.get("/resources/brief/cite/bibtex/").content.decode()
    (record,) = rispy.loads(client.get("/resources/brief/cite/ris/").content.decode())
    assert record["urls"] == [page_url]

    feed = client.get("/resources/feed/").content.decode()
    assert f'href="{page_url}"' in feed and f'href="{SERVED_AT}/resources/feed/"' in feed
    data = client.get("/api/resources/").json()
    assert data["items"][0]["url"] == page_url and data["html_url"] == f"{SERVED_AT}/resources/"
    assert f"Sitemap: {SERVED_AT}/sitemap.xml" in client.get("/robots.txt").content.decode()
    assert f"<loc>{page_url}</loc>" in client.get("/sitemap.xml").content.decode()
    assert json.dumps(f"{SERVED_AT}/")[1:-1] in html  # the organisation in the JSON-LD


@pytest.mark.django_db
def test_emails_link_to_the_served_address(served_at, django_capture_on_commit_callbacks):
    report = ProblemReport.objects.create(page_url="/resources/", what_is_wrong="A broken link")
    with django_capture_on_commit_callbacks(execute=True):
        problem_reported(report)
    (message,) = mail.outbox
    assert f"Address: {SERVED_AT}/resources/\n" in message.body
    assert f"{SERVED_AT}/admin/problem-reports/inspect/{report.pk}/" in message.body
