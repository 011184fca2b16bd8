"""Funders see the gaps: each opportunity shows the evidence map's rows for its groups (gaps marked,
cells opening their findings, a link to the map filtered to those groups), and each card on the
hub says how many approaches have no findings for its groups; publishing a brief changes both on
the next request, in a number of queries that does not grow with the content."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from healthequity.core.evidence.models import Approach
from healthequity.core.models import InequalityGroup
from tests import factories
from tests import funders_support as support
from tests.factories import finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def funders_index(home_page):
    return support.FundersIndexPageFactory(parent=home_page)


@pytest.fixture
def opportunity(funders_index):
    return support.OpportunityPageFactory(
        parent=funders_index,
        title="Healthier coasts",
        slug="healthier-coasts",
        groups=[InequalityGroup.objects.get(slug="core20"), InequalityGroup.objects.get(slug="coastal-communities")],
    )


def row_html(html, group_name):
    """The evidence table's row for one group."""
    table = html[html.index('id="evidence-gaps"') : html.index("</table>", html.index('id="evidence-gaps"'))]
    rows = re.findall(r"<tr class=\"evidence-map__group\">(.*?)</tr>", table, re.S)
    (row,) = [row for row in rows if f'<th scope="row">{group_name} ' in row]
    return row


def test_an_opportunity_shows_the_maps_rows_for_its_groups_with_gaps_marked(client, opportunity, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    factories.WhatWorksBriefPageFactory(
        parent=resource_index, findings=[finding("Text reminders", [core20], "narrows", "strong", digital)]
    )
    approaches = Approach.objects.count()

    html = client.get(opportunity.url).content.decode()

    assert "Where the evidence is thin" in html
    assert 'href="/evidence-map/?group=core20&amp;group=coastal-communities"' in html
    core20_row = row_html(html, core20.name)
    assert 'href="/evidence-map/findings/?group=core20&amp;approach=digital"' in core20_row
    assert core20_row.count("evidence-map__cell--gap") == approaches - 1
    assert f"{approaches - 1} gaps" in core20_row
    coastal_row = row_html(html, "Coastal communities")
    assert coastal_row.count("evidence-map__cell--gap") == approaches
    # Only the opportunity's groups.
    assert "Ethnic minority communities" not in html[html.index('id="evidence-gaps"') :].split("</table>")[0]


def test_the_hubs_cards_count_the_gaps_and_follow_publishing(client, opportunity, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    approaches = Approach.objects.count()
    html = client.get("/funders/").content.decode()
    assert f'<a href="/evidence-map/?group=core20">{core20.name}</a>, {approaches} of {approaches} approaches' in html

    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        findings=[finding("Text reminders", [core20], "narrows", "strong", Approach.objects.get(slug="digital"))],
    )
    html = client.get("/funders/").content.decode()
    assert f"{core20.name}</a>, {approaches - 1} of {approaches} approaches with no findings" in html
    assert f"{approaches - 1} gaps" in client.get(opportunity.url).content.decode()

    brief.unpublish()
    html = client.get("/funders/").content.decode()
    assert f"{core20.name}</a>, {approaches} of {approaches} approaches with no findings" in html


def test_the_gaps_take_the_same_number_of_queries_whatever_the_evidence(client, opportunity, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    coastal = InequalityGroup.objects.get(slug="coastal-communities")
    approaches = list(Approach.objects.all())

    def add_briefs(count):
        for number in range(count):
            factories.WhatWorksBriefPageFactory(
                parent=resource_index,
                findings=[
                    finding(f"Finding {number}", [core20, coastal], "narrows", "strong", approaches[number % 3]),
                    finding(f"Other {number}", [coastal], "widens", "limited", approaches[number % 5]),
                ],
            )

    def queries(url, *, cold):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [opportunity.url, "/funders/"]
    add_briefs(1)
    for url in urls:
        queries(url, cold=False)
    before = {url: (queries(url, cold=True), queries(url, cold=False)) for url in urls}
    add_briefs(12)
    after = {url: (queries(url, cold=True), queries(url, cold=False)) for url in urls}
    assert after == before
