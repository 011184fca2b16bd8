"""Wagtail's admin under its own Content Security Policy, in Chromium.

An editor signs in, edits a page with the widgets that run inline scripts (the date picker, an
inline panel with its chooser, a StreamField block with the rich-text editor), previews it, runs
the checks panel, publishes, and a visitor sees the change; then the user bar's accessibility
checker runs on a public page. A script or frame the policy blocked, in the admin, its preview
frame or the public page, is a console error, which fails the test (Tabs).
"""

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from healthequity.core.models import Topic
from tests import factories
from tests.browser.conftest import SiteUnderTest, Tabs

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-password"


@pytest.fixture
def admin_tabs(chromium, migrated_site):
    site = SiteUnderTest(migrated_site, SimpleNamespace(paths={}))
    opened = Tabs(chromium, site)
    yield opened
    opened.close_and_check()


@pytest.fixture
def resource(migrated_site, django_user_model, one_request_at_a_time_on_sqlite):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    home = factories.create_site_home()
    index = factories.ResourceIndexPageFactory(parent=home)
    factories.AuthorFactory(name="Amina Rahman")
    factories.ResourcePageFactory(
        parent=index, title="Heading jump", slug="heading-jump", body=[("paragraph", "<h5>Jumped</h5><p>Text.</p>")]
    )
    return factories.ResourcePageFactory(
        parent=index,
        title="Cold homes and asthma",
        topics=[Topic.objects.get(slug="asthma")],
        body=[("paragraph", "<p>Children in cold, damp homes have more asthma attacks.</p>")],
    )


def sign_in(tab, base_url):
    tab.goto(f"{base_url}/admin/login/")
    tab.get_by_label("Username").fill("editor")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/admin/")


def test_editor_edits_previews_checks_and_publishes_under_the_admin_policy(admin_tabs, migrated_site, resource):
    base_url = migrated_site.url
    editor = admin_tabs.open()
    sign_in(editor, base_url)

    response = editor.goto(f"{base_url}/admin/pages/{resource.pk}/edit/")
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in policy
    assert "object-src 'none'" in policy

    # Title.
    editor.locator("#id_title").fill("Cold, damp homes and asthma")

    # The date picker is started by an inline script in the widget's HTML.
    date = editor.locator("#id_publication_date")
    date.click()
    expect(editor.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    date.fill("2026-11-20")
    editor.keyboard.press("Escape")

    # The authors panel is started by an inline script too: "Add author" opens its chooser at once.
    editor.get_by_role("button", name=re.compile("Add author", re.IGNORECASE)).click()
    editor.get_by_role("dialog").get_by_role("row", name="Amina Rahman").get_by_role("checkbox").check()
    editor.get_by_role("dialog").get_by_role("button", name="Confirm selection").click()
    expect(editor.locator("#id_page_authors-TOTAL_FORMS")).to_have_value("1")
    expect(editor.locator("#id_page_authors-FORMS")).to_contain_text("Amina Rahman")

    # A new paragraph in the body, typed into the rich-text editor.
    body = editor.locator("[data-contentpath='body']").first
    body.get_by_role("button", name="Insert a block").last.click()
    editor.get_by_role("option", name="Paragraph").click()
    paragraph = body.locator("[role='textbox'][contenteditable='true']").last
    paragraph.click()
    paragraph.type("Warm homes grants halved emergency admissions.")

    # The preview panel frames the page (frame-ancestors 'self'), and the checks panel runs axe-core.
    editor.get_by_role("button", name="Toggle preview").click()
    preview = editor.frame_locator("iframe[title='Preview']").last
    expect(preview.locator("h1")).to_have_text("Cold, damp homes and asthma", timeout=20_000)
    expect(preview.get_by_text("Warm homes grants halved emergency admissions.")).to_be_visible()
    editor.get_by_role("button", name="Toggle checks").click()
    checks = editor.get_by_role("complementary", name="Checks")
    expect(checks.get_by_role("heading", name=re.compile(r"^Issues found \d+$"))).to_be_visible(timeout=20_000)
    expect(checks.get_by_role("heading", name="Words")).to_be_visible()

    # Publish.
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    editor.wait_for_url("**/admin/pages/*/")
    expect(editor.locator(".messages")).to_contain_text("published")

    # A visitor sees the edited page.
    visitor = admin_tabs.open()
    resource.refresh_from_db()
    visitor.goto(f"{base_url}{resource.url}")
    expect(visitor.locator("h1")).to_have_text("Cold, damp homes and asthma")
    expect(visitor.get_by_text("Warm homes grants halved emergency admissions.")).to_be_visible()
    expect(visitor.get_by_text("Amina Rahman").first).to_be_visible()
    assert visitor.locator("time[datetime='2026-11-20']").count() >= 1

    # On a public page with a skipped heading level, the editor's user bar runs its accessibility
    # checker (axe-core) under the public policy, which allows no eval, and reports the issue.
    editor.goto(f"{base_url}/resources/heading-jump/")
    editor.get_by_role("button", name="View Wagtail quick actions").click()
    editor.get_by_role("menuitem", name=re.compile("Checks")).click()
    results = editor.get_by_role("dialog", name="Warnings")
    expect(results).to_contain_text("Incorrect heading hierarchy")
    expect(results.locator("[data-content-checker-count]")).to_have_text("1")
    # Wagtail logs its findings with console.error: that one message is expected; any other fails.
    assert editor.recorder.console_errors == ["axe.run results [Object]"]
    editor.recorder.console_errors.clear()
