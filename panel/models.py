"""The Citizens' Panel: members of the public telling their own experience of care."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from healthequity.core.blocks import BODY_BLOCKS
from healthequity.core.models import EvidencePage, ResourceType


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

    parent_page_types = ["finder.EvidenceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Citizens' Panel post"
