"""Per-request work on the pages every visitor reads: a fixed number of queries, whatever the size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests import factories


def queries_for(client, url) -> int:
    client.get(url)  # once first: per-process caches (content types, site root paths) fill
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_pages(resource_index, blog_index, count, topic, author):
    for _ in range(count):
        factories.ResourcePageFactory(parent=resource_index, topics=[topic], authors=[author])
        factories.BlogPageFactory(parent=blog_index, topics=[topic], authors=[author])


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_the_content(client, resource_index, blog_index):
    topic, author = factories.TopicFactory(), factories.AuthorFactory()
    add_pages(resource_index, blog_index, 1, topic, author)
    few = queries_for(client, "/")
    add_pages(resource_index, blog_index, 5, topic, author)
    assert queries_for(client, "/") == few
    # Both lists of cards share one set of prefetches (groups, topics, authors, images); one more
    # query reads the site's default sharing image (Settings → Social media), and one the cards'
    # rated findings ("4 findings: 3 narrow inequalities"), however many cards.
    assert few <= 12


@pytest.mark.django_db
def test_evidence_page_queries_do_not_grow_with_its_related_content(client, resource_index, blog_index):
    topic, author = factories.TopicFactory(), factories.AuthorFactory()
    page = factories.ResourcePageFactory(
        parent=resource_index, topics=[topic], authors=[author, factories.AuthorFactory()]
    )
    add_pages(resource_index, blog_index, 1, topic, author)
    few = queries_for(client, page.url)
    add_pages(resource_index, blog_index, 5, topic, author)
    assert queries_for(client, page.url) == few
    # Authors with one query; breadcrumbs from the pages routing walked through, not another query;
    # a page without its own listing image reads the site's default sharing image (one query); the
    # related cards' rated findings in one more.
    assert few <= 18
