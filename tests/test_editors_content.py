"""Long pages read well: contents, reading time, related content; previews of every page type."""

import re

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction, get_page_models

import pytest

from healthequity.core.outline import outline_html
from healthequity.core.related import related_pages
from tests import factories
from tests.funders_support import FundersIndexPageFactory, OpportunityPageFactory

IDS = re.compile(r'\sid="([^"]*)"')


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


@pytest.fixture
def long_resource(resource_index):
    words = " ".join(["evidence"] * 990)
    return factories.ResourcePageFactory(
        parent=resource_index,
        slug="long",
        body=[
            heading("Background"),
            paragraph(f"<p>{words}</p>"),
            heading("What we found"),
            heading("In general practice", "h3"),
            paragraph("<h2>What we found</h2><p>Rich text can carry headings too.</p><h3>Main-content</h3>"),
            heading("Background"),
        ],
    )


@pytest.mark.django_db
def test_a_long_page_gets_a_table_of_contents_with_unique_anchors(client, long_resource):
    html = client.get(long_resource.url).content.decode()
    ids = IDS.findall(html)
    assert len(ids) == len(set(ids)), "duplicate ids on the page"
    contents = html[html.index('<nav class="toc"') : html.index("</nav>", html.index('<nav class="toc"'))]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', contents)
    assert [text for _, text in links] == [
        "Background",
        "What we found",
        "In general practice",
        "What we found",
        "Main-content",
        "Background",
    ]
    targets = [target for target, _ in links]
    assert len(set(targets)) == len(targets)
    assert "main-content" not in targets  # the skip link's target stays the page's own
    for target in targets:
        assert f'id="{target}"' in html
    # h3 entries nest under the h2 before them.
    assert re.search(r'href="#what-we-found">What we found</a>\s*<ol><li><a href="#in-general-practice">', contents)


@pytest.mark.django_db
def test_reading_time_follows_the_length_of_the_text(client, long_resource, resource_index):
    assert "<dt>Reading time</dt><dd>6 minutes</dd>" in client.get(long_resource.url).content.decode()
    short = factories.ResourcePageFactory(parent=resource_index, body=[paragraph("<p>A few words.</p>")])
    html = client.get(short.url).content.decode()
    assert "<dt>Reading time</dt><dd>1 minute</dd>" in html
    assert '<nav class="toc"' not in html  # too short for contents


def test_outline_keeps_the_html_as_written_apart_from_ids():
    source = '<p class="x">Intro &amp; more</p>\n<h2 class="big">Title</h2>\n<script>var s = "<h2>no</h2>";</script>'
    outline = outline_html(source, reserved_ids={"title"})
    assert outline.html == source.replace('<h2 class="big">', '<h2 id="title-2" class="big">')
    assert [heading.text for heading in outline.headings] == ["Title"]
    assert outline.word_count == 4


@pytest.fixture
def tagged(resource_index):
    """Two groups and two topics to share."""
    return {
        "groups": [factories.InequalityGroupFactory() for _ in range(2)],
        "topics": [factories.TopicFactory() for _ in range(2)],
    }


@pytest.mark.django_db
def test_related_content_ranks_by_shared_groups_and_topics(resource_index, blog_index, tagged):
    groups, topics = tagged["groups"], tagged["topics"]
    page = factories.WhatWorksBriefPageFactory(parent=resource_index, groups=groups, topics=topics)
    three_shared = factories.BlogPageFactory(parent=blog_index, groups=groups, topics=topics[:1])
    one_shared_newer = factories.ResourcePageFactory(parent=resource_index, topics=topics[1:])
    two_shared = factories.ResourcePageFactory(parent=resource_index, groups=groups[:1], topics=topics[:1])
    factories.ResourcePageFactory(parent=resource_index)  # nothing shared
    draft = factories.ResourcePageFactory(parent=resource_index, groups=groups, live=False)
    private = factories.BlogPageFactory(parent=blog_index, groups=groups)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    superseded = factories.ResourcePageFactory(parent=resource_index, groups=groups, replaced_by=two_shared)

    related = list(related_pages(page, limit=10))
    assert [item.pk for item in related] == [three_shared.pk, two_shared.pk, one_shared_newer.pk]
    assert not {draft.pk, private.pk, superseded.pk, page.pk} & {item.pk for item in related}
    assert [item.pk for item in related_pages(page)] == [three_shared.pk, two_shared.pk, one_shared_newer.pk]
    assert list(related_pages(factories.ResourcePageFactory(parent=resource_index))) == []


@pytest.mark.django_db
def test_related_content_costs_the_same_queries_whatever_the_size(client, resource_index, tagged):
    groups, topics = tagged["groups"], tagged["topics"]
    page = factories.WhatWorksBriefPageFactory(parent=resource_index, groups=groups, topics=topics)
    author = factories.AuthorFactory()

    def render_and_count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    for _ in range(3):
        factories.ResourcePageFactory(parent=resource_index, groups=groups, topics=topics, authors=[author])
    render_and_count()  # warm the caches (site root paths) the first request fills
    few, html = render_and_count()
    assert html.count('class="card"') == 3
    for _ in range(30):
        factories.ResourcePageFactory(parent=resource_index, groups=groups, topics=topics, authors=[author])
    render_and_count()  # the new content empties the content caches (the finder's address among them): refill
    many, html = render_and_count()
    assert html.count('class="card"') == 3
    assert many == few

    with CaptureQueriesContext(connection) as queries:
        list(related_pages(page))
    # the page's groups and topics, view restrictions, the ranked query and four card prefetches
    assert len(queries) <= 8


@pytest.mark.django_db
def test_every_page_type_previews_and_evidence_pages_preview_as_a_card(
    home_page, resource_index, blog_index, panel_index, library_page
):
    evidence = [
        factories.ResourcePageFactory(parent=resource_index, title="A resource card"),
        factories.WhatWorksBriefPageFactory(parent=resource_index, title="A brief card"),
        factories.BlogPageFactory(parent=blog_index, title="A blog card"),
        factories.PanelPostPageFactory(parent=panel_index, title="A panel card"),
    ]
    others = [home_page, resource_index, blog_index, panel_index, library_page]
    others.append(factories.StandardPageFactory(parent=home_page, slug="about"))
    funders = FundersIndexPageFactory(parent=home_page)
    others += [funders, OpportunityPageFactory(parent=funders)]
    # Every page type an editor can create is covered here, so a new one cannot skip its preview.
    creatable = {model for model in get_page_models() if model.is_creatable and model is not Page}
    assert {type(page) for page in others + evidence} == creatable
    request = RequestFactory().get("/")
    for page in others + evidence:
        for mode, _ in page.preview_modes:
            response = page.make_preview_request(request, mode)
            assert response.status_code == 200, (page, mode)
            assert page.title in response.content.decode(), (page, mode)
    for page in evidence:
        assert page.preview_modes == [("", "Page"), ("card", "Listing card")]
        html = page.make_preview_request(request, "card").content.decode()
        assert "How “" in html and "appears in listings" in html
        assert html.count('<article class="card">') == 2
        assert f">{page.title}</a></h3>" in html
        assert "There is no listing image" in html


@pytest.mark.django_db
def test_an_editor_previews_unsaved_changes_as_a_card_in_the_admin(admin_client, resource_index):
    from tests.editors_support import brief_form_data

    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, slug="card-brief")
    preview_url = f"/admin/pages/{brief.pk}/edit/preview/"
    data = brief_form_data("What works: a retitled card", "card-brief", "action-save")
    response = admin_client.post(preview_url, data)
    assert response.json()["is_valid"] is True
    html = admin_client.get(preview_url, {"mode": "card"}).content.decode()
    assert "What works: a retitled card" in html and '<article class="card">' in html
    html = admin_client.get(preview_url, {"mode": ""}).content.decode()
    assert "<h1>What works: a retitled card</h1>" in html


@pytest.mark.django_db
def test_the_admin_may_frame_previews_which_keep_the_public_pages_policy(admin_client, client, resource_index):
    """Wagtail renders a preview through the middleware as if at the page's public address; the
    public policy forbids framing, which left the admin's preview panel blank in browsers."""
    from tests.editors_support import brief_form_data

    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, slug="framed")
    preview_url = f"/admin/pages/{brief.pk}/edit/preview/"
    data = brief_form_data("What works: framed", "framed", "action-save")
    assert admin_client.post(preview_url, data).json()["is_valid"]
    for mode in ("", "card"):
        response = admin_client.get(preview_url, {"mode": mode, "in_preview_panel": "true"})
        policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
        assert policy["frame-ancestors"] == "'self'", mode
        assert response["X-Frame-Options"] != "DENY"
        assert "'unsafe-inline'" not in policy["script-src"]  # the public page's policy, not the admin's
    # The public page itself still refuses to be framed.
    assert "frame-ancestors 'none'" in client.get(brief.url)["Content-Security-Policy"]
