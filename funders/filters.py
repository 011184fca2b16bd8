"""Finding opportunities on /funders/ and in its feed: one filter set, the same conventions as the
evidence finder (repeatable slug parameters, AND across facets, OR within one, a parent group
includes its subgroups), with counts beside every option.

A count is worked out with every other facet applied but not the option's own, so choosing one
issue does not turn the other issues' counts to 0. Each facet costs one grouped query (groups
two), whatever the number of opportunities.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, Lower
from django.http import QueryDict

import django_filters

from funders.vocabularies import Activity, Issue, Location, Stage
from healthequity.core.finder.location import group_page_url, topic_page_url
from healthequity.core.models import InequalityGroup, Topic
from healthequity.core.public_forms import has_control_characters

__all__ = ["FACETS", "OpportunityFilterSet", "OpportunitySearch"]

# As the evidence finder: longer search text is cut, not refused.
QUERY_MAX_LENGTH = 1000
SEARCH_RESULTS_LIMIT = 500


class KnownChoicesField(forms.MultipleChoiceField):
    """Keeps the values it knows and drops the rest, so an old or mistyped link still shows results
    (the page says what it ignored) instead of an error."""

    def clean(self, value):
        values = self.to_python(value)
        return list(dict.fromkeys(item for item in values if self.valid_value(item)))


class SlugFilter(django_filters.MultipleChoiceFilter):
    field_class = KnownChoicesField


class QueryField(forms.CharField):
    """Free text for search: cut to a sane length, control characters (NUL above all) removed."""

    def to_python(self, value):
        value = super().to_python(value)
        value = "".join(" " if has_control_characters(character) else character for character in value)
        return " ".join(value.split())[:QUERY_MAX_LENGTH]


class QueryFilter(django_filters.CharFilter):
    field_class = QueryField


class SortField(forms.ChoiceField):
    """An unknown sort order falls back to the default rather than failing the whole form."""

    def clean(self, value):
        return value if self.valid_value(value) else ""


class SortFilter(django_filters.Filter):
    field_class = SortField


# The evidence finder's sort orders and labels, plus one of our own (most recently reviewed).
SORT_CHOICES = [
    ("relevance", "Most relevant"),
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("title", "Title (A to Z)"),
    ("reviewed", "Most recently reviewed"),
]
ORDERINGS = {
    "newest": ("-first_published_at", "-pk"),
    "oldest": ("first_published_at", "pk"),
    "title": (Lower("title"), "pk"),
    "reviewed": ("-last_reviewed", "-first_published_at", "-pk"),
}


@dataclass
class Facet:
    """One filter as the page shows it: its parameter, legend and options with counts."""

    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def open_by_default(self):
        """The short, most used lists start open; the long ones start closed until used."""
        return self.name in ("issue", "stage")

    @property
    def selected_count(self):
        return sum(1 for option in self.options if option["selected"])


# Parameter name → its legend, also used in active filter tags ("Issue: Health").
FACETS = {
    "issue": "Issue",
    "activity": "Activity",
    "location": "Location",
    "stage": "Stage",
    "group": "Inequality group",
    "topic": "Topic",
}


class OpportunityFilterSet(django_filters.FilterSet):
    """The query parameters of /funders/ and /funders/feed/ (all repeatable, values are slugs)."""

    q = QueryFilter(method="filter_search", label="Search opportunities")
    issue = SlugFilter(method="filter_issue", label="Issue")
    activity = SlugFilter(method="filter_activity", label="Activity")
    location = SlugFilter(choices=Location.choices, method="filter_location", label="Location")
    stage = SlugFilter(choices=Stage.choices, method="filter_stage", label="Stage")
    group = SlugFilter(method="filter_group", label="Inequality group")
    topic = SlugFilter(method="filter_topic", label="Topic")
    sort = SortFilter(choices=SORT_CHOICES, method="filter_sort", label="Sort by")

    # No Meta.model: the queryset passed in (an index's live opportunities) says what is filtered,
    # so this module need not import the pages (which import the views, which import this).
    class Meta:
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # The vocabularies, one query each, reused for choices, facet options and active filter tags.
        self.issues = list(Issue.objects.all())
        self.activities = list(Activity.objects.all())
        self.groups = list(InequalityGroup.objects.order_by("sort_order", "name"))
        self.topics = list(Topic.objects.all())
        self.filters["issue"].extra["choices"] = [(issue.slug, issue.name) for issue in self.issues]
        self.filters["activity"].extra["choices"] = [(activity.slug, activity.name) for activity in self.activities]
        self.filters["group"].extra["choices"] = [(group.slug, group.name) for group in self.groups]
        self.filters["topic"].extra["choices"] = [(topic.slug, topic.name) for topic in self.topics]
        self._search_ids = None

    # Filters. Relations are matched through a subquery, so no row is ever counted twice.

    def _having(self, queryset, condition):
        return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))

    def filter_issue(self, queryset, name, slugs):
        return self._having(queryset, Q(issues__slug__in=slugs))

    def filter_activity(self, queryset, name, slugs):
        return self._having(queryset, Q(activities__slug__in=slugs))

    def filter_group(self, queryset, name, slugs):
        return self._having(queryset, Q(groups__slug__in=slugs) | Q(groups__parent__slug__in=slugs))

    def filter_topic(self, queryset, name, slugs):
        return self._having(queryset, Q(topics__slug__in=slugs))

    def filter_location(self, queryset, name, values):
        return queryset.filter(location__in=values)

    def filter_stage(self, queryset, name, values):
        return queryset.filter(stage__in=values)

    def filter_search(self, queryset, name, query):
        return queryset.filter(pk__in=self.search_ids(query))

    def filter_sort(self, queryset, name, value):
        return queryset  # ordering is applied last, in filter_queryset

    def search_ids(self, query):
        """Live opportunities matching the words, best first (Wagtail search, one query)."""
        if self._search_ids is None:
            results = self.queryset.model.objects.live().search(query, operator="and")[:SEARCH_RESULTS_LIMIT]
            self._search_ids = [page.pk for page in results]
        return self._search_ids

    def filter_queryset(self, queryset):
        return self.order(super().filter_queryset(queryset))

    # Every field drops what it does not recognise, so the form is always valid once bound.

    @property
    def query(self):
        return self.form.cleaned_data.get("q", "")

    @property
    def sort_order(self):
        sort = self.form.cleaned_data.get("sort")
        if sort == "relevance" and not self.query:
            sort = ""
        return sort or ("relevance" if self.query else "newest")

    def order(self, queryset):
        if self.sort_order == "relevance":
            ids = self.search_ids(self.query)
            position = Case(
                *[When(pk=pk, then=Value(index)) for index, pk in enumerate(ids)],
                default=Value(len(ids)),
                output_field=IntegerField(),
            )
            return queryset.order_by(position, "-first_published_at", "-pk")
        return queryset.order_by(*ORDERINGS[self.sort_order])

    # Facets and their counts.

    def queryset_without(self, facet):
        """The base queryset with every filter applied except `facet`'s own."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != facet:
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def selected(self, facet):
        return self.form.cleaned_data.get(facet) or []

    def counts(self, facet):
        queryset = self.queryset_without(facet)
        per_page = Count("pk", distinct=True)
        if facet in ("location", "stage"):
            return {row[facet]: row["n"] for row in queryset.values(facet).annotate(n=per_page)}
        if facet == "group":
            by_id = {row["groups__id"]: row["n"] for row in queryset.values("groups__id").annotate(n=per_page)}
            # A top-level group counts the opportunities tagged with it or with any of its subgroups.
            by_top = {
                row["top"]: row["n"]
                for row in queryset.values(top=Coalesce("groups__parent_id", "groups__id")).annotate(n=per_page)
            }
            return {
                group.slug: (by_top.get(group.pk, 0) if group.parent_id is None else by_id.get(group.pk, 0))
                for group in self.groups
            }
        relation = {"issue": "issues", "activity": "activities", "topic": "topics"}[facet]
        key = f"{relation}__slug"
        return {row[key]: row["n"] for row in queryset.values(key).annotate(n=per_page) if row[key]}

    def facet_options(self, facet):
        if facet == "location":
            return [(value, label, False) for value, label in Location.choices]
        if facet == "stage":
            return [(value, label, False) for value, label in Stage.choices]
        if facet == "group":
            # Subgroups follow their group.
            ordered = []
            for top in (group for group in self.groups if group.parent_id is None):
                ordered.append((top.slug, top.name, False))
                ordered.extend((child.slug, child.name, True) for child in self.groups if child.parent_id == top.pk)
            return ordered
        vocabulary = {"issue": self.issues, "activity": self.activities, "topic": self.topics}[facet]
        return [(item.slug, item.name, False) for item in vocabulary]

    def facets(self):
        facets = []
        for name, label in FACETS.items():
            counts = self.counts(name)
            selected = set(self.selected(name))
            options = [
                {
                    "value": value,
                    "label": option_label,
                    "count": counts.get(value, 0),
                    "selected": value in selected,
                    "is_subgroup": is_subgroup,
                    "id": f"filter-{name}-{value}",
                }
                for value, option_label, is_subgroup in self.facet_options(name)
            ]
            facets.append(Facet(name=name, label=label, options=options))
        return facets

    # Active filters, for removable tags, the feed's title and telling people what was ignored.

    def active_filters(self):
        """Each filter in use as "Facet: Option" with the address of this view without it."""
        labels = {}
        for facet in FACETS:
            labels[facet] = {value: option_label for value, option_label, _ in self.facet_options(facet)}
        active = []
        for facet, facet_label in FACETS.items():
            for value in self.selected(facet):
                active.append(
                    {
                        "label": f"{facet_label}: {labels[facet].get(value, value)}",
                        "remove_url": self.url_without(facet, value),
                    }
                )
        if self.query:
            active.insert(0, {"label": f"Search: “{self.query}”", "remove_url": self.url_without("q", None)})
        return active

    def term_pages(self):
        """A group or topic chosen on its own, with its landing page: the centre's evidence on it."""
        pages = []
        for facet, terms, page_url in (("group", self.groups, group_page_url), ("topic", self.topics, topic_page_url)):
            selected = self.selected(facet)
            term = next((term for term in terms if selected == [term.slug]), None)
            if term:
                pages.append({"facet": FACETS[facet].lower(), "term": term, "url": page_url(term)})
        return pages

    def parameters(self):
        """The valid parameters in use, as (name, values), in the order addresses are written."""
        parameters = [("q", [self.query])] if self.query else []
        parameters += [(facet, self.selected(facet)) for facet in FACETS if self.selected(facet)]
        if self.form.cleaned_data.get("sort"):
            parameters.append(("sort", [self.form.cleaned_data["sort"]]))
        return parameters

    def url_without(self, name, value=None):
        """This view's address without one value of a parameter (or all of it when value is None)."""
        query = QueryDict(mutable=True)
        for key, values in self.parameters():
            kept = [item for item in values if not (key == name and (value is None or item == value))]
            if kept:
                query.setlist(key, kept)
        return f"?{query.urlencode()}"

    def ignored_values(self):
        """Values in the address that match nothing we know, e.g. from an old link."""
        ignored = []
        for facet in FACETS:
            known = set(self.selected(facet))
            ignored.extend(value for value in self.data.getlist(facet) if value and value not in known)
        return ignored

    def description(self):
        """The filters in words, e.g. "Issue: Health; Location: England", for titles."""
        return "; ".join(item["label"] for item in self.active_filters())


class OpportunitySearch:
    """The filter set applied to one funders index's live opportunities, for the page and the feed."""

    def __init__(self, data, index_page):
        base = index_page.live_opportunities()
        self.filterset = OpportunityFilterSet(data if data is not None else QueryDict(), queryset=base)
        self.filterset.is_valid()  # always true: see the fields above

    @property
    def results(self):
        return self.filterset.qs.prefetch_related("issues", "groups", "topics")
