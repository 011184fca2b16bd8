"""Email alerts in Chromium: from a filtered view of the finder, sign up, open the confirmation
link from the email, and manage the alert; each page accessible at desktop and phone widths."""

import re
from urllib.parse import urlsplit

from django.core import mail

import pytest

from tests.browser.checks import check_page

pytestmark = pytest.mark.browser


def path_of(link):
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def test_sign_up_confirm_and_manage_an_alert(page, site, settings):
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 0
    mail.outbox = []
    page.goto(site.url("/resources/?group=coastal-communities"))
    with page.expect_navigation():
        page.get_by_role("link", name="Get emails about these results").click()
    assert "Coastal communities" in page.locator("main").inner_text()
    check_page(page, "alert sign-up")

    page.get_by_label("Email address").fill("commissioner@nhs.example")
    page.get_by_label("Once a week (a digest)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send me a link to confirm").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    check_page(page, "alert: check your email")

    [confirmation] = [message for message in mail.outbox if message.to == ["commissioner@nhs.example"]]
    [link] = re.findall(r"https?://\S+/alerts/confirm/\S+", confirmation.body)
    page.goto(site.url(path_of(link)))
    assert page.get_by_role("heading", level=1).inner_text() == "Your alert is set up"
    check_page(page, "alert confirmed")

    with page.expect_navigation():
        page.get_by_role("link", name="Manage your alerts").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your email alerts"
    check_page(page, "manage alerts")
    page.get_by_label("How often").select_option("daily")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Change")).click()
    assert "once a day" in page.get_by_role("status").inner_text().lower()
    check_page(page, "manage alerts, changed")
