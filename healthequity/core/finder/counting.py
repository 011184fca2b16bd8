"""How a finder counts its results and each facet's options: in SQL, or from the facet index.

Both answer the same two questions the same way (`total()`, and `facet(name)`: {slug: results}
over the items that match every filter but that facet's own); `Finder.counts` keeps their answers
in the cache until the content changes, so either runs only for the first request of a query.
"""

from django.utils.functional import cached_property

from .expansion import build_search_query
from .facet_index import FacetIndex, bitmap_from_ids, finding_key
from .word_index import SearchWords

__all__ = ["IndexedCounts", "SQLCounts", "counts_for"]


class SQLCounts:
    """One aggregate query per facet over the filtered pages: grows with the content."""

    def __init__(self, filterset):
        self.filterset = filterset

    def total(self):
        filterset = self.filterset
        return filterset.filter_queryset(filterset.queryset.all()).count()

    def facet(self, name):
        return self.filterset.count_facet(name)

    def matching(self):
        return None  # not known without the query that lists them

    def relevance_tiers(self):
        return None  # the ranked query orders them


class IndexedCounts:
    """Counts from the facet index: bitmaps ANDed and counted in memory.

    The index holds what every facet filters by. Search words come from the search word index
    where it can answer (PostgreSQL, no phrase); otherwise they, and dates, which neither index
    holds, become one query for the ids of the pages they match, ANDed in like a facet.
    """

    def __init__(self, filterset, index, scope_keys):
        self.filterset, self.index, self.scope_keys = filterset, index, scope_keys
        definitions, applied, vocabulary = filterset.definitions, filterset.applied, filterset.vocabulary
        self.base = index.scope(scope_keys)
        self.words = None
        if applied["q"] and filterset.search_terms:
            search = build_search_query(filterset.search_units)
            self.words = SearchWords.for_search(filterset.queryset, search, universe=self.base)
        matches = filterset.unindexed_matches(with_search=self.words is None)
        if matches is not None:
            self.base &= bitmap_from_ids(matches)
        if self.words is not None:
            self.base &= self.words.pages
        self.narrowing = {
            name: definitions[name].index_filter(applied[name], index, vocabulary)
            for name in filterset.facet_names
            if applied[name] and not definitions[name].joint
        }
        self.ratings_chosen = {
            definitions[name].field_name: (name, set(definitions[name].stored_values(applied[name])))
            for name in filterset.facet_names
            if applied[name] and definitions[name].joint
        }

    def items(self, *, except_facet=None):
        """The pages matching every filter but `except_facet` and the finding filters."""
        bits = self.base
        for name, narrowing in self.narrowing.items():
            if name != except_facet:
                bits &= narrowing
        return bits

    def ratings(self, *, except_facet=None):
        """[(rating, pages)] of the findings meeting every finding filter but `except_facet`'s."""
        wanted = [(field, values) for field, (name, values) in self.ratings_chosen.items() if name != except_facet]
        return self.index.combinations(wanted)

    @cached_property
    def pages_with_matching_findings(self):
        """The pages one of whose findings meets every finding filter (None: no finding filter)."""
        if not self.ratings_chosen:
            return None
        pages = 0
        if len(self.ratings_chosen) == 1:  # one rating: its own bitmaps say it
            [(field, (_, values))] = self.ratings_chosen.items()
            for value in values:
                pages |= self.index[finding_key(field, value)]
            return pages
        for _, bits in self.ratings():
            pages |= bits
        return pages

    def with_findings(self, bits):
        pages = self.pages_with_matching_findings
        return bits if pages is None else bits & pages

    def total(self):
        return self.with_findings(self.items()).bit_count()

    def matching(self):
        """(the matching pages as a bitmap, how many pages the scope holds)."""
        return self.with_findings(self.items()), self.scope_size

    def relevance_tiers(self):
        """The matching pages in relevance order's tiers (see word_index), or None when the search
        word index did not answer the search."""
        if self.words is None:
            return None
        return self.words.tiers(self.with_findings(self.items()))

    @cached_property
    def scope_size(self):
        return self.index.scope(self.scope_keys).bit_count()

    def facet(self, name):
        definition = self.filterset.definitions[name]
        if definition.joint:
            others_chosen = any(other != name for other, _ in self.ratings_chosen.values())
            if not others_chosen:  # each option's own bitmap, without reading the combinations
                return definition.index_count_alone(self.items(), self.index)
            return definition.index_count(self.items(), self.ratings(except_facet=name))
        items = self.with_findings(self.items(except_facet=name))
        return definition.index_count(items, self.index, self.filterset.vocabulary)


class LazyCounts:
    """Reads the index only when something is not in the cache; counts in SQL until it is built."""

    def __init__(self, filterset, scope_keys):
        self.filterset, self.scope_keys = filterset, scope_keys

    @cached_property
    def counter(self):
        index = FacetIndex.load()
        if index is None:
            return SQLCounts(self.filterset)
        return IndexedCounts(self.filterset, index, self.scope_keys)

    def total(self):
        return self.counter.total()

    def facet(self, name):
        return self.counter.facet(name)

    def matching(self):
        return self.counter.matching()

    def relevance_tiers(self):
        return self.counter.relevance_tiers()


def counts_for(filterset, index_scope=None):
    """The counter for a finder: from the index when its scope and every facet are indexed."""
    definitions = filterset.definitions
    if index_scope and all(definitions[name].indexed for name in filterset.facet_names):
        return LazyCounts(filterset, index_scope)
    return SQLCounts(filterset)
