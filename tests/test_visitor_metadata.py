"""What group and topic pages, data sets and the organisation tell search engines and social
networks; what "Subscribe to these results" shows a person; what the home page's header offers."""

import json
import re
from html import unescape
from urllib.parse import quote

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from healthequity.core.models import InequalityGroup, Topic
from tests import factories

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html):
    (payload,) = JSON_LD.findall(html)
    return json.loads(payload)


def graph_item(data, type_name):
    (item,) = [item for item in data["@graph"] if item["@type"] == type_name]
    return item


def tag(html, pattern):
    match = re.search(pattern, html)
    assert match, pattern
    return unescape(match[1])


@pytest.fixture
def collection(resource_index):
    coastal = InequalityGroup.objects.get(slug="coastal-communities")
    coastal.description = "Seaside towns where deprivation is concentrated."
    coastal.save()
    hypertension = Topic.objects.get(slug="hypertension")
    hypertension.description = "High blood pressure, found and treated."
    hypertension.save()
    factories.ResourcePageFactory(parent=resource_index, groups=[coastal], topics=[hypertension])
    return resource_index


@pytest.mark.parametrize(
    ("path", "title", "description", "crumbs"),
    [
        (
            "groups/coastal-communities/",
            "Coastal communities",
            "Seaside towns where deprivation is concentrated.",
            ["Resources", "Inequality groups", "Coastal communities"],
        ),
        (
            "topics/hypertension/",
            "Hypertension",
            "High blood pressure, found and treated.",
            ["Resources", "Topics", "Hypertension"],
        ),
        ("groups/", "Inequality groups", "Evidence by inequality group", ["Resources", "Inequality groups"]),
        ("topics/", "Topics", "Evidence by topic", ["Resources", "Topics"]),
    ],
)
def test_group_and_topic_pages_have_their_own_canonical_open_graph_and_json_ld(
    client, collection, path, title, description, crumbs
):
    address = collection.get_full_url() + path
    html = client.get(collection.url + path).content.decode()
    assert tag(html, r'<link rel="canonical" href="([^"]*)">') == address
    assert tag(html, r'<meta property="og:url" content="([^"]*)">') == address
    assert tag(html, r'<meta property="og:title" content="([^"]*)">') == title
    assert tag(html, r'<meta name="description" content="([^"]*)">').startswith(description)
    data = json_ld(html)
    page = graph_item(data, "CollectionPage")
    assert (page["name"], page["url"]) == (title, address)
    if "/" in path.strip("/"):
        assert page["about"] == {"@type": "DefinedTerm", "name": title, "url": address}
    trail = graph_item(data, "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in trail][-len(crumbs) :] == crumbs
    assert trail[-1]["item"] == address


def test_a_data_set_names_its_creator_licence_and_downloads(client, resource_index):
    author = factories.AuthorFactory(name="Tom Ashworth")
    document = get_document_model().objects.create(
        title="Practice data", file=ContentFile(b"practice,score\nA,1\n", name="practices.csv")
    )
    data_set = factories.ResourcePageFactory(
        parent=resource_index,
        resource_type="data",
        authors=[author],
        body=[("document", {"document": document, "title": ""})],
    )
    dataset = graph_item(json_ld(client.get(data_set.url).content.decode()), "Dataset")
    assert [(creator["@type"], creator["name"]) for creator in dataset["creator"]] == [("Person", "Tom Ashworth")]
    assert dataset["license"].startswith("https://www.nationalarchives.gov.uk/doc/open-government-licence/")
    (download,) = dataset["distribution"]
    assert download["@type"] == "DataDownload"
    assert download["contentUrl"].endswith(document.url)
    assert download["encodingFormat"] == "text/csv"


def test_the_organisation_has_a_raster_logo(client, home_page):
    organisation = graph_item(json_ld(client.get("/").content.decode()), "Organization")
    assert organisation["logo"]["url"].endswith("/static/img/logo.png")
    assert finders.find("img/logo.png")


class TestSubscribing:
    def test_the_finder_links_to_a_page_that_explains_the_feed(self, client, collection):
        html = client.get("/resources/?group=coastal-communities").content.decode()
        link = tag(html, r'<a href="([^"]*)">Subscribe to these results')
        assert link == "/feeds/?feed=" + quote("/resources/feed/?group=coastal-communities", safe="")

        response = client.get(link)
        assert response.status_code == 200
        page = response.content.decode()
        assert "<h1>Follow these results in a feed reader</h1>" in page
        assert 'value="http://localhost/resources/feed/?group=coastal-communities"' in page or (
            "/resources/feed/?group=coastal-communities" in page
        )
        assert 'href="/resources/?group=coastal-communities">Back to the results</a>' in page
        assert '<meta name="robots" content="noindex, follow">' in page

        feed = client.get("/resources/feed/?group=coastal-communities")
        assert feed["Content-Type"].startswith("application/atom+xml")  # the feed itself is still Atom

    @pytest.mark.parametrize("feed", ["https://example.org/feed/", "//example.org/feed/", "/admin/", ""])
    def test_only_this_sites_feeds_are_explained(self, client, home_page, feed):
        assert client.get("/feeds/", {"feed": feed}).status_code == 404


def test_the_home_page_has_one_search_box_and_blogs_without_panel_posts(
    client, resource_index, blog_index, panel_index
):
    factories.BlogPageFactory(parent=blog_index, title="A blog post")
    factories.PanelPostPageFactory(parent=panel_index, title="A panel member's story")
    html = client.get("/").content.decode()
    assert html.count('type="search"') == 1
    assert 'aria-controls="site-menu" data-menu-toggle>Menu</button>' in html
    blogs = html[html.index('id="latest-blogs-heading"') :]
    assert "A blog post" in blogs
    assert "A panel member" not in blogs
    # Other pages keep the header's search, folded with the menu on a phone.
    assert 'id="site-search-q"' in client.get(blog_index.url).content.decode()
