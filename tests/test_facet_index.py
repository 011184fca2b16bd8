"""The finder's facet index: counts read from it equal the counts SQL makes, for every kind of
query, on both databases; it follows every change the public can see on the next request; and
until it is built the finder counts in SQL and a background build is asked for."""

import io
import random

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict

from wagtail.models import PageViewRestriction

import pytest

from demo.seeding import seed_evidence
from healthequity.core.evidence.models import Approach
from healthequity.core.finder.counting import IndexedCounts, SQLCounts
from healthequity.core.finder.facet_index import (
    LIVE_KEY,
    FacetBitmap,
    FacetIndex,
    build_index,
    forget_read_index,
    parent_key,
)
from healthequity.core.finder.filters import EvidenceFilterSet
from healthequity.core.models import EvidencePage, InequalityGroup, Topic
from tests import factories
from tests.factories import finding

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "group=inclusion-health-groups",
    "group=core20&group=coastal-communities",
    "group=people-experiencing-homelessness",
    "topic=mental-health&topic=hypertension",
    "type=what-works-brief&type=blog",
    "group=inclusion-health-groups&topic=mental-health&type=analysis",
    "effect=narrows",
    "effect=narrows&strength=strong&strength=moderate",
    "approach=digital&approach=workforce&effect=widens&effect=mixed",
    "strength=limited&group=core20",
    "q=care",
    "q=care+services&group=inclusion-health-groups&type=what-works-brief",
    "q=care&effect=narrows&strength=strong&group=core20",
    "from=2019&to=2023",
    "from=2018&topic=diabetes&effect=narrows&approach=digital",
    "group=atlantis&topic=mental-health",
]


def sql_and_indexed(query, scope=None, scope_keys=(LIVE_KEY,)):
    scope = EvidencePage.objects.live().public() if scope is None else scope
    filterset = EvidenceFilterSet(QueryDict(query), queryset=scope)
    indexed = IndexedCounts(filterset, FacetIndex.load(), scope_keys)
    return SQLCounts(filterset), indexed, filterset.facet_names


@pytest.fixture
def seeded(resource_index, blog_index, panel_index):
    seed_evidence(160, seed=5, findings_per_brief=4)
    return resource_index, blog_index


def test_counts_from_the_index_equal_the_counts_sql_makes(seeded):
    checked = 0
    for query in QUERIES:
        sql, indexed, names = sql_and_indexed(query)
        assert indexed.total() == sql.total(), query
        for name in names:
            assert indexed.facet(name) == sql.facet(name), f"{query}: {name}"
            checked += 1
    assert checked == len(QUERIES) * len(names)
    assert sql_and_indexed("")[1].total() == EvidencePage.objects.live().count() > 100


def test_a_listings_counts_from_the_index_equal_sqls(seeded):
    _, blog_index = seeded
    scope = EvidencePage.objects.live().public().child_of(blog_index)
    for query in ["", "group=core20", "q=care&topic=mental-health", "from=2020"]:
        sql, indexed, names = sql_and_indexed(query, scope, (LIVE_KEY, parent_key(blog_index.path)))
        assert 0 < sql_and_indexed("", scope, (LIVE_KEY, parent_key(blog_index.path)))[1].total() < 160
        assert indexed.total() == sql.total(), query
        for name in names:
            assert indexed.facet(name) == sql.facet(name), f"{query}: {name}"


def test_random_combinations_count_the_same_both_ways(seeded):
    rng = random.Random(11)
    groups = list(InequalityGroup.objects.values_list("slug", flat=True))
    topics = list(Topic.objects.values_list("slug", flat=True))
    approaches = list(Approach.objects.values_list("slug", flat=True))
    choices = {
        "group": groups,
        "topic": topics,
        "type": ["analysis", "what-works-brief", "blog", "report"],
        "effect": ["narrows", "mixed", "widens", "no-clear-effect"],
        "strength": ["strong", "moderate", "limited", "very-limited"],
        "approach": approaches,
    }
    for _ in range(25):
        parts = [
            f"{name}={value}"
            for name, values in choices.items()
            if rng.random() < 0.4
            for value in rng.sample(values, rng.randint(1, 2))
        ]
        query = "&".join(parts)
        sql, indexed, names = sql_and_indexed(query)
        assert indexed.total() == sql.total(), query
        for name in names:
            assert indexed.facet(name) == sql.facet(name), f"{query}: {name}"


def counts(client, query=""):
    cache.clear()
    data = client.get(f"/api/resources/?{query}").json()
    return data["count"], {
        name: {o["value"]: o["count"] for o in options if o["count"]} for name, options in data["facets"].items()
    }


def test_publishing_unpublishing_moving_and_privacy_change_the_index_on_the_next_request(
    client, resource_index, home_page
):
    build_index()
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index, groups=[core20], findings=[finding("Texts", [core20], "narrows", "strong", digital)]
    )
    brief.save_revision().publish()
    total, facets = counts(client, "approach=digital")
    assert FacetIndex.load() is not None
    assert total == 1 and facets["group"]["core20"] == 1 and facets["effect"] == {"narrows": 1}

    brief.unpublish()
    assert counts(client, "approach=digital")[0] == 0

    brief.save_revision().publish()
    other = factories.ResourcePageFactory(parent=resource_index, groups=[core20])
    assert counts(client, "group=core20")[0] == 2
    private_section = factories.StandardPageFactory(parent=home_page, title="Private", slug="private")
    PageViewRestriction.objects.create(page=private_section, restriction_type=PageViewRestriction.LOGIN)
    other.move(private_section, pos="last-child")
    assert counts(client, "group=core20")[0] == 1

    brief.delete()
    assert counts(client)[0] == 0


def test_groups_set_in_code_on_a_live_page_count_at_once(client, resource_index):
    build_index()
    page = factories.ResourcePageFactory(parent=resource_index)
    assert "core20" not in counts(client)[1]["group"]
    page.groups.set([InequalityGroup.objects.get(slug="core20")])
    page.save()
    assert counts(client)[1]["group"]["core20"] == 1
    page.topics.set(Topic.objects.filter(slug="mental-health"))
    page.save()
    assert counts(client, "topic=mental-health")[0] == 1


def test_before_it_is_built_the_finder_counts_in_sql_and_asks_for_a_build(client, resource_index):
    factories.ResourcePageFactory.create_batch(3, parent=resource_index)
    FacetBitmap.objects.all().delete()
    assert FacetIndex.load() is None  # tests run tasks at once: the build ran
    assert FacetIndex.load() is not None
    FacetBitmap.objects.all().delete()
    cache.clear()
    assert counts(client)[0] == 3  # counted in SQL; the build it asked for has run
    assert bin(FacetIndex.load()[LIVE_KEY]).count("1") == 3


def test_the_command_rebuilds_the_index(resource_index):
    factories.ResourcePageFactory.create_batch(2, parent=resource_index)
    FacetBitmap.objects.update(bits=b"")
    output = io.StringIO()
    call_command("build_facet_index", stdout=output)
    assert "2 live pages" in output.getvalue()
    assert bin(FacetIndex.load()[LIVE_KEY]).count("1") == 2


def test_the_index_is_read_in_one_query_and_kept_until_it_changes(seeded, django_assert_num_queries):
    forget_read_index()
    with django_assert_num_queries(2):  # its stamp, then the bitmaps
        index = FacetIndex.load()
    assert bin(index[LIVE_KEY]).count("1") == 160
    with django_assert_num_queries(1):  # the stamp has not changed: the bitmaps this process read
        assert FacetIndex.load() is index
    page = EvidencePage.objects.live().first().specific
    page.unpublish()
    with django_assert_num_queries(2):  # its stamp, then only the rows the unpublishing changed
        changed = FacetIndex.load()
    assert bin(changed[LIVE_KEY]).count("1") == 159
    forget_read_index()
    assert FacetIndex.load().bitmaps == changed.bitmaps  # the same as reading it whole


def test_a_kept_index_follows_findings_and_forgets_a_rewrite_rolled_back(client, resource_index):
    build_index()
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    query = "effect=narrows&strength=strong&approach=digital"  # several finding filters: the combinations
    assert counts(client, query)[0] == 0
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index, groups=[core20], findings=[finding("Texts", [core20], "narrows", "strong", digital)]
    )
    brief.save_revision().publish()
    assert counts(client, query)[0] == 1

    with pytest.raises(RuntimeError), transaction.atomic():
        brief.unpublish()
        assert counts(client, query)[0] == 0  # read inside the rewrite that is then rolled back
        raise RuntimeError
    assert counts(client, query)[0] == 1
    forget_read_index()
    assert counts(client, query)[0] == 1


def test_a_large_section_made_private_rebuilds_the_index(client, blog_index, resource_index, monkeypatch):
    monkeypatch.setattr("healthequity.core.finder.facet_index.LARGEST_PARTIAL_REWRITE", 2)
    build_index()
    factories.BlogPageFactory.create_batch(3, parent=blog_index)
    factories.ResourcePageFactory(parent=resource_index)
    assert counts(client)[0] == 4
    PageViewRestriction.objects.create(page=blog_index, restriction_type=PageViewRestriction.LOGIN)
    assert counts(client)[0] == 1
    assert bin(FacetIndex.load()[LIVE_KEY]).count("1") == 1


@pytest.mark.parametrize("few", [2000, 0], ids=["by their ids", "reading the scope in order"])
@pytest.mark.parametrize("sort", ["", "oldest", "title"])
def test_a_page_of_known_matches_is_listed_in_the_order_sql_lists_it(client, seeded, sort, few, monkeypatch):
    """Matches known from the index are listed from their ids (a few) or by reading the scope in
    the listing's order (many), in the order the filters' own query gives, on every page."""
    monkeypatch.setattr("healthequity.core.finder.finder.FEW_MATCHES", few)
    monkeypatch.setattr("healthequity.core.finder.finder.SMALLEST_READ", 3)  # several reads a page
    queries = ["group=core20", "effect=narrows", "type=blog&from=2019", "group=inclusion-health-groups&type=blog"]
    for query in [*queries, "q=care&sort=newest", "topic=asthma"]:
        params = QueryDict(f"{query}&sort={sort}" if sort and "sort" not in query else query)
        scope = EvidencePage.objects.live().public()
        expected = list(EvidenceFilterSet(params, queryset=scope).qs.values_list("pk", flat=True))
        assert 0 < len(expected) < 2000, query
        for number in range(1, min(3, (len(expected) + 8) // 9) + 1):
            cache.clear()
            response = client.get("/resources/", {**params.dict(), "page": number})
            listed = [item.pk for item in response.context["listing"].object_list]
            assert listed == expected[(number - 1) * 9 : number * 9], (query, sort, number)
