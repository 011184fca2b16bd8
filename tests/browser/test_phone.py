"""On a phone: the finder's filters fold away behind one toggle so the results come first."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def test_on_a_phone_the_filters_fold_away_and_the_results_come_first(phone_page, site):
    phone_page.goto(site.url("finder_filtered"))
    toggle = phone_page.locator(".filters__toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_contain_text("(2 applied)")
    assert phone_page.locator("[data-filters-panel]").get_attribute("open") is None
    expect(phone_page.locator(".active-filter")).to_have_count(2)
    heading_top = phone_page.locator("#results-heading").bounding_box()["y"]
    assert heading_top < PHONE["height"] * 2, f"results start {heading_top:.0f}px down the page"

    toggle.click()
    group = site.paths["brief_group"]
    expect(phone_page.locator(f"#group-{group}")).to_be_visible()
    expect(phone_page.locator(f"#group-{group}")).to_be_checked()


def test_on_a_phone_without_javascript_the_filters_are_open(tabs, site):
    page = tabs.open(PHONE, java_script_enabled=False)
    page.goto(site.url("finder_filtered"))
    expect(page.locator(f"#group-{site.paths['brief_group']}")).to_be_visible()
