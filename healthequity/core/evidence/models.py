"""The approach vocabulary editors manage, and the findings index the map and the finder read."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .ratings import Cost, EvidenceStrength, InequalityEffect

__all__ = ["Approach", "Finding"]


class Approach(index.Indexed, models.Model):
    """The kind of intervention a finding is about (outreach and screening, digital, ...): the map's
    columns and the rows of the table of approaches."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter addresses; keep it stable.")
    description = models.TextField(blank=True, max_length=1000)
    sort_order = models.PositiveSmallIntegerField(default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Finding(models.Model):
    """One rated finding of a live, public page, copied from the page by the indexer (see indexing).

    Never edited here: the page is the source, and the rows are rewritten whenever it is published,
    unpublished, moved or made private. Topics and the date are read from the page.
    """

    page = models.ForeignKey("core.EvidencePage", on_delete=models.CASCADE, related_name="indexed_findings")
    position = models.PositiveSmallIntegerField()
    intervention = models.CharField(max_length=250)
    approach = models.ForeignKey(Approach, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings")
    effect = models.CharField(max_length=20, choices=InequalityEffect.choices)
    strength = models.CharField(max_length=20, choices=EvidenceStrength.choices)
    cost = models.CharField(max_length=20, choices=Cost.choices, default=Cost.NOT_KNOWN)
    groups = models.ManyToManyField("core.InequalityGroup", related_name="findings")

    class Meta:
        ordering = ["page", "position"]
        constraints = [models.UniqueConstraint(fields=["page", "position"], name="evidence_finding_position")]
        indexes = [models.Index(fields=["approach", "effect"], name="evidence_finding_approach")]

    def __str__(self):
        return self.intervention

    @property
    def effect_label(self):
        return InequalityEffect(self.effect).label

    @property
    def strength_label(self):
        return EvidenceStrength(self.strength).label

    @property
    def cost_label(self):
        return Cost(self.cost).label
