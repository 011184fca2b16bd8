"""In a real browser: a brief prints as a clean A4 document with its citation and address.

Needs Playwright and the Debian chromium package; skipped without them.
"""

import re
import shutil
from contextlib import contextmanager

import pytest

from tests import factories

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM, reason="needs the chromium package"),
]

A4_POINTS = (595, 842)


@contextmanager
def chromium_page():
    """A Chromium tab. Start it only after the test has written its data: while Playwright's event
    loop runs, Django would hand database calls a connection the test's teardown never closes."""
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 900})
        finally:
            browser.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_brief_prints_on_a4_with_its_citation_and_address(live_server):
    home = factories.create_site_home()
    resources = factories.ResourceIndexPageFactory(parent=home)
    brief = factories.WhatWorksBriefPageFactory(
        parent=resources,
        slug="printable",
        title="What works: a printable brief",
        doi="10.5555/print.1",
        authors=[factories.AuthorFactory(name="Dr Priya Raman")],
        groups=[factories.InequalityGroupFactory()],
    )
    factories.ResourcePageFactory(parent=resources, groups=list(brief.groups.all()))  # a related card

    with chromium_page() as browser_page:
        browser_page.goto(f"{live_server.url}{brief.url}")
        browser_page.emulate_media(media="print")
        shown = browser_page.evaluate(
            """() => Object.fromEntries(
                ['.site-header', '.site-footer', '.related', '.cite__downloads', '.cite', '.cite__url', 'h1']
                  .map(selector => [selector, getComputedStyle(document.querySelector(selector)).display]))"""
        )
        assert shown[".site-header"] == shown[".site-footer"] == shown[".related"] == "none"
        assert shown[".cite__downloads"] == "none"
        assert shown[".cite"] == shown[".cite__url"] == "block" and shown["h1"] == "block"
        cite_text = browser_page.inner_text(".cite")
        assert "Raman, P. (" in cite_text and "doi:10.5555/print.1" in cite_text
        assert "/resources/printable/" in cite_text

        pdf = browser_page.pdf(prefer_css_page_size=True)
        page_sizes = {
            tuple(round(float(n)) for n in box.split()[2:]) for box in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)
        }
        assert page_sizes == {A4_POINTS}
