"""One finder request: validated filters, a page of results, facet counts and the links that keep
the filters (removable tags, paging, feed, JSON, group and topic pages).

`Finder` is the machinery every listing shares; `EvidenceFinder` serves `/resources/`, the blog
and Citizens' Panel listings (`FinderPageMixin`), the Atom feed and the JSON API, so all of them
answer the same query the same way. The funders' hub builds its listing on `Finder` too.
"""

from dataclasses import dataclass, replace

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connections
from django.db.models import F, Value
from django.http import Http404
from django.template.loader import get_template
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from healthequity.caching.content import cached, cached_many
from healthequity.core.models import listing_queryset
from healthequity.core.models.pages import RESOURCE_TYPE_PLURALS

from .cards import PagesById, cached_cards
from .counting import counts_for
from .facet_index import LIVE_KEY, ids_from_bitmap
from .filters import EvidenceFilterSet, SortOrder
from .location import group_page_url, topic_page_url
from .lookups import among
from .promotions import promoted_results
from .words import corrected_terms

__all__ = ["ActiveFilter", "EvidenceFinder", "Finder", "Problem", "Suggestion", "TermPanel"]

# Up to this many matches, a page of results is fetched by their ids (see page_of_known_matches).
FEW_MATCHES = 2000

# Past that, the scope is read in the listing's order, at least this many rows at a time.
SMALLEST_READ = 200


def ordering_for_matches(queryset, ordering, matches, wanted, scope_size):
    """`ordering` for the `wanted` first of a few `matches` fetched by id. When the matches are
    sparse, PostgreSQL still walks the date index, skipping rows until it has enough: 10,000 rows
    (5 ms) for 140 matches in 100,000 pages, against 1 ms to read them by id and sort them. Asking
    for NULLS LAST on a descending date (NULLS FIRST on an ascending one), which the index does not
    give and the NOT NULL dates make no difference to, makes it read them by id. Past the break-even
    (about 500 matches at 100,000 pages, measured) the walk is the faster."""
    if matches * matches * 4 >= wanted * scope_size or not isinstance(ordering[0], str):
        return ordering
    field = ordering[0].lstrip("-")
    if connections[queryset.db].vendor != "postgresql" or queryset.model._meta.get_field(field).null:
        return ordering
    first = F(field).desc(nulls_last=True) if ordering[0].startswith("-") else F(field).asc(nulls_first=True)
    return (first, *ordering[1:])


class CountedPaginator(Paginator):
    """A paginator told its count (from the cache) instead of counting again."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


@dataclass(frozen=True)
class ActiveFilter:
    """One applied filter, shown as a tag that removes it."""

    kind: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class Problem:
    """A parameter we could not use, for the error summary: the message and the control it is about."""

    target: str
    message: str


@dataclass(frozen=True)
class TermPanel:
    """The description of the one group or topic the results are filtered to, with its landing page."""

    kind: str
    term: object
    page_url: str


@dataclass(frozen=True)
class Suggestion:
    """ "Did you mean …?": the corrected search, the query with it, the listing's address and what it finds."""

    text: str
    params: tuple
    url: str
    total: int


class Finder:
    """The finder over `scope` (a queryset of live, public pages) for one query.

    `data` is the query (usually request.GET); `path` is the address of the HTML listing that
    links keep. `cache_scope` names the scope in cache keys: finders over the same scope share
    their counts. `facets` chooses which of the filter set's facets are shown and counted.
    """

    filterset_class = EvidenceFilterSet
    per_page = 9
    card_template = "includes/card.html"
    # How the listing calls what it lists, in the facets' counts: "(3 results)".
    result_nouns = ("result", "results")
    # The address of this listing's feed, when it has one.
    feed_path = ""
    # The feed's title before the filters in words: "Resources: Coastal communities".
    feed_heading = "Resources"
    # What the card template reads besides the item.
    card_context: dict = {}
    # A template saying what to do when there is nothing at all to list (no filters applied).
    empty_template = ""
    # A search finding fewer results than this offers a correction that finds more. Only a search
    # that found nothing: working out a suggestion costs queries, and a listing that finds
    # something keeps the same number of queries whatever its size.
    suggest_below = 1

    def __init__(
        self,
        data,
        scope,
        *,
        path,
        request=None,
        cache_scope="all",
        facets=None,
        per_page=None,
        default_sort=None,
        feed_path=None,
        index_scope=None,
    ):
        self.request = request
        # The facet index keys whose pages are this finder's scope (see counting), or None.
        self.index_scope = index_scope
        self.cache_scope = cache_scope
        self.path = path
        if per_page:
            self.per_page = per_page
        if feed_path is not None:
            self.feed_path = feed_path
        self.filterset = self.filterset_class(
            data, queryset=self.listing_queryset(scope), request=request, default_sort=default_sort
        )
        self.facet_names = self.filterset.facet_names if facets is None else tuple(facets)

    def listing_queryset(self, scope):
        """The scope with what a result card shows prefetched."""
        return scope

    # The query

    @property
    def form(self):
        return self.filterset.form

    @property
    def applied(self):
        return self.filterset.applied

    @property
    def vocabulary(self):
        return self.filterset.vocabulary

    @cached_property
    def definitions(self):
        """The filter set's facet definitions, by parameter name."""
        return {definition.name: definition for definition in self.filterset.facet_definitions}

    @property
    def errors(self):
        self.applied  # noqa: B018 - validates the form
        return self.form.errors

    @cached_property
    def problem_targets(self):
        """The id of the control each parameter's error summary entry links to, in form order."""
        targets = {"q": "finder-q"}
        targets.update({name: f"facet-{name}" for name in self.filterset.facet_names})
        targets.update({name: f"finder-{name}" for name in self.filterset.date_names})
        targets.update({"sort": "finder-sort", "page": "results-heading"})
        return targets

    @cached_property
    def problems(self):
        """Every parameter we could not use, in the order of the form."""
        return [
            Problem(self.problem_targets.get(name, "finder-form"), message)
            for name in self.problem_targets
            for message in self.errors.get(name, [])
        ]

    @cached_property
    def refusals(self):
        """What a feed or the JSON refuses with a 400: every problem but the page number's. A page
        number says where to start, not what to show, so they start at the first page as the page
        does, and say so in the same words (the JSON's `notes`)."""
        return [problem for problem in self.problems if problem.target != self.problem_targets["page"]]

    @property
    def notes(self):
        """Things worth saying about the search that are not errors."""
        notes = []
        if self.filterset.search_was_shortened:
            notes.append("Your search was long, so we used its first 1,000 characters.")
        if self.filterset.search_had_no_words:
            notes.append("Your search had no words or numbers in it, so we show everything.")
        if self.also_searched:
            words = ", ".join(f"‘{form}’" for form in self.also_searched)
            notes.append(f"We also looked for {words}: other spellings and words with the same meaning.")
        return notes

    @cached_property
    def also_searched(self):
        """The other spellings and synonyms the search looked for besides what was typed."""
        return [form for unit in self.filterset.search_units for form in unit.alternatives][:8]

    @property
    def sort(self):
        return self.filterset.sort

    @property
    def sort_options(self):
        """(value, label, selected) for the sort box.

        The default order (relevance when searching, newest otherwise) has an empty value, so a
        submitted form does not pin it: type search words and the order becomes relevance unless
        you chose another. Relevance is offered only when there is something to be relevant to.
        """
        default = self.filterset.default_order
        choices = dict(self.filterset.sort_choices)
        options = [("", choices[default], self.sort == default)]
        for value, label in self.filterset.sort_choices:
            if value != default and (value != SortOrder.RELEVANCE or self.filterset.search_terms):
                options.append((value, label, self.sort == value))
        return options

    @property
    def results(self):
        """The filtered, searched and sorted queryset, prefetched for cards."""
        return self.filterset.qs

    def get_page(self):
        """The requested page of results; Http404 past the last page (an empty listing has a page 1).

        Like the counts, the page's ids are cached until the content changes, so a repeated query
        skips the ranked, filtered query; its pages are fetched by id when first used (the HTML
        listing may not need them: see `cards`).
        """
        # The paginator only numbers the pages (it is told the count): the ranked, filtered query
        # is built only when the page's ids are not cached, since building a search can itself
        # cost a query on some backends.
        paginator = CountedPaginator((), self.per_page, count=self.total)
        try:
            number = paginator.validate_number(self.filterset.page_number)
        except EmptyPage as error:
            if paginator.count:
                raise Http404("There is no page with that number.") from error
            number = 1

        def page_ids():
            start = (number - 1) * self.per_page
            if self.sort == SortOrder.RELEVANCE:
                if (tiers := self.counter.relevance_tiers()) is not None:
                    return self.page_of_ranked_matches(tiers, self.counter.matching()[1], start)
            elif (known := self.counter.matching()) is not None:
                return self.page_of_known_matches(*known, start)
            return list(self.results[start : start + self.per_page].values_list("pk", flat=True))

        ids = cached((*self.count_key(), "page", self.sort, self.per_page, number), page_ids)
        return Page(PagesById(ids, self.filterset.queryset), number, paginator)

    def page_of_ranked_matches(self, tiers, scope_size, start):
        """The ids of a page of search results ranked from the search word index: each tier of
        relevance (see word_index) newest first. Only the tiers the page falls in are read: one
        like any known matches; several in one query when they are few, else a tier at a time."""
        touched, first = [], 0  # (tier, where it starts in the ranking) of each tier on the page
        for tier in tiers:
            size = tier.bit_count()
            if size and first < start + self.per_page and first + size > start:
                touched.append((tier, first))
            first += size
        if len(touched) == 1:
            tier, first = touched[0]
            return self.page_of_known_matches(tier, scope_size, start - first, sort=SortOrder.NEWEST)
        if not touched:
            return []
        if sum(tier.bit_count() for tier, _ in touched) <= FEW_MATCHES:
            return self.page_of_few_ranked_matches(touched, start, scope_size)
        start -= touched[0][1]
        found = []
        for tier, _ in touched:
            found += self.page_of_known_matches(tier, scope_size, start, sort=SortOrder.NEWEST)
            start = 0
        return found[: self.per_page]

    def page_of_few_ranked_matches(self, touched, start, scope_size):
        """One query for a page spanning a few tiers: each tier's first rows newest first, by its
        ids (an index read, where one ORDER BY over all of them sorted every match), put together
        in tier order (UNION ALL; PostgreSQL only, like the word index)."""
        end = start + self.per_page
        scope = self.filterset.queryset.prefetch_related(None)
        ordering = self.filterset.orderings[SortOrder.NEWEST]  # (-date, -pk)
        date = ordering[0].lstrip("-")
        parts = [
            among(scope, ids_from_bitmap(tier))
            .annotate(tier_rank=Value(-position))
            .order_by(*ordering_for_matches(scope, ordering, tier.bit_count(), end - first, scope_size))
            .values_list("pk", "tier_rank", date)[: end - first]
            for position, (tier, first) in enumerate(touched)
        ]
        ranked = parts[0].union(*parts[1:], all=True).order_by("-tier_rank", f"-{date}", "-pk")
        offset = start - touched[0][1]
        return [pk for pk, _, _ in ranked[offset : offset + self.per_page]]

    def page_of_known_matches(self, matching, scope_size, start, *, sort=None):
        """The ids of a page of results when the facet index says which pages match: sorting a
        few matches by id, or reading the scope in the listing's order and keeping the matches,
        beats the filters' subqueries, which SQLite ran over every page (110 ms at 100,000)."""
        ordering = self.filterset.orderings[sort or self.sort]
        scope = self.filterset.queryset.prefetch_related(None).order_by(*ordering)
        total, wanted = matching.bit_count(), start + self.per_page
        if total <= FEW_MATCHES:
            by_ids = among(scope, ids_from_bitmap(matching)).order_by(
                *ordering_for_matches(scope, ordering, total, wanted, scope_size)
            )
            return list(by_ids[start:wanted].values_list("pk", flat=True))
        if total == scope_size:  # nothing to skip
            return list(scope[start:wanted].values_list("pk", flat=True))
        if ordering[0] not in ("-publication_date", "publication_date"):  # no index to read in order
            return list(self.results[start:wanted].values_list("pk", flat=True))
        is_match = matching.to_bytes((matching.bit_length() + 7) // 8, "little")
        found, offset = [], 0
        chunk = max(SMALLEST_READ, wanted * scope_size // total * 3 // 2)  # enough rows at the matches' density
        while len(found) < wanted:
            batch = list(scope[offset : offset + chunk].values_list("pk", flat=True))
            found += [pk for pk in batch if pk >> 3 < len(is_match) and is_match[pk >> 3] >> (pk & 7) & 1]
            if len(batch) < chunk:
                break
            offset, chunk = offset + chunk, chunk * 2
        return found[start:wanted]

    @cached_property
    def page(self):
        return self.get_page()

    @cached_property
    def cards(self):
        """The HTML of the page's result cards, cached until the content changes."""
        return cached_cards(
            self.page.object_list, self.request, template_name=self.card_template, extra_context=self.card_context
        )

    @property
    def total(self):
        return self.counts["total"]

    @cached_property
    def date_inputs(self):
        """The date boxes, kept as typed. Plain text boxes the server parses (PublicationDateField),
        not the browser's date picker, which cannot hold a year alone and reports every keystroke
        as a change."""
        inputs = []
        for name in self.filterset.date_names:
            field = self.form[name]
            typed = field.value() if isinstance(field.value(), str) else ""
            inputs.append(
                {"name": name, "id": f"finder-{name}", "label": field.label, "value": typed, "errors": field.errors}
            )
        return inputs

    # Counts

    def count_key(self, *, without=None):
        """The applied filters, normalised, as part of a cache key; `without` leaves one facet out."""
        applied = self.applied
        filters = [("q", tuple(applied["terms"]))]
        filters += [(name, tuple(sorted(applied[name]))) for name in self.filterset.facet_names if name != without]
        filters += [(name, applied[name] and applied[name].isoformat()) for name in self.filterset.date_names]
        return (type(self).__name__, self.cache_scope, without or "total", tuple(filters))

    @cached_property
    def counter(self):
        """What counts the results and facets (see counting), made once a request."""
        return counts_for(self.filterset, self.index_scope)

    @cached_property
    def counts(self):
        """The number of results, and each shown facet counted with every filter but its own.

        One query each, kept in the cache until the content changes (healthequity.caching).
        """
        counter = self.counter

        def facet_counter(name):
            return lambda: counter.facet(name)

        computations = {name: (self.count_key(without=name), facet_counter(name)) for name in self.facet_names}
        # A facet every item has exactly one value of, counted with every other filter, gives the
        # total for free: the chosen values' counts, or all of them.
        adding_up = next((name for name in self.facet_names if self.definitions[name].one_per_item), None)
        if adding_up is None:
            computations["total"] = (self.count_key(), counter.total)
        counts = cached_many(computations)
        if adding_up is not None:
            chosen = self.applied[adding_up]
            counts["total"] = sum(count for value, count in counts[adding_up].items() if not chosen or value in chosen)
        return counts

    @cached_property
    def suggestion(self):
        """ "Did you mean …?" when the search finds little: the closest words the content uses,
        offered (never applied) when that search, with the same filters, finds more.

        Worked out once per query until the content changes, like the counts.
        """
        filterset = self.filterset
        if not filterset.search_terms or self.total >= self.suggest_below:
            return None

        def compute():
            terms = corrected_terms(filterset.search_units, filterset.queryset.db)
            if terms is None:
                return ("", 0)
            text = " ".join(f'"{term}"' if " " in term else term for term in terms)
            data = filterset.data.copy()
            data["q"] = text
            corrected = self.filterset_class(
                data, queryset=filterset.queryset, request=self.request, vocabulary=self.vocabulary
            )
            return (text, corrected.filter_queryset(corrected.queryset.all()).count())

        text, total = cached((*self.count_key(), "suggestion"), compute)
        if not text or total <= self.total:
            return None
        params = tuple(("q", text) if name == "q" else (name, value) for name, value in self.query_params())
        return Suggestion(text, params, self.url_for(self.path, params), total)

    @cached_property
    def facets(self):
        facets = []
        for name in self.facet_names:
            facet = self.definitions[name].facet(self.vocabulary, self.counts[name], set(self.applied[name]))
            facets.append(replace(facet, errors=tuple(self.errors.get(name, ()))))
        return facets

    @cached_property
    def facets_html(self):
        """The facets' fieldsets: a hundred checkboxes with their counts, the same for everyone who
        asks the same query, so kept until the content changes like the counts they show."""
        template = get_template("finder/facet.html")

        def render():
            return "".join(template.render({"facet": facet, "finder": self}) for facet in self.facets)

        if any(name in self.errors for name in self.facet_names):
            return mark_safe(render())  # noqa: S308 - our own template; messages about what was typed are not kept
        key = (*self.count_key(), "facets-html", self.facet_names, self.result_nouns)
        return mark_safe(cached(key, render))  # noqa: S308 - our own template, from our own cache

    # Links that keep the query

    def query_params(self, *, keep_sort=True):
        """The applied query as canonical parameters (invalid values and the page number dropped)."""
        applied = self.applied
        params = []
        if applied["q"]:
            params.append(("q", applied["q"]))
        for name in self.filterset.facet_names:
            params.extend((name, value) for value in applied[name])
        for name in self.filterset.date_names:
            if applied[name]:
                params.append((name, applied[name].isoformat()))
        if keep_sort and applied["explicit_sort"]:
            params.append(("sort", applied["explicit_sort"]))
        return params

    def url_for(self, path, params):
        return f"{path}?{urlencode(params)}" if params else path

    @cached_property
    def url(self):
        return self.url_for(self.path, self.query_params())

    @property
    def clear_url(self):
        return self.path

    def page_url(self, number):
        params = self.query_params()
        if number > 1:
            params.append(("page", str(number)))
        return self.url_for(self.path, params)

    @cached_property
    def feed_url(self):
        return self.url_for(self.feed_path, self.query_params()) if self.feed_path else ""

    @cached_property
    def feed_help_url(self):
        """Where "Subscribe to these results" goes: a page saying what a feed is, not the raw XML."""
        return self.url_for(reverse("feed_help"), [("feed", self.feed_url)]) if self.feed_url else ""

    @cached_property
    def feed_title(self):
        """ "Resources: Coastal communities, Hypertension – Health Equity Evidence Centre"."""
        description = self.description
        title = f"{self.feed_heading}: {description}" if description else self.feed_heading
        return f"{title} – {settings.WAGTAIL_SITE_NAME}"

    @cached_property
    def is_filtered(self):
        return bool(self.query_params(keep_sort=False))

    @cached_property
    def only_searched(self):
        """Search words and no filter, so "nothing matches all of these filters" would be wrong."""
        return bool(self.applied["q"]) and all(name == "q" for name, _ in self.query_params(keep_sort=False))

    @cached_property
    def active_filters(self):
        """Each applied filter as a tag whose link removes just that filter."""
        applied = self.applied
        params = self.query_params()

        def without(name, value):
            return self.url_for(self.path, [param for param in params if param != (name, value)])

        labels = self.labels
        tags = []
        if applied["q"]:
            tags.append(ActiveFilter("q", f"Search: ‘{applied['q']}’", without("q", applied["q"])))
        for name in self.filterset.facet_names:
            noun = getattr(self.definitions[name], "tag_noun", self.definitions[name].noun)
            tags += [
                ActiveFilter(name, f"{noun}: {labels[name].get(value, value)}", without(name, value))
                for value in applied[name]
            ]
        if applied.get("from"):
            value = applied["from"].isoformat()
            tags.append(
                ActiveFilter("from", f"Published from {format_date(applied['from'], 'j F Y')}", without("from", value))
            )
        if applied.get("to"):
            value = applied["to"].isoformat()
            tags.append(
                ActiveFilter("to", f"Published up to {format_date(applied['to'], 'j F Y')}", without("to", value))
            )
        return tags

    @cached_property
    def labels(self):
        return {name: dict(definition.choices(self.vocabulary)) for name, definition in self.definitions.items()}

    @cached_property
    def description(self):
        """The query in words, for the feed's title: "Coastal communities, Hypertension"."""
        applied = self.applied
        labels = self.labels
        parts = [labels[name].get(value, value) for name in self.filterset.facet_names for value in applied[name]]
        if applied["q"]:
            parts.insert(0, f"‘{applied['q'][:100]}’")
        if applied.get("from"):
            parts.append(f"from {format_date(applied['from'], 'j F Y')}")
        if applied.get("to"):
            parts.append(f"up to {format_date(applied['to'], 'j F Y')}")
        return ", ".join(parts)

    @cached_property
    def term_panels(self):
        """When the results are filtered to exactly one group (or topic), its description and page."""
        panels = []
        vocabulary = self.vocabulary
        if len(self.applied.get("group", ())) == 1:
            group = vocabulary.groups_by_slug[self.applied["group"][0]]
            panels.append(TermPanel("group", group, group_page_url(group, self.request)))
        if len(self.applied.get("topic", ())) == 1:
            topic = vocabulary.topics_by_slug[self.applied["topic"][0]]
            panels.append(TermPanel("topic", topic, topic_page_url(topic, self.request)))
        return [panel for panel in panels if panel.page_url]

    @property
    def promoted(self):
        return []

    def get_context(self):
        return {"finder": self, "listing": self.page}


class EvidenceFinder(Finder):
    """The finder over evidence pages: /resources/, the blog and panel listings, the feed and JSON."""

    filterset_class = EvidenceFilterSet
    # The feed of a section listing is the site feed limited to the section's types.
    feed_types: tuple[str, ...] = ()

    def __init__(self, data, scope, *, cache_scope="all", index_scope=None, **kwargs):
        if index_scope is None and cache_scope == "all":
            index_scope = (LIVE_KEY,)  # every live, public evidence page
        super().__init__(data, scope, cache_scope=cache_scope, index_scope=index_scope, **kwargs)

    def listing_queryset(self, scope):
        return listing_queryset(scope)

    @cached_property
    def feed_url(self):
        params = self.query_params()
        if self.feed_types and not self.applied["type"]:
            params += [("type", value) for value in self.feed_types]
        return self.url_for(reverse("resources_feed"), params)

    @cached_property
    def type_heading(self):
        """The plural of the one kind of evidence shown ("What works briefs"), so the menu's "What
        works" link lands on a page headed what it lists; empty for a mix."""
        types = self.applied.get("type") or ()
        return RESOURCE_TYPE_PLURALS.get(types[0], "") if len(types) == 1 else ""

    @cached_property
    def promoted(self):
        """Editors' picks for the search words (Settings → Promoted search results), above the
        first page of results of a plain search on the site-wide finder; not once the reader has
        narrowed the search with filters, which the picks may not match."""
        applied = self.applied
        narrowed = any(applied[name] for name in self.filterset.facet_names) or applied["from"] or applied["to"]
        if self.cache_scope != "all" or not applied["q"] or narrowed or self.filterset.page_number != 1:
            return []
        return promoted_results(applied["q"])
