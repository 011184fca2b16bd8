"""Before submitting: the page editor says what a visitor would notice missing (allowed, never blocking)."""

from django.contrib.messages import get_messages

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

import pytest
import wagtail_factories

from healthequity.core.models import InequalityGroup
from resources.models import WhatWorksBriefPage
from tests import factories
from tests.editors_support import brief_form_data, make_member

pytestmark = pytest.mark.django_db

PANEL_HEADING = "Check these before you submit the page"


@pytest.fixture
def editor(db):
    return make_member("eddie", "Editors")


def edit_page(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_saved_brief_with_gaps_lists_them_above_the_form(client, resource_index, editor):
    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, title="What works: outreach", live=False)
    client.force_login(editor)
    html = edit_page(client, brief)
    assert PANEL_HEADING in html
    assert "There is no listing image" in html
    assert "No inequality group is ticked" in html
    assert "“Methods” is empty, so the brief will have no such section." in html
    assert "“What works: the findings” is empty" in html


def test_a_complete_brief_shows_no_list(client, resource_index, editor):
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        title="What works: complete",
        listing_image=wagtail_factories.ImageFactory(title="Clinic"),
        key_messages=[("message", "Reminders help.")],
        findings=[("finding", {"intervention": "Text reminders", "effect": "narrows", "strength": "moderate"})],
        recommendations="<p>Offer several ways to rebook.</p>",
        methods="<p>A rapid review.</p>",
        references=[("reference", {"citation": "Smith (2024)."})],
    )
    brief.groups.set([InequalityGroup.objects.get(slug="core20")])
    brief.save_revision().publish()
    client.force_login(editor)
    assert PANEL_HEADING not in edit_page(client, brief)


def test_an_empty_heading_in_a_body_is_named(client, resource_index, editor):
    resource = factories.ResourcePageFactory(
        parent=resource_index,
        body=[
            ("heading", {"text": "Background", "level": "h2"}),
            ("paragraph", "<p>Why it matters.</p>"),
            ("heading", {"text": "Results", "level": "h2"}),
            ("heading", {"text": "Discussion", "level": "h2"}),
            ("heading", {"text": "By region", "level": "h3"}),
            ("paragraph", "<p>North and South.</p>"),
        ],
    )
    client.force_login(editor)
    html = edit_page(client, resource)
    assert "The heading “Results” has nothing under it" in html
    assert "“Background”" not in html and "“Discussion” has nothing" not in html


def test_submitting_a_brief_with_gaps_says_them_in_a_message_and_still_submits(client, resource_index, editor):
    client.force_login(editor)
    data = brief_form_data("What works: gaps", "gaps", "action-submit", methods=rich_text(""))
    response = client.post(f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/", data)
    assert response.status_code == 302
    brief = WhatWorksBriefPage.objects.get(slug="gaps")
    assert WorkflowState.objects.filter(object_id=str(brief.pk), status=WorkflowState.STATUS_IN_PROGRESS).exists()
    warnings = [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]
    assert len(warnings) == 1
    assert "There is no listing image" in warnings[0]
    assert "“Methods” is empty" in warnings[0]


def test_saving_a_draft_adds_no_message(client, resource_index, editor):
    client.force_login(editor)
    data = brief_form_data("What works: draft", "draft", "action-save")
    response = client.post(f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/", data)
    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
