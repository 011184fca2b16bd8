"""The finder's facets: what each filter offers, how it narrows the results and how it counts them.

A facet is a repeatable slug parameter (`group=core20&group=coastal-communities`): values of one
facet OR together, facets AND. Each facet is counted over the items that match every *other*
filter (its own is left out), so choosing one group does not turn the other groups' counts to 0:
the count says how many results you would get by adding that option. Every count is one aggregate
query whatever the number of items.

A finder lists its facets as `FacetDefinition`s; the same definitions serve the evidence finder
and the funders' hub, so a group, a topic or a fixed list of choices behaves the same everywhere.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from healthequity.caching.content import cached
from healthequity.core.evidence.models import Approach, Finding
from healthequity.core.evidence.ratings import EvidenceStrength, InequalityEffect
from healthequity.core.models import TopicKind

from .facet_index import finding_key, term_key, value_key

__all__ = [
    "ChoiceFacet",
    "Facet",
    "FacetDefinition",
    "FacetOption",
    "FacetSection",
    "FindingFacet",
    "GroupFacet",
    "TermFacet",
    "TopicFacet",
    "finding_facets",
]

TOPIC_SECTION_HEADINGS = {
    TopicKind.ADULT_FOCUS: "Clinical focus areas for adults",
    TopicKind.CYP_FOCUS: "Clinical focus areas for children and young people",
    TopicKind.OTHER: "Other topics",
}


# What the page shows.


@dataclass(frozen=True)
class FacetOption:
    facet: str
    value: str
    label: str
    count: int
    selected: bool
    children: tuple["FacetOption", ...] = ()

    @property
    def is_empty(self):
        return self.count == 0

    @property
    def input_id(self):
        return f"{self.facet}-{self.value}"


@dataclass(frozen=True)
class FacetSection:
    heading: str
    options: list[FacetOption]


@dataclass(frozen=True)
class Facet:
    name: str
    legend: str
    sections: list[FacetSection] = field(default_factory=list)
    # What was wrong with this facet's parameters, shown by its fieldset.
    errors: tuple[str, ...] = ()
    hint: str = ""

    @property
    def options(self):
        """Every option, subgroups included, in display order."""
        return [
            member for section in self.sections for option in section.options for member in (option, *option.children)
        ]


# What a finder offers.


def item_ids(items):
    return items.order_by().values("pk")


def relation_table(model, relation):
    """The many-to-many table behind `model.<relation>`: (through model, its item column, its term FK)."""
    relation_field = model._meta.get_field(relation)
    return (
        relation_field.remote_field.through,
        f"{relation_field.m2m_field_name()}_id",
        relation_field.m2m_reverse_field_name(),
    )


def tagged_with(items, relation, term_ids):
    """The items tagged with any of the terms (a subquery, so no item is listed twice)."""
    through, item_column, term = relation_table(items.model, relation)
    return items.filter(pk__in=through.objects.filter(**{f"{term}_id__in": term_ids}).values(item_column))


def count_per_term(items, relation):
    """{term id: number of items} over the items' tags of one relation."""
    through, item_column, term = relation_table(items.model, relation)
    tags = through.objects.filter(**{f"{item_column}__in": item_ids(items)})
    return dict(tags.values(f"{term}_id").annotate(items=Count(item_column)).values_list(f"{term}_id", "items"))


class FacetDefinition:
    """One facet of a finder: its parameter `name`, `legend` on the page and `noun` in messages."""

    name = ""
    legend = ""
    noun = ""
    hint = ""
    # True when every item has exactly one value: the counts then add up to the number of results.
    one_per_item = False
    # True for a rating of findings, which narrow together (see FindingFacet).
    joint = False
    # True when the facet index (facet_index) holds what this facet filters by: it can then filter
    # and count with `index_filter` and `index_count` instead of SQL.
    indexed = False

    def choices(self, vocabulary):
        """[(slug, label)] in display order."""
        raise NotImplementedError

    def filter(self, items, values, vocabulary):
        raise NotImplementedError

    def count(self, items, vocabulary):
        """{slug: number of items}, over `items` (already filtered by every other facet)."""
        raise NotImplementedError

    def facet(self, vocabulary, counts, selected):
        options = [
            FacetOption(self.name, value, label, counts.get(value, 0), value in selected)
            for value, label in self.choices(vocabulary)
        ]
        return Facet(self.name, self.legend, [FacetSection("", options)], hint=self.hint)


class GroupFacet(FacetDefinition):
    """Inequality groups: choosing a top-level group includes its subgroups, and counts the same way."""

    name = "group"
    legend = "Inequality group"
    noun = "Inequality group"
    tag_noun = "Group"
    hint = "Choosing a group includes its subgroups."

    def __init__(self, relation="groups"):
        self.relation = relation

    def choices(self, vocabulary):
        return vocabulary.group_choices

    def filter(self, items, values, vocabulary):
        return tagged_with(items, self.relation, vocabulary.group_ids(values))

    def count(self, items, vocabulary):
        """A top-level group counts each item once, whether it is tagged with the group itself or any
        of its subgroups, matching what choosing that group shows."""
        through, item_column, term = relation_table(items.model, self.relation)
        tags = through.objects.filter(**{f"{item_column}__in": item_ids(items)})
        per_family = (
            tags.annotate(family=Coalesce(f"{term}__parent_id", f"{term}_id"))
            .values("family")
            .annotate(items=Count(item_column, distinct=True))
            .values_list("family", "items")
        )
        per_subgroup = (
            tags.filter(**{f"{term}__parent__isnull": False})
            .values(f"{term}_id")
            .annotate(items=Count(item_column))
            .values_list(f"{term}_id", "items")
        )
        by_pk = dict(per_family.union(per_subgroup, all=True))
        return {group.slug: by_pk[group.pk] for group in vocabulary.groups if group.pk in by_pk}

    indexed = True

    def index_filter(self, values, index, vocabulary):
        return index.any_of(term_key(self.relation, group_id) for group_id in vocabulary.group_ids(values))

    def index_count(self, items, index, vocabulary):
        """As `count`: a top-level group counts its subgroups' items too, each once."""
        counts = {}
        for group in vocabulary.groups:
            bits = index[term_key(self.relation, group.pk)]
            for child in vocabulary.subgroups.get(group.pk, ()):
                bits |= index[term_key(self.relation, child.pk)]
            if count := (items & bits).bit_count():
                counts[group.slug] = count
        return counts

    def facet(self, vocabulary, counts, selected):
        def option(group, children=()):
            return FacetOption(
                self.name, group.slug, group.name, counts.get(group.slug, 0), group.slug in selected, children
            )

        options = [
            option(group, tuple(option(child) for child in vocabulary.subgroups[group.pk]))
            for group in vocabulary.groups
            if not group.parent_id
        ]
        return Facet(self.name, self.legend, [FacetSection("", options)], hint=self.hint)


class TopicFacet(FacetDefinition):
    """Topics, shown in sections: clinical focus areas for adults, for children, other topics."""

    name = "topic"
    legend = "Topic"
    noun = "Topic"

    def __init__(self, relation="topics"):
        self.relation = relation

    def choices(self, vocabulary):
        return vocabulary.topic_choices

    def filter(self, items, values, vocabulary):
        return tagged_with(items, self.relation, vocabulary.topic_ids(values))

    def count(self, items, vocabulary):
        by_pk = count_per_term(items, self.relation)
        return {topic.slug: by_pk[topic.pk] for topic in vocabulary.topics if topic.pk in by_pk}

    indexed = True

    def index_filter(self, values, index, vocabulary):
        return index.any_of(term_key(self.relation, topic_id) for topic_id in vocabulary.topic_ids(values))

    def index_count(self, items, index, vocabulary):
        counts = {}
        for topic in vocabulary.topics:
            if count := (items & index[term_key(self.relation, topic.pk)]).bit_count():
                counts[topic.slug] = count
        return counts

    def facet(self, vocabulary, counts, selected):
        sections = []
        for kind, heading in TOPIC_SECTION_HEADINGS.items():
            options = [
                FacetOption(self.name, topic.slug, topic.name, counts.get(topic.slug, 0), topic.slug in selected)
                for topic in vocabulary.topics
                if topic.kind == kind
            ]
            if options:
                sections.append(FacetSection(heading, options))
        return Facet(self.name, self.legend, sections, hint=self.hint)


class ChoiceFacet(FacetDefinition):
    """A field holding one value of a fixed list (the type of evidence, an opportunity's stage)."""

    one_per_item = True

    def __init__(self, name, field_name, choices, legend, noun=None):
        self.name, self.field_name, self.legend = name, field_name, legend
        self.noun = noun or legend
        self.fixed_choices = list(choices)

    def choices(self, vocabulary):
        return self.fixed_choices

    def filter(self, items, values, vocabulary):
        return items.filter(**{f"{self.field_name}__in": values})

    def count(self, items, vocabulary):
        per_value = items.order_by().values(self.field_name).annotate(items=Count("pk"))
        return dict(per_value.values_list(self.field_name, "items"))

    indexed = True

    def index_filter(self, values, index, vocabulary):
        return index.any_of(value_key(self.field_name, value) for value in values)

    def index_count(self, items, index, vocabulary):
        counts = {}
        for value, _ in self.fixed_choices:
            if count := (items & index[value_key(self.field_name, value)]).bit_count():
                counts[value] = count
        return counts


class TermFacet(FacetDefinition):
    """A many-to-many relation to a small vocabulary of slugged terms editors manage (issues, activities)."""

    def __init__(self, name, relation, model, legend, noun=None):
        self.name, self.relation, self.model, self.legend = name, relation, model, legend
        self.noun = noun or legend

    def terms(self):
        """The vocabulary, from the cache until it is edited."""
        return cached(("terms", self.model._meta.label), lambda: list(self.model.objects.all()))

    def choices(self, vocabulary):
        return [(term.slug, term.name) for term in self.terms()]

    def filter(self, items, values, vocabulary):
        ids = [term.pk for term in self.terms() if term.slug in values]
        return tagged_with(items, self.relation, ids)

    def count(self, items, vocabulary):
        by_pk = count_per_term(items, self.relation)
        return {term.slug: by_pk[term.pk] for term in self.terms() if term.pk in by_pk}


class FindingFacet(FacetDefinition):
    """A rating of the findings a brief carries (effect on inequalities, strength of evidence,
    approach), read from the findings index.

    The finding facets narrow together, not one by one: a brief matches when ONE of its findings
    meets every finding filter at once (`FinderFilterSet.matching_findings`), so "narrows" and
    "strong" find a strong finding that narrows, not a brief with a weak one that narrows and a
    strong one that widens. Counts follow: an option counts the briefs with a finding of that
    rating that also meets the other finding filters.
    """

    joint = True
    indexed = True

    def __init__(self, name, field_name, legend, *, choices=None, model=None, noun=None, hint=""):
        self.name, self.field_name, self.legend = name, field_name, legend
        self.noun = noun or legend
        self.hint = hint
        self.fixed_choices = list(choices or ())
        self.model = model

    def terms(self):
        """A vocabulary editors manage (approaches), from the cache until it is edited."""
        return cached(("terms", self.model._meta.label), lambda: list(self.model.objects.all()))

    def choices(self, vocabulary):
        if self.model is not None:
            return [(term.slug, term.name) for term in self.terms()]
        return self.fixed_choices

    def stored_values(self, values):
        """The values as the index stores them (ids for a vocabulary, slugs for a fixed list)."""
        if self.model is None:
            return list(values)
        return [term.pk for term in self.terms() if term.slug in values]

    def finding_filter(self, values):
        return Q(**{f"{self.field_name}__in": self.stored_values(values)})

    def filter(self, items, values, vocabulary):
        return items.filter(pk__in=Finding.objects.filter(self.finding_filter(values)).values("page_id"))

    def count(self, items, vocabulary, findings=None):
        """{slug: number of items with a finding of that rating among `findings`}."""
        findings = Finding.objects.all() if findings is None else findings
        per_value = dict(
            findings.filter(page_id__in=item_ids(items))
            .order_by()
            .values(self.field_name)
            .annotate(items=Count("page_id", distinct=True))
            .values_list(self.field_name, "items")
        )
        return self.by_slug(per_value)

    def by_slug(self, per_value):
        """{stored value: count} → {slug: count}."""
        if self.model is None:
            return per_value
        return {term.slug: per_value[term.pk] for term in self.terms() if term.pk in per_value}

    def index_count_alone(self, items, index):
        """As `count` when no other finding filter is chosen: each option's own bitmap."""
        values = (
            [term.pk for term in self.terms()] if self.model is not None else [value for value, _ in self.fixed_choices]
        )
        counts = {value: (items & index[finding_key(self.field_name, value)]).bit_count() for value in values}
        return self.by_slug({value: count for value, count in counts.items() if count})

    def index_count(self, items, combinations):
        """As `count`, from the index: `combinations` are the [(rating, bitmap)] of the findings
        that meet the other finding filters."""
        pages_by_value = defaultdict(int)
        for rating, bits in combinations:
            pages_by_value[rating[self.field_name]] |= bits
        counts = {value: (items & bits).bit_count() for value, bits in pages_by_value.items() if value is not None}
        return self.by_slug({value: count for value, count in counts.items() if count})


def finding_facets():
    """The effect, strength and approach facets, in the order the finder shows them."""
    return (
        FindingFacet(
            "effect",
            "effect",
            "Effect on inequalities",
            choices=InequalityEffect.choices,
            hint="Rated findings of What works briefs. A brief is listed when one of its findings "
            "matches every rating you choose.",
        ),
        FindingFacet("strength", "strength", "Strength of evidence", choices=EvidenceStrength.choices),
        FindingFacet("approach", "approach_id", "Approach", model=Approach),
    )
