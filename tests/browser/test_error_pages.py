"""The 404 and 500 pages: styled, accessible, and the 500 page renders with no database."""

from django.template import loader

import pytest

from tests.browser.checks import assert_axe_clean, assert_heading_outline, assert_no_sideways_scroll


def render_server_error_page():
    """What Django's server_error view sends: the template rendered with no request or context."""
    return loader.get_template("500.html").render()


def test_server_error_page_renders_without_the_database():
    # No `db` fixture: any query would raise, which is the point when the database is down.
    html = render_server_error_page()
    assert "Sorry, there is a problem with the service" in html
    assert "/static/css/site.css" in html
    assert "<style" not in html and "style=" not in html, "inline styles would fall foul of a strict CSP"


@pytest.mark.browser
def test_server_error_page_is_styled_and_accessible(page, site):
    html = render_server_error_page()
    address = site.url("/a-page-that-failed/")
    page.route(address, lambda route: route.fulfill(status=500, content_type="text/html", body=html))
    response = page.goto(address)
    assert response.status == 500
    page.recorder.console_errors.clear()  # Chromium logs the 500 status itself
    header_colour = page.evaluate("() => getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert header_colour != "rgba(0, 0, 0, 0)", "the stylesheet did not load"
    assert_heading_outline(page)
    assert_axe_clean(page, "500 server error")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_sideways_scroll(page)


@pytest.mark.browser
def test_page_not_found_offers_a_search_that_works(page, site):
    response = page.goto(site.url("/resources/no-such-brief/"))
    assert response.status == 404
    page.get_by_label("Search our resources").fill("homelessness")
    page.get_by_label("Search our resources").press("Enter")
    page.wait_for_url("**/resources/?q=homelessness")
    assert page.locator("h1").inner_text() == "Resources"
