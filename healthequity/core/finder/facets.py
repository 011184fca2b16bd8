"""The counts beside every finder option, one aggregate query per facet.

Each facet is counted over the pages that match every *other* filter (its own is left out), so
choosing one group does not turn the other groups' counts to 0: the count says how many results
you would get by adding that option.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import Coalesce

from healthequity.core.models import EvidencePage, ResourceType, TopicKind

__all__ = ["Facet", "FacetOption", "FacetSection", "count_groups", "count_topics", "count_types"]

TOPIC_SECTION_HEADINGS = {
    TopicKind.ADULT_FOCUS: "Clinical focus areas for adults",
    TopicKind.CYP_FOCUS: "Clinical focus areas for children and young people",
    TopicKind.OTHER: "Other topics",
}


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

    @property
    def options(self):
        """Every option, subgroups included, in display order."""
        return [
            member for section in self.sections for option in section.options for member in (option, *option.children)
        ]

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)

    @classmethod
    def for_groups(cls, vocabulary, counts, selected):
        def option(group, children=()):
            return FacetOption(
                "group", group.slug, group.name, counts.get(group.pk, 0), group.slug in selected, children
            )

        options = [
            option(group, tuple(option(child) for child in vocabulary.subgroups[group.pk]))
            for group in vocabulary.groups
            if not group.parent_id
        ]
        return cls("group", "Inequality group", [FacetSection("", options)])

    @classmethod
    def for_topics(cls, vocabulary, counts, selected):
        sections = []
        for kind, heading in TOPIC_SECTION_HEADINGS.items():
            options = [
                FacetOption("topic", topic.slug, topic.name, counts.get(topic.pk, 0), topic.slug in selected)
                for topic in vocabulary.topics
                if topic.kind == kind
            ]
            if options:
                sections.append(FacetSection(heading, options))
        return cls("topic", "Topic", sections)

    @classmethod
    def for_types(cls, counts, selected):
        options = [
            FacetOption("type", value, label, counts.get(value, 0), value in selected)
            for value, label in ResourceType.choices
        ]
        return cls("type", "Type", [FacetSection("", options)])


def page_ids(pages):
    return pages.order_by().values("pk")


def count_groups(pages):
    """Pages per group. A top-level group counts each page once, whether it is tagged with the
    group itself or any of its subgroups, matching what choosing that group shows."""
    tags = EvidencePage.groups.through.objects.filter(evidencepage_id__in=page_ids(pages))
    per_family = (
        tags.annotate(family=Coalesce("inequalitygroup__parent_id", "inequalitygroup_id"))
        .values("family")
        .annotate(pages=Count("evidencepage_id", distinct=True))
        .values_list("family", "pages")
    )
    per_subgroup = (
        tags.filter(inequalitygroup__parent__isnull=False)
        .values("inequalitygroup_id")
        .annotate(pages=Count("evidencepage_id"))
        .values_list("inequalitygroup_id", "pages")
    )
    return dict(per_family.union(per_subgroup, all=True))


def count_topics(pages):
    tags = EvidencePage.topics.through.objects.filter(evidencepage_id__in=page_ids(pages))
    return dict(tags.values("topic_id").annotate(pages=Count("evidencepage_id")).values_list("topic_id", "pages"))


def count_types(pages):
    return dict(
        pages.order_by().values("resource_type").annotate(pages=Count("pk")).values_list("resource_type", "pages")
    )
