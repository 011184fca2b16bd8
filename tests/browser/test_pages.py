"""Every public page type, in Chromium at desktop and at 320 px: axe-core finds nothing, the
heading outline and landmarks are right, and nothing scrolls sideways."""

import pytest

from tests.browser.checks import check_page

pytestmark = pytest.mark.browser

# name in the axe summary → address (a key of SiteUnderTest.paths, or a path)
PAGE_TYPES = {
    "home": "home",
    "finder (unfiltered)": "resources",
    "finder (filtered)": "finder_filtered",
    "finder (no results)": "finder_no_results",
    "finder (filters it could not use)": "finder_bad_input",
    "inequality groups": "group_index",
    "inequality group page": "group_page",
    "topics": "topic_index",
    "topic page": "topic_page",
    "resource": "resource",
    "what works brief": "brief",
    "blog index": "blog_index",
    "blog post": "blog_post",
    "citizens' panel index": "panel_index",
    "citizens' panel post": "panel_post",
    "library": "library",
    "standard page (about)": "standard",
    "accessibility statement": "accessibility",
}


def open_page(page, site, address, expected_status=200):
    response = page.goto(site.url(address), wait_until="load")
    assert response.status == expected_status, f"{address} answered {response.status}"
    return response


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_public_page_type_is_accessible_and_reflows(page, site, name):
    open_page(page, site, PAGE_TYPES[name])
    check_page(page, name)


def test_page_not_found_is_accessible_and_says_what_to_do(page, site):
    open_page(page, site, "/no-such-page/", expected_status=404)
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator("main a[href='/resources/']").count() == 1
    check_page(page, "404 page not found")
