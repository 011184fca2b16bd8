"""The evidence finder's one filter set.

`/resources/`, the blog and Citizens' Panel listings, the Atom feed and the JSON API all read their
query parameters through `EvidenceFilterSet`, so a filtered view means the same thing wherever it
is shown. The parameters are fixed by DESIGN.md: `q`, `group`, `topic`, `type` (repeatable, slugs),
`from`, `to`, `sort` and `page`.

Bad input is reported, never fatal: an unknown slug or a malformed date becomes a message on the
form and the rest of the query still applies.
"""

import calendar
import datetime
import re
from collections import OrderedDict, defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.utils.functional import cached_property
from django.utils.text import Truncator

from wagtail.search.query import And, Phrase, PlainText

import django_filters

from healthequity.core.models import EvidencePage, InequalityGroup, ResourceType, Topic

from healthequity.caching.content import cached

__all__ = [
    "FACETS",
    "MAX_QUERY_LENGTH",
    "MAX_VALUES_PER_FACET",
    "EvidenceFilterForm",
    "EvidenceFilterSet",
    "SortOrder",
    "Vocabulary",
    "parse_search_terms",
]

# Longer search text is cut, not refused (the issue asks for that); the header's search box has the same maxlength.
MAX_QUERY_LENGTH = 1000
# No vocabulary is this long, so more values in one facet can only be noise or an attack.
MAX_VALUES_PER_FACET = 50
# Words and phrases used from one search; the rest of a very long query is ignored.
MAX_SEARCH_TERMS = 32

# The facets that get counts beside their options; each is left out of its own counts.
FACETS = ("group", "topic", "type")

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
WORD = re.compile(r"\w+")
PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\w+)')


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

    ordering = {
        NEWEST: ("-publication_date", "-pk"),
        OLDEST: ("publication_date", "pk"),
        TITLE: (Lower("title"), "pk"),
    }


def parse_search_terms(text):
    """Split search text into words and "quoted phrases", dropping every other character.

    Only letters and digits reach the search backend, so no punctuation can become FTS5 or
    tsquery syntax (a stray quote or bracket would otherwise be a database error).
    """
    terms = []
    for phrase, word in PHRASE_OR_WORD.findall(text or ""):
        words = WORD.findall(phrase) if phrase else [word]
        term = " ".join(words).lower()
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_SEARCH_TERMS]


def build_search_query(terms):
    """All the terms must match (AND); a term with a space is a phrase."""
    words = [term for term in terms if " " not in term]
    parts = [PlainText(" ".join(words), operator="and")] if words else []
    parts += [Phrase(term) for term in terms if " " in term]
    return parts[0] if len(parts) == 1 else And(parts)


def shorten(value, length=40):
    """A typed value quoted back in a message: cut short, control characters (a NUL byte, say) shown as �."""
    return Truncator(CONTROL_CHARACTERS.sub("\ufffd", value)).chars(length)


class SearchTextField(forms.CharField):
    """Free text, tidied rather than refused: control characters dropped, spaces collapsed,
    anything past 1,000 characters cut off."""

    def to_python(self, value):
        value = CONTROL_CHARACTERS.sub(" ", super().to_python(value))
        return " ".join(value.split())[:MAX_QUERY_LENGTH]


class SlugsField(forms.MultipleChoiceField):
    """Several slugs from one vocabulary, each at most once.

    Unknown slugs make the field invalid (so the form can say which), and `known_values()` gives
    the ones that can still be used.
    """

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        "unknown": "%(noun)s: we have nothing called %(values)s. Showing results without it.",
        "too_many": "%(noun)s: choose at most %(limit)s. Only the first %(limit)s were used.",
    }

    def __init__(self, *, noun="Filter", **kwargs):
        self.noun = noun
        super().__init__(**kwargs)

    def to_python(self, value):
        values = super().to_python(value)
        return list(dict.fromkeys(item.strip() for item in values if item.strip()))

    def known_values(self, value):
        return [item for item in self.to_python(value) if self.valid_value(item)][:MAX_VALUES_PER_FACET]

    def validate(self, value):
        unknown = [item for item in value if not self.valid_value(item)]
        if unknown:
            quoted = ", ".join(f"‘{shorten(item)}’" for item in unknown[:3])
            if len(unknown) > 3:
                quoted += f" and {len(unknown) - 3} more"
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"noun": self.noun, "values": quoted}
            )
        if len(value) > MAX_VALUES_PER_FACET:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"noun": self.noun, "limit": MAX_VALUES_PER_FACET},
            )


class PublicationDateField(forms.Field):
    """A date as people write it in an address or a form: 2023-03-27, 27/03/2023, 2023-03 or 2023.

    A month or a year alone means its first day, or its last day for the end of a range
    (`period_end`), so `from=2023&to=2023` is the whole of 2023.
    """

    default_error_messages = {
        "invalid": "%(label)s must be a date like 2023-03-27, or a year like 2023.",
        "impossible": "%(label)s must be a real date: %(value)s does not exist.",
    }
    ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
    BRITISH = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")

    def __init__(self, *, period_end=False, **kwargs):
        self.period_end = period_end
        super().__init__(**kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        match = self.ISO.fullmatch(value) or self.BRITISH.fullmatch(value)
        params = {"label": self.label or "The date", "value": shorten(value)}
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params=params)
        year = int(match["year"])
        month = int(match["month"] or (12 if self.period_end else 1))
        try:
            if match["day"]:
                return datetime.date(year, month, int(match["day"]))
            day = calendar.monthrange(year, month)[1] if self.period_end else 1
            return datetime.date(year, month, day)
        except (ValueError, calendar.IllegalMonthError):
            raise ValidationError(self.error_messages["impossible"], code="impossible", params=params) from None


class SearchFilter(django_filters.CharFilter):
    field_class = SearchTextField


class SlugsFilter(django_filters.Filter):
    field_class = SlugsField


class PublicationDateFilter(django_filters.Filter):
    field_class = PublicationDateField


class EvidenceFilterForm(forms.Form):
    """The parameters that shape the listing rather than narrow it, and the checks across fields."""

    sort = forms.ChoiceField(label="Sort by", choices=SortOrder.choices, required=False)
    page = forms.IntegerField(
        label="Page",
        min_value=1,
        required=False,
        error_messages={"invalid": "Page numbers are whole numbers. Showing the first page."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


class Vocabulary:
    """Every inequality group and topic, read once per request (two small queries).

    Used to validate slugs, to widen a group to its subgroups, and to label facets, tags and
    feed titles without further queries.
    """

    def __init__(self, groups, topics):
        children = defaultdict(list)
        top_level = []
        for group in groups:
            (children[group.parent_id] if group.parent_id else top_level).append(group)
        self.subgroups = {group.pk: children.get(group.pk, []) for group in top_level}
        # Each top-level group followed by its subgroups: the order of the facet and of labels.
        self.groups = [member for group in top_level for member in [group, *self.subgroups[group.pk]]]
        self.groups_by_slug = {group.slug: group for group in self.groups}
        self.groups_by_pk = {group.pk: group for group in self.groups}
        self.topics = list(topics)
        self.topics_by_slug = {topic.slug: topic for topic in self.topics}

    @classmethod
    def load(cls):
        """From the cache, until a group or topic is edited (see resources.caching)."""

        def read():
            groups = InequalityGroup.objects.only("name", "slug", "parent_id", "description", "sort_order")
            return cls(list(groups), list(Topic.objects.all()))

        return cached(("vocabulary",), read)

    @property
    def group_choices(self):
        return [(group.slug, group.name) for group in self.groups]

    @property
    def topic_choices(self):
        return [(topic.slug, topic.name) for topic in self.topics]

    def group_ids(self, slugs):
        """The chosen groups and, for a top-level group, all its subgroups."""
        ids = set()
        for slug in slugs:
            group = self.groups_by_slug[slug]
            ids.add(group.pk)
            ids.update(child.pk for child in self.subgroups.get(group.pk, []))
        return sorted(ids)

    def topic_ids(self, slugs):
        return sorted(self.topics_by_slug[slug].pk for slug in slugs)


class EvidenceFilterSet(django_filters.FilterSet):
    """Filters over live, public evidence pages: AND across facets, OR within one facet.

    `applied` holds the values actually used; `qs` is the filtered, searched and sorted queryset
    (plain SQL, so it can be counted, sliced, prefetched and used as a subquery).
    """

    q = SearchFilter(label="Search", method="filter_search")
    group = SlugsFilter(label="Inequality group", method="filter_group", noun="Inequality group")
    topic = SlugsFilter(label="Topic", method="filter_topic", noun="Topic")
    type = SlugsFilter(label="Type", method="filter_type", noun="Type", choices=ResourceType.choices)
    published_from = PublicationDateFilter(field_name="publication_date", lookup_expr="gte", label="From")
    published_to = PublicationDateFilter(field_name="publication_date", lookup_expr="lte", label="To", period_end=True)

    # `from` is a Python keyword, so the date filters are declared under longer names.
    PARAMETER_NAMES = {"published_from": "from", "published_to": "to"}

    class Meta:
        model = EvidencePage
        fields: list[str] = []
        form = EvidenceFilterForm

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        return OrderedDict((cls.PARAMETER_NAMES.get(name, name), value) for name, value in filters.items())

    def __init__(self, data=None, queryset=None, *, request=None, vocabulary=None, default_sort=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.vocabulary = vocabulary or Vocabulary.load()
        # Without a `sort` parameter: relevance when searching, newest otherwise (a feed says newest).
        self.default_sort = default_sort
        self.filters["group"].extra["choices"] = self.vocabulary.group_choices
        self.filters["topic"].extra["choices"] = self.vocabulary.topic_choices

    # What the form accepted

    @cached_property
    def applied(self):
        """The values the results use: every valid parameter, plus the known slugs of a facet
        whose other slugs were unknown."""
        form = self.form
        form.is_valid()
        values = {
            "q": "",
            "group": [],
            "topic": [],
            "type": [],
            "from": None,
            "to": None,
            "sort": "",
            "page": None,
        }
        values.update(form.cleaned_data)
        for name in FACETS:
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

    def filter_queryset(self, queryset, *, except_facet=None):
        """Apply every filter but `except_facet`; search last, since it may decide the order."""
        for name in ("group", "topic", "type", "from", "to", "q"):
            if name != except_facet and self.applied[name]:
                queryset = self.filters[name].filter(queryset, self.applied[name])
        return queryset

    @cached_property
    def qs(self):
        results = self.filter_queryset(self.queryset.all())
        if self.sort == SortOrder.RELEVANCE and self.search_terms:
            return results.order_by(*self.relevance_ordering(results))
        return results.order_by(*SortOrder.ordering[self.sort])

    def filter_group(self, queryset, name, slugs):
        tagged = EvidencePage.groups.through.objects.filter(inequalitygroup_id__in=self.vocabulary.group_ids(slugs))
        return queryset.filter(pk__in=tagged.values("evidencepage_id"))

    def filter_topic(self, queryset, name, slugs):
        tagged = EvidencePage.topics.through.objects.filter(topic_id__in=self.vocabulary.topic_ids(slugs))
        return queryset.filter(pk__in=tagged.values("evidencepage_id"))

    def filter_type(self, queryset, name, types):
        return queryset.filter(resource_type__in=types)

    def filter_search(self, queryset, name, value):
        """Wagtail search over the queryset, returned as a plain queryset.

        The database backend (SQLite FTS5, PostgreSQL full-text search) expresses a search as SQL
        on the queryset it is given, so `get_queryset()` keeps filters, prefetching and ordering
        composable, and the facet counts can use it as a subquery: the query count stays constant.
        """
        if not self.search_terms:
            return queryset  # the text had no words in it; the finder says so
        results = queryset.search(
            build_search_query(self.search_terms), order_by_relevance=self.backend_ranks(queryset)
        )
        return results.get_queryset()

    @staticmethod
    def backend_ranks(queryset):
        """Whether to order by the search backend's own rank.

        PostgreSQL ranks matches in the query that finds them. Wagtail's SQLite backend scores
        each result with a correlated full-text subquery (seconds at 10,000 pages), so on SQLite
        relevance is the title and summary tiers, then newest first.
        """
        return connections[queryset.db].vendor == "postgresql"

    def relevance_ordering(self, results):
        """Title matches first, then summary matches, then the backend's own ranking (the order
        the search left the queryset in).

        PostgreSQL weights the title above the summary above the body (search_fields boosts);
        SQLite's FTS5 ranking has one column for everything but the title, so the two tiers make
        "title above summary above body" hold on both.
        """
        in_title = Q()
        in_summary = Q()
        for term in self.search_terms:
            in_title &= Q(title__icontains=term)
            in_summary &= Q(summary__icontains=term)
        tier = Case(
            When(in_title, then=Value(2)),
            When(in_summary, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return (tier.desc(), *results.query.order_by)
