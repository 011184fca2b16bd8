"""The vocabularies everything is filtered by. They are data that editors manage as snippets;
a data migration seeds them from NHS England's Core20PLUS5."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

__all__ = ["Author", "InequalityGroup", "Topic", "TopicKind"]


class InequalityGroupQuerySet(models.QuerySet):
    def in_tree_order(self):
        """Each top-level group followed by its subgroups, as the Core20PLUS5 tree reads."""
        return self.order_by(
            Coalesce("parent__sort_order", "sort_order"),
            Coalesce("parent__name", "name"),
            F("parent_id").asc(nulls_first=True),
            "sort_order",
            "name",
        )


class InequalityGroup(index.Indexed, models.Model):
    """A group whose health or care is unequal: a two-level tree (group → subgroup)."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter addresses; keep it stable.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text="Leave empty for a top-level group.",
    )
    description = models.TextField(blank=True, max_length=2000)
    sort_order = models.PositiveSmallIntegerField(default=100)

    objects = InequalityGroupQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "inequality group"

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def clean(self):
        if self.parent_id is None:
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": "A group cannot be its own parent."})
        if self.parent.parent_id is not None:
            raise ValidationError({"parent": "Groups have two levels: choose a top-level group as the parent."})
        if self.pk and self.children.exists():
            raise ValidationError({"parent": "This group has subgroups, so it must stay at the top level."})


class TopicKind(models.TextChoices):
    ADULT_FOCUS = "adult-focus-area", "Focus area for adults"
    CYP_FOCUS = "cyp-focus-area", "Focus area for children and young people"
    OTHER = "other", "Other topic"


class Topic(index.Indexed, models.Model):
    """A subject (clinical focus area or wider theme): the second vocabulary beside groups."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter addresses; keep it stable.")
    kind = models.CharField(max_length=32, choices=TopicKind.choices, default=TopicKind.OTHER)
    description = models.TextField(blank=True, max_length=2000)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    bio = models.TextField("short bio", blank=True, max_length=1000)
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("organisation")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
