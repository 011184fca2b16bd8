"""The search word index (PostgreSQL): searches counted from it equal the counts SQL makes, with
spellings, synonyms, stop words and filters; relevance is title, then summary, then the rest,
newest first in each; a page published, changed or unpublished after the build is searched right
on the next request; and until the index is built, or for a phrase, the finder searches in SQL."""

import io

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

import pytest

from demo.seeding import seed_evidence
from healthequity.core.finder.counting import IndexedCounts, SQLCounts
from healthequity.core.finder.facet_index import LIVE_KEY, FacetIndex, build_index
from healthequity.core.finder.filters import EvidenceFilterSet
from healthequity.core.finder.synonyms import SearchSynonym
from healthequity.core.finder.word_index import (
    CannotEvaluate,
    WordBitmap,
    WordIndexChange,
    build_word_index,
    parse_tsquery,
    word_index_is_built,
)
from healthequity.core.models import EvidencePage
from tests import factories

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search word index reads PostgreSQL's lexemes"
)

SEARCHES = [
    "q=care",
    "q=care+services",
    "q=hypertension",
    "q=homeless",
    "q=organization+health",
    "q=the+care",
    "q=caring&group=inclusion-health-groups&type=what-works-brief",
    "q=care&effect=narrows&strength=strong&group=core20",
    "q=services&from=2019&to=2023&topic=mental-health",
    "q=zzyzx",
]


def counters(query):
    filterset = EvidenceFilterSet(QueryDict(query), queryset=EvidencePage.objects.live().public())
    return SQLCounts(filterset), IndexedCounts(filterset, FacetIndex.load(), (LIVE_KEY,)), filterset.facet_names


def clear_caches():
    for cache in caches.all():
        cache.clear()


def titles(response):
    return [item.title for item in response.context["listing"].object_list]


@pytest.fixture
def seeded(resource_index, blog_index, panel_index):
    seed_evidence(160, seed=7, findings_per_brief=3)  # builds both indexes
    return resource_index


@on_postgresql
def test_search_counts_from_the_word_index_equal_the_counts_sql_makes(seeded):
    assert word_index_is_built()
    for query in SEARCHES:
        sql, indexed, names = counters(query)
        assert indexed.words is not None, f"{query}: the word index should answer it"
        assert indexed.total() == sql.total(), query
        for name in names:
            assert indexed.facet(name) == sql.facet(name), f"{query}: {name}"
    assert counters("q=care")[1].total() > 50  # the comparison means something


@on_postgresql
def test_searches_with_punctuation_and_odd_words_count_the_same(seeded):
    hostile = [
        "coastal's care",
        "o'brien",
        "care\\services",
        "covid-19 care",
        "e.g. services",
        "c++ care",
        "https://example.org/care",
        "caf\u00e9 care",
        "\u6d77\u5cb8 care",
        "care & services | health",
        "!care",
        "'; DROP TABLE core_evidencepage; --",
        "care:* services:A",
        "x" * 300,
    ]
    for text in hostile:
        sql, indexed, _ = counters(QueryDict.fromkeys(["q"], text).urlencode())
        assert indexed.total() == sql.total(), text


@on_postgresql
def test_synonyms_editors_add_are_counted_the_same(seeded):
    SearchSynonym.objects.create(terms="homeless, rough sleeping")
    SearchSynonym.objects.create(terms="hypertension, high blood pressure")
    clear_caches()
    for query in ("q=homeless", "q=hypertension&group=core20"):
        sql, indexed, names = counters(query)
        # "rough sleeping" and "high blood pressure" are phrases: the index cannot hold word
        # positions, so such a search is answered in SQL, and counts the same.
        assert indexed.words is None, query
        assert indexed.total() == sql.total(), query
    SearchSynonym.objects.create(terms="unhoused, homeless")
    clear_caches()
    sql, indexed, _ = counters("q=unhoused")
    assert indexed.words is not None
    assert indexed.total() == sql.total() > 0


@on_postgresql
def test_relevance_is_title_then_summary_then_the_rest_each_newest_first(client, resource_index):
    def make(title, date, summary="A summary of the tests.", body="Plain words."):
        return factories.ResourcePageFactory(
            parent=resource_index,
            title=title,
            summary=summary,
            publication_date=date,
            body=[("paragraph", f"<p>{body}</p>")],
        )

    make("Body only", "2025-06-01", body="Quokka counting in the body.")
    make("Older quokka study", "2020-01-01")
    make("In the summary", "2024-01-01", summary="Quokkas are mentioned here.")
    make("Newer quokka study", "2024-06-01")
    make("Unrelated", "2025-01-01")
    build_index()
    build_word_index()
    clear_caches()
    response = client.get("/resources/", {"q": "quokka"})
    assert response.context["finder"].counter.relevance_tiers() is not None
    assert titles(response) == ["Newer quokka study", "Older quokka study", "In the summary", "Body only"]
    assert titles(client.get("/resources/", {"q": "quokka", "sort": "newest"}))[0] == "Body only"


@on_postgresql
@pytest.mark.parametrize("few_matches", [2000, 3], ids=["few matches: one query", "many: tier by tier"])
def test_pages_of_ranked_results_run_across_the_tiers(client, resource_index, monkeypatch, few_matches):
    monkeypatch.setattr("healthequity.core.finder.finder.FEW_MATCHES", few_matches)
    expected = []
    for tier, count in (("title", 5), ("summary", 6), ("body", 4)):
        made = []
        for number in range(count):
            date = f"202{number}-0{tier_number(tier)}-01"
            made.append(
                factories.ResourcePageFactory(
                    parent=resource_index,
                    title=f"Wombat {tier} {number}" if tier == "title" else f"Study {tier} {number}",
                    summary="About wombats." if tier == "summary" else "A summary of the tests.",
                    body=[("paragraph", "<p>Wombats in the body.</p>" if tier == "body" else "<p>Plain.</p>")],
                    publication_date=date,
                )
            )
        expected += [page.title for page in sorted(made, key=lambda page: page.publication_date, reverse=True)]
    build_index()
    build_word_index()
    clear_caches()
    first, second = (client.get("/resources/", {"q": "wombat", "page": number}) for number in (1, 2))
    assert first.context["finder"].total == 15
    assert titles(first) + titles(second) == expected


def tier_number(tier):
    return {"title": 1, "summary": 2, "body": 3}[tier]


@on_postgresql
def test_a_page_published_after_the_build_is_searched_right_on_the_next_request(client, resource_index):
    factories.ResourcePageFactory(parent=resource_index, title="Ocelot habitats")
    build_index()
    build_word_index()
    assert not WordIndexChange.objects.exists()

    page = factories.ResourcePageFactory(parent=resource_index, title="Quetzal plumage", live=False)
    page.save_revision().publish()
    assert WordIndexChange.objects.filter(page_id=page.pk).exists()  # noted when the search entry was rewritten
    clear_caches()
    assert titles(client.get("/resources/", {"q": "quetzal"})) == ["Quetzal plumage"]
    assert client.get("/resources/", {"q": "quetzal"}).context["finder"].counter.relevance_tiers() is not None

    page.title = "Pangolin scales"
    page.save_revision().publish()
    clear_caches()
    assert titles(client.get("/resources/", {"q": "quetzal"})) == []
    assert titles(client.get("/resources/", {"q": "pangolin"})) == ["Pangolin scales"]

    build_word_index()  # folds the notes in
    assert not WordIndexChange.objects.exists()
    clear_caches()
    assert titles(client.get("/resources/", {"q": "pangolin"})) == ["Pangolin scales"]

    page.refresh_from_db()
    page.unpublish()
    clear_caches()
    assert titles(client.get("/resources/", {"q": "pangolin"})) == []
    assert titles(client.get("/resources/", {"q": "ocelot"})) == ["Ocelot habitats"]


@on_postgresql
def test_until_the_index_is_built_the_finder_searches_in_sql_and_asks_for_a_build(client, resource_index):
    factories.ResourcePageFactory(parent=resource_index, title="Axolotl gills")
    build_index()
    WordBitmap.objects.all().delete()
    clear_caches()
    response = client.get("/resources/", {"q": "axolotl"})
    assert titles(response) == ["Axolotl gills"]
    assert response.context["finder"].counter.relevance_tiers() is None  # answered in SQL
    assert word_index_is_built()  # the build it asked for ran (tests run tasks at once)
    clear_caches()
    assert titles(client.get("/resources/", {"q": "axolotl"})) == ["Axolotl gills"]


@on_postgresql
def test_the_command_builds_the_index(resource_index):
    factories.ResourcePageFactory(parent=resource_index, title="Narwhal tusks")
    out = io.StringIO()
    call_command("build_word_index", stdout=out)
    assert "words of the evidence pages" in out.getvalue()
    assert WordBitmap.objects.filter(key="title:narwhal").exists()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite has no search word index")
def test_on_sqlite_there_is_no_word_index_and_search_is_answered_in_sql(client, resource_index):
    factories.ResourcePageFactory(parent=resource_index, title="Axolotl gills")
    assert build_word_index() is None
    response = client.get("/resources/", {"q": "axolotl"})
    assert titles(response) == ["Axolotl gills"]
    assert response.context["finder"].counter.relevance_tiers() is None


def test_postgresqls_query_text_is_read_with_its_precedence():
    assert parse_tsquery("'care'") == ("word", "care")
    assert parse_tsquery("'care' & 'servic' | 'health'") == (
        "or",
        [("and", [("word", "care"), ("word", "servic")]), ("word", "health")],
    )
    assert parse_tsquery("( 'a' | 'b' ) & !'c'") == (
        "and",
        [("or", [("word", "a"), ("word", "b")]), ("not", ("word", "c"))],
    )
    assert parse_tsquery("'o''brien'") == ("word", "o'brien")
    for unsupported in ("'high' <-> 'blood'", "'care':*", "'care':A", "", "'a' &", "( 'a'"):
        with pytest.raises(CannotEvaluate):
            parse_tsquery(unsupported)
