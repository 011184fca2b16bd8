"""Characters XML 1.0 cannot carry (a vertical tab pasted from Word, other C0 controls, lone
surrogates, U+FFFE and U+FFFF) never break a feed: they are cleaned when any text is saved, and
again when a feed is written, for rows stored before the cleaning existed."""

import json

from wagtail.models import Page

import pytest
from defusedxml import ElementTree as ET

from funders.models import OpportunitySubmission
from healthequity.core.models import EvidencePage, InequalityGroup
from healthequity.core.text import xml_safe
from tests import factories
from tests import funders_support as support

PASTED_TITLE = "Cold\x0bhomes and\x0casthma\x01"
PASTED_SUMMARY = "Damp\x0bhomes\x1f make\x08 asthma worse\ufffe."


def valid_feed(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)  # raises on anything XML cannot carry


def atom_titles(root):
    return [element.text for element in root.iter("{http://www.w3.org/2005/Atom}title")]


def test_the_cleaning_keeps_text_and_line_breaks_and_turns_word_breaks_into_spaces():
    assert xml_safe("a\x0bb\x0cc") == "a b c"
    assert xml_safe("keep\ttabs\nand\r\nlines") == "keep\ttabs\nand\r\nlines"
    pasted = "bell\x07 nul\x00 esc\x1b lone\ud800 fffe\ufffe ffff\uffff é €"
    assert xml_safe(pasted) == "bell nul esc lone fffe ffff é €"
    assert xml_safe("") == "" and xml_safe(None) is None


@pytest.mark.django_db
def test_a_page_published_with_control_characters_is_stored_clean_and_the_feeds_work(client, resource_index):
    group = factories.InequalityGroupFactory(name="Test\x0bgroup", slug="test-group")
    page = factories.ResourcePageFactory(parent=resource_index, title="Draft", groups=[group])
    page.title = PASTED_TITLE
    page.summary = PASTED_SUMMARY
    page.save_revision().publish()
    stored = EvidencePage.objects.get(pk=page.pk)
    assert (stored.title, stored.summary) == ("Cold homes and asthma", "Damp homes make asthma worse.")
    assert InequalityGroup.objects.get(pk=group.pk).name == "Test group"
    for address in ("/resources/feed/", "/resources/feed/?group=test-group", "/resources/feed/?type=analysis"):
        assert "Cold homes and asthma" in atom_titles(valid_feed(client.get(address))), address


@pytest.mark.django_db
def test_rows_stored_before_the_cleaning_still_give_valid_feeds_json_and_sitemap(client, resource_index):
    group = factories.InequalityGroupFactory(name="Test group", slug="test-group")
    page = factories.ResourcePageFactory(parent=resource_index, title="Cold homes", groups=[group])
    # Written past the models' save, as rows stored before the cleaning existed were.
    Page.objects.filter(pk=page.pk).update(title=PASTED_TITLE)
    EvidencePage.objects.filter(pk=page.pk).update(summary=PASTED_SUMMARY)
    InequalityGroup.objects.filter(pk=group.pk).update(name="Test\x0bgroup\x1f")  # a category's attribute
    for address in ("/resources/feed/", "/resources/feed/?group=test-group", "/resources/feed/?q=homes"):
        root = valid_feed(client.get(address))
        assert "Cold homes and asthma" in atom_titles(root), address
        assert b"\x0b" not in client.get(address).content
    assert json.loads(client.get("/api/resources/").content)["count"] == 1
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_rich_text_and_stream_fields_are_stored_clean(blog_index):
    post = factories.BlogPageFactory(parent=blog_index, body=[("paragraph", "<p>Line\x0bbreak from\x01 Word</p>")])
    post.save_revision().publish()
    body = Page.objects.get(pk=post.pk).specific.body
    assert body[0].value.source == "<p>Line break from Word</p>"


@pytest.mark.django_db
def test_the_funders_feed_survives_control_characters_stored_in_an_opportunity(client, home_page):
    index = support.FundersIndexPageFactory(parent=home_page)
    opportunity = support.OpportunityPageFactory(parent=index, title="Link workers")
    Page.objects.filter(pk=opportunity.pk).update(title="Link\x0bworkers\x02")
    assert "Link workers" in atom_titles(valid_feed(client.get("/funders/feed/")))


@pytest.mark.django_db
def test_a_public_form_post_with_pasted_control_characters_is_stored_clean(home_page, post):
    support.FundersIndexPageFactory(parent=home_page)
    response = post(
        "/funders/submit/",
        support.submission_data(
            title="Tackling\x0bloneliness\x0ctogether",
            aims_and_activities="We want to reduce\x0bloneliness.\n\nAnd\x01 learn together.",
        ),
    )
    assert response.status_code == 302
    submission = OpportunitySubmission.objects.get()
    assert submission.title == "Tackling loneliness together"
    assert submission.aims_and_activities == "We want to reduce loneliness.\n\nAnd learn together."
