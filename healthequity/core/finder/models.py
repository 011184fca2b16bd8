"""The evidence index page: one page type for every listing of a kind of evidence (the blog, the
Citizens' Panel, any section editors add), filtered like the finder; and the search synonyms
editors manage (`synonyms`, a module of its own so the filters can read it)."""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from healthequity.core.models.pages import ResourceType

from .facet_index import FacetBitmap
from .pages import FinderPageMixin
from .search_counts import UnansweredSearch
from .synonyms import SearchSynonym
from .word_index import WordBitmap, WordIndexChange
from .words import SearchWord

__all__ = [
    "EvidenceIndexPage",
    "FacetBitmap",
    "SearchSynonym",
    "SearchWord",
    "UnansweredSearch",
    "WordBitmap",
    "WordIndexChange",
]


class EvidenceIndexPage(FinderPageMixin, Page):
    """The evidence pages of one kind below it, newest first, with search and filters.

    Only pages of the kind it lists can be added below it (see `EvidencePage.can_create_at`).
    """

    introduction = models.TextField(max_length=600, blank=True)
    listed_type = models.CharField(
        "kind of evidence",
        max_length=32,
        choices=ResourceType.choices,
        help_text="What this listing holds: only pages of this kind can be added below it.",
    )

    # Every page below has one type, so no type facet.
    finder_facets = ("group", "topic")

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("listed_type")]

    show_in_menus_default = True  # a section of the site: in the main menu unless editors say otherwise
    parent_page_types = ["core.HomePage"]

    class Meta:
        verbose_name = "evidence index page"

    @property
    def finder_feed_types(self):
        return (self.listed_type,)

    def clean(self):
        super().clean()
        others = EvidenceIndexPage.objects.filter(listed_type=self.listed_type).exclude(pk=self.pk)
        if self.listed_type and others.exists():
            label = ResourceType(self.listed_type).label
            raise ValidationError({"listed_type": f"There is already a listing of “{label}” pages."})
