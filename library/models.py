"""A curated reading list of external material, grouped by the organisation that published it."""

from django import forms
from django.db import models

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class LibraryLink(index.Indexed, ClusterableModel):
    title = models.CharField(max_length=300)
    url = models.URLField("URL", max_length=500)
    organisation = models.CharField(max_length=150, help_text="Links are grouped under this name.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True, max_length=600)
    groups = ParentalManyToManyField(
        "core.InequalityGroup", blank=True, related_name="library_links", verbose_name="inequality groups"
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="library_links")

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("organisation"),
        FieldPanel("year"),
        FieldPanel("description"),
        FieldPanel("groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("organisation"),
        index.FilterField("organisation"),
    ]

    class Meta:
        ordering = ["organisation", "-year", "title"]
        verbose_name = "library link"

    def __str__(self):
        return f"{self.title} ({self.organisation}{f', {self.year}' if self.year else ''})"


class LibraryPage(Page):
    """/library/: every library link, grouped by organisation."""

    introduction = models.TextField(max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    show_in_menus_default = True  # a section of the site: in the main menu unless editors say otherwise
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["links"] = LibraryLink.objects.prefetch_related("groups", "topics").order_by(
            "organisation", "-year", "title"
        )
        return context
