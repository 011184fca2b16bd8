"""The evidence-and-gap map in a real browser: a keyboard reader reaches a cell and opens its
findings; the map, its findings, the table of approaches, a demo evidence-map resource and an
opportunity's gaps pass axe at phone and desktop widths (screenshots kept in test-results/)."""

import re

import pytest

from healthequity.core.evidence.models import Finding
from tests.browser.checks import assert_axe_clean, assert_heading_outline, assert_landmarks, assert_no_sideways_scroll
from tests.browser.conftest import DESKTOP, PHONE, RESULTS_DIR
from tests.browser.test_keyboard import focused, tab_until

pytestmark = pytest.mark.browser

PAGES = {
    "evidence-map": "/evidence-map/",
    "evidence-map-topics": "/evidence-map/?columns=topic&strength=strong&strength=moderate",
    "evidence-map-findings": "/evidence-map/findings/?group=core20",
    "approaches": "/evidence-map/approaches/",
    "evidence-map-resource": "/resources/evidence-map-inclusion-health-primary-care/",
}


def in_a_map_cell(page):
    return lambda state: page.evaluate("() => !!document.activeElement.closest('#evidence-map td')")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_keyboard_reader_skips_to_the_map_and_opens_a_cells_findings(tabs, site, viewport):
    page = tabs.open(viewport)
    page.goto(site.url("/evidence-map/"))
    tab_until(page, lambda state: state["text"] == "Skip to the map", 40, "Skip to the map")
    assert focused(page)["onScreen"] and focused(page)["visible"]
    page.keyboard.press("Enter")
    # The scrolling region takes focus first (so a keyboard can scroll it), then the first count.
    state = tab_until(page, in_a_map_cell(page), 3, "a count in the map")
    assert state["onScreen"] and state["visible"], state
    count = int(re.match(r"\d+", state["text"])[0])
    row = page.evaluate("() => document.activeElement.closest('tr').querySelector('th').innerText")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/evidence-map/findings/" in page.url
    assert page.locator("h1").count() == 1
    assert row.replace("Subgroup: ", "") in page.locator("main").inner_text()
    shown = page.locator("main table tbody tr").count()
    assert shown == min(count, 50), f"the cell said {count} findings, its list shows {shown}"


def test_every_count_in_the_map_equals_its_findings(page, site):
    """The numbers a reader tabs to are the index's: the first row's counts against the table."""
    page.goto(site.url("/evidence-map/"))
    links = page.locator("#evidence-map td a.evidence-map__count")
    assert links.count() > 5
    total = sum(int(re.match(r"\d+", text)[0]) for text in links.all_inner_texts())
    assert total >= Finding.objects.count()  # a finding about two groups counts in both rows


@pytest.mark.parametrize("name", list(PAGES))
def test_the_map_pages_pass_axe_at_phone_and_desktop_widths(tabs, site, name):
    RESULTS_DIR.mkdir(exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = tabs.open(viewport)
        response = page.goto(site.url(PAGES[name]))
        assert response.status == 200
        assert_heading_outline(page)
        assert_landmarks(page)
        assert_axe_clean(page, f"{name} @{label}")
        assert_no_sideways_scroll(page, viewport["width"])
        page.screenshot(path=RESULTS_DIR / f"{name}-{label}.png", full_page=True)


def test_an_opportunity_shows_its_gaps_and_passes_axe(tabs, site):
    page = tabs.open(DESKTOP)
    page.goto(site.url("opportunity"))
    gaps = page.locator("#evidence-gaps")
    assert gaps.count() == 1
    assert page.locator("#evidence-gaps .evidence-map__cell--gap").count() >= 1
    assert_axe_clean(page, "opportunity with gaps")
    page.set_viewport_size(PHONE)
    assert_no_sideways_scroll(page, PHONE["width"])
    assert_axe_clean(page, "opportunity with gaps @phone")
    page.screenshot(path=RESULTS_DIR / "opportunity-gaps-phone.png", full_page=True)
