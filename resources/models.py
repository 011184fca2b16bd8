"""The finder's home (/resources/), general resources and structured What works briefs."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from healthequity.core.blocks import BODY_BLOCKS
from healthequity.core.evidence.blocks import ApproachBlock, EvidenceMapBlock, InequalityGroupsBlock, stored_group_ids
from healthequity.core.evidence.indexing import FindingRecord
from healthequity.core.evidence.ratings import Cost, EvidenceStrength, InequalityEffect
from healthequity.core.finder.pages import SiteFinderPageMixin
from healthequity.core.models import EvidencePage, ResourceType
from healthequity.core.templatetags.core_tags import has_text

# The kinds an editor may give a general resource; briefs, blogs and panel posts have their own page types.
RESOURCE_KINDS = [
    ResourceType.ANALYSIS,
    ResourceType.REPORT,
    ResourceType.TOOL,
    ResourceType.DATA,
    ResourceType.EVIDENCE_MAP,
]


class ResourceIndexPage(SiteFinderPageMixin, Page):
    """/resources/: the evidence finder over every kind of content, and the landing page of each
    inequality group and topic (/resources/groups/<slug>/, /resources/topics/<slug>/)."""

    introduction = models.TextField(max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    show_in_menus_default = True  # a section of the site: in the main menu unless editors say otherwise
    parent_page_types = ["core.HomePage"]
    subpage_types = ["resources.ResourcePage", "resources.WhatWorksBriefPage"]
    max_count = 1

    # The main navigation links straight to the briefs, a filtered view of this page.
    menu_shortcuts = [("What works", {"type": ResourceType.WHAT_WORKS})]


class ResourcePage(EvidencePage):
    """An analysis, report, tool, data set or evidence map."""

    body = StreamField([*BODY_BLOCKS, ("evidence_map", EvidenceMapBlock())], blank=True)

    content_panels = (
        Page.content_panels
        + [
            FieldPanel(
                "resource_type",
                widget=forms.Select(choices=[(kind.value, kind.label) for kind in RESOURCE_KINDS]),
            )
        ]
        + EvidencePage.listing_panels
        + EvidencePage.authors_panels
        + [FieldPanel("body")]
        + EvidencePage.lifecycle_panels
    )
    search_fields = EvidencePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "resource"

    def clean(self):
        super().clean()
        if self.resource_type not in RESOURCE_KINDS:
            raise ValidationError({"resource_type": "Choose analysis, report, tool, data or evidence map."})


class FindingValue(blocks.StructValue):
    def effect_label(self):
        return InequalityEffect(self["effect"]).label

    def strength_label(self):
        return EvidenceStrength(self["strength"]).label

    def cost_label(self):
        return Cost(self["cost"]).label if self.get("cost") in Cost.values else ""


class FindingBlock(blocks.StructBlock):
    """One intervention, its approach, who it concerns, its effect on inequalities, how sure we are
    and what it costs. Indexed for the evidence map and the finder (`evidence_findings`)."""

    intervention = blocks.CharBlock(max_length=250)
    approach = ApproachBlock(required=False, help_text="The kind of intervention, for the evidence map.")
    groups = InequalityGroupsBlock(label="Inequality groups it concerns")
    effect = blocks.ChoiceBlock(choices=InequalityEffect.choices, label="Effect on inequalities")
    strength = blocks.ChoiceBlock(choices=EvidenceStrength.choices, label="Strength of evidence")
    cost = blocks.ChoiceBlock(choices=Cost.choices, required=False, label="Cost")
    detail = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"], required=False)

    class Meta:
        icon = "tick-inverse"
        template = "resources/blocks/finding_block.html"
        value_class = FindingValue


class ReferenceBlock(blocks.StructBlock):
    citation = blocks.TextBlock(max_length=1000)
    url = blocks.URLBlock(required=False, label="URL")
    doi = blocks.CharBlock(required=False, max_length=100, label="DOI")

    class Meta:
        icon = "link"
        template = "resources/blocks/reference_block.html"


class WhatWorksBriefPage(EvidencePage):
    """A structured evidence review: question, key messages, rated findings, recommendations."""

    fixed_resource_type = ResourceType.WHAT_WORKS

    review_question = models.TextField(max_length=500)
    key_messages = StreamField([("message", blocks.TextBlock(max_length=600))], blank=True)
    findings = StreamField([("finding", FindingBlock())], blank=True)
    recommendations = RichTextField(features=["bold", "italic", "link", "ol", "ul"], blank=True)
    evidence_searched_to = models.DateField("evidence searched up to", null=True, blank=True)
    methods = RichTextField(features=["bold", "italic", "link", "ol", "ul"], blank=True)
    references = StreamField([("reference", ReferenceBlock())], blank=True)

    content_panels = (
        Page.content_panels
        + EvidencePage.listing_panels
        + EvidencePage.authors_panels
        + [
            FieldPanel("review_question"),
            FieldPanel("key_messages"),
            FieldPanel("findings"),
            FieldPanel("recommendations"),
            MultiFieldPanel([FieldPanel("evidence_searched_to"), FieldPanel("methods")], heading="Methods"),
            FieldPanel("references"),
        ]
        + EvidencePage.lifecycle_panels
    )
    search_fields = EvidencePage.search_fields + [
        index.SearchField("review_question"),
        index.SearchField("key_messages"),
        index.SearchField("findings"),
        index.SearchField("recommendations"),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "What works brief"

    def submission_checks(self):
        """The brief's fixed sections left empty are not shown on the site: say which."""
        checks = super().submission_checks()
        sections = [
            ("Key messages", bool(self.key_messages)),
            ("What works: the findings", bool(self.findings)),
            ("Recommendations", has_text(self.recommendations)),
            ("Methods", bool(self.evidence_searched_to) or has_text(self.methods)),
            ("References", bool(self.references)),
        ]
        empty = [heading for heading, filled in sections if not filled]
        checks.extend(f"“{heading}” is empty, so the brief will have no such section." for heading in empty)
        return checks

    def evidence_findings(self):
        """The findings index's protocol (healthequity.core.evidence.indexing): the rated findings,
        read from the stored stream without a query."""
        for block in self.findings.raw_data:
            if block.get("type") != "finding":
                continue
            value = block.get("value") or {}
            approach = value.get("approach")
            yield FindingRecord(
                intervention=value.get("intervention") or "",
                effect=value.get("effect") or "",
                strength=value.get("strength") or "",
                group_ids=tuple(stored_group_ids(value.get("groups"))),
                approach_id=approach if isinstance(approach, int) else None,
                cost=value.get("cost") or Cost.NOT_KNOWN,
            )
