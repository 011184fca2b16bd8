"""In a real browser: an editor writes a What works brief in Wagtail's admin and submits it; a
moderator previews it (as the page and as its listing card) and approves it; then it is live.

This is the journey the client-level tests post directly; here the admin's own JavaScript runs
(choosers, stream blocks, autosave on PostgreSQL, the preview panel framed under the site's
security headers).
"""

import re

from django.db import connection

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.editors_support import make_member

pytestmark = pytest.mark.browser

TITLE = "What works: reducing missed hospital appointments"


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Editorial desk")).to_be_visible()


def test_an_editor_writes_a_brief_a_moderator_previews_and_approves_it(
    migrated_site, chromium, one_request_at_a_time_on_sqlite
):
    home = factories.create_site_home()
    factories.ResourceIndexPageFactory(parent=home)
    factories.AuthorFactory(name="Dr Priya Raman")
    make_member("eddie", "Editors")
    make_member("mo", "Moderators")

    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(15000)

        # The editor starts from the editorial desk's shortcut and fills in the brief.
        sign_in(page, migrated_site.url, "eddie")
        page.get_by_role("link", name="What works brief in Resources").click()
        page.locator("#id_title").fill(TITLE)
        page.locator("#id_summary").fill("Reminders and flexible booking help; reminders alone can widen gaps.")
        page.get_by_label("Core20: the most deprived 20%", exact=True).check()
        # "Add Authors" opens the chooser at once; a search and a tick choose one or several.
        page.get_by_role("button", name="Add Authors").click()
        authors = page.get_by_role("dialog")
        authors.get_by_label("Search term").fill("Priya")
        authors.get_by_role("row", name="Dr Priya Raman").get_by_role("checkbox").check()
        authors.get_by_role("button", name="Confirm selection").click()
        expect(authors).to_be_hidden()
        page.locator("#id_review_question").fill("Which approaches reduce missed appointments in deprived areas?")
        findings = page.locator("[data-contentpath=findings]")
        findings.get_by_role("button", name="Insert a block").first.click()
        findings.locator("input[name$='-value-intervention']").fill("Text reminders with a rebooking link")
        # A finding's groups are ticked from the groups seeded by the migration.
        findings.get_by_label("Core20: the most deprived 20%", exact=True).check()
        findings.locator("select[name$='-value-effect']").select_option(label="Mixed effect")
        findings.locator("select[name$='-value-strength']").select_option(label="Moderate")
        if connection.vendor != "sqlite":
            # Let Wagtail's autosave create the draft before submitting (docs/editors.md).
            expect(page.locator(".w-autosave-indicator__state--saved")).to_be_visible()
        # Someone who cannot publish has submitting as the main button, not in a menu.
        page.get_by_role("button", name="Submit to Moderator approval").click()
        expect(page.locator(".messages")).to_contain_text("submitted for moderation")
        assert page.request.get(f"{migrated_site.url}/resources/").ok
        brief_url = f"{migrated_site.url}/resources/what-works-reducing-missed-hospital-appointments/"
        assert page.request.get(brief_url).status == 404  # not live yet
        context.clear_cookies()

        # The moderator opens it from "Awaiting review" and previews it in the side panel.
        sign_in(page, migrated_site.url, "mo")
        # The desk's title opens the submitted version as visitors would see it; the row's
        # other link opens the editor to approve it or request changes.
        desk = page.locator("#editorial-desk-section")
        desk.get_by_role("link", name=re.compile(f"^{re.escape(TITLE)}")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        page.go_back()
        desk.get_by_role("link", name=re.compile("^Edit, approve or request")).click()
        page.get_by_role("button", name="Toggle preview").click()
        preview = page.frame_locator("#w-preview-iframe")
        expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
        page.get_by_label("Preview mode").select_option(label="Listing card")
        expect(preview.locator("article.card").first).to_contain_text(TITLE)

        # The moderator's main button is the workflow's approval; no plain Publish goes around it.
        assert page.get_by_role("button", name="Publish", exact=True).count() == 0
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("has been updated")

        # Live: a visitor reads it, with its citation.
        context.clear_cookies()
        page.goto(brief_url)
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(page.locator(".cite")).to_contain_text("Raman, P. (")
    finally:
        context.close()
