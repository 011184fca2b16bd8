"""The finder in real Chromium: the plain form without JavaScript, and finder.js with it."""

import re

import pytest
from playwright.sync_api import expect

from healthequity.core.models import InequalityGroup, Topic
from tests import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def collection(migrated_site):
    home = factories.create_site_home()
    index = factories.ResourceIndexPageFactory(parent=home)
    coastal = InequalityGroup.objects.get(slug="coastal-communities")
    core20 = InequalityGroup.objects.get(slug="core20")
    hypertension = Topic.objects.get(slug="hypertension")
    for number in range(12):
        factories.ResourcePageFactory(
            parent=index,
            title=f"Coastal study {number}",
            groups=[coastal],
            topics=[hypertension] if number % 2 else [],
        )
    for number in range(3):
        factories.ResourcePageFactory(parent=index, title=f"Deprivation study {number}", groups=[core20])
    return index


@pytest.fixture
def open_tab(chromium):
    """Tabs of the session's Chromium, each in a context of its own, closed after the test."""
    contexts = []

    def open_tab(javascript=True):
        contexts.append(chromium.new_context(java_script_enabled=javascript))
        return contexts[-1].new_page()

    yield open_tab
    for context in contexts:
        context.close()


def heading(page):
    return page.locator("#results-heading").inner_text()


def test_without_javascript_the_form_filters_by_submitting(live_server, collection, open_tab):
    page = open_tab(javascript=False)
    page.goto(f"{live_server.url}/resources/")
    assert heading(page) == "Displaying 1–9 of 15 results"
    page.locator("#group-core20").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/resources/?*group=core20*")
    assert heading(page) == "Displaying 1–3 of 3 results"


def test_with_javascript_results_follow_the_filters_without_reloading(live_server, collection, open_tab):
    page = open_tab()
    page.goto(f"{live_server.url}/resources/")
    page.evaluate("window.sameDocument = true")

    page.locator("#group-core20").check()
    expect(page.locator("#results-heading")).to_contain_text("of 3 results")
    assert page.url.endswith("/resources/?group=core20")
    assert page.evaluate("window.sameDocument") is True  # updated in place, not reloaded
    assert page.evaluate("document.activeElement.id") == "group-core20"  # focus kept
    assert page.locator("#results-heading").get_attribute("aria-live") == "polite"  # the count is announced
    assert "group=core20" in page.locator("link[data-finder-feed]").get_attribute("href")

    page.locator("#topic-hypertension").check()
    expect(page.locator("#results-heading")).to_have_text("No results")
    assert "topic=hypertension" in page.url

    page.go_back()
    expect(page.locator("#results-heading")).to_contain_text("of 3 results")
    assert page.locator("#group-core20").is_checked()
    assert not page.locator("#topic-hypertension").is_checked()
    assert page.evaluate("window.sameDocument") is True

    page.locator(".active-filter").first.click()  # remove the group filter
    expect(page.locator("#results-heading")).to_contain_text("of 15 results")
    assert page.url.endswith("/resources/")
    assert page.evaluate("document.activeElement.id") == "results-heading"


def test_with_javascript_search_and_paging_keep_the_query(live_server, collection, open_tab):
    page = open_tab()
    page.goto(f"{live_server.url}/resources/")
    page.fill("#finder-q", "coastal")
    page.press("#finder-q", "Enter")
    expect(page.locator("#results-heading")).to_contain_text("of 12 results")
    assert page.url.endswith("/resources/?q=coastal")
    assert page.locator("#finder-sort option:checked").inner_text() == "Most relevant"
    page.locator(".pagination a[rel=next]").click()
    expect(page.locator("#results-heading")).to_have_text(re.compile("^Displaying 10–12"))
    assert page.url.endswith("/resources/?q=coastal&page=2")
