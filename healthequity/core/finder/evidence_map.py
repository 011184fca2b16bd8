"""The evidence-and-gap map and the table of approaches, read from the findings index.

Rows are inequality groups (each top-level group, then its subgroups); columns are approaches or
topics, as the visitor chooses. Each cell counts the findings about that group and column and
splits them by effect on inequalities; an empty cell is a gap. Filters follow the finder's
conventions: slugs in the address, repeatable, OR within a filter and AND across filters, bad
values said by their field while the rest applies.

Every number is one aggregate query over the index (`healthequity.core.evidence`), whatever the
amount of content, kept in the cache under the content generation like the finder's counts.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django import forms
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from healthequity.caching.content import cached
from healthequity.core.evidence.models import Approach, Finding
from healthequity.core.evidence.ratings import STRENGTH_RANK, EvidenceStrength, InequalityEffect, effect_summary
from healthequity.core.models import EvidencePage

from .fields import PublicationDateField, SlugsField
from .vocabulary import Vocabulary

__all__ = [
    "ApproachSummary",
    "Cell",
    "EvidenceMap",
    "EvidenceMapQuery",
    "MapRow",
    "effect_summary",
]

COLUMN_CHOICES = [("approach", "Approaches"), ("topic", "Topics")]
FILTER_NAMES = ("group", "topic", "approach", "effect", "strength")
DATE_NAMES = ("from", "to")


def approaches():
    """The approach vocabulary, from the cache until it is edited."""
    return cached(("terms", "evidence.Approach"), lambda: list(Approach.objects.all()))


class EvidenceMapForm(forms.Form):
    """The map's parameters; `from` and `to` are keywords, so they are added by name."""

    columns = forms.ChoiceField(choices=COLUMN_CHOICES, required=False, label="Columns")

    def __init__(self, data, vocabulary, approach_terms):
        super().__init__(data)
        choices = {
            "group": vocabulary.group_choices,
            "topic": vocabulary.topic_choices,
            "approach": [(term.slug, term.name) for term in approach_terms],
            "effect": InequalityEffect.choices,
            "strength": EvidenceStrength.choices,
        }
        nouns = {
            "group": "Inequality group",
            "topic": "Topic",
            "approach": "Approach",
            "effect": "Effect on inequalities",
            "strength": "Strength of evidence",
        }
        for name in FILTER_NAMES:
            self.fields[name] = SlugsField(choices=choices[name], required=False, noun=nouns[name], label=nouns[name])
        self.fields["from"] = PublicationDateField(required=False, label="From")
        self.fields["to"] = PublicationDateField(required=False, label="To", period_end=True)
        self.fields["columns"].error_messages["invalid_choice"] = (
            "Columns can be approaches or topics. Showing approaches."
        )

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("from"), cleaned_data.get("to")
        if start and end and start > end:
            self.add_error("to", "The ‘to’ date must be the same as or after the ‘from’ date.")
        return cleaned_data


class EvidenceMapQuery:
    """One query of the map, its findings list and its approaches table: validated parameters, the
    filtered findings and the links that keep the query."""

    def __init__(self, data, *, preset=None):
        self.vocabulary = Vocabulary.load()
        self.approach_terms = approaches()
        self.approaches_by_slug = {term.slug: term for term in self.approach_terms}
        self.form = EvidenceMapForm(data, self.vocabulary, self.approach_terms)
        self.preset = preset or {}

    @cached_property
    def applied(self):
        form = self.form
        form.is_valid()
        values = {name: [] for name in FILTER_NAMES}
        values.update(dict.fromkeys(DATE_NAMES))
        values["columns"] = ""
        values.update({name: value for name, value in form.cleaned_data.items() if value not in (None, "")})
        for name in FILTER_NAMES:
            if name in form.errors:
                values[name] = form.fields[name].known_values(form[name].data)
        for name, value in self.preset.items():
            values[name] = value
        values["columns"] = values["columns"] or "approach"
        return values

    @property
    def errors(self):
        self.applied  # noqa: B018 - validates the form
        return self.form.errors

    @property
    def problems(self):
        return [
            (name, message) for name in ("columns", *FILTER_NAMES, *DATE_NAMES) for message in self.errors.get(name, [])
        ]

    @property
    def columns(self):
        return self.applied["columns"]

    def key(self, *extra):
        applied = self.applied
        filters = tuple((name, tuple(sorted(applied[name]))) for name in FILTER_NAMES)
        dates = tuple((name, applied[name] and applied[name].isoformat()) for name in DATE_NAMES)
        return ("evidence-map", filters, dates, *extra)

    # The findings

    def findings(self, *, without=()):
        """The findings matching every filter (but those named in `without`)."""
        applied = self.applied
        findings = Finding.objects.all()
        if applied["effect"] and "effect" not in without:
            findings = findings.filter(effect__in=applied["effect"])
        if applied["strength"] and "strength" not in without:
            findings = findings.filter(strength__in=applied["strength"])
        if applied["approach"] and "approach" not in without:
            ids = [self.approaches_by_slug[slug].pk for slug in applied["approach"]]
            findings = findings.filter(approach_id__in=ids)
        if applied["group"] and "group" not in without:
            tagged = Finding.groups.through.objects.filter(
                inequalitygroup_id__in=self.vocabulary.group_ids(applied["group"])
            )
            findings = findings.filter(pk__in=tagged.values("finding_id"))
        if applied["topic"] and "topic" not in without:
            on_topic = EvidencePage.topics.through.objects.filter(
                topic_id__in=self.vocabulary.topic_ids(applied["topic"])
            )
            findings = findings.filter(page_id__in=on_topic.values("evidencepage_id"))
        if applied["from"]:
            findings = findings.filter(page__publication_date__gte=applied["from"])
        if applied["to"]:
            findings = findings.filter(page__publication_date__lte=applied["to"])
        return findings

    # Links

    def params(self, *, columns=True, **overrides):
        """The applied query as parameters; `overrides` replace a filter's values."""
        applied = self.applied
        params = []
        if columns and applied["columns"] != "approach":
            params.append(("columns", applied["columns"]))
        for name in FILTER_NAMES:
            values = overrides.get(name, applied[name])
            params.extend((name, value) for value in values)
        for name in DATE_NAMES:
            if applied[name]:
                params.append((name, applied[name].isoformat()))
        return params

    @staticmethod
    def url(path, params):
        return f"{path}?{urlencode(params)}" if params else path

    @cached_property
    def fieldsets(self):
        """The filters as the form shows them: each option with its checked state, and any errors."""
        applied = self.applied
        choices = {name: self.form.fields[name].choices for name in FILTER_NAMES}
        subgroups = {group.slug for group in self.vocabulary.groups if group.parent_id}
        legends = {
            "group": "Inequality group",
            "topic": "Topic",
            "approach": "Approach",
            "effect": "Effect on inequalities",
            "strength": "Strength of evidence",
        }
        return [
            {
                "name": name,
                "legend": legends[name],
                "errors": self.errors.get(name, []),
                "options": [
                    {
                        "value": value,
                        "label": label,
                        "checked": value in applied[name],
                        "id": f"map-{name}-{value}",
                        "nested": name == "group" and value in subgroups,
                    }
                    for value, label in choices[name]
                ],
            }
            for name in ("effect", "strength", "group", "topic", "approach")
            if name not in self.preset
        ]

    @property
    def date_values(self):
        """The date boxes, as typed."""
        values = []
        for name in DATE_NAMES:
            typed = self.form[name].data
            values.append(
                {
                    "name": name,
                    "id": f"map-{name}",
                    "label": self.form.fields[name].label,
                    "value": typed if isinstance(typed, str) else "",
                    "errors": self.errors.get(name, []),
                }
            )
        return values

    # The map

    @cached_property
    def counts(self):
        """{(group pk, column pk): {effect: findings}}, the total and findings with no approach."""
        return cached(self.key("cells", self.columns), self._count)

    def _count(self):
        findings = self.findings()
        column = "finding__approach_id" if self.columns == "approach" else "finding__page__topics"
        tags = Finding.groups.through.objects.all()
        if findings.query.where:  # the unfiltered map (the commonest) needs no semi-join
            tags = tags.filter(finding_id__in=findings.values("pk"))
        per_family = (
            tags.annotate(row=Coalesce("inequalitygroup__parent_id", "inequalitygroup_id"))
            .values_list("row", column, "finding__effect")
            .annotate(findings=Count("finding_id", distinct=True))
        )
        per_subgroup = (
            tags.filter(inequalitygroup__parent__isnull=False)
            .values_list("inequalitygroup_id", column, "finding__effect")
            .annotate(findings=Count("finding_id"))  # one row per finding and group: nothing twice
        )
        cells = defaultdict(dict)
        for row, column_pk, effect, count in per_family.union(per_subgroup, all=True):
            if column_pk is not None:  # no approach given, or a brief without topics
                cells[(row, column_pk)][effect] = cells[(row, column_pk)].get(effect, 0) + count
        totals = findings.aggregate(total=Count("pk"), without_approach=Count("pk", filter=Q(approach__isnull=True)))
        return {"cells": dict(cells), **totals}

    @cached_property
    def column_terms(self):
        chosen = self.applied[self.columns]
        terms = self.approach_terms if self.columns == "approach" else self.vocabulary.topics
        return [term for term in terms if not chosen or term.slug in chosen]

    @cached_property
    def row_groups(self):
        """Each top-level group and its subgroups; a group filter keeps the chosen groups' families."""
        vocabulary = self.vocabulary
        chosen = set(self.applied["group"])
        rows = []
        for group in vocabulary.groups:
            if group.parent_id:
                continue
            family = [group, *vocabulary.subgroups[group.pk]]
            if chosen and group.slug not in chosen:
                family = [member for member in family[1:] if member.slug in chosen]
            rows.extend(family)
        return rows

    def build(self, findings_path):
        counts = self.counts
        rows = [self.row(group, findings_path) for group in self.row_groups]
        return EvidenceMap(self.columns, self.column_terms, rows, counts["total"], counts["without_approach"])

    def row(self, group, findings_path):
        cells = []
        for term in self.column_terms:
            split = self.counts["cells"].get((group.pk, term.pk), {})
            cells.append(Cell(group, term, split, partial(self.cell_url, findings_path, group, term)))
        return MapRow(group, bool(group.parent_id), cells)

    def cell_url(self, findings_path, group, term):
        return self.url(findings_path, self.params(group=[group.slug], **{self.columns: [term.slug]}))

    def rows_for(self, group_pks, findings_path):
        """The map's rows for some groups only (an opportunity's), in the map's order. A row counts
        only findings about its own group (a top-level group with its subgroups), so it reads the
        same cached counts as the whole map: every opportunity shares one query."""
        wanted = set(group_pks)
        return [self.row(group, findings_path) for group in self.vocabulary.groups if group.pk in wanted]

    def table_html(self, the_map, table_id="evidence-map"):
        """The map's table as HTML, kept with the counts until the content changes: rendering a
        cell per group and column costs more than everything else on a warm request."""
        caption = f"Findings by inequality group and {the_map.column_noun}"

        def render():
            context = {"map": the_map, "table_id": table_id, "caption": caption}
            return render_to_string("finder/includes/evidence_map_table.html", context)

        # Our own template, rendered from our own cache.
        return mark_safe(cached(self.key("table-html", self.columns, table_id), render))  # noqa: S308

    # The table of approaches

    @cached_property
    def approach_counts(self):
        return cached(self.key("approaches"), self._count_approaches)

    def _count_approaches(self):
        findings = self.findings(without=("approach",)).filter(approach__isnull=False)
        ratings = findings.values_list("approach_id", "effect", "strength").annotate(findings=Count("pk"))
        families = (
            Finding.groups.through.objects.filter(finding_id__in=findings.values("pk"))
            .annotate(family=Coalesce("inequalitygroup__parent_id", "inequalitygroup_id"))
            .values_list("finding__approach_id", "family")
            .distinct()
        )
        return {"ratings": list(ratings), "families": list(families)}

    def approach_summaries(self, findings_path, map_path):
        counts = self.approach_counts
        by_approach = defaultdict(lambda: {"effects": defaultdict(int), "strengths": defaultdict(int)})
        for approach_pk, effect, strength, count in counts["ratings"]:
            by_approach[approach_pk]["effects"][effect] += count
            by_approach[approach_pk]["strengths"][strength] += count
        families = defaultdict(set)
        for approach_pk, family in counts["families"]:
            families[approach_pk].add(family)
        groups_in_order = [group for group in self.vocabulary.groups if not group.parent_id]
        summaries = []
        for term in self.approach_terms:
            data = by_approach.get(term.pk, {"effects": {}, "strengths": {}})
            strengths = [value for value in EvidenceStrength.values if data["strengths"].get(value)]
            summaries.append(
                ApproachSummary(
                    approach=term,
                    effects=dict(data["effects"]),
                    strongest=strengths[0] if strengths else "",
                    strongest_count=data["strengths"].get(strengths[0], 0) if strengths else 0,
                    groups=[group for group in groups_in_order if group.pk in families[term.pk]],
                    findings_url=self.url(findings_path, self.params(approach=[term.slug])),
                )
            )
        return summaries


@dataclass(frozen=True)
class Cell:
    group: object
    term: object
    effects: dict
    # Worked out only when shown: a cached table shows none of them.
    make_findings_url: Callable[[], str]

    @property
    def findings_url(self):
        return self.make_findings_url()

    @property
    def total(self):
        return sum(self.effects.values())

    @property
    def is_gap(self):
        return not self.total

    @property
    def split(self):
        """(effect, label, count) for each effect, in the order of the scale, including zeros."""
        return [(value, label, self.effects.get(value, 0)) for value, label in InequalityEffect.choices]

    @property
    def summary(self):
        return effect_summary(self.effects)

    @property
    def narrows_share(self):
        return round(100 * self.effects.get(InequalityEffect.NARROWS, 0) / self.total) if self.total else 0


@dataclass(frozen=True)
class MapRow:
    group: object
    is_subgroup: bool
    cells: list

    @property
    def total_gaps(self):
        return sum(1 for cell in self.cells if cell.is_gap)

    @property
    def total_findings(self):
        return sum(cell.total for cell in self.cells)


@dataclass(frozen=True)
class EvidenceMap:
    columns: str
    terms: list
    rows: list
    total: int
    without_approach: int

    @property
    def column_noun(self):
        return "approach" if self.columns == "approach" else "topic"

    @property
    def gaps(self):
        return sum(row.total_gaps for row in self.rows)


@dataclass(frozen=True)
class ApproachSummary:
    approach: object
    effects: dict
    strongest: str
    strongest_count: int
    groups: list = field(default_factory=list)
    findings_url: str = ""

    @property
    def total(self):
        return sum(self.effects.values())

    @property
    def summary(self):
        return effect_summary(self.effects)

    @property
    def split(self):
        return [(value, label, self.effects.get(value, 0)) for value, label in InequalityEffect.choices]

    @property
    def strongest_label(self):
        return EvidenceStrength(self.strongest).label if self.strongest else "None yet"

    @property
    def strongest_rank(self):
        return STRENGTH_RANK.get(self.strongest, 0)

    @property
    def narrows_share(self):
        return round(100 * self.effects.get(InequalityEffect.NARROWS, 0) / self.total) if self.total else 0
