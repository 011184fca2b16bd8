"""The one concrete page every listing reads, and the site-wide home and standard pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from healthequity.caching.content import cached
from healthequity.core.blocks import BODY_BLOCKS
from healthequity.core.citation import Citation, citation_download, normalise_doi
from healthequity.core.forms import EvidencePageForm
from healthequity.core.submission_checks import SubmissionChecksPanel, empty_heading_sections

from .site_settings import NavigationLink

__all__ = [
    "EvidencePage",
    "EvidencePageAuthor",
    "HomeExploreLink",
    "HomePage",
    "ResourceType",
    "StandardPage",
    "listing_queryset",
]


class ResourceType(models.TextChoices):
    """What kind of output a page is. Values are the slugs the finder's `type` filter takes."""

    ANALYSIS = "analysis", "Analysis"
    REPORT = "report", "Report"
    TOOL = "tool", "Tool"
    DATA = "data", "Data"
    EVIDENCE_MAP = "evidence-map", "Evidence map"
    WHAT_WORKS = "what-works-brief", "What works brief"
    BLOG = "blog", "Blog"
    PANEL_POST = "citizens-panel", "Citizens' Panel post"


# A listing of one kind is headed with its plural ("What works briefs", not "Resources").
RESOURCE_TYPE_PLURALS = {
    ResourceType.ANALYSIS: "Analyses",
    ResourceType.REPORT: "Reports",
    ResourceType.TOOL: "Tools",
    ResourceType.DATA: "Data sets",
    ResourceType.EVIDENCE_MAP: "Evidence maps",
    ResourceType.WHAT_WORKS: "What works briefs",
    ResourceType.BLOG: "Blog posts",
    ResourceType.PANEL_POST: "Citizens' Panel posts",
}

RESOURCE_TYPE_NOUNS = {
    ResourceType.WHAT_WORKS: "brief",
    ResourceType.BLOG: "blog post",
    ResourceType.PANEL_POST: "post",
    ResourceType.DATA: "data set",
}


def today():
    return timezone.localdate()


class EvidencePage(RoutablePageMixin, Page):
    """Everything a listing filters and shows, in one table.

    Resources, briefs, blog posts and panel posts are built on it, so the finder, feeds, search
    and related content read one queryset whatever the mix of types and never call
    `.specific()` per row. Every evidence page can be cited (cite/bibtex/, cite/ris/) and
    previewed as the listing card it becomes.
    """

    # Page types with one fixed type set this; ResourcePage lets the editor choose.
    fixed_resource_type: str | None = None

    summary = models.TextField(
        max_length=600, help_text="One or two sentences shown in listings, feeds and search results."
    )
    publication_date = models.DateField(default=today, db_index=True)
    resource_type = models.CharField(
        "type", max_length=32, choices=ResourceType.choices, default=ResourceType.REPORT, db_index=True
    )
    groups = ParentalManyToManyField(
        "core.InequalityGroup", blank=True, related_name="pages", verbose_name="inequality groups"
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="pages")
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown on listing cards and when shared on social media.",
    )
    doi = models.CharField(
        "DOI", max_length=100, blank=True, help_text="A Digital Object Identifier such as 10.1234/abcd, if it has one."
    )
    updated_on = models.DateField(
        null=True, blank=True, help_text="Set when the content changes materially after publication."
    )
    replaced_by = models.ForeignKey(
        "core.EvidencePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A newer page that supersedes this one; readers are told and linked to it.",
    )
    review_by = models.DateField(null=True, blank=True, help_text="When an editor should check this is still current.")

    is_creatable = False
    # Only the page types built on it have a place in the tree; each names its own parents.
    parent_page_types: list[str] = []
    base_form_class = EvidencePageForm

    # Title above summary above taxonomy and author names above body text: PostgreSQL turns these
    # boosts into tsvector weights; the finder adds title and summary tiers for SQLite's FTS5.
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.RelatedFields("groups", [index.SearchField("name", boost=1.5)]),
        index.RelatedFields("topics", [index.SearchField("name", boost=1.5)]),
        index.RelatedFields("page_authors", [index.RelatedFields("author", [index.SearchField("name", boost=1.5)])]),
        index.FilterField("publication_date"),
        index.FilterField("resource_type"),
    ]

    # "Before you submit" comes first, under the title, so it is read before the form.
    listing_panels = [
        SubmissionChecksPanel(),
        FieldPanel("summary"),
        FieldPanel("publication_date"),
        MultiFieldPanel(
            [
                FieldPanel("groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Inequality groups and topics",
        ),
        FieldPanel("listing_image"),
    ]
    # "Add authors" opens the author chooser at once, several may be ticked, and each becomes a row.
    authors_panels = [
        MultipleChooserPanel("page_authors", chooser_field_name="author", label="Authors", heading="Authors")
    ]
    lifecycle_panels = [
        MultiFieldPanel(
            [FieldPanel("doi"), FieldPanel("updated_on"), FieldPanel("replaced_by"), FieldPanel("review_by")],
            heading="Citation and lifecycle",
        )
    ]

    class Meta:
        verbose_name = "evidence page"
        indexes = [models.Index(fields=["-publication_date", "page_ptr"], name="evidence_newest_first")]

    preview_modes = [("", "Page"), ("card", "Listing card")]

    @classmethod
    def can_create_at(cls, parent):
        """Under a listing of one kind of evidence (an index page with a `listed_type`), only that kind."""
        if not super().can_create_at(parent):
            return False
        listed_type = getattr(parent.specific_deferred, "listed_type", None)
        return not listed_type or listed_type == cls.fixed_resource_type

    def can_move_to(self, parent):
        listed_type = getattr(parent.specific_deferred, "listed_type", None)
        if listed_type and listed_type != self.resource_type:
            return False
        return super().can_move_to(parent)

    def clean(self):
        super().clean()
        if self.fixed_resource_type:
            self.resource_type = self.fixed_resource_type
        errors = {}
        try:
            self.doi = normalise_doi(self.doi)
        except ValidationError as error:
            errors["doi"] = error.messages
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = "A page cannot replace itself."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.fixed_resource_type:
            self.resource_type = self.fixed_resource_type
        return super().save(*args, **kwargs)

    def submission_checks(self):
        """Allowed, but a visitor would notice: the page editor lists these before the page is
        submitted (healthequity.core.submission_checks)."""
        checks = []
        if not self.listing_image_id:
            checks.append(
                "There is no listing image: the page's card in listings, and its preview when it is "
                "shared, will have no picture."
            )
        if not len(self.groups.all()):
            checks.append(
                "No inequality group is ticked: the page will not be found by filtering for a group, "
                "nor listed on any group's page."
            )
        body = getattr(self, "body", None)
        if body is not None:
            checks.extend(
                f"The heading “{heading}” has nothing under it before the next heading."
                for heading in empty_heading_sections(body)
            )
        return checks

    @property
    def noun(self):
        """How the page calls itself in sentences: "Cite this brief", "This post has been replaced"."""
        return RESOURCE_TYPE_NOUNS.get(self.resource_type) or self.resource_type_label.lower() or "page"

    @property
    def resource_type_label(self):
        return ResourceType(self.resource_type).label if self.resource_type in ResourceType.values else ""

    @property
    def authors(self):
        """Authors in the order the editor set them (prefetched by listings)."""
        return [link.author for link in self.page_authors.all()]

    def get_context(self, request, *args, **kwargs):
        # The header, citation, metadata and related content all read these: fetch them once.
        # (A preview carries the editor's unsaved choices in memory instead.)
        if self.pk and not getattr(request, "is_preview", False):
            authors = Prefetch("page_authors", queryset=EvidencePageAuthor.objects.select_related("author"))
            prefetch_related_objects([self], "groups", "topics", authors)
        return super().get_context(request, *args, **kwargs)

    def get_pdf_url(self, request=None):
        """The full address of the first PDF attached in the body, for citation managers, or ""."""
        for block in getattr(self, "body", None) or []:
            document = block.value.get("document") if block.block_type == "document" else None
            if document is not None and document.file_extension.lower() == "pdf":
                site = self.get_site() if document.url.startswith("/") else None
                return f"{site.root_url}{document.url}" if site else document.url
        return ""

    # Previews: the page itself, and the card that listings, the home page and search show.

    def get_preview_template(self, request, mode_name):
        if mode_name == "card":
            return "core/previews/listing_card.html"
        return super().get_preview_template(request, mode_name)

    def serve_preview(self, request, mode_name):
        if mode_name == "card":
            # Skip RoutablePageMixin, whose preview always renders the index route.
            return super(RoutablePageMixin, self).serve_preview(request, mode_name)
        return super().serve_preview(request, mode_name)

    # Citation downloads. Wagtail serves only [\w-] path segments, hence no ".bib" in the path;
    # the file name comes from Content-Disposition.

    @property
    def bibtex_url(self):
        return f"{self.url}{self.reverse_subpage('cite_bibtex')}" if self.url else ""

    @property
    def ris_url(self):
        return f"{self.url}{self.reverse_subpage('cite_ris')}" if self.url else ""

    @path("cite/bibtex/", name="cite_bibtex")
    def cite_bibtex(self, request):
        citation = Citation.for_page(self, request)
        return citation_download(citation.as_bibtex(), "application/x-bibtex", f"{self.slug}.bib")

    @path("cite/ris/", name="cite_ris")
    def cite_ris(self, request):
        citation = Citation.for_page(self, request)
        return citation_download(citation.as_ris(), "application/x-research-info-systems", f"{self.slug}.ris")


class EvidencePageAuthor(Orderable):
    page = ParentalKey(EvidencePage, on_delete=models.CASCADE, related_name="page_authors")
    author = models.ForeignKey("core.Author", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "author"], name="unique_author_per_page")]


def listing_prefetches():
    """What a listing card shows beyond the page's own fields, as prefetches."""
    images_with_renditions = get_image_model().objects.prefetch_renditions()
    # The rated findings a card sums up, from the findings index of the evidence app, which builds
    # on this module: reached through the relation, not imported.
    Finding = EvidencePage._meta.get_field("indexed_findings").related_model
    return [
        Prefetch("listing_image", queryset=images_with_renditions),
        "groups",
        "topics",
        # One query for authors whether or not the page of results has any.
        Prefetch("page_authors", queryset=EvidencePageAuthor.objects.select_related("author")),
        Prefetch("indexed_findings", queryset=Finding.objects.select_related("approach").order_by("position")),
    ]


def listing_queryset(queryset):
    """Everything a listing card shows, fetched in a fixed number of queries whatever the size."""
    return queryset.prefetch_related(*listing_prefetches()).order_by("-publication_date", "-id")


class HomePage(Page):
    introduction = models.TextField(max_length=600, blank=True)
    about_heading = models.CharField(max_length=150, default="About us")
    about = RichTextField(features=["bold", "italic", "link", "ul"], blank=True)
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where 'More about the centre' leads.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("explore_links", label="Explore link", heading="Explore"),
        MultiFieldPanel([FieldPanel("about_heading"), FieldPanel("about"), FieldPanel("about_page")], heading="About"),
    ]

    # Every section of the site (the apps' index pages, standard pages) names the home page as
    # its parent, so the home page needs no list of them.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        live = EvidencePage.objects.live().public().order_by("-publication_date", "-id")
        # "Blogs" are the blog's posts: the Citizens' Panel's own stories have their own listing.
        blog_types = [ResourceType.BLOG, ResourceType.PANEL_POST]
        resources, blogs = (
            list(live.exclude(resource_type__in=blog_types)[:3]),
            list(live.filter(resource_type=ResourceType.BLOG)[:3]),
        )
        # Both lists' cards in one set of prefetches.
        prefetch_related_objects([*resources, *blogs], *listing_prefetches())
        context["latest_resources"], context["latest_blogs"] = resources, blogs
        context["explore_links"] = self.explore_list(request)
        return context

    def explore_list(self, request):
        """The Explore list, as links; cached until the content changes, except in previews (which
        show the editor's unsaved list)."""

        def read():
            return [
                {"label": link.label or link.page.title, "url": link.url(request), "description": link.description}
                for link in self.explore_links.select_related("page")
                if link.page.live
            ]

        if getattr(request, "is_preview", False):
            return read()
        return cached(("home-explore", self.pk, Site.find_for_request(request).pk), read)


class HomeExploreLink(NavigationLink):
    """One line of the home page's "Explore" list: a section or a filtered view, and what it holds."""

    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="explore_links")
    description = models.CharField(max_length=120, blank=True, help_text="A few words on what is there.")

    panels = [*NavigationLink.panels, FieldPanel("description")]


class StandardPage(Page):
    """About, privacy notice, accessibility statement: prose pages outside the evidence listings."""

    introduction = models.TextField(max_length=600, blank=True)
    body = StreamField(BODY_BLOCKS, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]
