"""The evidence finder at /resources/: filters, counts, search, bad input, links and section listings."""

import datetime

from django.http import QueryDict

from wagtail.models import PageViewRestriction

import pytest

from healthequity.core.finder.filters import MAX_QUERY_LENGTH, EvidenceFilterSet, parse_search_terms
from healthequity.core.models import EvidencePage, InequalityGroup, Topic
from tests import factories


def titles(response):
    return [item.title for item in response.context["listing"].object_list]


def facet(response, name):
    return next(facet for facet in response.context["finder"].facets if facet.name == name)


def count_of(response, name, value):
    return next(option.count for option in facet(response, name).options if option.value == value)


@pytest.fixture
def groups(db):
    return {group.slug: group for group in InequalityGroup.objects.all()}


@pytest.fixture
def topics(db):
    return {topic.slug: topic for topic in Topic.objects.all()}


@pytest.fixture
def tagged(resource_index, groups, topics):
    """A small, hand-tagged collection whose every filter result is known."""

    def make(title, *, group=(), topic=(), date="2024-01-01", resource_type="analysis", **kwargs):
        return factories.ResourcePageFactory(
            parent=resource_index,
            title=title,
            groups=[groups[slug] for slug in group],
            topics=[topics[slug] for slug in topic],
            publication_date=date,
            resource_type=resource_type,
            **kwargs,
        )

    return {
        "coastal_hypertension": make(
            "Coastal blood pressure", group=["coastal-communities"], topic=["hypertension"], date="2024-03-01"
        ),
        "coastal_asthma": make("Coastal asthma", group=["coastal-communities"], topic=["asthma"], date="2023-06-15"),
        "homeless_hypertension": make(
            "Homeless blood pressure",
            group=["people-experiencing-homelessness"],
            topic=["hypertension"],
            date="2022-11-30",
            resource_type="report",
        ),
        "two_subgroups": make(
            "Sex work and migration",
            group=["sex-workers", "vulnerable-migrants"],
            topic=["maternity"],
            date="2021-02-01",
            resource_type="tool",
        ),
        "core20": make("Deprivation and diabetes", group=["core20"], topic=["diabetes"], date="2020-05-05"),
    }


@pytest.mark.django_db
class TestFilterSemantics:
    def test_a_group_shows_only_pages_tagged_with_it(self, client, tagged):
        response = client.get("/resources/?group=coastal-communities")
        assert response.status_code == 200
        assert titles(response) == ["Coastal blood pressure", "Coastal asthma"]

    def test_a_top_level_group_includes_its_subgroups(self, client, tagged):
        response = client.get("/resources/?group=inclusion-health-groups")
        assert titles(response) == ["Homeless blood pressure", "Sex work and migration"]

    def test_a_subgroup_does_not_include_its_parent_or_its_siblings(self, client, tagged, resource_index, groups):
        factories.ResourcePageFactory(
            parent=resource_index, title="Inclusion health in general", groups=[groups["inclusion-health-groups"]]
        )
        assert titles(client.get("/resources/?group=sex-workers")) == ["Sex work and migration"]

    def test_values_of_one_facet_are_alternatives(self, client, tagged):
        response = client.get("/resources/?group=coastal-communities&group=core20")
        assert set(titles(response)) == {"Coastal blood pressure", "Coastal asthma", "Deprivation and diabetes"}

    def test_different_facets_must_all_match(self, client, tagged):
        response = client.get("/resources/?group=coastal-communities&topic=hypertension")
        assert titles(response) == ["Coastal blood pressure"]
        response = client.get("/resources/?group=coastal-communities&group=inclusion-health-groups&topic=hypertension")
        assert titles(response) == ["Coastal blood pressure", "Homeless blood pressure"]

    def test_type_filter(self, client, tagged):
        assert titles(client.get("/resources/?type=report&type=tool")) == [
            "Homeless blood pressure",
            "Sex work and migration",
        ]

    def test_dates_are_inclusive_and_a_year_means_the_whole_year(self, client, tagged):
        assert titles(client.get("/resources/?from=2023-06-15&to=2024-03-01")) == [
            "Coastal blood pressure",
            "Coastal asthma",
        ]
        assert titles(client.get("/resources/?from=2023&to=2023")) == ["Coastal asthma"]
        assert titles(client.get("/resources/?from=2022-12&to=2023-06")) == ["Coastal asthma"]
        assert titles(client.get("/resources/?to=30/11/2022")) == [
            "Homeless blood pressure",
            "Sex work and migration",
            "Deprivation and diabetes",
        ]

    def test_sort_orders(self, client, tagged):
        assert titles(client.get("/resources/?sort=oldest"))[0] == "Deprivation and diabetes"
        assert titles(client.get("/resources/?sort=newest"))[0] == "Coastal blood pressure"
        assert titles(client.get("/resources/?sort=title")) == sorted(titles(client.get("/resources/")))

    def test_drafts_and_private_pages_stay_out_of_filtered_results(self, client, tagged):
        tagged["coastal_asthma"].unpublish()
        assert titles(client.get("/resources/?group=coastal-communities")) == ["Coastal blood pressure"]

    def test_filters_page_through_results_with_the_usual_wording(self, client, resource_index, groups):
        for _ in range(11):
            factories.ResourcePageFactory(parent=resource_index, groups=[groups["coastal-communities"]])
        factories.ResourcePageFactory(parent=resource_index, groups=[groups["core20"]])
        first = client.get("/resources/?group=coastal-communities").content.decode()
        assert "Displaying 1–9 of 11 results" in first
        assert "group=coastal-communities&amp;page=2" in first
        second = client.get("/resources/?group=coastal-communities&page=2").content.decode()
        assert "Displaying 10–11 of 11 results" in second


@pytest.mark.django_db
class TestCounts:
    def test_every_option_has_a_count_and_parents_count_their_subgroups(self, client, tagged):
        response = client.get("/resources/")
        assert count_of(response, "group", "coastal-communities") == 2
        assert count_of(response, "group", "inclusion-health-groups") == 2  # one page has two subgroups
        assert count_of(response, "group", "sex-workers") == 1
        assert count_of(response, "topic", "hypertension") == 2
        assert count_of(response, "type", "analysis") == 3

    def test_choosing_a_group_does_not_zero_the_other_groups(self, client, tagged):
        response = client.get("/resources/?group=coastal-communities")
        assert count_of(response, "group", "coastal-communities") == 2
        assert count_of(response, "group", "inclusion-health-groups") == 2
        assert count_of(response, "group", "core20") == 1
        # Other facets are counted within the chosen group.
        assert count_of(response, "topic", "hypertension") == 1
        assert count_of(response, "topic", "maternity") == 0

    def test_counts_apply_the_other_facets_search_and_dates(self, client, tagged):
        response = client.get("/resources/?topic=hypertension&from=2023")
        assert count_of(response, "group", "coastal-communities") == 1
        assert count_of(response, "group", "inclusion-health-groups") == 0
        assert count_of(response, "topic", "asthma") == 1  # topics are counted within the dates, not the topic
        response = client.get("/resources/?q=coastal")
        assert count_of(response, "group", "coastal-communities") == 2
        assert count_of(response, "group", "core20") == 0

    def test_options_with_no_results_are_shown_and_marked(self, client, tagged):
        html = client.get("/resources/?group=coastal-communities").content.decode()
        maternity = html[html.index('data-facet-option="topic-maternity"') - 60 :][:400]
        assert "facet-option--empty" in maternity
        assert "(0<span" in maternity
        assert 'id="topic-maternity"' in maternity
        assert "disabled" not in maternity  # still reachable by keyboard and screen reader

    def test_chosen_options_stay_checked(self, client, tagged):
        html = client.get("/resources/?group=coastal-communities&topic=hypertension").content.decode()
        assert 'value="coastal-communities" id="group-coastal-communities" checked' in html
        assert 'value="hypertension" id="topic-hypertension" checked' in html


@pytest.mark.django_db
class TestSearch:
    def test_finds_text_in_titles_summaries_bodies_findings_authors_groups_and_topics(
        self, client, resource_index, blog_index, panel_index, groups, topics
    ):
        factories.ResourcePageFactory(
            parent=resource_index,
            title="Plain resource",
            body=[("paragraph", "<p>The word zanzibarian lives in the body.</p>")],
        )
        factories.WhatWorksBriefPageFactory(
            parent=resource_index,
            title="What works: plain brief",
            findings=[
                (
                    "finding",
                    {
                        "intervention": "Quokkaline outreach",
                        "groups": [],
                        "effect": "narrows",
                        "strength": "moderate",
                        "detail": "<p>Detail.</p>",
                    },
                )
            ],
        )
        factories.BlogPageFactory(parent=blog_index, title="Plain blog", body=[("paragraph", "<p>Wombatish.</p>")])
        factories.PanelPostPageFactory(parent=panel_index, title="Plain story", body=[("paragraph", "<p>Ocelotry</p>")])
        # Groups, topics and authors are saved after the page row, the way the admin publishes them.
        by_author = factories.ResourcePageFactory(parent=resource_index, title="Authored resource")
        by_author.page_authors.add(factories.EvidencePageAuthor(author=factories.AuthorFactory(name="P Quillfeather")))
        by_author.save_revision().publish()
        tagged = factories.ResourcePageFactory(parent=resource_index, title="Tagged resource")
        tagged.groups.set([groups["sex-workers"]])
        tagged.save_revision().publish()
        topical = factories.ResourcePageFactory(parent=resource_index, title="Topical resource")
        topical.topics.set([topics["epilepsy"]])
        topical.save_revision().publish()

        expectations = {
            "zanzibarian": "Plain resource",
            "quokkaline": "What works: plain brief",
            "wombatish": "Plain blog",
            "ocelotry": "Plain story",
            "quillfeather": "Authored resource",
            "sex workers": "Tagged resource",
            "epilepsy": "Topical resource",
        }
        for query, title in expectations.items():
            assert titles(client.get("/resources/", {"q": query})) == [title], query

    def test_a_title_match_ranks_above_a_summary_match_above_a_body_match(self, client, resource_index):
        body = factories.ResourcePageFactory(
            parent=resource_index,
            title="Something else",
            summary="Nothing to see.",
            body=[("paragraph", "<p>Loneliness among older people, loneliness again.</p>")],
            publication_date="2025-01-03",
        )
        summary = factories.ResourcePageFactory(
            parent=resource_index,
            title="Another thing",
            summary="Loneliness in coastal towns.",
            publication_date="2025-01-02",
        )
        title = factories.ResourcePageFactory(
            parent=resource_index, title="Loneliness", summary="A short study.", publication_date="2025-01-01"
        )
        assert titles(client.get("/resources/?q=loneliness")) == [title.title, summary.title, body.title]
        # Asking for newest first still finds the same three, newest first.
        assert titles(client.get("/resources/?q=loneliness&sort=newest")) == [body.title, summary.title, title.title]

    def test_search_combines_with_filters(self, client, tagged):
        assert set(titles(client.get("/resources/?q=blood+pressure"))) == {
            "Coastal blood pressure",
            "Homeless blood pressure",
        }
        assert titles(client.get("/resources/?q=blood+pressure&group=inclusion-health-groups")) == [
            "Homeless blood pressure"
        ]
        assert titles(client.get("/resources/?q=blood+pressure&type=analysis&from=2024")) == ["Coastal blood pressure"]

    def test_every_word_must_match_and_quotes_make_a_phrase(self, client, tagged):
        assert titles(client.get("/resources/?q=coastal+pressure")) == ["Coastal blood pressure"]
        assert titles(client.get('/resources/?q="coastal+asthma"')) == ["Coastal asthma"]
        assert titles(client.get('/resources/?q="asthma+coastal"')) == []

    def test_punctuation_and_search_syntax_never_break_the_page(self, client, tagged):
        queries = [
            '"',
            'coastal "unbalanced',
            "coastal AND OR NOT",
            "(coastal",
            "coastal*",
            "-coastal",
            "title:coastal",
            "coastal's",
            "100% coastal",
            "'; DROP TABLE core_evidencepage; --",
            "coastal\x00asthma",
            "NEAR(coastal asthma)",
            "^coastal",
            "c\u00f4te \u6d77\u5cb8 \U0001f30a",
            "\\",
            "{title body}: coastal",
            "the and of",
        ]
        for query in queries:
            response = client.get("/resources/", {"q": query, "sort": "relevance"})
            assert response.status_code == 200, query
        # A minus sign is not an operator: it is dropped with the other punctuation.
        assert set(titles(client.get("/resources/", {"q": "-coastal"}))) == {"Coastal blood pressure", "Coastal asthma"}

    def test_a_very_long_search_is_cut_not_refused(self, client, tagged):
        response = client.get("/resources/", {"q": "coastal " + "x" * 5000})
        assert response.status_code == 200
        assert response.context["finder"].applied["q"] == ("coastal " + "x" * 5000)[:MAX_QUERY_LENGTH]
        assert "we used its first 1,000 characters" in response.content.decode()

    def test_search_without_words_shows_everything_and_says_so(self, client, tagged):
        response = client.get("/resources/", {"q": "!!! ???"})
        assert len(titles(response)) == len(tagged)
        assert "had no words or numbers in it" in response.content.decode()

    def test_relevance_is_offered_only_with_search_words(self, client, tagged):
        plain = client.get("/resources/?sort=relevance")
        assert plain.status_code == 200
        assert "Sorting by relevance needs search words" in plain.content.decode()
        assert titles(plain)[0] == "Coastal blood pressure"  # newest first instead
        assert 'value="relevance"' not in plain.content.decode()
        searching = client.get("/resources/?q=coastal").content.decode()
        assert '<option value="" selected>Most relevant</option>' in searching
        assert '<option value="newest">Newest first</option>' in searching
        chosen = client.get("/resources/?q=coastal&sort=newest").content.decode()
        assert '<option value="newest" selected>Newest first</option>' in chosen
        # An empty sort (the form's default option) means the default order.
        assert titles(client.get("/resources/?q=blood+pressure&sort=")) == titles(
            client.get("/resources/?q=blood+pressure&sort=relevance")
        )

    def test_search_terms_parsing(self):
        assert parse_search_terms('Coastal "blood  pressure" (NOT) c\u00f4te') == [
            "coastal",
            "blood pressure",
            "not",
            "c\u00f4te",
        ]
        assert parse_search_terms("a a A") == ["a"]


@pytest.mark.django_db
class TestBadInput:
    def test_unknown_slugs_are_reported_and_the_known_ones_still_apply(self, client, tagged):
        response = client.get("/resources/?group=coastal-communities&group=atlantis&topic=unicorns")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Inequality group: we have nothing called ‘atlantis’" in html
        assert "Topic: we have nothing called ‘unicorns’" in html
        assert 'href="#facet-group"' in html  # the error summary links to the field
        assert titles(response) == ["Coastal blood pressure", "Coastal asthma"]
        assert response.context["finder"].applied["group"] == ["coastal-communities"]

    def test_malformed_and_impossible_dates_are_reported_and_kept_as_typed(self, client, tagged):
        response = client.get("/resources/?from=last+tuesday&to=2023-02-30")
        assert response.status_code == 200
        html = response.content.decode()
        assert "From must be a date like 2023-03-27" in html
        assert "To must be a real date: 2023-02-30 does not exist" in html
        assert 'value="last tuesday"' in html
        assert 'value="2023-02-30"' in html
        assert len(titles(response)) == len(tagged)  # the dates are left out, nothing else

    def test_date_boxes_take_a_year_or_a_british_date_as_the_hint_says(self, client, tagged):
        response = client.get("/resources/?from=2023&to=30/11/2023")
        html = response.content.decode()
        assert "For example 27/03/2023, or just a year such as 2023." in html
        # Text boxes the server reads, never the browser's date picker (which cannot hold "2023").
        assert 'type="date"' not in html
        assert '<input type="text" id="finder-from" name="from" value="2023"' in html
        assert '<input type="text" id="finder-to" name="to" value="30/11/2023"' in html
        assert titles(response) == ["Coastal asthma"]

    def test_phone_toggle_says_what_is_applied_and_the_panel_says_how_many_results(self, client, tagged):
        html = client.get("/resources/?group=coastal-communities&topic=asthma").content.decode()
        assert 'aria-expanded="false" aria-controls="filters-body"' in html
        assert 'id="filters-applied" data-finder-region>(2 applied)</span>' in html
        assert ">Show 1 result</a>" in html

    def test_a_range_that_ends_before_it_starts_is_reported(self, client, tagged):
        response = client.get("/resources/?from=2024-01-01&to=2023-01-01")
        assert "The ‘to’ date must be the same as or after the ‘from’ date." in response.content.decode()
        assert titles(response) == ["Coastal blood pressure"]

    def test_unknown_types_and_sorts_are_reported(self, client, tagged):
        html = client.get("/resources/?type=novel&sort=sideways").content.decode()
        assert "Type: we have nothing called ‘novel’" in html
        assert "Select a valid choice. sideways is not one of the available choices." in html

    def test_nonsense_page_numbers_show_the_first_page_and_say_so(self, client, tagged):
        for page in ("abc", "0", "-3", "1.5e3", "9" * 5000):
            response = client.get("/resources/", {"page": page})
            assert response.status_code in (200, 404), page
        response = client.get("/resources/?page=abc")
        assert response.status_code == 200
        assert "Page numbers are whole numbers" in response.content.decode()
        assert client.get("/resources/?page=0").status_code == 200

    def test_a_page_past_the_end_is_not_found(self, client, tagged):
        assert client.get("/resources/?page=2").status_code == 404
        assert client.get("/resources/?page=" + "9" * 30).status_code == 404
        # An empty result has a first page, whatever the number asked for.
        assert client.get("/resources/?group=young-carers&page=3").status_code == 200

    def test_repeated_and_huge_parameters_never_break_it(self, client, tagged):
        query = "&".join(["group=coastal-communities"] * 500 + [f"topic=t{n}" for n in range(300)] + ["q=a"] * 50)
        response = client.get(f"/resources/?{query}")
        assert response.status_code == 200
        assert "and 297 more" in response.content.decode()
        response = client.get("/resources/", {"group": "x" * 100_000, "from": "9" * 10_000})
        assert response.status_code == 200
        assert "x" * 100 not in response.content.decode()  # messages quote a shortened value

    # (query, what the page says; the feed and the JSON refuse the same query with the same words)
    BAD_QUERIES = [
        ("group=atlantis", "Inequality group: we have nothing called ‘atlantis’"),
        ("topic=%00asthma", "Topic: we have nothing called ‘\ufffdasthma’"),
        ("group=core20%00&type=novel", "Type: we have nothing called ‘novel’"),
        ("from=last+tuesday", "From must be a date like 2023-03-27"),
        ("from=%00", "From must be a date like 2023-03-27"),
        ("to=2023-02-30", "To must be a real date: 2023-02-30 does not exist"),
        ("from=2024&to=2023", "The ‘to’ date must be the same as or after the ‘from’ date."),
        ("sort=sideways", "sideways is not one of the available choices"),
        ("sort=%00", "is not one of the available choices"),
        ("sort=relevance", "Sorting by relevance needs search words"),
        (
            "group=" + "x" * 100_000,
            "Inequality group: we have nothing called ‘xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…’",
        ),
        ("&".join(f"topic=t{n}" for n in range(300)), "Topic: we have nothing called ‘t0’, ‘t1’, ‘t2’ and 297 more"),
    ]
    # A page number that is not one: the page, the feed and the JSON all start at the first page
    # and the page and the JSON say so in the same words.
    PAGE_QUERIES = [
        ("page=abc", "Page numbers are whole numbers. Showing the first page."),
        ("page=%00", "Page numbers are whole numbers. Showing the first page."),
        ("page=" + "9" * 5000, "Page numbers are whole numbers. Showing the first page."),
        ("page=-3", "Page numbers start at 1. Showing the first page."),
    ]
    # Queries that are odd but usable: every address answers them normally.
    ODD_QUERIES = [
        "q=coastal%00asthma",
        "q=%ff%fe",
        "q=" + "x" * 5000,
        "%00=%00&foo=bar",
        "q=a&q=b&sort=title&sort=oldest&page=1&page=1&from=2020&from=2021",
        "&".join(["group=coastal-communities"] * 2000 + ["q=coastal"] * 50),
    ]
    ADDRESSES = ["/resources/", "/resources/feed/", "/api/resources/", "/blog/"]

    def test_bad_parameters_are_never_a_server_error_on_the_page_feed_or_json(self, client, tagged, blog_index):
        client.raise_request_exception = False
        for query, message in self.BAD_QUERIES:
            page = client.get(f"/resources/?{query}")
            assert page.status_code == 200, query
            assert message in page.content.decode(), query
            assert page.context["listing"].paginator.count, query  # the rest of the query still shows results
            feed = client.get(f"/resources/feed/?{query}")
            assert (feed.status_code, feed["Content-Type"]) == (400, "text/plain; charset=utf-8"), query
            assert message in feed.content.decode(), query
            data = client.get(f"/api/resources/?{query}")
            assert data.status_code == 400, query
            assert message in " ".join(e["message"] for errors in data.json()["errors"].values() for e in errors)
            assert client.get(f"/blog/?{query}").status_code == 200, query
        for query in self.ODD_QUERIES:
            for address in self.ADDRESSES:
                assert client.get(f"{address}?{query}").status_code == 200, (address, query)

    def test_a_page_number_that_is_not_one_means_the_first_page_on_the_page_feed_and_json(self, client, tagged):
        for query, message in self.PAGE_QUERIES:
            page = client.get(f"/resources/?{query}")
            assert page.status_code == 200, query
            assert message in page.content.decode(), query
            assert page.context["listing"].number == 1, query
            assert client.get(f"/resources/feed/?{query}").status_code == 200, query
            data = client.get(f"/api/resources/?{query}")
            assert data.status_code == 200, query
            assert (data.json()["page"], data.json()["notes"]) == (1, [message]), query
        data = client.get("/api/resources/?page=abc&group=atlantis")
        assert data.status_code == 400  # a real filter problem is still refused
        assert set(data.json()["errors"]) == {"group"}

    def test_more_parameters_than_django_reads_is_a_400_page_not_a_500(self, client, tagged, settings):
        client.raise_request_exception = False
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
        query = "&".join(["group=core20"] * 101)
        for address in ["/resources/", "/resources/feed/", "/api/resources/", "/resources/groups/core20/"]:
            response = client.get(f"{address}?{query}")
            assert response.status_code == 400, address
            assert "Sorry, we could not read that request" in response.content.decode(), address

    def test_the_filter_set_works_without_a_request(self, tagged):
        filterset = EvidenceFilterSet(QueryDict("group=core20&from=2020-05"), queryset=EvidencePage.objects.live())
        assert [page.title for page in filterset.qs] == ["Deprivation and diabetes"]
        assert filterset.applied["from"] == datetime.date(2020, 5, 1)


@pytest.mark.django_db
class TestLinksThatKeepTheQuery:
    def test_each_active_filter_is_a_tag_that_removes_only_itself(self, client, tagged):
        response = client.get("/resources/?q=blood&group=coastal-communities&topic=hypertension&from=2024")
        tags = {tag.label: tag.remove_url for tag in response.context["finder"].active_filters}
        assert tags == {
            "Search: ‘blood’": "/resources/?group=coastal-communities&topic=hypertension&from=2024-01-01",
            "Group: Coastal communities": "/resources/?q=blood&topic=hypertension&from=2024-01-01",
            "Topic: Hypertension": "/resources/?q=blood&group=coastal-communities&from=2024-01-01",
            "Published from 1 January 2024": "/resources/?q=blood&group=coastal-communities&topic=hypertension",
        }
        html = response.content.decode()
        assert "Remove filter: </span>Group: Coastal communities" in html
        assert 'href="/resources/" data-finder-link>Clear all filters</a>' in html

    def test_the_feed_link_follows_the_filters(self, client, tagged):
        html = client.get("/resources/?group=coastal-communities&topic=hypertension").content.decode()
        assert (
            '<link rel="alternate" type="application/atom+xml" '
            'title="Resources: Coastal communities, Hypertension – Health Equity Evidence Centre" '
            'href="/resources/feed/?group=coastal-communities&amp;topic=hypertension"'
        ) in html

    def test_filtered_views_are_not_indexed_but_the_finder_is(self, client, tagged):
        assert 'name="robots"' not in client.get("/resources/").content.decode()
        assert 'content="noindex, follow"' in client.get("/resources/?topic=asthma").content.decode()

    def test_one_group_shows_its_description_and_links_to_its_page(self, client, tagged, groups):
        html = client.get("/resources/?group=coastal-communities").content.decode()
        assert groups["coastal-communities"].description in html
        assert 'href="/resources/groups/coastal-communities/"' in html
        assert client.get("/resources/groups/coastal-communities/").status_code == 200

    def test_one_topic_links_to_its_page(self, client, tagged):
        html = client.get("/resources/?topic=hypertension").content.decode()
        assert 'href="/resources/topics/hypertension/"' in html

    def test_every_tag_on_a_card_leads_to_the_finder_and_on_to_its_landing_page(self, client, tagged):
        html = client.get(tagged["two_subgroups"].url).content.decode()
        assert 'href="/resources/?group=sex-workers"' in html
        finder = client.get("/resources/?group=sex-workers").content.decode()
        assert 'href="/resources/groups/sex-workers/"' in finder


@pytest.mark.django_db
class TestWithoutAndWithJavaScript:
    def test_the_finder_is_a_plain_get_form_with_a_submit_button(self, client, tagged):
        html = client.get("/resources/").content.decode()
        assert 'id="finder-form" method="get" action="/resources/"' in html
        assert '<button type="submit">Apply filters</button>' in html
        for name in ('name="q"', 'name="group"', 'name="topic"', 'name="type"', 'name="from"', 'name="to"'):
            assert name in html
        assert 'name="sort" form="finder-form"' in html

    def test_the_script_is_deferred_and_the_count_is_a_live_region(self, client, tagged):
        html = client.get("/resources/").content.decode()
        assert 'src="/static/js/finder.js" defer' in html
        assert 'aria-live="polite"' in html
        assert 'id="results-heading"' in html

    def test_every_region_the_script_swaps_exists(self, client, tagged):
        html = client.get("/resources/?group=coastal-communities").content.decode()
        for region in ('id="finder-notices"', 'id="finder-context"', 'id="results-body"', "data-finder-feed"):
            assert region in html


@pytest.mark.django_db
class TestSectionListings:
    def test_the_blog_takes_the_same_filters_over_its_own_posts(self, client, resource_index, blog_index, groups):
        factories.BlogPageFactory(parent=blog_index, title="Coastal blog", groups=[groups["coastal-communities"]])
        factories.BlogPageFactory(parent=blog_index, title="Other blog", groups=[groups["core20"]])
        factories.ResourcePageFactory(
            parent=resource_index, title="Coastal resource", groups=[groups["coastal-communities"]]
        )
        response = client.get("/blog/?group=coastal-communities")
        assert titles(response) == ["Coastal blog"]
        assert count_of(response, "group", "core20") == 1
        assert [facet.name for facet in response.context["finder"].facets] == ["group", "topic"]
        html = response.content.decode()
        assert 'action="/blog/"' in html
        assert 'href="/resources/feed/?group=coastal-communities&amp;type=blog"' in html

    def test_the_panel_takes_the_same_filters(self, client, panel_index, topics):
        factories.PanelPostPageFactory(parent=panel_index, title="Asthma story", topics=[topics["asthma"]])
        factories.PanelPostPageFactory(parent=panel_index, title="Other story")
        assert titles(client.get("/citizens-panel/?topic=asthma")) == ["Asthma story"]
        assert client.get("/citizens-panel/?topic=nope&page=abc").status_code == 200


@pytest.mark.django_db
class TestGroupAndTopicPages:
    def test_a_group_page_shows_its_description_subgroups_latest_evidence_and_feed(self, client, tagged, groups):
        response = client.get("/resources/groups/inclusion-health-groups/")
        assert response.status_code == 200
        html = response.content.decode()
        assert groups["inclusion-health-groups"].description in html
        assert 'href="/resources/groups/sex-workers/">Sex workers</a> <span class="term-list__count">1 item' in html
        assert [item.title for item in response.context["latest"]] == [
            "Homeless blood pressure",
            "Sex work and migration",
        ]
        assert 'href="/resources/?group=inclusion-health-groups"' in html
        assert 'href="/resources/feed/?group=inclusion-health-groups"' in html
        assert 'href="/resources/?group=inclusion-health-groups&amp;topic=hypertension"' in html

    def test_a_subgroup_page_links_to_its_parent(self, client, tagged):
        html = client.get("/resources/groups/sex-workers/").content.decode()
        assert 'Part of <a href="/resources/groups/inclusion-health-groups/">Inclusion health groups</a>' in html

    def test_a_topic_page_shows_its_latest_evidence_and_the_groups_it_covers(self, client, tagged):
        response = client.get("/resources/topics/hypertension/")
        assert response.status_code == 200
        assert response.context["total"] == 2
        html = response.content.decode()
        assert 'href="/resources/?topic=hypertension&amp;group=coastal-communities"' in html
        assert 'href="/resources/feed/?topic=hypertension"' in html

    def test_the_directories_list_every_group_and_topic(self, client, tagged, groups, topics):
        groups_html = client.get("/resources/groups/").content.decode()
        for slug in groups:
            assert f'href="/resources/groups/{slug}/"' in groups_html
        topics_html = client.get("/resources/topics/").content.decode()
        for slug in topics:
            assert f'href="/resources/topics/{slug}/"' in topics_html

    def test_unknown_groups_and_topics_are_not_found(self, client, tagged):
        assert client.get("/resources/groups/atlantis/").status_code == 404
        assert client.get("/resources/topics/unicorns/").status_code == 404

    def test_the_sitemap_lists_the_group_and_topic_pages(self, client, tagged):
        xml = client.get("/sitemap.xml").content.decode()
        assert "/resources/groups/coastal-communities/" in xml
        assert "/resources/topics/hypertension/" in xml


@pytest.mark.django_db
class TestCachedCountsStayHonest:
    """Counts come from the cache until the content changes; every change shows at once."""

    url = "/resources/?topic=hypertension"

    def coastal_count(self, client):
        return count_of(client.get(self.url), "group", "coastal-communities")

    def test_publishing_unpublishing_and_deleting_show_at_once(self, client, tagged, resource_index, groups, topics):
        assert self.coastal_count(client) == 1
        page = factories.ResourcePageFactory(parent=resource_index, title="New coastal study")
        page.unpublish()
        assert self.coastal_count(client) == 1
        page.groups.set([groups["coastal-communities"]])
        page.topics.set([topics["hypertension"]])
        page.save_revision().publish()
        assert self.coastal_count(client) == 2
        assert "New coastal study" in titles(client.get(self.url))
        page.refresh_from_db()
        page.unpublish()
        assert self.coastal_count(client) == 1
        page.save_revision().publish()
        assert self.coastal_count(client) == 2
        page.refresh_from_db()
        page.delete()
        assert self.coastal_count(client) == 1

    def test_a_private_page_leaves_the_counts_at_once(self, client, tagged):
        assert self.coastal_count(client) == 1
        restriction = PageViewRestriction.objects.create(
            page=tagged["coastal_hypertension"], restriction_type=PageViewRestriction.LOGIN
        )
        assert self.coastal_count(client) == 0
        restriction.delete()
        assert self.coastal_count(client) == 1

    def test_editing_the_taxonomy_shows_at_once(self, client, tagged, groups):
        assert count_of(client.get("/resources/"), "group", "core20") == 1
        coastal = groups["coastal-communities"]
        coastal.parent = groups["core20"]
        coastal.save()  # now a subgroup of Core20, so Core20 counts its pages too
        response = client.get("/resources/")
        assert count_of(response, "group", "core20") == 3
        topic = Topic.objects.get(slug="asthma")
        topic.name = "Asthma and wheeze"
        topic.save()
        assert "Asthma and wheeze" in client.get("/resources/").content.decode()
