"""Speed that can be tested: the finder, its feed and its JSON make the same number of SQL queries
at 20 items as at 500, whatever the filters; and the benchmark content they are measured on is
made of valid, searchable Wagtail pages."""

import json
import xml.etree.ElementTree as ET

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.search.index import insert_or_update_object
from wagtail.search.models import IndexEntry

import pytest

from blog.models import BlogPage
from demo import seeding
from demo.seeding import seed_evidence
from healthequity.core.finder.facet_index import forget_read_index
from healthequity.core.finder.filters import EvidenceFilterSet
from healthequity.core.models import EvidencePage
from panel.models import PanelPostPage
from resources.models import ResourceIndexPage, ResourcePage, WhatWorksBriefPage

# Every kind of combination: none, one facet, two facets, several values of a facet, search, search
# with facets and dates, everything at once, sorting, paging and a bad parameter among good ones.
EVERYTHING = (
    "q=care&group=inclusion-health-groups&group=core20&group=coastal-communities&topic=mental-health"
    "&topic=hypertension&topic=asthma&topic=diabetes&type=analysis&type=blog&type=what-works-brief&type=report"
    "&from=2015&to=2035"
)
URLS = [
    "/resources/",
    "/resources/?group=inclusion-health-groups",
    "/resources/?group=inclusion-health-groups&topic=mental-health",
    "/resources/?group=coastal-communities&group=core20&type=evidence-map&type=what-works-brief",
    "/resources/?q=care",
    "/resources/?q=care+services&group=inclusion-health-groups&from=2019&to=2030",
    "/resources/?q=funding&sort=newest&type=what-works-brief&type=analysis",
    f"/resources/?{EVERYTHING}&sort=oldest",
    "/resources/?sort=title&page=2",
    "/resources/?group=atlantis&topic=mental-health&from=yesterday",
    "/resources/feed/",
    "/resources/feed/?group=inclusion-health-groups&topic=mental-health",
    "/resources/feed/?q=care&type=analysis&from=2019",
    f"/resources/feed/?{EVERYTHING}&sort=title",
    "/api/resources/",
    "/api/resources/?q=care&group=inclusion-health-groups",
    "/api/resources/?topic=early-cancer-diagnosis&type=what-works-brief&type=tool&sort=oldest",
    f"/api/resources/?{EVERYTHING}",
    "/resources/?effect=narrows&strength=strong&strength=moderate",
    "/resources/?effect=narrows&effect=mixed&approach=digital&approach=workforce&approach=service-redesign"
    "&approach=community-led&approach=outreach-and-screening&q=care",
    "/resources/feed/?effect=widens&effect=mixed&strength=limited&strength=moderate&approach=community-led"
    "&approach=digital",
    "/api/resources/?strength=strong&approach=digital&type=what-works-brief",
    "/blog/?group=inclusion-health-groups&q=care",
    "/citizens-panel/?from=2015&to=2035&sort=title",
    "/resources/groups/inclusion-health-groups/",
    "/resources/topics/mental-health/",
]


def measure(client, url, *, cold=True):
    """The number of queries a request makes, and how many items it returned.

    Cold by default: with the cache cleared, every count is computed, so this is the SQL the
    finder needs, not what the cache spares it. Warm: the counts, the vocabulary and the page's
    ids come from the cache, as they do between two changes to the content."""
    if cold:
        cache.clear()
        forget_read_index()  # as after a publish: the facet index is read again
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    if url.startswith("/api/"):
        items = len(json.loads(response.content)["items"])
    elif "/feed/" in url:
        items = len(ET.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry"))  # noqa: S314
    else:
        items = len(response.context["listing" if "listing" in response.context else "latest"])
    return len(queries), items


def measure_all(client):
    """{url: (cold queries, warm queries, items)} for every address."""
    results = {}
    for url in URLS:
        cold, items = measure(client, url)
        warm, _ = measure(client, url, cold=False)
        results[url] = (cold, warm, items)
    return results


@pytest.mark.django_db
def test_query_counts_are_the_same_at_20_and_at_500_items(client, resource_index, blog_index, panel_index):
    seed_evidence(20, seed=1)
    for url in URLS:
        client.get(url)  # warm the per-process caches (site root paths, content types) first
    small = measure_all(client)

    seed_evidence(480, seed=2)
    large = measure_all(client)

    for url in URLS:
        (small_cold, small_warm, small_items), (large_cold, large_warm, large_items) = small[url], large[url]
        assert small_items and large_items, f"{url} should list something at both sizes"
        assert small_cold == large_cold, f"{url}: {small_cold} queries at 20 items, {large_cold} at 500"
        assert small_warm == large_warm, f"{url}: {small_warm} queries at 20 items, {large_warm} at 500 (cached)"
    # The comparison means something only if pages list more items at 500 than at 20 (a query per
    # item would show), on the page, the feed, the JSON and the section listings alike.
    for prefix in ("/resources/?", "/resources/feed/?", "/api/resources/?", "/blog/", "/citizens-panel/"):
        assert any(small[url][2] < large[url][2] for url in URLS if url.startswith(prefix)), prefix
    # And the numbers stay modest: the finder page, with six facets (group, topic, type and the
    # three ratings of findings) and the cards' findings, is under thirty; from the cache, the
    # total, the facets, the page's ids and the vocabularies are spared.
    cold, warm, _ = large["/resources/"]
    assert cold <= 29
    assert warm <= cold - 9


def search_index_rows():
    """Every search index row's indexed columns, keyed by content type and object id."""
    columns = [field.attname for field in IndexEntry._meta.concrete_fields if field.name not in {"id", "title_norm"}]
    return {(row["content_type_id"], row["object_id"]): row for row in IndexEntry.objects.values(*columns)}


@pytest.mark.django_db
class TestSeedBenchmarkContent:
    def test_adds_live_tagged_pages_of_every_type_to_a_valid_tree(
        self, client, admin_client, resource_index, blog_index, panel_index, capsys
    ):
        call_command("seed_benchmark_content", "--resources", "60", "--seed", "4")
        assert "Added 60 pages" in capsys.readouterr().out
        assert EvidencePage.objects.live().count() == 60
        assert Page.find_problems() == ([], [], [], [], [])
        for page_type in (ResourcePage, WhatWorksBriefPage, BlogPage, PanelPostPage):
            page = page_type.objects.live().first()
            assert page is not None, page_type
            assert page.groups.exists()
            response = client.get(page.url)
            assert response.status_code == 200
            assert page.title in response.content.decode()
            assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200

    def test_pages_are_indexed_for_search(self, resource_index):
        seed_evidence(30, seed=5)
        for page in EvidencePage.objects.live()[:5]:
            query = QueryDict(mutable=True)
            query["q"] = page.title
            found = EvidenceFilterSet(query, queryset=EvidencePage.objects.live()).qs
            assert page.pk in found.values_list("pk", flat=True), page.title

    @pytest.mark.parametrize("tags_sort_alike", [True, False], ids=["tags-in-memory", "tags-read-back"])
    def test_search_rows_are_those_publishing_writes(self, resource_index, monkeypatch, tags_sort_alike):
        """Seeding indexes in bulk by its own shortcuts; the rows must be the ones Wagtail writes when
        each page is published (its title norm aside, which depends on the pages indexed before),
        whether the pages' tags are given in memory or, where the database's collation would order
        them differently, read back."""
        monkeypatch.setattr(seeding, "sorts_as_the_database_does", lambda model: tags_sort_alike)
        seed_evidence(40, seed=7)
        seeded = search_index_rows()
        page_ids = {str(pk) for pk in EvidencePage.objects.values_list("pk", flat=True)}
        assert len(page_ids) == 40
        assert page_ids <= {object_id for _, object_id in seeded}
        for page in EvidencePage.objects.specific():
            insert_or_update_object(page)  # what Wagtail runs on publish
        assert search_index_rows() == seeded

    def test_adding_more_continues_the_tree(self, resource_index):
        seed_evidence(10, seed=6)
        seed_evidence(10, seed=6)
        assert EvidencePage.objects.live().count() == 20
        assert Page.find_problems() == ([], [], [], [], [])
        assert len(set(EvidencePage.objects.values_list("url_path", flat=True))) == 20

    def test_an_empty_site_gets_its_sections_first_and_every_type_of_page(self, client, db):
        call_command("seed_benchmark_content", "--resources", "40", "--seed", "3")
        index = ResourceIndexPage.objects.get()
        assert client.get(index.url).status_code == 200
        assert Page.find_problems() == ([], [], [], [], [])
        for page_type in (ResourcePage, WhatWorksBriefPage, BlogPage, PanelPostPage):
            assert page_type.objects.live().exists(), page_type
        assert client.get("/blog/").context["listing"].paginator.count == BlogPage.objects.count()
        assert client.get("/citizens-panel/").context["listing"].paginator.count == PanelPostPage.objects.count()

    def test_refuses_a_count_below_one(self, db):
        with pytest.raises(CommandError):
            call_command("seed_benchmark_content", "--resources", "0")
