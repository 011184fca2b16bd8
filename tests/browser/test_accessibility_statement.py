"""The accessibility statement says what the regulations ask of it, for WCAG 2.2 AA."""

import pytest

pytestmark = pytest.mark.browser

# The sections of the GOV.UK model statement that the public sector regulations require.
REQUIRED_SECTIONS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
]


def test_accessibility_statement_has_every_required_section_and_names_wcag_2_2_aa(page, site):
    page.goto(site.url("accessibility"))
    headings = page.locator("main h2, main h3").all_inner_texts()
    missing = [section for section in REQUIRED_SECTIONS if section not in headings]
    assert not missing, f"missing sections: {missing}; found {headings}"
    text = page.locator("main").inner_text()
    assert "Web Content Accessibility Guidelines version 2.2" in text and "AA standard" in text
    assert "Equality and Human Rights Commission" in text
    assert page.locator("main a[href^='mailto:']").count() >= 1, "no way to contact us"
    # It is linked from the footer of every page.
    assert page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").count() == 1
