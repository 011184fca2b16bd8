"""What a visitor meets on the pages themselves: no empty sections, honest labels, downloads that
say their size and arrive with sensible headers, a "no results" that fits what was asked."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from funders.models import OpportunityLink
from tests import factories
from tests import funders_support as support

pytestmark = pytest.mark.django_db


def test_a_brief_without_methods_has_no_methods_heading_nor_contents_entry(client, resource_index):
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        title="What works: link workers",
        review_question="Do link workers narrow the gap?",
        key_messages=[("message", "They help."), ("message", "They help most where need is greatest.")],
        recommendations="<p>Fund them for three years.</p>",
        methods="<p></p>",
        references=[("reference", {"citation": "Smith J. Link workers. 2024.", "url": "", "doi": ""})],
    )
    html = client.get(brief.url).content.decode()
    assert 'href="#recommendations-heading"' in html  # the contents are there, with what exists
    assert "Methods" not in html

    brief.methods = "<p>We searched three databases.</p>"
    brief.save_revision().publish()
    html = client.get(brief.url).content.decode()
    assert '<a href="#methods-heading">Methods</a>' in html
    assert "We searched three databases." in html


def test_an_opportunity_leaves_out_sections_it_has_nothing_for(client, home_page):
    index = support.FundersIndexPageFactory(parent=home_page)
    opportunity = support.OpportunityPageFactory(parent=index, title="Warm homes", slug="warm-homes")
    html = client.get(opportunity.url).content.decode()
    assert "<h2>Aims and activities</h2>" in html
    for empty in ("Learning and resources", "None shared yet", "Who's involved", "Not listed yet", "None given"):
        assert empty not in html, empty

    opportunity.links.add(OpportunityLink(title="Fuel poverty statistics", url="https://example.org/fuel"))
    opportunity.save_revision().publish()
    html = client.get(opportunity.url).content.decode()
    assert "<h2>Learning and resources</h2>" in html
    assert 'href="https://example.org/fuel"' in html


def test_a_small_csv_says_its_size_in_bytes_and_downloads_without_a_bogus_encoding(client, resource_index, settings):
    document = get_document_model().objects.create(
        title="Payments", file=ContentFile(b"practice,payment\n" + b"A,1\n" * 36 + b"B,12345\n", name="payments.csv")
    )
    size = document.file.size
    page = factories.ResourcePageFactory(
        parent=resource_index, body=[("document", {"document": document, "title": "Payments by practice"})]
    )
    html = client.get(page.url).content.decode()
    assert f"(CSV, {size}\xa0bytes)" in html
    assert "0 KB" not in html

    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert "Content-Encoding" not in response


def test_citation_downloads_read_with_a_space_before_the_file_type(client, resource_index):
    page = factories.ResourcePageFactory(parent=resource_index)
    html = client.get(page.url).content.decode()
    assert 'Download BibTeX <span class="visually-hidden">citation </span>(.bib)' in html
    assert 'Download RIS <span class="visually-hidden">citation </span>(.ris)' in html


class TestNoResults:
    def test_a_search_alone_is_not_called_filters_and_offers_no_feed(self, client, resource_index):
        factories.ResourcePageFactory(parent=resource_index, title="Coastal health")
        html = client.get("/resources/?q=zebrafish").content.decode()
        assert "Nothing matches ‘zebrafish’." in html
        assert "all of these filters" not in html
        assert "Subscribe to these results" not in html
        assert '<option value="" selected>Most relevant</option>' in html

    def test_filters_that_match_nothing_say_so(self, client, resource_index):
        factories.ResourcePageFactory(parent=resource_index, title="Coastal health", resource_type="analysis")
        html = client.get("/resources/?type=tool").content.decode()
        assert "Nothing matches all of these filters." in html
        assert "spelling" not in html  # there were no search words to misspell
        assert "Subscribe to these results" not in html
        assert "Subscribe to these results" in client.get("/resources/?type=analysis").content.decode()


def test_a_listing_of_one_kind_is_headed_with_that_kind(client, resource_index):
    factories.WhatWorksBriefPageFactory(parent=resource_index)
    html = client.get("/resources/?type=what-works-brief").content.decode()
    assert '<p class="caption">Resources</p><h1>What works briefs</h1>' in html
    assert "<h1>Resources</h1>" in client.get("/resources/?type=what-works-brief&type=tool").content.decode()


def test_a_tables_caption_is_shown_above_its_scrolling_box_and_kept_for_screen_readers(client, resource_index):
    table = {"data": [["Practices", "Payments"], ["Dispensing", "£625 million"]], "first_row_is_table_header": True}
    page = factories.ResourcePageFactory(
        parent=resource_index, body=[("table", {"caption": "Payments in 2023", "table": table})]
    )
    html = client.get(page.url).content.decode()
    caption = html.index('<p class="table-block__caption" aria-hidden="true">Payments in 2023</p>')
    box = html.index('<div class="table-wrapper" role="region" aria-label="Payments in 2023" tabindex="0">')
    assert caption < box
    assert '<caption class="visually-hidden">Payments in 2023</caption>' in html
    assert "Scroll sideways to see the whole table." in html
