"""The funders' vocabularies: issue (an editable list), activity (a fixed list), location and stage.

Every value has a slug, so a filtered view of /funders/ is a stable, shareable address.
"""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

__all__ = ["ACTIVITIES", "ISSUES", "Activity", "Issue", "Location", "Stage"]

# Seeded by the data migration; editors may change issues afterwards, activities are fixed.
ISSUES = [
    ("health", "Health"),
    ("mental-health", "Mental health"),
    ("housing-and-homelessness", "Housing and homelessness"),
    ("employment", "Employment"),
    ("education-and-skills", "Education and skills"),
    ("poverty-and-financial-inclusion", "Poverty and financial inclusion"),
    ("community-development", "Community development"),
    ("arts-culture-and-heritage", "Arts, culture and heritage"),
    ("environment", "Environment"),
]
ACTIVITIES = [
    ("information-sharing", "Information sharing"),
    ("peer-learning", "Peer learning"),
    ("pooled-funding", "Pooled funding"),
    ("aligned-funding", "Aligned or co-ordinated funding"),
    ("influencing-policy-and-practice", "Influencing policy and practice"),
    ("capacity-building", "Capacity building"),
    ("shared-evaluation", "Shared evaluation"),
]


class Location(models.TextChoices):
    """Where an opportunity happens: one of the UK nations, an English region, or wider."""

    INTERNATIONAL = "international", "International"
    UK_WIDE = "uk-wide", "UK-wide"
    ENGLAND = "england", "England"
    SCOTLAND = "scotland", "Scotland"
    WALES = "wales", "Wales"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
    NORTH_EAST = "north-east", "North East"
    NORTH_WEST = "north-west", "North West"
    YORKSHIRE_AND_THE_HUMBER = "yorkshire-and-the-humber", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    EAST_OF_ENGLAND = "east-of-england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south-east", "South East"
    SOUTH_WEST = "south-west", "South West"


class Stage(models.TextChoices):
    EMERGING = "emerging-opportunity", "Emerging opportunity"
    EXISTING = "existing-collaboration", "Existing collaboration"
    PAST = "learning-from-a-past-collaboration", "Learning from a past collaboration"


class Issue(index.Indexed, models.Model):
    """A cause area (health, housing, employment …): a short list editors manage as a snippet."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in filter addresses; keep it stable.")
    sort_order = models.PositiveSmallIntegerField(default=100, help_text="Lower numbers come first in lists.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Activity(models.Model):
    """What funders do together (information sharing, pooled funding …).

    A fixed list from the design, seeded by a migration and not edited in the admin; it is a model
    rather than a choices field so opportunities can have several and listings can count them.
    """

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "activities"

    def __str__(self):
        return self.name
