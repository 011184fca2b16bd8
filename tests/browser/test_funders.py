"""The funders' pages and public forms in Chromium: every page and every form (and every form in
its error state) accessible at desktop and 320 px; a keyboard-only submission that fixes an error;
and the whole journey from one funder's submission to a second funder's registered interest."""

import time

from django.contrib.auth.models import Group

import pytest

from funders.permissions import MODERATORS_GROUP
from tests.browser.checks import check_page

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "funders hub": "funders",
    "funders hub, filtered": "/funders/?issue=health&location=england",
    "funders hub, no results": "/funders/?q=zzzzqqqxxyy",
    "funder opportunity": "opportunity",
    "form: add an opportunity": "submit",
    "form: register interest": "register",
    "form: something not right?": "report",
}
FORMS = {
    "form: add an opportunity": ("submit", "Send the opportunity"),
    "form: register interest": ("register", "Register interest"),
    "form: something not right?": ("report", "Send the report"),
}
# The forms turn away anything sent sooner than this after the form was shown (a robot's speed).
SECONDS_A_PERSON_TAKES = 3.2


def wait_like_a_person(loaded_at):
    time.sleep(max(0.0, SECONDS_A_PERSON_TAKES - (time.monotonic() - loaded_at)))


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_funders_page_is_accessible_and_reflows(page, site, name):
    response = page.goto(site.url(PAGE_TYPES[name]))
    assert response.status == 200
    check_page(page, name)


@pytest.mark.parametrize("name", FORMS)
def test_form_in_its_error_state_is_accessible_and_leads_to_each_field(page, site, name):
    address, button = FORMS[name]
    page.goto(site.url(address))
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Error: ")
    # The summary has focus, so a screen reader reads it first.
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    links = summary.locator("a")
    assert links.count() >= 1
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert page.locator(target).count() == 1, f"the summary links to {target}, which is not on the page"
    check_page(page, f"{name} (errors)")


def tab_to(page, element_id, limit=150):
    """Press Tab until the element with this id has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id}")


def focused_id(page):
    return page.evaluate("() => document.activeElement.id")


def test_keyboard_only_funder_submits_an_opportunity_fixes_an_error_and_succeeds(page, site):
    page.goto(site.url("submit"))
    loaded_at = time.monotonic()
    tab_to(page, "id_title")
    page.keyboard.type("Keyboard partnership for carers")
    tab_to(page, "id_summary")
    page.keyboard.type("Funders of carers' services sharing what works.")
    tab_to(page, "id_issues_0")
    page.keyboard.press("Space")
    tab_to(page, "id_location")
    page.keyboard.type("England")
    tab_to(page, "id_stage_0")
    page.keyboard.press("Space")
    tab_to(page, "id_aims_and_activities")
    page.keyboard.type("Better support for unpaid carers.")
    tab_to(page, "id_how_to_get_involved")
    page.keyboard.type("Join our quarterly call.")
    tab_to(page, "id_submitter_name")
    page.keyboard.type("Kay Board")
    tab_to(page, "id_submitter_organisation")
    page.keyboard.type("Carers Trust Fund")
    tab_to(page, "id_submitter_email")
    page.keyboard.type("kay.board-at-example.org")  # the mistake
    tab_to(page, "id_consent_to_contact")
    page.keyboard.press("Space")
    tab_to(page, "id_consent_to_publish")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Send the opportunity"
    wait_like_a_person(loaded_at)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The summary has focus and names the one problem; the answers are kept as typed.
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    problems = page.locator(".error-summary a").all_inner_texts()
    assert len(problems) == 1 and "email" in problems[0].lower(), problems
    assert page.locator("#id_title").input_value() == "Keyboard partnership for carers"
    assert page.locator("#id_location").input_value() == "england"
    assert page.locator("#id_issues_0").is_checked()

    # Its link takes focus straight to the field, which is fixed from the keyboard.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_id(page) == "id_submitter_email"
    page.keyboard.press("Control+A")
    page.keyboard.type("kay.board@example.org")
    tab_to(page, "id_consent_to_publish")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "received" in page.locator("h1").inner_text().lower()
    assert page.locator(".error-summary").count() == 0


def fill_submission(page, title, issue_label):
    page.get_by_label("Title of the opportunity").fill(title)
    page.get_by_label("Summary", exact=True).fill("Funders of social prescribing schemes comparing notes.")
    page.get_by_role("group", name="Issues").get_by_label(issue_label, exact=True).check()
    page.get_by_label("Location").select_option(label="England")
    page.get_by_role("group", name="Stage").get_by_label("Emerging opportunity").check()
    page.get_by_label("Aims and activities").fill("Link people to community support through GP practices.")
    page.get_by_label("How other funders can get involved").fill("Register interest to join our next call.")
    page.locator("#id_submitter_name").fill("Ada Funder")
    page.locator("#id_submitter_organisation").fill("First Health Trust")
    page.locator("#id_submitter_email").fill("ada@example.org")
    page.locator("#id_consent_to_contact").check()
    page.locator("#id_consent_to_publish").check()


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mo", "mo@example.org", "a-long-moderator-password")
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


def test_funder_submits_moderator_publishes_second_funder_finds_it_and_registers_interest(tabs, site, moderator):
    title = "Social prescribing funders' circle"

    # 1. A funder adds the opportunity.
    funder = tabs.open()
    funder.goto(site.url("submit"))
    loaded_at = time.monotonic()
    fill_submission(funder, title, "Arts, culture and heritage")
    wait_like_a_person(loaded_at)
    with funder.expect_navigation():
        funder.get_by_role("button", name="Send the opportunity").click()
    assert "received" in funder.locator("h1").inner_text().lower()

    # 2. A moderator signs in to the admin, approves it and publishes the page it becomes.
    admin = tabs.open()
    admin.goto(site.url("/admin/login/"))
    admin.get_by_label("Username").fill("mo")
    admin.get_by_label("Password").fill("a-long-moderator-password")
    admin.get_by_role("button", name="Sign in").click()
    admin.wait_for_url("**/admin/")
    admin.goto(site.url("/admin/funders/submissions/?status=new"))
    # The submission's title opens its review; Approve offers to publish at once.
    admin.get_by_role("link", name=title).click()
    admin.get_by_role("link", name="Approve", exact=True).click()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Approve and publish").click()
    assert "approved and published" in admin.locator(".messages").inner_text().lower()

    # 3. A second funder finds it by its issue and registers interest.
    second = tabs.open()
    second.goto(site.url("funders"))
    second.get_by_role("group", name="Issue").get_by_label("Arts, culture and heritage").check()
    second.get_by_role("button", name="Apply filters").click()
    second.wait_for_url("**/funders/?*issue=arts-culture-and-heritage*")
    second.get_by_role("link", name=title).click()
    assert second.locator("h1").inner_text() == title
    second.get_by_role("link", name="Register interest").first.click()
    loaded_at = time.monotonic()
    second.get_by_label("Your name", exact=True).fill("Bea Second")
    second.get_by_label("Your organisation").fill("Second Foundation")
    second.get_by_label("Email address", exact=True).fill("bea@example.org")
    second.get_by_label("Message (optional)").fill("We fund link workers in the North East and would like to join.")
    second.locator("#id_consent_to_share").check()
    wait_like_a_person(loaded_at)
    with second.expect_navigation():
        second.get_by_role("button", name="Register interest").click()
    assert "registered" in second.locator("h1").inner_text().lower()
