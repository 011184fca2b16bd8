"""The finder's feed (/resources/feed/) and JSON (/api/resources/) answer the same query as the page."""

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import urlsplit

import pytest

from healthequity.core.models import InequalityGroup, Topic
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"


def page_titles(client, query):
    return [item.title for item in client.get(f"/resources/?{query}").context["listing"].object_list]


def feed(client, query=""):
    response = client.get(f"/resources/feed/?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, not untrusted input


def feed_titles(client, query=""):
    return [entry.findtext(f"{ATOM}title") for entry in feed(client, query).iter(f"{ATOM}entry")]


def api(client, query="", status=200):
    response = client.get(f"/api/resources/?{query}")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


@pytest.fixture
def collection(resource_index, blog_index, panel_index):
    coastal = InequalityGroup.objects.get(slug="coastal-communities")
    homeless = InequalityGroup.objects.get(slug="people-experiencing-homelessness")
    hypertension = Topic.objects.get(slug="hypertension")
    asthma = Topic.objects.get(slug="asthma")
    author = factories.AuthorFactory(name="Dr Ada Example")
    pages = []
    for day in range(1, 13):
        pages.append(
            factories.ResourcePageFactory(
                parent=resource_index,
                title=f"Coastal hypertension study {day:02}",
                publication_date=f"2024-05-{day:02}",
                groups=[coastal],
                topics=[hypertension],
                authors=[author],
            )
        )
    pages.append(
        factories.WhatWorksBriefPageFactory(
            parent=resource_index, title="What works: asthma clinics", groups=[coastal], topics=[asthma]
        )
    )
    pages.append(factories.BlogPageFactory(parent=blog_index, title="Hypertension blog", topics=[hypertension]))
    pages.append(factories.PanelPostPageFactory(parent=panel_index, title="Homeless story", groups=[homeless]))
    return pages


@pytest.mark.django_db
class TestFeed:
    def test_is_an_atom_feed_titled_after_its_filters(self, client, collection):
        root = feed(client, "group=coastal-communities&topic=hypertension")
        assert root.findtext(f"{ATOM}title") == (
            "Resources: Coastal communities, Hypertension – Health Equity Evidence Centre"
        )
        assert feed(client).findtext(f"{ATOM}title") == "Resources – Health Equity Evidence Centre"
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links["alternate"] == "http://testserver/resources/?group=coastal-communities&topic=hypertension"
        assert links["self"] == "http://testserver/resources/feed/?group=coastal-communities&topic=hypertension"

    def test_has_the_same_items_as_the_page_newest_first(self, client, collection):
        for query in ("group=coastal-communities", "topic=hypertension&type=blog", "q=hypertension", "from=2024-05-10"):
            page = page_titles(client, query + "&sort=newest")
            assert feed_titles(client, query)[: len(page)] == page, query

    def test_entries_link_to_the_pages_and_carry_their_tags_and_authors(self, client, collection):
        entry = next(feed(client, "q=study+12").iter(f"{ATOM}entry"))
        # Page addresses come from the Wagtail site (at WAGTAILADMIN_BASE_URL), like the sitemap's.
        assert entry.find(f"{ATOM}link").get("href") == "http://testserver/resources/coastal-hypertension-study-12/"
        assert entry.findtext(f"{ATOM}summary") == collection[11].summary
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Dr Ada Example"
        assert {category.get("term") for category in entry.iter(f"{ATOM}category")} == {
            "Coastal communities",
            "Hypertension",
        }
        assert entry.findtext(f"{ATOM}published").startswith("2024-05-12T00:00:00")

    def test_lists_the_latest_twenty(self, client, resource_index):
        for day in range(1, 26):
            factories.ResourcePageFactory(parent=resource_index, publication_date=f"2024-01-{day:02}")
        assert len(feed_titles(client)) == 20

    def test_bad_parameters_are_refused_with_a_message(self, client, collection):
        response = client.get("/resources/feed/?group=atlantis&from=yesterday")
        assert response.status_code == 400
        text = response.content.decode()
        assert "Inequality group: we have nothing called ‘atlantis’" in text
        assert "From must be a date" in text

    def test_each_group_and_topic_page_has_its_own_feed(self, client, collection):
        for address, query in [
            ("/resources/groups/coastal-communities/", "group=coastal-communities"),
            ("/resources/topics/hypertension/", "topic=hypertension"),
        ]:
            html = client.get(address).content.decode()
            assert f'<a href="/resources/feed/?{query}">Subscribe to new evidence on' in html
            title, href = alternate_feed_link(html)
            assert href == f"/resources/feed/?{query}"
            root = feed(client, query)
            assert root.findtext(f"{ATOM}title") == title
            latest = [item.title for item in client.get(address).context["latest"]]
            assert [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")][: len(latest)] == latest


@pytest.mark.django_db
class TestJson:
    def test_items_carry_title_url_type_date_summary_groups_and_topics(self, client, collection):
        data = api(client, "q=asthma+clinics")
        assert data["count"] == 1
        assert data["items"] == [
            {
                "title": "What works: asthma clinics",
                "url": "http://testserver/resources/what-works-asthma-clinics/",
                "type": "what-works-brief",
                "type_label": "What works brief",
                "date": collection[12].publication_date.isoformat(),
                "summary": collection[12].summary,
                "authors": [],
                "groups": [{"slug": "coastal-communities", "name": "Coastal communities"}],
                "topics": [{"slug": "asthma", "name": "Asthma"}],
                "findings": [],
            }
        ]

    def test_agrees_with_the_page_item_for_item_and_page_for_page(self, client, collection):
        for query in ("", "group=coastal-communities", "q=hypertension", "topic=hypertension&sort=title", "page=2"):
            data = api(client, query)
            response = client.get(f"/resources/?{query}")
            assert [item["title"] for item in data["items"]] == page_titles(client, query), query
            assert data["count"] == response.context["listing"].paginator.count

    def test_facet_counts_match_the_page(self, client, collection):
        query = "group=coastal-communities&topic=hypertension"
        data = api(client, query)
        page_facets = client.get(f"/resources/?{query}").context["finder"].facets
        for facet in page_facets:
            assert {option["value"]: option["count"] for option in data["facets"][facet.name]} == {
                option.value: option.count for option in facet.options
            }
        sex_workers = next(option for option in data["facets"]["group"] if option["value"] == "sex-workers")
        assert sex_workers["parent"] == "inclusion-health-groups"
        coastal = next(option for option in data["facets"]["group"] if option["value"] == "coastal-communities")
        # Groups are counted within the chosen topic: the asthma brief is not among them.
        assert coastal == {
            "value": "coastal-communities",
            "label": "Coastal communities",
            "count": 12,
            "selected": True,
        }

    def test_next_and_previous_links_page_through_the_same_query(self, client, collection):
        first = api(client, "group=coastal-communities")
        assert first["count"] == 13
        assert first["previous"] is None
        assert first["next"] == "http://testserver/api/resources/?group=coastal-communities&page=2"
        second = api(client, first["next"].removeprefix("http://testserver/api/resources/?"))
        assert second["next"] is None
        assert second["previous"] == "http://testserver/api/resources/?group=coastal-communities"
        titles = [item["title"] for item in first["items"] + second["items"]]
        assert len(titles) == len(set(titles)) == 13

    def test_reports_the_query_it_answered_and_where_to_see_it(self, client, collection):
        data = api(client, "q=hypertension&group=coastal-communities&from=2024")
        assert data["query"] == {
            "q": "hypertension",
            "group": ["coastal-communities"],
            "topic": [],
            "type": [],
            "effect": [],
            "strength": [],
            "approach": [],
            "from": "2024-01-01",
            "to": None,
            "sort": "relevance",
        }
        assert (
            data["html_url"] == "http://testserver/resources/?q=hypertension&group=coastal-communities&from=2024-01-01"
        )
        assert data["feed_url"].startswith("http://testserver/resources/feed/?q=hypertension")

    def test_bad_parameters_are_a_400_with_the_reasons(self, client, collection):
        data = api(client, "group=atlantis&page=abc&sort=relevance", status=400)
        assert set(data["errors"]) == {"group", "sort"}  # a bad page number alone starts at page 1
        assert data["errors"]["group"][0]["code"] == "unknown"

    def test_a_page_past_the_end_is_a_404(self, client, collection):
        data = api(client, "page=99", status=404)
        assert data["errors"]["page"][0]["code"] == "out_of_range"

    def test_only_get_is_allowed(self, client, collection):
        assert client.post("/api/resources/").status_code == 405


def alternate_feed_link(html):
    """The page's <link rel="alternate"> to its Atom feed: (title, href)."""
    match = re.search(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)"', html)
    assert match, "the page should link to its feed"
    return unescape(match[1]), unescape(match[2])


def path_of(url):
    return urlsplit(url).path


@pytest.mark.django_db
class TestPageFeedAndJsonAgree:
    """For the same address, the HTML finder, its Atom feed and its JSON list the same items in the
    same order, with the same total and counts, and the page's <link rel="alternate"> leads to the
    feed of exactly that query."""

    QUERIES = [
        "",
        "group=coastal-communities",
        "group=inclusion-health-groups",  # a parent group: its subgroups' pages too
        "group=coastal-communities&topic=hypertension",
        "topic=hypertension&topic=asthma&type=blog&type=analysis",
        "q=hypertension&sort=newest",
        "q=study&group=coastal-communities&from=2024-05-03&to=2024-05-10&sort=oldest",
        "topic=hypertension&sort=title",
    ]

    def page_items(self, client, query):
        """Every item of every page of the HTML finder, as (title, path), and the first page's response."""
        first = client.get(f"/resources/?{query}")
        assert first.status_code == 200, query
        listing = first.context["listing"]
        items = [(item.title, item.url) for item in listing.object_list]
        for number in listing.paginator.page_range[1:]:
            response = client.get(f"/resources/?{query}&page={number}")
            items += [(item.title, item.url) for item in response.context["listing"].object_list]
        return first, items

    def api_items(self, client, query):
        data = api(client, query)
        first, items = data, []
        while True:
            items += [(item["title"], path_of(item["url"])) for item in data["items"]]
            if not data["next"]:
                return first, items
            data = api(client, urlsplit(data["next"]).query)

    def test_for_several_queries(self, client, collection):
        for query in self.QUERIES:
            page, page_items = self.page_items(client, query)
            finder = page.context["finder"]
            assert page_items, f"{query}: the fixture should give every query some results"
            assert not finder.problems, query

            data, api_items = self.api_items(client, query)
            assert api_items == page_items, query
            assert data["count"] == len(page_items) == page.context["listing"].paginator.count, query
            for facet in finder.facets:
                api_options = [
                    (option["value"], option["count"], option["selected"]) for option in data["facets"][facet.name]
                ]
                page_options = [(option.value, option.count, option.selected) for option in facet.options]
                assert api_options == page_options, f"{query}: {facet.name} counts"

            title, feed_href = alternate_feed_link(page.content.decode())
            assert feed_href == f"/resources/feed/?{query}".rstrip("?"), query
            assert self.feed_entries(client, feed_href, title) == page_items[:20], query

    def feed_entries(self, client, href, title):
        response = client.get(href)
        assert response.status_code == 200, href
        root = ET.fromstring(response.content)  # noqa: S314 - our own feed
        assert root.findtext(f"{ATOM}title") == title, href
        return [
            (entry.findtext(f"{ATOM}title"), path_of(entry.find(f"{ATOM}link").get("href")))
            for entry in root.iter(f"{ATOM}entry")
        ]

    def test_with_a_bad_parameter(self, client, collection):
        """The page shows what it can and says what it could not use, and offers the feed of that;
        the feed and the JSON of the bad address refuse it with the same reason (a machine should
        not silently get something other than it asked for)."""
        query = "group=coastal-communities&group=atlantis&from=yesterday"
        page, page_items = self.page_items(client, query)
        messages = [problem.message for problem in page.context["finder"].problems]
        assert len(messages) == 2
        assert page_items == self.page_items(client, "group=coastal-communities")[1]

        data = api(client, query, status=400)
        assert [error["message"] for errors in data["errors"].values() for error in errors] == messages
        response = client.get(f"/resources/feed/?{query}")
        assert response.status_code == 400
        assert all(message in response.content.decode() for message in messages)

        title, feed_href = alternate_feed_link(page.content.decode())
        assert feed_href == "/resources/feed/?group=coastal-communities"
        assert self.feed_entries(client, feed_href, title) == page_items


def test_the_kept_feed_and_json_follow_a_publish_and_the_address_asked_for(client, resource_index):
    """The feed's XML and the JSON are kept until the content changes: a repeated request is
    answered from the cache, the next one after a publish is not, and two addresses that differ
    only in what they say (a page number that is not one) are kept apart."""
    factories.ResourcePageFactory(parent=resource_index, title="Kept first")
    assert feed_titles(client) == ["Kept first"] == feed_titles(client)
    assert [item["title"] for item in api(client)["items"]] == ["Kept first"]
    response = client.get("/resources/feed/")
    assert response["Last-Modified"]

    factories.ResourcePageFactory(parent=resource_index, title="Published after", publication_date="2030-01-01")
    assert feed_titles(client) == ["Published after", "Kept first"]
    assert [item["title"] for item in api(client)["items"]] == ["Published after", "Kept first"]

    assert api(client)["notes"] == []
    assert api(client, "page=abc")["notes"] == ["Page numbers are whole numbers. Showing the first page."]
    assert api(client)["notes"] == []
