"""What search engines, social networks and Google Scholar read: meta tags, JSON-LD, the sitemap."""

import datetime
import json
import re
from xml.etree import ElementTree

from django.core.files.base import ContentFile

from wagtail.models import PageViewRestriction, Site

import pytest
import wagtail_factories

from healthequity.core.models import SocialMediaSettings
from tests import factories

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(html):
    """The one JSON-LD block of a page, parsed; fails if there is not exactly one."""
    (payload,) = JSON_LD.findall(html)
    return json.loads(payload)


def graph_item(data, type_name):
    (item,) = [item for item in data["@graph"] if item["@type"] == type_name]
    return item


def meta(html, attribute, name):
    """Every content value of <meta {attribute}="{name}">."""
    return re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)


@pytest.fixture
def author():
    return factories.AuthorFactory(name="Dr Priya Raman", role="Clinical director", organisation="HEEC")


@pytest.mark.django_db
def test_a_brief_has_description_canonical_open_graph_and_twitter_tags(client, resource_index, author):
    image = wagtail_factories.ImageFactory(
        title="Green hills", description="Green hills at dusk", file__width=1600, file__height=1000
    )
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        slug="staff",
        title="What works: staff",
        seo_title="Empowering staff to reduce inequalities",
        summary="A summary used when there is no search description.",
        listing_image=image,
        authors=[author],
    )
    html = client.get(brief.url).content.decode()
    assert meta(html, "name", "description") == ["A summary used when there is no search description."]
    assert '<link rel="canonical" href="http://testserver/resources/staff/">' in html
    assert meta(html, "property", "og:title") == ["Empowering staff to reduce inequalities"]
    assert meta(html, "property", "og:type") == ["article"]
    assert meta(html, "property", "og:url") == ["http://testserver/resources/staff/"]
    assert meta(html, "property", "og:site_name") == ["Health Equity Evidence Centre"]
    (image_url,) = meta(html, "property", "og:image")
    assert image_url.startswith("http://testserver/") and image_url.endswith(".jpg")
    assert meta(html, "property", "og:image:width") == ["1200"]
    assert meta(html, "property", "og:image:height") == ["630"]
    assert meta(html, "property", "og:image:alt") == ["Green hills at dusk"]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]
    assert meta(html, "name", "twitter:image") == [image_url]
    assert meta(html, "property", "article:published_time") == [brief.publication_date.isoformat()]

    brief.search_description = "Written for search engines."
    brief.save()
    html = client.get(brief.url).content.decode()
    assert meta(html, "name", "description") == ["Written for search engines."]
    assert meta(html, "name", "twitter:description") == ["Written for search engines."]


@pytest.mark.django_db
def test_a_page_without_a_listing_image_gets_a_summary_card(client, blog_index):
    post = factories.BlogPageFactory(parent=blog_index)
    html = client.get(post.url).content.decode()
    assert meta(html, "name", "twitter:card") == ["summary"]
    assert not meta(html, "property", "og:image")


@pytest.mark.django_db
def test_brief_json_ld_is_a_scholarly_article_with_the_required_keys(client, resource_index, author):
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        slug="brief",
        doi="10.5555/heec.1",
        updated_on=datetime.date(2025, 6, 1),
        publication_date=datetime.date(2025, 3, 1),
        authors=[author],
        groups=[factories.InequalityGroupFactory(name="Coastal test group")],
    )
    data = json_ld(client.get(brief.url).content.decode())
    assert data["@context"] == "https://schema.org"
    article = graph_item(data, "ScholarlyArticle")
    for key in ("headline", "name", "description", "url", "datePublished", "dateModified", "author", "publisher"):
        assert article[key], key
    assert article["headline"] == brief.title
    assert article["url"] == "http://testserver/resources/brief/"
    assert article["datePublished"] == "2025-03-01"
    assert article["dateModified"] == "2025-06-01"
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Dr Priya Raman",
            "jobTitle": "Clinical director",
            "affiliation": {"@type": "Organization", "name": "HEEC"},
        }
    ]
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == "Health Equity Evidence Centre"
    assert article["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.5555/heec.1"}
    assert article["about"][0]["name"] == "Coastal test group"
    crumbs = graph_item(data, "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Health Equity Evidence Centre", "Resources", brief.title]


@pytest.mark.django_db
def test_other_page_types_get_their_schema_types(client, home_page, resource_index, blog_index, panel_index):
    report = factories.ResourcePageFactory(parent=resource_index, resource_type="report")
    data_set = factories.ResourcePageFactory(parent=resource_index, resource_type="data")
    blog = factories.BlogPageFactory(parent=blog_index)
    panel_post = factories.PanelPostPageFactory(parent=panel_index)
    about = factories.StandardPageFactory(parent=home_page, slug="about")
    expected = {report: "Report", data_set: "Dataset", blog: "BlogPosting", panel_post: "BlogPosting", about: "WebPage"}
    for page, schema_type in expected.items():
        item = graph_item(json_ld(client.get(page.url).content.decode()), schema_type)
        assert item["url"] == page.get_full_url()


@pytest.mark.django_db
def test_the_home_page_describes_the_organisation_and_its_search(client, home_page, resource_index):
    data = json_ld(client.get("/").content.decode())
    organisation = graph_item(data, "Organization")
    assert organisation["name"] == "Health Equity Evidence Centre"
    assert organisation["url"] == "http://testserver/"
    website = graph_item(data, "WebSite")
    assert website["potentialAction"]["target"]["urlTemplate"] == "http://testserver/resources/?q={search_term_string}"


@pytest.mark.django_db
def test_a_site_without_a_finder_claims_no_search(client, home_page):
    website = graph_item(json_ld(client.get("/").content.decode()), "WebSite")
    assert "potentialAction" not in website


@pytest.mark.django_db
def test_a_script_tag_in_a_title_cannot_break_out_of_the_json_ld(client, resource_index):
    title = 'What works: </script><script>alert("x")</script> & more'
    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, slug="tricky", title=title)
    html = client.get(brief.url).content.decode()
    (payload,) = JSON_LD.findall(html)
    assert "<" not in payload and ">" not in payload
    assert graph_item(json.loads(payload), "ScholarlyArticle")["headline"] == title
    assert '<script>alert("x")</script>' not in html


@pytest.mark.django_db
def test_briefs_carry_highwire_citation_tags_for_google_scholar(client, resource_index, author):
    document = wagtail_factories.DocumentFactory(title="Full report", file=ContentFile(b"%PDF-1.4", name="report.pdf"))
    second = factories.AuthorFactory(name="Tom Ashworth")
    resource = factories.ResourcePageFactory(
        parent=resource_index,
        slug="dispensing",
        title="Dispensing practices and NHS funding",
        resource_type="analysis",
        publication_date=datetime.date(2025, 2, 18),
        doi="10.5555/heec.2",
        authors=[author, second],
        body=[("document", {"document": document, "title": ""})],
    )
    html = client.get(resource.url).content.decode()
    assert meta(html, "name", "citation_title") == ["Dispensing practices and NHS funding"]
    assert meta(html, "name", "citation_author") == ["Raman, Priya", "Ashworth, Tom"]
    assert meta(html, "name", "citation_publication_date") == ["2025/02/18"]
    assert meta(html, "name", "citation_publisher") == ["Health Equity Evidence Centre"]
    assert meta(html, "name", "citation_doi") == ["10.5555/heec.2"]
    assert meta(html, "name", "citation_abstract_html_url") == ["http://testserver/resources/dispensing/"]
    assert meta(html, "name", "citation_pdf_url") == [f"http://testserver{document.url}"]
    assert document.url.endswith(".pdf")


@pytest.mark.django_db
def test_blog_posts_are_not_offered_to_google_scholar(client, blog_index):
    html = client.get(factories.BlogPageFactory(parent=blog_index).url).content.decode()
    assert not meta(html, "name", "citation_title")


@pytest.mark.django_db
def test_later_pages_of_a_listing_keep_their_page_number_in_the_canonical_address(client, blog_index):
    for _ in range(blog_index.per_page + 1):
        factories.BlogPageFactory(parent=blog_index)
    html = client.get("/blog/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/blog/?page=2">' in html
    assert '<link rel="canonical" href="http://testserver/blog/">' in client.get("/blog/?page=1").content.decode()


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap, not untrusted input
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext("sm:lastmod", namespaces=SITEMAP_NS)
        for url in root.findall("sm:url", SITEMAP_NS)
    }


@pytest.mark.django_db
def test_the_sitemap_lists_live_public_pages_only_with_last_modified_dates(client, resource_index, blog_index):
    live = factories.WhatWorksBriefPageFactory(parent=resource_index, slug="live-brief")
    live.save_revision().publish()
    live.refresh_from_db()
    draft = factories.WhatWorksBriefPageFactory(parent=resource_index, slug="draft-brief", live=False)
    private = factories.BlogPageFactory(parent=blog_index, slug="private-post")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    expired = factories.BlogPageFactory(parent=blog_index, slug="expired-post")
    expired.unpublish(set_expired=True)

    entries = sitemap_entries(client)
    assert "http://testserver/resources/live-brief/" in entries
    assert "http://testserver/resources/" in entries and "http://testserver/" in entries
    assert entries["http://testserver/resources/live-brief/"] == live.last_published_at.date().isoformat()
    assert f"http://testserver/resources/{draft.slug}/" not in entries
    assert "http://testserver/blog/private-post/" not in entries
    assert "http://testserver/blog/expired-post/" not in entries


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_at_the_sitemap(client, home_page):
    body = client.get("/robots.txt").content.decode()
    assert "User-agent: *" in body
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
def test_pages_without_their_own_image_share_the_sites_default_image(client, home_page, blog_index):
    default = wagtail_factories.ImageFactory(
        title="Centre banner", description="The centre name on a blue band", file__width=1600, file__height=900
    )
    settings = SocialMediaSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_image = default
    settings.save()
    own = wagtail_factories.ImageFactory(title="Own picture", file__width=1600, file__height=900)
    plain_post = factories.BlogPageFactory(parent=blog_index, slug="plain")
    pictured_post = factories.BlogPageFactory(parent=blog_index, slug="pictured", listing_image=own)

    default_url = meta(client.get("/").content.decode(), "property", "og:image")
    assert len(default_url) == 1 and default_url[0].startswith("http://testserver/")
    for url in ("/", "/blog/", plain_post.url):
        html = client.get(url).content.decode()
        assert meta(html, "property", "og:image") == default_url, url
        assert meta(html, "property", "og:image:alt") == ["The centre name on a blue band"], url
        assert meta(html, "name", "twitter:card") == ["summary_large_image"], url
    html = client.get(pictured_post.url).content.decode()
    (own_url,) = meta(html, "property", "og:image")
    assert own_url != default_url[0]
    assert graph_item(json_ld(html), "BlogPosting")["image"] == [own_url]
