"""The listings: newest first, nine a page, honest wording, nothing unpublished or private."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from tests import factories


def listing_titles(response):
    return [item.title for item in response.context["listing"].object_list]


@pytest.mark.django_db
class TestResourceIndex:
    def test_lists_every_kind_of_content_newest_first(self, client, resource_index, blog_index, panel_index):
        brief = factories.WhatWorksBriefPageFactory(parent=resource_index, publication_date="2025-01-03")
        blog = factories.BlogPageFactory(parent=blog_index, publication_date="2025-01-05")
        post = factories.PanelPostPageFactory(parent=panel_index, publication_date="2025-01-04")
        resource = factories.ResourcePageFactory(parent=resource_index, publication_date="2025-01-01")
        response = client.get("/resources/")
        assert response.status_code == 200
        assert listing_titles(response) == [blog.title, post.title, brief.title, resource.title]

    def test_drafts_and_private_pages_never_appear(self, client, resource_index):
        factories.ResourcePageFactory(parent=resource_index, title="Published resource")
        draft = factories.ResourcePageFactory(parent=resource_index, title="Draft resource")
        draft.unpublish()
        private = factories.ResourcePageFactory(parent=resource_index, title="Private resource")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        html = client.get("/resources/").content.decode()
        assert "Published resource" in html
        assert "Draft resource" not in html
        assert "Private resource" not in html
        assert "Displaying 1–1 of 1 result" in html

    def test_paging_wording_and_boundaries(self, client, resource_index):
        for _ in range(20):
            factories.ResourcePageFactory(parent=resource_index)
        first = client.get("/resources/")
        assert "Displaying 1–9 of 20 results" in first.content.decode()
        assert len(listing_titles(first)) == 9
        second = client.get("/resources/?page=2")
        assert "Displaying 10–18 of 20 results" in second.content.decode()
        last = client.get("/resources/?page=3")
        assert "Displaying 19–20 of 20 results" in last.content.decode()
        assert len(listing_titles(last)) == 2
        assert set(listing_titles(first)).isdisjoint(listing_titles(second))

    def test_a_page_beyond_the_end_is_not_found_and_nonsense_shows_the_first(self, client, resource_index):
        factories.ResourcePageFactory(parent=resource_index)
        assert client.get("/resources/?page=5").status_code == 404
        assert client.get("/resources/?page=abc").status_code == 200

    def test_empty_listing_says_so(self, client, resource_index):
        assert "No results" in client.get("/resources/").content.decode()

    def test_query_count_does_not_grow_with_the_listing(self, client, resource_index):
        group = factories.InequalityGroupFactory()
        topic = factories.TopicFactory()
        author = factories.AuthorFactory()

        def queries_for_listing():
            cache.clear()  # count everything: the finder caches its counts until content changes
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/resources/").status_code == 200
            return len(queries)

        factories.ResourcePageFactory(parent=resource_index, groups=[group], topics=[topic], authors=[author])
        queries_for_listing()  # warm the per-process caches (site root paths) first
        with_one = queries_for_listing()
        for _ in range(12):
            factories.ResourcePageFactory(parent=resource_index, groups=[group], topics=[topic], authors=[author])
        assert queries_for_listing() == with_one


@pytest.mark.django_db
class TestSectionListings:
    def test_blog_lists_only_its_own_posts(self, client, resource_index, blog_index):
        factories.ResourcePageFactory(parent=resource_index, title="A resource")
        factories.BlogPageFactory(parent=blog_index, title="A blog post")
        assert listing_titles(client.get("/blog/")) == ["A blog post"]

    def test_panel_lists_only_panel_posts(self, client, blog_index, panel_index):
        factories.BlogPageFactory(parent=blog_index, title="A blog post")
        factories.PanelPostPageFactory(parent=panel_index, title="My story")
        assert listing_titles(client.get("/citizens-panel/")) == ["My story"]

    def test_home_page_links_to_every_section_and_the_latest_content(
        self, client, resource_index, blog_index, panel_index, library_page
    ):
        factories.ResourcePageFactory(parent=resource_index, title="Latest analysis")
        factories.BlogPageFactory(parent=blog_index, title="Latest blog")
        html = client.get("/").content.decode()
        for href in ('href="/resources/"', 'href="/blog/"', 'href="/citizens-panel/"', 'href="/library/"'):
            assert href in html
        assert "Latest analysis" in html
        assert "Latest blog" in html
