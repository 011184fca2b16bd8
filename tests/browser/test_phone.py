"""On a phone: the finder's filters fold away behind one toggle so the results come first."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def test_on_a_phone_the_filters_fold_away_and_the_results_come_first(phone_page, site):
    phone_page.goto(site.url("finder_filtered"))
    toggle = phone_page.locator("[data-filters-toggle]")
    expect(toggle).to_be_visible()
    expect(toggle).to_contain_text("(2 applied)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    group = site.paths["brief_group"]
    expect(phone_page.locator(f"#group-{group}")).to_be_hidden()
    expect(phone_page.locator(".active-filter")).to_have_count(2)
    heading_top = phone_page.locator("#results-heading").bounding_box()["y"]
    assert heading_top < PHONE["height"] * 2, f"results start {heading_top:.0f}px down the page"

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(phone_page.locator(f"#group-{group}")).to_be_visible()
    expect(phone_page.locator(f"#group-{group}")).to_be_checked()

    # Results change below the panel, out of sight: the toggle and the panel's foot keep up.
    phone_page.locator(f"#group-{group}").uncheck()
    expect(toggle).to_contain_text("(1 applied)")
    show = phone_page.locator("[data-show-results]")
    expect(show).to_be_in_viewport()
    expect(show).to_have_text(re.compile(r"Show \d+ results?"))

    # A year alone is a date: applied once, when the box is left, with one history entry.
    entries = phone_page.evaluate("history.length")
    phone_page.locator("#finder-from").fill("2023")
    phone_page.locator("#finder-from").press("Tab")
    expect(phone_page).to_have_url(re.compile(r"from=2023(&|$)"))
    expect(toggle).to_contain_text("(2 applied)")
    assert phone_page.evaluate("history.length") == entries + 1

    show.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(phone_page.locator("#results-heading")).to_be_focused()


def test_on_a_phone_without_javascript_the_filters_are_open(tabs, site):
    page = tabs.open(PHONE, java_script_enabled=False)
    page.goto(site.url("finder_filtered"))
    expect(page.locator(f"#group-{site.paths['brief_group']}")).to_be_visible()
