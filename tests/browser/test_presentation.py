"""How pages present beyond the screen defaults: print, reduced motion, phone headers."""

import pytest

pytestmark = pytest.mark.browser


def test_a_brief_prints_as_its_content_with_link_addresses(page, site):
    page.goto(site.url("brief"))
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator(".findings").is_visible()
    colour = page.evaluate("() => getComputedStyle(document.querySelector('main p')).color")
    assert colour == "rgb(0, 0, 0)"
    # External links in the references print their address after them.
    address = page.evaluate(
        "() => getComputedStyle(document.querySelector('.references a[href^=\"http\"]'), '::after').content"
    )
    assert "http" in address
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_reduced_motion_turns_off_transitions(tabs, site):
    page = tabs.open(reduced_motion="reduce")
    page.goto(site.url("home"))
    durations = page.evaluate(
        "() => [...document.querySelectorAll('.card, .explore-list li')]"
        ".map(el => getComputedStyle(el).transitionDuration)"
    )
    assert durations and all(duration == "0s" for duration in durations), durations


def test_header_on_a_phone_keeps_navigation_and_search_reachable(phone_page, site):
    phone_page.goto(site.url("home"))
    # On a phone the navigation folds behind one "Menu" button, which says whether it is open.
    toggle = phone_page.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    for name in ("Resources", "What works", "Blog", "Citizens' Panel", "Library", "About"):
        link = phone_page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)
        box = link.bounding_box()
        assert box and box["height"] >= 24 and box["x"] + box["width"] <= 375, (name, box)
    # The home page has one search box, its hero's (the header's is left out there).
    assert phone_page.get_by_role("searchbox", name="Search our evidence on health and care inequalities").is_visible()
