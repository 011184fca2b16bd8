"""The finder's home (/resources/), general resources and structured What works briefs."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from healthequity.core.blocks import BODY_BLOCKS
from healthequity.core.models import FINDER_PATH, EvidencePage, ResourceType

from healthequity.core.finder.facets import TOPIC_SECTION_HEADINGS
from healthequity.core.finder.filters import Vocabulary
from healthequity.core.finder.finder import EvidenceFinder, FinderPageMixin, group_page_url, topic_page_url

# The kinds an editor may give a general resource; briefs, blogs and panel posts have their own page types.
RESOURCE_KINDS = [
    ResourceType.ANALYSIS,
    ResourceType.REPORT,
    ResourceType.TOOL,
    ResourceType.DATA,
    ResourceType.EVIDENCE_MAP,
]


class ResourceIndexPage(RoutablePageMixin, FinderPageMixin, Page):
    """/resources/: the evidence finder over every kind of content, and the landing page of each
    inequality group and topic (/resources/groups/<slug>/, /resources/topics/<slug>/)."""

    introduction = models.TextField(max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["resources.ResourcePage", "resources.WhatWorksBriefPage"]
    max_count = 1

    # How many of the latest items a group or topic page shows.
    latest_on_term_page = 6

    def get_finder_scope(self):
        return EvidencePage.objects.live().public()

    def get_finder_cache_scope(self):
        return "all"  # the same scope as the feed and the JSON, which share its counts

    def term_finder(self, name=None, slug=None, facets=()):
        """The finder's own machinery (filters, cached counts), filtered to one group or topic."""
        query = QueryDict(mutable=True)
        if name:
            query[name] = slug
        return EvidenceFinder(query, self.get_finder_scope(), facets=facets, per_page=self.latest_on_term_page)

    @path("groups/", name="groups")
    def group_index(self, request):
        finder = self.term_finder(facets=("group",))
        vocabulary, counts = finder.vocabulary, finder.counts["group"]
        groups = [
            {
                "group": group,
                "count": counts.get(group.pk, 0),
                "url": group_page_url(group),
                "subgroups": [
                    {"group": child, "count": counts.get(child.pk, 0), "url": group_page_url(child)}
                    for child in vocabulary.subgroups[group.pk]
                ],
            }
            for group in vocabulary.groups
            if not group.parent_id
        ]
        return self.render(
            request,
            include_finder=False,
            template="resources/group_index_page.html",
            context_overrides={"groups": groups},
        )

    @path("groups/<slug:slug>/", name="group")
    def group_page(self, request, slug):
        # The group facet leaves out the group filter, so it counts every group's pages; the topic
        # facet counts topics within this group.
        finder = self.term_finder("group", slug, facets=("group", "topic"))
        vocabulary = finder.vocabulary
        group = vocabulary.groups_by_slug.get(slug)
        if group is None:
            raise Http404("No inequality group has that address.")
        group_counts = finder.counts["group"]
        parent = vocabulary.groups_by_pk.get(group.parent_id)
        context = {
            "group": group,
            "parent": parent,
            "parent_url": parent and group_page_url(parent),
            "subgroups": [
                {"group": child, "count": group_counts.get(child.pk, 0), "url": group_page_url(child)}
                for child in vocabulary.subgroups.get(group.pk, [])
            ],
            "related_topics": self.related_terms(vocabulary.topics, finder.counts["topic"], "topic", ("group", slug)),
            **self.term_listing_context(finder, ("group", slug)),
        }
        return self.render(
            request,
            include_finder=False,
            template="resources/group_page.html",
            context_overrides=context,
        )

    @path("topics/", name="topics")
    def topic_index(self, request):
        finder = self.term_finder(facets=("topic",))
        counts = finder.counts["topic"]
        sections = [
            {
                "heading": heading,
                "topics": [
                    {"topic": topic, "count": counts.get(topic.pk, 0), "url": topic_page_url(topic)}
                    for topic in finder.vocabulary.topics
                    if topic.kind == kind
                ],
            }
            for kind, heading in TOPIC_SECTION_HEADINGS.items()
        ]
        return self.render(
            request,
            include_finder=False,
            template="resources/topic_index_page.html",
            context_overrides={"sections": [section for section in sections if section["topics"]]},
        )

    @path("topics/<slug:slug>/", name="topic")
    def topic_page(self, request, slug):
        finder = self.term_finder("topic", slug, facets=("group",))
        topic = finder.vocabulary.topics_by_slug.get(slug)
        if topic is None:
            raise Http404("No topic has that address.")
        top_level = [group for group in finder.vocabulary.groups if not group.parent_id]
        context = {
            "topic": topic,
            "related_groups": self.related_terms(top_level, finder.counts["group"], "group", ("topic", slug)),
            **self.term_listing_context(finder, ("topic", slug)),
        }
        return self.render(
            request,
            include_finder=False,
            template="resources/topic_page.html",
            context_overrides=context,
        )

    def term_listing_context(self, finder, param):
        query = urlencode([param])
        return {
            "latest": finder.page.object_list,
            "total": finder.total,
            "finder_url": f"{FINDER_PATH}?{query}",
            "feed_url": f"{reverse('resources_feed')}?{query}",
            "feed_title": finder.feed_title,
        }

    def related_terms(self, terms, counts, name, param):
        """The other vocabulary's terms that occur with this one, most frequent first, each linking
        to the finder filtered by both."""
        related = [
            {"term": term, "count": counts[term.pk], "url": f"{FINDER_PATH}?{urlencode([param, (name, term.slug)])}"}
            for term in terms
            if counts.get(term.pk)
        ]
        return sorted(related, key=lambda item: -item["count"])

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            vocabulary = Vocabulary.load()
            urls += [{"location": f"{base}groups/"}, {"location": f"{base}topics/"}]
            urls += [{"location": f"{base}groups/{group.slug}/"} for group in vocabulary.groups]
            urls += [{"location": f"{base}topics/{topic.slug}/"} for topic in vocabulary.topics]
        return urls


class ResourcePage(EvidencePage):
    """An analysis, report, tool, data set or evidence map."""

    body = StreamField(BODY_BLOCKS, blank=True)

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


class InequalityEffect(models.TextChoices):
    """What an intervention did to the gap between groups, the rating our briefs add."""

    NARROWS = "narrows", "Narrows inequalities"
    MIXED = "mixed", "Mixed effect"
    NO_CLEAR_EFFECT = "no-clear-effect", "No clear effect"
    WIDENS = "widens", "Widens inequalities"


class EvidenceStrength(models.TextChoices):
    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    LIMITED = "limited", "Limited"
    VERY_LIMITED = "very-limited", "Very limited"


class FindingValue(blocks.StructValue):
    def effect_label(self):
        return InequalityEffect(self["effect"]).label

    def strength_label(self):
        return EvidenceStrength(self["strength"]).label


class FindingBlock(blocks.StructBlock):
    """One intervention, who it concerns, its effect on inequalities and how sure we are."""

    intervention = blocks.CharBlock(max_length=250)
    groups = blocks.ListBlock(
        SnippetChooserBlock("core.InequalityGroup"), min_num=1, label="Inequality groups it concerns"
    )
    effect = blocks.ChoiceBlock(choices=InequalityEffect.choices, label="Effect on inequalities")
    strength = blocks.ChoiceBlock(choices=EvidenceStrength.choices, label="Strength of evidence")
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
