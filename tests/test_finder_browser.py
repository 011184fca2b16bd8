"""The finder in real Chromium: the plain form without JavaScript, and finder.js with it."""

import shutil

import pytest

from healthequity.core.models import InequalityGroup, Topic
from tests import factories

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM, reason="needs the chromium package"),
    # The server runs in another thread, so the data must be committed; the taxonomy seeded by
    # the migration is restored afterwards for the other tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def collection(db):
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
def browser():
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def heading(page):
    return page.locator("#results-heading").inner_text()


def test_without_javascript_the_form_filters_by_submitting(live_server, collection, browser):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}/resources/")
    assert heading(page) == "Displaying 1–9 of 15 results"
    page.locator("#group-core20").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/resources/?*group=core20*")
    assert heading(page) == "Displaying 1–3 of 3 results"


def test_with_javascript_results_follow_the_filters_without_reloading(live_server, collection, browser):
    page = browser.new_page()
    page.goto(f"{live_server.url}/resources/")
    page.evaluate("window.sameDocument = true")

    page.locator("#group-core20").check()
    page.wait_for_function("document.getElementById('results-heading').textContent.includes('of 3 results')")
    assert page.url.endswith("/resources/?group=core20")
    assert page.evaluate("window.sameDocument") is True  # updated in place, not reloaded
    assert page.evaluate("document.activeElement.id") == "group-core20"  # focus kept
    assert page.locator("#results-heading").get_attribute("aria-live") == "polite"  # the count is announced
    assert "group=core20" in page.locator("link[data-finder-feed]").get_attribute("href")

    page.locator("#topic-hypertension").check()
    page.wait_for_function("document.getElementById('results-heading').textContent === 'No results'")
    assert "topic=hypertension" in page.url

    page.go_back()
    page.wait_for_function("document.getElementById('results-heading').textContent.includes('of 3 results')")
    assert page.locator("#group-core20").is_checked()
    assert not page.locator("#topic-hypertension").is_checked()
    assert page.evaluate("window.sameDocument") is True

    page.locator(".active-filter").first.click()  # remove the group filter
    page.wait_for_function("document.getElementById('results-heading').textContent.includes('of 15 results')")
    assert page.url.endswith("/resources/")
    assert page.evaluate("document.activeElement.id") == "results-heading"


def test_with_javascript_search_and_paging_keep_the_query(live_server, collection, browser):
    page = browser.new_page()
    page.goto(f"{live_server.url}/resources/")
    page.fill("#finder-q", "coastal")
    page.press("#finder-q", "Enter")
    page.wait_for_function("document.getElementById('results-heading').textContent.includes('of 12 results')")
    assert page.url.endswith("/resources/?q=coastal")
    assert page.locator("#finder-sort option:checked").inner_text() == "Most relevant"
    page.locator(".pagination a[rel=next]").click()
    page.wait_for_function("document.getElementById('results-heading').textContent.startsWith('Displaying 10–12')")
    assert page.url.endswith("/resources/?q=coastal&page=2")
