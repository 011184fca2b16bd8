"""The Citizens' Panel: members of the public telling their own experience of care."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from healthequity.core.blocks import BODY_BLOCKS
from healthequity.core.models import EvidencePage, ResourceType
from healthequity.core.finder.finder import FinderPageMixin


class CitizensPanelIndexPage(FinderPageMixin, Page):
    introduction = models.TextField(max_length=600, blank=True)

    # Its own posts, filtered like the finder; every post has one type, so no type facet.
    finder_facets = ("group", "topic")
    finder_feed_types = (ResourceType.PANEL_POST,)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["panel.PanelPostPage"]
    max_count = 1


class PanelPostPage(EvidencePage):
    fixed_resource_type = ResourceType.PANEL_POST

    member_display_name = models.CharField(
        "panel member's display name",
        max_length=100,
        default="A member of our Citizens' Panel",
        help_text="The name the member chose to be shown. Never their real name unless they asked for it.",
    )
    body = StreamField(BODY_BLOCKS)

    content_panels = (
        Page.content_panels
        + [FieldPanel("member_display_name")]
        + EvidencePage.listing_panels
        + [FieldPanel("body")]
        + EvidencePage.lifecycle_panels
    )
    search_fields = EvidencePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["panel.CitizensPanelIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Citizens' Panel post"
