"""Result cards are kept as HTML until the content changes: a repeated listing fetches no pages,
and every change a card shows (its page, a group, topic or author it names, its image) is on the
next request."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
import wagtail_factories

from healthequity.caching.generation import current_generation as content_version
from healthequity.core.models import InequalityGroup
from tests import factories


def cards(html):
    return re.findall(r'<article class="card">.*?</article>', html, flags=re.DOTALL)


def card_queries(queries):
    """Queries that fetch evidence pages or what only their cards show."""
    tables = ("core_evidencepage", "core_evidencepageauthor", "wagtailimages_")
    return [query["sql"] for query in queries.captured_queries if any(table in query["sql"] for table in tables)]


@pytest.fixture
def author():
    return factories.AuthorFactory(name="Dr Ada Example")


@pytest.fixture
def listed(resource_index, author):
    cache.clear()
    group = InequalityGroup.objects.get(slug="coastal-communities")  # seeded by a migration
    return [
        factories.ResourcePageFactory(parent=resource_index, title=f"Coastal evidence {number}", groups=[group])
        for number in range(3)
    ] + [factories.WhatWorksBriefPageFactory(parent=resource_index, title="Brief with an author", authors=[author])]


@pytest.mark.django_db
def test_a_repeated_listing_shows_the_same_cards_without_fetching_any_page(client, listed):
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get("/resources/").content.decode()
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get("/resources/").content.decode()

    assert len(cards(first)) == 4
    assert cards(second) == cards(first)
    assert "Dr Ada Example" in second and "Coastal communities" in second
    assert card_queries(first_queries)  # the first request fetched the pages for their cards
    assert card_queries(second_queries) == []  # the second had every card from the cache
    assert len(second_queries) < len(first_queries)


@pytest.mark.django_db
def test_cards_follow_their_page_and_what_it_names(client, listed, author):
    client.get("/resources/")

    brief = listed[-1]
    brief.title = "Brief renamed"
    brief.save_revision().publish()
    assert "Brief renamed" in client.get("/resources/").content.decode()

    author.name = "Professor Ada Example"
    author.save()
    assert "Professor Ada Example" in client.get("/resources/").content.decode()

    group = listed[0].groups.get()
    group.name = "Seaside towns"
    group.save()
    html = client.get("/resources/").content.decode()
    assert html.count(">Seaside towns</a>") == 3  # the tag on each of the three cards

    image = wagtail_factories.ImageFactory(title="Harbour", file__width=800, file__height=450)
    page = listed[0]
    page.listing_image = image
    page.save_revision().publish()
    with_image = client.get("/resources/").content.decode()
    assert with_image.count('class="card__image"') == 1
    image.delete()  # the page's listing image is set to null in SQL, without saving the page
    assert 'class="card__image"' not in client.get("/resources/").content.decode()


@pytest.mark.django_db
def test_an_unpublished_page_loses_its_card(client, listed):
    client.get("/resources/")
    listed[1].unpublish()
    html = client.get("/resources/").content.decode()
    assert "Coastal evidence 1" not in html
    assert len(cards(html)) == 3


@pytest.mark.django_db
def test_wagtail_filling_in_an_images_size_keeps_the_cards(client, listed):
    image = wagtail_factories.ImageFactory(title="Harbour", file__width=800, file__height=450)
    page = listed[0]
    page.listing_image = image
    page.save_revision().publish()
    client.get("/resources/")
    version = content_version()

    image.file_size = None
    image.get_file_size()  # saves the image with update_fields=["file_size"]
    assert content_version() == version
    with CaptureQueriesContext(connection) as queries:
        client.get("/resources/")
    assert card_queries(queries) == []

    image.title = "Harbour at dawn"
    image.save()
    assert content_version() != version
