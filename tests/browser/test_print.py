"""In a real browser: a brief prints as a clean A4 document with its citation and address."""

import re

import pytest

from tests import factories

pytestmark = pytest.mark.browser

A4_POINTS = (595, 842)


def test_a_brief_prints_on_a4_with_its_citation_and_address(migrated_site, chromium):
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

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        browser_page = context.new_page()
        browser_page.goto(f"{migrated_site.url}{brief.url}")
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
    finally:
        context.close()
