"""/funders/ and /funders/feed/: filters with the finder's conventions, honest counts, removable tags,
shareable addresses, an Atom feed of the same view, and a query count that does not grow."""

import xml.etree.ElementTree as ET

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from healthequity.core.models import InequalityGroup, Topic
from tests import funders_support as support

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def funders_index(home_page, resource_index):
    """The funders' hub on a site that has the evidence finder (its group and topic pages)."""
    return support.FundersIndexPageFactory(parent=home_page)


def titles(response):
    return [item.title for item in response.context["listing"].object_list]


def facet(response, name):
    options = next(facet for facet in response.context["finder"].facets if facet.name == name).options
    return {option.value: {"count": option.count, "selected": option.selected} for option in options}


@pytest.fixture
def opportunities(funders_index):
    homelessness = InequalityGroup.objects.get(slug="people-experiencing-homelessness")
    core20 = InequalityGroup.objects.get(slug="core20")
    maternity = Topic.objects.get(slug="maternity")
    make = support.OpportunityPageFactory
    return {
        "health_england": make(
            parent=funders_index,
            title="Health in England",
            issues=["health"],
            location="england",
            stage="emerging-opportunity",
            activities=["pooled-funding"],
            groups=[core20],
            topics=[maternity],
        ),
        "housing_scotland": make(
            parent=funders_index,
            title="Housing in Scotland",
            issues=["housing-and-homelessness", "health"],
            location="scotland",
            stage="existing-collaboration",
            activities=["peer-learning"],
            groups=[homelessness],
        ),
        "jobs_london": make(
            parent=funders_index,
            title="Jobs in London",
            issues=["employment"],
            location="london",
            stage="learning-from-a-past-collaboration",
        ),
    }


@pytest.mark.django_db
class TestFilters:
    def test_lists_live_opportunities_newest_first(self, client, funders_index, opportunities):
        draft = support.OpportunityPageFactory(parent=funders_index, title="Draft opportunity")
        draft.unpublish()
        response = client.get("/funders/")
        assert response.status_code == 200
        assert titles(response) == ["Jobs in London", "Housing in Scotland", "Health in England"]
        assert "Displaying 1–3 of 3 results" in response.content.decode()

    def test_shows_the_editable_introduction_and_the_call_to_add_one(self, client, funders_index, opportunities):
        funders_index.introduction = "<p>Funders working together on <b>health equity</b>.</p>"
        funders_index.call_to_action = "Tell other funders what you are planning."
        funders_index.save_revision().publish()
        html = client.get("/funders/").content.decode()
        assert "Funders working together on <b>health equity</b>." in html
        assert "Tell other funders what you are planning." in html
        assert 'href="/funders/submit/">Add a collaboration opportunity</a>' in html

    def test_or_within_a_facet_and_across_facets(self, client, opportunities):
        assert titles(client.get("/funders/?issue=health")) == ["Housing in Scotland", "Health in England"]
        assert titles(client.get("/funders/?issue=health&issue=employment")) == [
            "Jobs in London",
            "Housing in Scotland",
            "Health in England",
        ]
        assert titles(client.get("/funders/?issue=health&location=scotland")) == ["Housing in Scotland"]
        assert titles(client.get("/funders/?stage=learning-from-a-past-collaboration")) == ["Jobs in London"]
        assert titles(client.get("/funders/?activity=pooled-funding")) == ["Health in England"]
        assert titles(client.get("/funders/?topic=maternity")) == ["Health in England"]

    def test_a_parent_group_includes_its_subgroups(self, client, opportunities):
        assert titles(client.get("/funders/?group=inclusion-health-groups")) == ["Housing in Scotland"]
        assert titles(client.get("/funders/?group=people-experiencing-homelessness")) == ["Housing in Scotland"]
        assert titles(client.get("/funders/?group=core20&group=inclusion-health-groups")) == [
            "Housing in Scotland",
            "Health in England",
        ]

    def test_counts_leave_out_their_own_facet_but_apply_the_others(self, client, opportunities):
        response = client.get("/funders/?issue=health&location=scotland")
        issues = facet(response, "issue")
        # Other issues keep their counts within Scotland; health is still counted while chosen.
        assert issues["health"]["count"] == 1
        assert issues["housing-and-homelessness"]["count"] == 1
        assert issues["employment"]["count"] == 0
        assert issues["health"]["selected"] is True
        locations = facet(response, "location")
        assert locations["england"]["count"] == 1  # with issue=health applied, not location
        assert locations["scotland"]["count"] == 1
        assert locations["london"]["count"] == 0
        groups = facet(response, "group")
        assert groups["inclusion-health-groups"]["count"] == 1
        assert groups["people-experiencing-homelessness"]["count"] == 1
        assert groups["core20"]["count"] == 0

    def test_unfiltered_counts(self, client, opportunities):
        response = client.get("/funders/")
        assert facet(response, "issue")["health"]["count"] == 2
        assert facet(response, "stage")["emerging-opportunity"]["count"] == 1
        assert facet(response, "group")["core20"]["count"] == 1
        html = response.content.decode()
        assert 'id="issue-health"' in html
        assert "facet-option--empty" in html  # options with no results are shown but marked
        assert '(2<span class="visually-hidden"> opportunities</span>)' in html

    def test_active_filters_are_removable_tags_with_clear_all(self, client, opportunities):
        html = client.get("/funders/?issue=health&location=scotland").content.decode()
        remove = '<span class="visually-hidden">Remove filter: </span>'
        assert f'href="/funders/?location=scotland" data-finder-link>{remove}Issue: Health' in html
        assert f'href="/funders/?issue=health" data-finder-link>{remove}Location: Scotland' in html
        assert '<a href="/funders/" data-finder-link>Clear all filters</a>' in html
        assert 'aria-live="polite" aria-atomic="true" data-results-count>Displaying 1–1 of 1 result</h2>' in html

    def test_one_group_or_topic_links_to_its_landing_page_and_the_evidence_there(self, client, opportunities):
        html = client.get("/funders/?group=core20&topic=maternity").content.decode()
        assert '<a href="/resources/groups/core20/">More about Core20' in html
        assert '<a href="/resources/topics/maternity/">More about Maternity' in html
        # Two groups at once have no single page to point to.
        html = client.get("/funders/?group=core20&group=inclusion-health-groups").content.decode()
        assert "/resources/groups/" not in html

    def test_the_filtered_view_is_a_shareable_address_that_works_without_javascript(self, client, opportunities):
        html = client.get("/funders/?issue=health").content.decode()
        assert '<form class="filters" id="finder-form" method="get" action="/funders/"' in html
        assert 'name="issue" value="health" id="issue-health" checked' in html
        assert '<button type="submit">Apply filters</button>' in html

    def test_search_combines_with_filters(self, client, opportunities):
        assert titles(client.get("/funders/?q=Scotland")) == ["Housing in Scotland"]
        assert titles(client.get("/funders/?q=Scotland&issue=employment")) == []
        html = client.get("/funders/?q=Scotland").content.decode()
        assert "Search: ‘Scotland’" in html

    @pytest.mark.parametrize(
        "query",
        [
            "issue=no-such-issue",
            "location=%00",
            "q=%00%00",
            "q=" + "x" * 5000,
            "group=" + "&group=".join(["core20"] * 200),
            "sort=sideways",
            "page=abc",
            "topic=%F0%9F%98%80",
        ],
    )
    def test_bad_parameters_never_break_it(self, client, opportunities, query):
        response = client.get(f"/funders/?{query}")
        assert response.status_code == 200

    @pytest.mark.parametrize("path", ["/funders/%00/", "/funders/health%00/register-interest/", "/funders/feed/%00/"])
    def test_a_nul_byte_in_the_address_is_not_found(self, client, opportunities, path):
        assert client.get(path).status_code == 404

    def test_unknown_values_are_left_out_and_said_so_by_the_filter(self, client, opportunities):
        """The one policy of every finder: the rest of the query applies, the filter says what it could not use."""
        response = client.get("/funders/?issue=health&issue=made-up")
        assert titles(response) == ["Housing in Scotland", "Health in England"]
        html = response.content.decode()
        assert "Issue: we have nothing called ‘made-up’. Showing results without it." in html
        assert '<a href="#facet-issue">' in html  # the error summary leads to the filter
        assert 'name="issue" value="health" id="issue-health" checked' in html

    def test_a_page_beyond_the_end_is_not_found(self, client, opportunities):
        assert client.get("/funders/?page=9").status_code == 404

    def test_paging_wording(self, client, funders_index):
        for _ in range(12):
            support.OpportunityPageFactory(parent=funders_index)
        assert "Displaying 1–9 of 12 results" in client.get("/funders/").content.decode()
        assert "Displaying 10–12 of 12 results" in client.get("/funders/?page=2").content.decode()

    def test_sort_by_title(self, client, opportunities):
        assert titles(client.get("/funders/?sort=title")) == [
            "Health in England",
            "Housing in Scotland",
            "Jobs in London",
        ]


@pytest.mark.django_db
class TestFeed:
    def test_the_feed_follows_the_same_filters(self, client, opportunities):
        response = client.get("/funders/feed/?issue=health&location=scotland")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, not untrusted input
        assert feed.find(f"{ATOM}title").text.endswith(": Health, Scotland")
        entries = feed.findall(f"{ATOM}entry")
        assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Housing in Scotland"]
        assert entries[0].find(f"{ATOM}link").get("href").endswith("/funders/housing-in-scotland/")

    def test_the_listing_links_its_feed(self, client, opportunities):
        html = client.get("/funders/?issue=health").content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert 'href="/funders/feed/?issue=health"' in html

    def test_the_feed_refuses_what_it_cannot_use(self, client, opportunities):
        response = client.get("/funders/feed/?issue=made-up")
        assert response.status_code == 400
        assert "Issue: we have nothing called ‘made-up’" in response.content.decode()

    def test_the_feed_never_carries_contact_details(self, client, opportunities):
        assert b"contact-person@example.org" not in client.get("/funders/feed/").content


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_number_of_opportunities(client, funders_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    maternity = Topic.objects.get(slug="maternity")

    def add(count):
        for _ in range(count):
            support.OpportunityPageFactory(
                parent=funders_index,
                issues=["health", "employment"],
                activities=["peer-learning"],
                groups=[core20],
                topics=[maternity],
            )

    def queries(url, *, cold):
        """Cold: every count worked out (the first visitor after a change); warm: from the cache."""
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def measure():
        return {url: (queries(url, cold=True), queries(url, cold=False)) for url in urls}

    urls = ["/funders/", "/funders/?issue=health&group=core20&q=Opportunity", "/funders/feed/?topic=maternity"]
    add(2)
    for url in urls:
        queries(url, cold=False)  # warm per-process caches
    before = measure()
    add(15)
    after = measure()
    assert after == before
    cold, warm = before["/funders/"]
    assert warm < cold  # the counts, vocabularies, the page's ids and cards come from the cache
