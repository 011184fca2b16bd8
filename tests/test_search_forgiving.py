"""Search that forgives: stemming, British and American spellings and editors' synonyms, on both
databases (run the file with DATABASE_URL set for PostgreSQL)."""

from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Site

import pytest

from healthequity.core.finder.search_counts import UnansweredSearch, flush_search_counts
from healthequity.core.finder.spellings import spelling_variants
from healthequity.core.finder.synonyms import SearchSynonym
from healthequity.core.finder.words import SearchWord, rebuild_search_words
from tests import factories

PAGES = {
    "homelessness": ("Homelessness and hospital discharge", "Leaving hospital without a home to go to."),
    "inequalities": ("Inequalities in cancer screening", "Who is screened, and who is missed."),
    "diabetes": ("Diabetes care in deprived areas", "Checks and outcomes by deprivation."),
    "hypertension": ("Hypertension in coastal towns", "Blood pressure checks by the sea."),
    "paediatric": ("Organisation of paediatric services", "How neighbourhood teams treat anaemia in children."),
    "immunisation": ("Immunisation uptake among ethnic minority families", "Vaccines offered in mosques."),
    "general_practice": ("General practice workforce", "Doctors and nurses per patient."),
    "cardiovascular": ("Cardiovascular disease prevention", "Statins and checks."),
    "gardens": ("Community gardens", "Growing food together in towns."),
}


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The pages, created once for the module inside a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        resource_index = factories.ResourceIndexPageFactory(parent=factories.create_site_home())
        for title, summary in PAGES.values():
            factories.ResourcePageFactory(parent=resource_index, title=title, summary=summary)
        rebuild_search_words()
        yield
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


def found(client, query):
    response = client.get("/resources/", {"q": query})
    assert response.status_code == 200
    return {item.title for item in response.context["listing"].object_list}


def title(key):
    return PAGES[key][0]


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("homeless", "homelessness"),
        ("inequality", "inequalities"),
        ("diabetic", "diabetes"),
        ("hypertensive", "hypertension"),
        ("screened", "inequalities"),
    ],
)
def test_a_word_finds_the_other_forms_of_it(client, query, page):
    assert found(client, query) == {title(page)}


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("organization", "paediatric"),
        ("pediatric", "paediatric"),
        ("anemia", "paediatric"),
        ("neighborhood", "paediatric"),
        ("immunization", "immunisation"),
        ("immunizations", "immunisation"),
        ("pediatric organizations", "paediatric"),
        ('"pediatric services"', "paediatric"),
    ],
)
def test_american_spellings_find_british_ones(client, query, page):
    assert found(client, query) == {title(page)}


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("BME", "immunisation"),
        ("black and minority ethnic", "immunisation"),
        ("GP", "general_practice"),
        ("gp workforce", "general_practice"),
        ("CVD", "cardiovascular"),
        ("cvd prevention", "cardiovascular"),
    ],
)
def test_the_first_synonyms_find_what_they_stand_for(client, query, page):
    assert found(client, query) == {title(page)}


def test_every_word_typed_must_still_match(client):
    assert found(client, "gp cancer") == set()
    assert found(client, "organization diabetes") == set()


def test_a_synonym_an_editor_adds_applies_on_the_next_search_and_goes_when_deleted(admin_client, client):
    assert found(client, "allotments") == set()
    response = admin_client.post(
        "/admin/snippets/finder/searchsynonym/add/", {"terms": "allotment, community garden, growing space"}
    )
    assert response.status_code == 302
    assert found(client, "allotments") == {title("gardens")}
    edit_url = f"/admin/snippets/finder/searchsynonym/edit/{SearchSynonym.objects.get(terms__startswith='allot').pk}/"
    assert admin_client.post(edit_url, {"terms": "allotment, plot"}).status_code == 302
    assert found(client, "allotments") == set()
    admin_client.post(edit_url, {"terms": "allotment, gardens"})
    assert found(client, "allotment") == {title("gardens")}
    admin_client.post(edit_url.replace("/edit/", "/delete/"))
    assert found(client, "allotment") == set()


def test_a_synonym_needs_two_terms(admin_client):
    response = admin_client.post("/admin/snippets/finder/searchsynonym/add/", {"terms": "BME, bme,"})
    assert response.status_code == 200
    assert "Write at least two different words or phrases" in response.content.decode()
    assert not SearchSynonym.objects.filter(terms="BME, bme,").exists()


@pytest.mark.parametrize(
    ("word", "variants"),
    [
        ("organisation", ["organization"]),
        ("programmes", ["programs"]),
        ("haemoglobin", ["hemoglobin"]),
        ("analysed", ["analyzed"]),
        ("size", []),
        ("prize", []),
        ("for", []),
    ],
)
def test_spelling_variants(word, variants):
    assert spelling_variants(word) == variants


def test_the_finder_says_what_else_it_looked_for(client):
    page = client.get("/resources/", {"q": "pediatric GP"}).content.decode()
    assert "We also looked for ‘paediatric’, ‘general practice’, ‘general practitioner’" in page
    assert "We also looked for" not in client.get("/resources/", {"q": "screening"}).content.decode()


@pytest.mark.parametrize(
    ("typed", "meant", "page"),
    [
        ("diabetis", "diabetes", "diabetes"),
        ("hypertenion", "hypertension", "hypertension"),
        ("homelesness", "homelessness", "homelessness"),
        ("diabetis care", "diabetes care", "diabetes"),
        ('"paediatrik services"', '"paediatric services"', "paediatric"),
    ],
)
def test_a_typo_finds_nothing_and_suggests_what_the_content_says(client, typed, meant, page):
    response = client.get("/resources/", {"q": typed})
    assert response.context["finder"].total == 0  # the search is what was typed
    suggestion = response.context["finder"].suggestion
    assert (suggestion.text, suggestion.total) == (meant, 1)
    html = response.content.decode()
    assert f'Did you mean <a href="{suggestion.url}" data-finder-link>' in html
    assert found(client, suggestion.text) == {title(page)}


def test_no_suggestion_when_the_search_finds_enough_or_the_correction_finds_no_more(client):
    assert client.get("/resources/", {"q": "diabetes"}).context["finder"].suggestion is None
    assert client.get("/resources/", {"q": "zzyzzx"}).context["finder"].suggestion is None
    # The filters stay: no report mentions diabetes, so correcting the word would find nothing more.
    filtered = client.get("/resources/", {"q": "diabetis", "type": "report"})
    assert filtered.context["finder"].suggestion is None
    assert "Did you mean" not in filtered.content.decode()


def test_the_suggestion_keeps_the_filters_and_is_in_the_json(client):
    html = client.get("/resources/", {"q": "hypertenion", "type": "analysis"})
    assert html.context["finder"].suggestion.url == "/resources/?q=hypertension&type=analysis"
    data = client.get("/api/resources/", {"q": "hypertenion"}).json()
    assert data["count"] == 0
    assert data["suggestion"]["q"] == "hypertension"
    assert data["suggestion"]["count"] == 1
    assert data["suggestion"]["url"].endswith("/api/resources/?q=hypertension")
    assert client.get("/api/resources/", {"q": "hypertension"}).json()["suggestion"] is None


def test_publishing_a_page_adds_its_words_to_the_suggestions(client):
    resource_index = factories.ResourceIndexPageFactory._meta.model.objects.get()
    page = factories.ResourcePageFactory(parent=resource_index, title="Xylophone therapy", live=False)
    assert not SearchWord.objects.filter(word="xylophone").exists()
    page.save_revision().publish()
    assert SearchWord.objects.filter(word="xylophone").exists()
    assert client.get("/resources/", {"q": "xylophome"}).context["finder"].suggestion.text == "xylophone"


def test_searches_are_counted_in_the_cache_and_flushed_to_the_admin_reports(client, admin_client):
    flush_search_counts()  # what earlier tests searched, forgotten
    Query.objects.all().delete()
    UnansweredSearch.objects.all().delete()
    for query in ("Diabetes", "diabetes ", "zzyzx", "diabetes", "ZZYZX"):
        client.get("/resources/", {"q": query})
    client.get("/resources/", {"q": "diabetes", "page": "2"})  # a further page is not a new search
    assert not Query.objects.filter(query_string__in=["diabetes", "zzyzx"]).exists()  # no write per search

    call_command("flush_search_counts", stdout=StringIO())
    hits = dict(QueryDailyHits.objects.values_list("query__query_string", "hits"))
    assert hits["diabetes"] == 3
    assert hits["zzyzx"] == 2
    assert list(UnansweredSearch.objects.values_list("query_string", "hits")) == [("zzyzx", 2)]
    assert flush_search_counts() == 0  # flushed once only

    client.get("/resources/", {"q": "zzyzx"})
    flush_search_counts()
    assert UnansweredSearch.objects.get().hits == 3
    assert "diabetes" in admin_client.get(reverse("wagtailsearchpromotions:search_terms")).content.decode()
    report = admin_client.get(reverse("unanswered_searches:index"))
    assert report.status_code == 200
    assert "zzyzx" in report.content.decode()
