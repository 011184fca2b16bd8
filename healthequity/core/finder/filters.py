"""The finder's filter sets: one base every listing reads its query parameters through.

`/resources/`, the blog and Citizens' Panel listings, the Atom feed and the JSON API read theirs
through `EvidenceFilterSet`, and the funders' hub through a filter set of its own built on
`FinderFilterSet`, so a filtered view means the same thing wherever it is shown. Parameters are
fixed by DESIGN.md: `q`, one repeatable slug parameter per facet, the dates where there are any,
`sort` and `page`.

One policy for bad input, everywhere: nothing a visitor types is fatal. An unknown slug, a
malformed date or an impossible page number becomes a message by the field (and in the error
summary), and the rest of the query still applies; the known values of a facet whose other values
were unknown are kept. Machine-readable answers (the feeds and the JSON) refuse the same query
with a 400 and the same messages, so a program never silently gets something it did not ask for.
"""

from collections import OrderedDict

from django import forms
from django.db import connections
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.utils.functional import cached_property

import django_filters

from healthequity.core.evidence.models import Finding
from healthequity.core.models import EvidencePage, ResourceType

from .expansion import build_search_query, expand_terms, load_synonym_groups, text_matches
from .facets import ChoiceFacet, GroupFacet, TopicFacet, finding_facets
from .fields import (
    CONTROL_CHARACTERS,
    MAX_QUERY_LENGTH,
    PublicationDateFilter,
    SearchFilter,
    SlugsField,
    parse_search_terms,
)
from .vocabulary import Vocabulary

__all__ = ["EvidenceFilterSet", "FacetFilter", "FinderFilterForm", "FinderFilterSet", "SortOrder"]


class SortOrder:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    TITLE = "title"

    choices = [
        (RELEVANCE, "Most relevant"),
        (NEWEST, "Newest first"),
        (OLDEST, "Oldest first"),
        (TITLE, "Title (A to Z)"),
    ]


class FacetFilter(django_filters.Filter):
    """A facet's parameter: slugs of its vocabulary, narrowing as its `FacetDefinition` says."""

    field_class = SlugsField

    def __init__(self, definition, **kwargs):
        self.definition = definition
        super().__init__(label=definition.legend, noun=definition.noun, **kwargs)

    def filter(self, qs, value):
        return self.definition.filter(qs, value, self.parent.vocabulary) if value else qs


class FinderFilterForm(forms.Form):
    """The parameters that shape the listing rather than narrow it, and the checks across fields."""

    sort_choices = SortOrder.choices

    sort = forms.ChoiceField(label="Sort by", required=False)
    page = forms.IntegerField(
        label="Page",
        min_value=1,
        required=False,
        error_messages={"invalid": "Page numbers are whole numbers. Showing the first page."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = self.sort_choices
        self.fields["page"].error_messages["min_value"] = "Page numbers start at 1. Showing the first page."

    @property
    def search_terms(self):
        return parse_search_terms(self.cleaned_data.get("q", ""))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("sort") == SortOrder.RELEVANCE and not self.search_terms:
            self.add_error("sort", "Sorting by relevance needs search words. Showing the newest first.")
        start, end = cleaned_data.get("from"), cleaned_data.get("to")
        if start and end and start > end:
            self.add_error("to", "The ‘to’ date must be the same as or after the ‘from’ date.")
        return cleaned_data


class FinderFilterSet(django_filters.FilterSet):
    """Search, facets and sorting over a queryset of pages: AND across facets, OR within one facet.

    Subclasses list their `facet_definitions`, their `sort_choices` and the `orderings` of each
    sort. `applied` holds the values actually used; `qs` is the filtered, searched and sorted
    queryset (plain SQL, so it can be counted, sliced, prefetched and used as a subquery).
    """

    q = SearchFilter(label="Search", method="filter_search")

    facet_definitions: tuple = ()
    sort_choices = SortOrder.choices
    orderings = {
        SortOrder.NEWEST: ("-first_published_at", "-pk"),
        SortOrder.OLDEST: ("first_published_at", "pk"),
        SortOrder.TITLE: (Lower("title"), "pk"),
    }
    # Parameters whose names are Python keywords are declared under longer names.
    PARAMETER_NAMES: dict[str, str] = {}

    class Meta:
        fields: list[str] = []
        form = FinderFilterForm

    @classmethod
    def get_filters(cls):
        """The search, then the facets, then the other declared filters: the order of the form and
        of its messages."""
        declared = OrderedDict(
            (cls.PARAMETER_NAMES.get(name, name), value) for name, value in super().get_filters().items()
        )
        filters = OrderedDict(q=declared.pop("q"))
        filters.update((definition.name, FacetFilter(definition)) for definition in cls.facet_definitions)
        filters.update(declared)
        return filters

    def __init__(self, data=None, queryset=None, *, request=None, vocabulary=None, default_sort=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.vocabulary = vocabulary or Vocabulary.load()
        # Without a `sort` parameter: relevance when searching, newest otherwise (a feed says newest).
        self.default_sort = default_sort
        for definition in self.facet_definitions:
            self.filters[definition.name].extra["choices"] = definition.choices(self.vocabulary)

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.sort_choices = self.sort_choices
        return form_class

    @property
    def facet_names(self):
        return tuple(definition.name for definition in self.facet_definitions)

    @property
    def date_names(self):
        return tuple(name for name in ("from", "to") if name in self.filters)

    # What the form accepted

    @cached_property
    def applied(self):
        """The values the results use: every valid parameter, plus the known slugs of a facet
        whose other slugs were unknown."""
        form = self.form
        form.is_valid()
        values = {"q": "", "sort": "", "page": None}
        values.update(dict.fromkeys(self.date_names))
        values.update({name: [] for name in self.facet_names})
        values.update(form.cleaned_data)
        for name in self.facet_names:
            if name in form.errors:
                values[name] = form.fields[name].known_values(form[name].data)
        values["terms"] = parse_search_terms(values["q"])
        values["explicit_sort"] = values["sort"]
        values["sort"] = values["sort"] or self.default_order_for(values["terms"])
        return values

    def default_order_for(self, terms):
        return self.default_sort or (SortOrder.RELEVANCE if terms else SortOrder.NEWEST)

    @property
    def default_order(self):
        return self.default_order_for(self.search_terms)

    @property
    def search_terms(self):
        return self.applied["terms"]

    @cached_property
    def search_units(self):
        """What the search looks for: each typed word or phrase with its spellings and synonyms."""
        return expand_terms(self.search_terms, load_synonym_groups()) if self.search_terms else []

    @property
    def sort(self):
        return self.applied["sort"]

    @property
    def page_number(self):
        return self.applied["page"] or 1

    @property
    def search_was_shortened(self):
        typed = self.form["q"].data
        return isinstance(typed, str) and len(" ".join(CONTROL_CHARACTERS.sub(" ", typed).split())) > MAX_QUERY_LENGTH

    @property
    def search_had_no_words(self):
        return bool(self.applied["q"]) and not self.search_terms

    # Filtering

    @cached_property
    def definitions(self):
        return {definition.name: definition for definition in self.facet_definitions}

    def filter_queryset(self, queryset, *, except_facet=None, with_findings=True):
        """Apply every filter but `except_facet`; search last, since it may decide the order.

        The finding facets (effect, strength, approach) narrow together: one finding has to meet
        them all (see `matching_findings`). `with_findings=False` leaves them out altogether."""
        rates_findings = False
        for name in (*self.facet_names, *self.date_names):
            if name == except_facet or not self.applied[name]:
                continue
            if name in self.definitions and self.definitions[name].joint:
                rates_findings = True
            else:
                queryset = self.filters[name].filter(queryset, self.applied[name])
        if rates_findings and with_findings:
            queryset = queryset.filter(pk__in=self.matching_findings(except_facet=except_facet).values("page_id"))
        if except_facet != "q" and self.applied["q"]:
            queryset = self.filters["q"].filter(queryset, self.applied["q"])
        return queryset

    def unindexed_matches(self, *, with_search=True):
        """The ids of the pages the search words and dates match, which the facet index does not
        hold (one query); None when neither applies. `with_search=False`: the search word index
        answered the search, so only the dates are asked."""
        queryset = self.queryset.all().prefetch_related(None).order_by()
        narrowed = False
        for name in self.date_names:
            if self.applied[name]:
                queryset = self.filters[name].filter(queryset, self.applied[name])
                narrowed = True
        if with_search and self.applied["q"] and self.search_terms:
            search = queryset.search(build_search_query(self.search_units), order_by_relevance=False)
            queryset = search.get_queryset().order_by()
            narrowed = True
        return queryset.values_list("pk", flat=True) if narrowed else None

    def matching_findings(self, *, except_facet=None):
        """The indexed findings that meet every applied finding filter (but `except_facet`) at once."""
        condition = Q()
        for name in self.facet_names:
            definition = self.definitions[name]
            if definition.joint and name != except_facet and self.applied[name]:
                condition &= definition.finding_filter(self.applied[name])
        return Finding.objects.filter(condition)

    def count_facet(self, name):
        """{slug: items} for one facet, over the items that match every other filter. A finding
        facet counts over the findings that meet the other finding filters, so its counts say what
        adding the option would find."""
        definition = self.definitions[name]
        if definition.joint:
            items = self.filter_queryset(self.queryset.all(), except_facet=name, with_findings=False)
            return definition.count(items, self.vocabulary, findings=self.matching_findings(except_facet=name))
        return definition.count(self.filter_queryset(self.queryset.all(), except_facet=name), self.vocabulary)

    @cached_property
    def qs(self):
        results = self.filter_queryset(self.queryset.all())
        if self.sort == SortOrder.RELEVANCE and self.search_terms:
            return results.order_by(*self.relevance_ordering(results))
        return results.order_by(*self.orderings[self.sort])

    def filter_search(self, queryset, name, value):
        """Wagtail search over the queryset, returned as a plain queryset.

        The database backend (SQLite FTS5, PostgreSQL full-text search) expresses a search as SQL
        on the queryset it is given, so `get_queryset()` keeps filters, prefetching and ordering
        composable, and the facet counts can use it as a subquery: the query count stays constant.
        """
        if not self.search_terms:
            return queryset  # the text had no words in it; the finder says so
        results = queryset.search(
            build_search_query(self.search_units), order_by_relevance=self.backend_ranks(queryset)
        )
        return results.get_queryset()

    @staticmethod
    def backend_ranks(queryset):
        """Whether to order by the search backend's own rank.

        Used only when the search word index cannot answer (see word_index), which ranks by the
        tiers alone, newest first. PostgreSQL ranks matches in the query that finds them. Wagtail's
        SQLite backend scores each result with a correlated full-text subquery (seconds at 10,000
        pages), so on SQLite relevance is the title and summary tiers, then newest first.
        """
        return connections[queryset.db].vendor == "postgresql"

    def relevance_ordering(self, results):
        """Title matches first, then summary matches, then the backend's own ranking (the order
        the search left the queryset in), then the newest.

        PostgreSQL weights the title above the summary above the body (search_fields boosts);
        SQLite's FTS5 ranking has one column for everything but the title, so the two tiers make
        "title above summary above body" hold on both.
        """
        tier = Case(
            When(text_matches(self.search_units, "title"), then=Value(2)),
            When(text_matches(self.search_units, "summary"), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return (tier.desc(), *results.query.order_by)


class EvidenceFilterSet(FinderFilterSet):
    """The evidence finder's query: search, group, topic, type, the ratings of findings (effect,
    strength, approach), publication dates, sort, page."""

    facet_definitions = (
        GroupFacet(),
        TopicFacet(),
        ChoiceFacet("type", "resource_type", ResourceType.choices, legend="Type"),
        *finding_facets(),
    )
    published_from = PublicationDateFilter(field_name="publication_date", lookup_expr="gte", label="From")
    published_to = PublicationDateFilter(field_name="publication_date", lookup_expr="lte", label="To", period_end=True)

    orderings = {
        SortOrder.NEWEST: ("-publication_date", "-pk"),
        SortOrder.OLDEST: ("publication_date", "pk"),
        SortOrder.TITLE: (Lower("title"), "pk"),
    }
    PARAMETER_NAMES = {"published_from": "from", "published_to": "to"}

    class Meta(FinderFilterSet.Meta):
        model = EvidencePage
