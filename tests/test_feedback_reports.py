"""The feedback app, "Something not right?": the aside at the foot of every page, the report
form stored at once and emailed to the editors, and bad input answered clearly."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.core import mail

from wagtail import hooks

import pytest

from feedback.models import ProblemReport
from tests import factories, public_forms_support
from tests import funders_support as support
from tests.feedback_support import problem_data

EDITORS = "editors@healthequity.example"
REPO = Path(__file__).resolve().parent.parent

# The aside exactly as the browser tests and screen readers meet it (feedback/includes/...).
# The aside's markup, exactly (white space between tags aside: templates are indented by djhtml).
ASIDE = (
    '<aside class="report-problem" aria-labelledby="report-problem-title">'
    ' <h2 class="report-problem__title" id="report-problem-title">Something not right?</h2>'
    ' <p><a href="/report-a-problem/?page={pk}">Tell us about a mistake, a broken link or something out of date'
    " on this page</a></p>"
    " </aside>"
)


def squeezed(html):
    return " ".join(html.split())


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    public_forms_support.clear_rate_limits()


@pytest.fixture
def opportunity(home_page):
    funders_index = support.FundersIndexPageFactory(parent=home_page)
    return support.OpportunityPageFactory(
        parent=funders_index, title="Shared evaluation of link workers", slug="link-workers"
    )


@pytest.mark.django_db
class TestSomethingNotRight:
    def test_the_report_form_is_prefilled_with_the_page(self, client, resource_index):
        page = factories.ResourcePageFactory(parent=resource_index, title="A resource with a broken link")
        response = client.get(f"/report-a-problem/?page={page.pk}")
        assert response.status_code == 200
        html = response.content.decode()
        assert "A resource with a broken link" in html
        assert f'name="page_id" value="{page.pk}"' in html

    def test_a_report_is_stored_and_emailed_to_the_editors(self, client, resource_index, post):
        page = factories.ResourcePageFactory(parent=resource_index, title="A resource")
        response = post("/report-a-problem/", problem_data(page_id=str(page.pk), email="reader@example.org"))
        assert response.status_code == 302
        report = ProblemReport.objects.get()
        assert report.page_id == page.pk
        assert report.page_title == "A resource"
        assert report.page_url == page.url
        assert [message.to for message in mail.outbox] == [[EDITORS]]
        assert "The second link is broken." in mail.outbox[0].body
        assert "reader@example.org" not in mail.outbox[0].body  # personal data stays with moderators
        assert "Thank you for your report" in client.get(response["Location"]).content.decode()

    def test_an_opportunity_can_be_reported_too(self, client, opportunity, post):
        assert (
            f'href="/report-a-problem/?page={opportunity.pk}"' in client.get("/funders/link-workers/").content.decode()
        )
        post("/report-a-problem/", problem_data(page_id=str(opportunity.pk)))
        assert ProblemReport.objects.get().page_id == opportunity.pk

    @pytest.mark.parametrize("page", ["", "abc", "%00", "99999999999999999999", "-1", "424242"])
    def test_a_missing_or_wrong_page_asks_which_page(self, client, home_page, page):
        response = client.get(f"/report-a-problem/?page={page}")
        assert response.status_code == 200
        assert 'name="page_url"' in response.content.decode()

    def test_a_draft_page_is_not_named(self, client, resource_index):
        draft = factories.ResourcePageFactory(parent=resource_index, title="Secret draft")
        draft.unpublish()
        assert "Secret draft" not in client.get(f"/report-a-problem/?page={draft.pk}").content.decode()

    def test_bad_input_gets_a_clear_answer(self, client, home_page):
        response = client.post("/report-a-problem/", problem_data(what_is_wrong="", email="bad"))
        assert response.status_code == 400
        html = response.content.decode()
        assert '<a href="#id_what_is_wrong">Tell us what is wrong</a>' in html
        assert "Enter an email address in the correct format" in html
        response = client.post("/report-a-problem/", problem_data(what_is_wrong="a\x00b", page_id="\x00"))
        assert response.status_code == 400
        assert client.put("/report-a-problem/").status_code == 405
        assert ProblemReport.objects.count() == 0

    def test_without_a_page_the_address_typed_is_kept(self, home_page, post):
        post("/report-a-problem/", problem_data(page_url="/some/page/"))
        report = ProblemReport.objects.get()
        assert (report.page_id, report.page_url) == (None, "/some/page/")


@pytest.fixture
def one_page_of_each_type(home_page, resource_index, blog_index, panel_index, library_page):
    funders_index = support.FundersIndexPageFactory(parent=home_page)
    return {
        "core.HomePage": home_page,
        "resources.ResourceIndexPage": resource_index,
        "finder.EvidenceIndexPage": blog_index,
        "funders.FundersIndexPage": funders_index,
        "core.StandardPage": factories.StandardPageFactory(parent=home_page, title="About us"),
        "resources.ResourcePage": factories.ResourcePageFactory(parent=resource_index),
        "resources.WhatWorksBriefPage": factories.WhatWorksBriefPageFactory(parent=resource_index),
        "blog.BlogPage": factories.BlogPageFactory(parent=blog_index),
        "panel.PanelPostPage": factories.PanelPostPageFactory(parent=panel_index),
        "library.LibraryPage": library_page,
        "funders.OpportunityPage": support.OpportunityPageFactory(parent=funders_index),
    }


@pytest.mark.django_db
def test_every_page_type_has_something_not_right(client, one_page_of_each_type):
    """As the accessibility statement says: at the foot of every page, listings and the home page too."""
    from wagtail.models import get_page_models

    page_types = {model._meta.label for model in get_page_models() if model.is_creatable}
    # A new page type must be added here (and show the link).
    assert page_types == set(one_page_of_each_type)
    group = factories.InequalityGroupFactory(name="Carers")
    resource_index = one_page_of_each_type["resources.ResourceIndexPage"]
    addresses = [(label, page.url, page) for label, page in one_page_of_each_type.items()]
    addresses.append(("a group's page", f"{resource_index.url}groups/{group.slug}/", resource_index))
    for label, url, page in addresses:
        html = client.get(url).content.decode()
        assert html.count("Something not right?") == 1, label
        assert f'href="/report-a-problem/?page={page.pk}"' in html, label
        # The link leads to the form, already about this page.
        form = client.get(f"/report-a-problem/?page={page.pk}").content.decode()
        assert f'name="page_id" value="{page.pk}"' in form, label
        assert f"Tell us what is wrong with <strong>{page.title}</strong>" in form.replace("&#x27;", "'"), label
    # Nowhere without a page: the report form itself.
    assert "report-problem__title" not in client.get("/report-a-problem/").content.decode()


def only_footers(*footers):
    """Pages rendered with just these functions registered for the core's page footer."""
    get_hooks = hooks.get_hooks
    return mock.patch.object(
        hooks, "get_hooks", lambda name: list(footers) if name == "register_page_footer" else get_hooks(name)
    )


@pytest.mark.django_db
class TestTheAside:
    """The core's `{% page_footer page %}` shows what apps register; feedback registers the aside."""

    def test_evidence_standard_library_and_opportunity_pages_show_it_exactly(
        self, client, home_page, resource_index, library_page, opportunity
    ):
        pages = {
            "evidence": factories.ResourcePageFactory(parent=resource_index),
            "standard": factories.StandardPageFactory(parent=home_page, title="About us"),
            "library": library_page,
            "opportunity": opportunity,
        }
        for label, page in pages.items():
            html = client.get(page.url).content.decode()
            assert ASIDE.format(pk=page.pk) in squeezed(html), label
            assert html.count('class="report-problem"') == 1, label

    def test_with_no_footer_registered_every_page_still_renders(
        self, client, home_page, resource_index, library_page, opportunity
    ):
        pages = [
            factories.ResourcePageFactory(parent=resource_index),
            factories.StandardPageFactory(parent=home_page),
            library_page,
            opportunity,
        ]
        with only_footers():
            for page in pages:
                response = client.get(page.url)
                assert response.status_code == 200, page
                assert "Something not right?" not in response.content.decode(), page

    def test_other_apps_footers_come_escaped_unless_marked_safe(self, client, resource_index):
        from django.utils.safestring import mark_safe

        page = factories.ResourcePageFactory(parent=resource_index)
        with only_footers(lambda page, request: "<b>plain text</b>", lambda page, request: mark_safe("<i>markup</i>")):
            html = client.get(page.url).content.decode()
        assert "&lt;b&gt;plain text&lt;/b&gt;" in html
        assert "<i>markup</i>" in html


@pytest.mark.django_db
def test_report_a_problem_needs_no_other_app(client, home_page, post):
    """The form and its thank-you page, about the home page (a core page), with only core pages."""
    response = client.get(f"/report-a-problem/?page={home_page.pk}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    response = post("/report-a-problem/", problem_data(page_id=str(home_page.pk)))
    assert response.status_code == 302
    assert ProblemReport.objects.get().page_id == home_page.pk
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/report-a-problem/thank-you/?ref=forged").status_code == 404


WITHOUT_FEEDBACK = """
import django
from django.conf import settings

django.setup()
assert "feedback" not in settings.INSTALLED_APPS
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

call_command("check", fail_level="WARNING")
call_command("migrate", verbosity=0)
call_command("load_demo_content", verbosity=0)
client = Client()
pages = Page.objects.live().filter(depth__gt=1).specific()
assert len(pages) > 20
for page in pages:
    response = client.get(page.url)
    assert response.status_code == 200, (page.url, response.status_code)
    assert b"report-problem" not in response.content, page.url
assert client.get("/report-a-problem/").status_code == 404
print("rendered", len(pages))
"""


@pytest.mark.database_independent
def test_without_the_feedback_app_installed_every_page_renders(tmp_path):
    """The whole site with feedback left out of INSTALLED_APPS: migrations, checks, demo content,
    and every live page rendered, with no "Something not right?" and no report form."""
    (tmp_path / "settings_without_feedback.py").write_text(
        "from healthequity.settings.test import *  # noqa: F403\n"
        "INSTALLED_APPS = [app for app in INSTALLED_APPS if app != 'feedback']  # noqa: F405\n"
        f"MEDIA_ROOT = {str(tmp_path / 'media')!r}\n"
    )
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "DATABASE"))}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "settings_without_feedback",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)]),
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", WITHOUT_FEEDBACK], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "rendered" in result.stdout
