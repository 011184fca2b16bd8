"""The blog: views and opinions from the team, partners and guest authors."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from healthequity.core.blocks import BODY_BLOCKS
from healthequity.core.models import EvidencePage, ResourceType


class BlogPage(EvidencePage):
    fixed_resource_type = ResourceType.BLOG

    is_guest_post = models.BooleanField(
        "guest post", default=False, help_text="Written by someone outside the centre's team."
    )
    body = StreamField(BODY_BLOCKS)

    content_panels = (
        Page.content_panels
        + EvidencePage.listing_panels
        + EvidencePage.authors_panels
        + [FieldPanel("is_guest_post"), FieldPanel("body")]
        + EvidencePage.lifecycle_panels
    )
    search_fields = EvidencePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["finder.EvidenceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "blog post"
