"""Keyboard only: the skip link, visible focus on everything that takes it, and the journeys."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

_FOCUS_SCRIPT = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
    visible: outlined || style.boxShadow !== 'none',
    onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
      && rect.top < window.innerHeight && rect.left < window.innerWidth,
  };
}"""


def focused(page):
    return page.evaluate(_FOCUS_SCRIPT)


def tab(page, times=1):
    for _ in range(times):
        page.keyboard.press("Tab")
    return focused(page)


def test_skip_link_is_first_shows_on_focus_and_moves_focus_to_the_content(page, site):
    page.goto(site.url("brief"))
    first = tab(page)
    assert first["text"] == "Skip to main content"
    assert first["onScreen"] and first["visible"], first
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"
    # The next Tab lands inside the content, not back in the header.
    tab(page)
    assert page.evaluate("() => !!document.activeElement.closest('main')")


@pytest.mark.parametrize("address", ["home", "brief", "resources"])
def test_every_focusable_element_shows_where_focus_is(page, site, address):
    page.goto(site.url(address))
    seen = 0
    for _ in range(40):
        state = tab(page)
        if state["tag"] == "body":
            break
        assert state["visible"], f"no visible focus on {state} at {address}"
        assert state["onScreen"], f"focused element is off screen: {state} at {address}"
        seen += 1
    assert seen >= 10


def tab_until(page, found, limit, what):
    """Press Tab until `found(state)` holds for the focused element; fail after `limit` presses."""
    for _ in range(limit):
        state = tab(page)
        if found(state):
            return state
    pytest.fail(f"{limit} presses of Tab never reached {what}")


def in_card_title(page):
    return lambda state: page.evaluate("() => !!document.activeElement.closest('.card__title')")


def open_focused_link(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only_reader_skips_the_filters_and_opens_a_brief(page, site):
    page.goto(site.url("home"))
    tab_until(page, lambda state: state["text"] == "What works", 20, "the What works link")
    open_focused_link(page)
    assert page.url.endswith("/resources/?type=what-works-brief")
    tab_until(page, lambda state: state["text"] == "Skip to results", 20, "Skip to results")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "results-heading"
    state = tab_until(page, in_card_title(page), 3, "the first result")
    open_focused_link(page)
    assert page.locator("h1").inner_text() == state["text"]
    assert page.locator(".page-header__type").inner_text().lower() == "what works brief"


def test_keyboard_only_reader_filters_the_finder_by_a_group_and_opens_a_brief(page, site):
    group = site.paths["brief_group"]
    page.goto(site.url("/resources/?type=what-works-brief"))
    tab_until(page, lambda state: state["id"] == f"group-{group}", 60, f"the {group} checkbox")
    page.keyboard.press("Space")
    # finder.js applies the filter at once: the address and the announced count follow.
    expect(page).to_have_url(re.compile(f"[?&]group={group}(&|$)"))
    assert page.evaluate("() => document.activeElement.id") == f"group-{group}"
    state = tab_until(page, in_card_title(page), 80, "the first result")
    open_focused_link(page)
    assert page.locator("h1").inner_text() == state["text"]
    assert page.locator(".page-header__type").inner_text().lower() == "what works brief"
    assert page.locator(f"main a[href*='{group}']").count() >= 1, "the brief is not tagged with the group"
