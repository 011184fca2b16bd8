"""/funders/ and the collaboration opportunities published under it."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from funders import views
from funders.feeds import OpportunityFeed
from funders.filters import OpportunityFinder
from funders.vocabularies import Location, Stage
from healthequity.core.models import EvidencePage, InequalityGroup, listing_queryset
from healthequity.core.public_forms import PERSONAL_DATA_PERMISSION, validate_sendable_email

__all__ = [
    "EMAIL_ADDRESS",
    "REDACTED_EMAIL",
    "RESERVED_SLUGS",
    "FundersIndexPage",
    "OpportunityEvent",
    "OpportunityLink",
    "OpportunityOrganisation",
    "OpportunityPage",
    "redact_email_addresses",
]

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# Addresses the funders index answers itself, so no opportunity may take them as its slug.
RESERVED_SLUGS = {"submit", "feed"}

DEFAULT_CALL_TO_ACTION = (
    "Tell us about an existing collaboration you're involved in or an emerging opportunity you want to "
    "explore with other funders."
)


# No email address is shown on an opportunity: funders get in touch through "Register interest",
# which passes their details to the contact, so neither the contact's address nor any other may
# appear in the text (a mailto: link included).
EMAIL_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
REDACTED_EMAIL = "[email address removed]"


def redact_email_addresses(text):
    return EMAIL_ADDRESS.sub(REDACTED_EMAIL, text or "")


def refuse_email_addresses(instance, field_names):
    """A message by each field whose text holds an email address."""
    errors = {}
    for name in field_names:
        found = EMAIL_ADDRESS.search(getattr(instance, name) or "")
        if found:
            errors[name] = (
                f"Remove the email address ({found.group()}): funders get in touch through "
                "'Register interest', which passes their details to the contact."
            )
    if errors:
        raise ValidationError(errors)


def today():
    return timezone.localdate()


class FundersIndexPage(RoutablePageMixin, Page):
    """/funders/: the published opportunities with filters, the submission form and the feed."""

    introduction = RichTextField(features=TEXT_FEATURES, blank=True)
    call_to_action = models.TextField(
        max_length=400,
        default=DEFAULT_CALL_TO_ACTION,
        help_text="Shown beside the 'Add a collaboration opportunity' link.",
    )
    submit_introduction = RichTextField(
        features=TEXT_FEATURES, blank=True, help_text="Shown above the 'Add a collaboration opportunity' form."
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("call_to_action"),
        FieldPanel("submit_introduction"),
    ]

    show_in_menus_default = True  # a section of the site: in the main menu unless editors say otherwise
    parent_page_types = ["core.HomePage"]
    subpage_types = ["funders.OpportunityPage"]
    max_count = 1

    per_page = 9

    class Meta:
        verbose_name = "funders' index page"

    # The views live in funders.views (which never import this module); these routes hand the
    # request over, with the page.

    @path("", name="listing")
    def listing(self, request):
        return views.opportunity_listing(request, self)

    @path("submit/", name="submit")
    def submit(self, request):
        return views.submit_opportunity(request, self)

    @path("submit/thank-you/", name="submit_thank_you")
    def submit_thank_you(self, request):
        return views.submission_confirmation(request, self)

    @path("feed/", name="feed")
    def feed(self, request):
        return OpportunityFeed(self)(request)

    def get_cached_paths(self):
        # Purged from the CDN with the hub whenever an opportunity changes.
        return ["/", self.reverse_subpage("feed")]

    def live_opportunities(self):
        return OpportunityPage.objects.live().public().child_of(self)

    def alert_finder(self, data):
        """The hub's finder for an email alert's query (the core's alerts match new opportunities with it)."""
        return OpportunityFinder(data, self)


class OpportunityPage(RoutablePageMixin, Page):
    """One funders' collaboration opportunity. The contact's address is never shown on the site:
    visitors use "Register interest", which emails the contact for them."""

    summary = models.TextField(max_length=600, help_text="One or two sentences shown in listings and the feed.")
    issues = ParentalManyToManyField("funders.Issue", related_name="opportunities")
    activities = ParentalManyToManyField("funders.Activity", blank=True, related_name="opportunities")
    location = models.CharField(max_length=32, choices=Location.choices, db_index=True)
    stage = models.CharField(max_length=40, choices=Stage.choices, db_index=True)
    groups = ParentalManyToManyField(
        "core.InequalityGroup", blank=True, related_name="opportunities", verbose_name="inequality groups"
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="opportunities")
    aims_and_activities = RichTextField(features=TEXT_FEATURES)
    how_to_get_involved = RichTextField(features=TEXT_FEATURES, blank=True)
    learning_and_resources = RichTextField(features=TEXT_FEATURES, blank=True)
    last_reviewed = models.DateField(default=today, help_text="When someone last checked this is still current.")
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(
        max_length=254,
        blank=True,
        validators=[validate_sendable_email],
        help_text="Receives 'Register interest' messages. Never shown on the site.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("issues", widget=forms.CheckboxSelectMultiple),
                FieldPanel("activities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("location"),
                FieldPanel("stage"),
            ],
            heading="Issue, activities, location and stage",
        ),
        MultiFieldPanel(
            [
                FieldPanel("groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Inequality groups and topics",
        ),
        FieldPanel("aims_and_activities"),
        FieldPanel("how_to_get_involved"),
        InlinePanel("events", heading="Events", label="Event"),
        InlinePanel("organisations", heading="Who's involved", label="Organisation"),
        FieldPanel("learning_and_resources"),
        InlinePanel("links", heading="Learning and resources: links", label="Link"),
        FieldPanel("last_reviewed"),
        # Each field carries the permission too: a hidden group alone would still post blanks over them.
        MultiFieldPanel(
            [
                FieldPanel("contact_name", permission=PERSONAL_DATA_PERMISSION),
                FieldPanel("contact_email", permission=PERSONAL_DATA_PERMISSION),
            ],
            heading="Contact (moderators only, never shown on the site)",
            permission=PERSONAL_DATA_PERMISSION,
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("aims_and_activities"),
        index.SearchField("how_to_get_involved"),
        index.RelatedFields("issues", [index.SearchField("name")]),
        index.RelatedFields("groups", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("organisations", [index.SearchField("name")]),
        index.FilterField("location"),
        index.FilterField("stage"),
    ]

    parent_page_types = ["funders.FundersIndexPage"]
    subpage_types: list[str] = []

    related_evidence_limit = 3

    class Meta:
        verbose_name = "collaboration opportunity"

    # Text shown on the page (or in its title and description for search engines), which may hold no
    # email address.
    public_text_fields = (
        "title",
        "seo_title",
        "search_description",
        "summary",
        "aims_and_activities",
        "how_to_get_involved",
        "learning_and_resources",
    )

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"'{self.slug}' is an address the funders page uses; choose another."})
        refuse_email_addresses(self, self.public_text_fields)

    @property
    def location_label(self):
        return Location(self.location).label if self.location in Location.values else ""

    @property
    def stage_label(self):
        return Stage(self.stage).label if self.stage in Stage.values else ""

    def funders_index(self):
        """The funders index this opportunity is published under (its parent), or None."""
        return FundersIndexPage.objects.parent_of(self).first()

    @path("", name="opportunity")
    def opportunity(self, request):
        return views.opportunity_detail(request, self, self.funders_index())

    @path("register-interest/", name="register_interest")
    def register_interest(self, request):
        return views.register_interest(request, self, self.funders_index())

    @path("register-interest/thank-you/", name="register_interest_thank_you")
    def register_interest_thank_you(self, request):
        return views.registration_confirmation(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = list(self.events.all())
        now = timezone.localdate()
        context["upcoming_events"] = [event for event in events if event.date >= now]
        context["past_events"] = [event for event in events if event.date < now]
        context["related_evidence"] = self.related_evidence()
        context["opportunity_groups"] = list(self.groups.all())
        return context

    def related_evidence(self):
        """The centre's own evidence sharing this opportunity's groups or topics, most in common
        first, in a fixed number of queries. A group counts with its parent and its subgroups."""
        group_ids = {group.pk for group in self.groups.all()}
        topic_ids = {topic.pk for topic in self.topics.all()}
        if not group_ids and not topic_ids:
            return []
        if group_ids:
            tagged = list(group_ids)
            relatives = InequalityGroup.objects.filter(Q(pk__in=tagged) | Q(parent__in=tagged))
            for pk, parent_id in relatives.values_list("pk", "parent_id"):
                group_ids |= {pk, parent_id} - {None}
        shared = Count("groups", filter=Q(groups__in=group_ids), distinct=True) + Count(
            "topics", filter=Q(topics__in=topic_ids), distinct=True
        )
        matches = (
            EvidencePage.objects.live()
            .public()
            .filter(Q(groups__in=group_ids) | Q(topics__in=topic_ids))
            .values("pk")
            .annotate(shared=shared)
            .order_by("-shared", "-publication_date", "-pk")[: self.related_evidence_limit]
        )
        ranked_ids = [row["pk"] for row in matches]
        pages = {page.pk: page for page in listing_queryset(EvidencePage.objects.filter(pk__in=ranked_ids))}
        return [pages[pk] for pk in ranked_ids if pk in pages]


class OpportunityEvent(Orderable):
    """A session or meeting interested funders can join."""

    page = ParentalKey(OpportunityPage, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=200, help_text="For example 'Informal online session'.")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    how_to_join = models.TextField(
        max_length=600,
        blank=True,
        help_text="Online or in person, and how to book. No email addresses: visitors use 'Register interest'.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("date"),
        FieldPanel("start_time"),
        FieldPanel("end_time"),
        FieldPanel("how_to_join"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "event"

    def __str__(self):
        return f"{self.title}, {self.date:%d %B %Y}"

    def clean(self):
        super().clean()
        refuse_email_addresses(self, ("title", "how_to_join"))
        if self.end_time and not self.start_time:
            raise ValidationError({"start_time": "Give a start time as well as an end time."})
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The end time must be after the start time."})

    @property
    def is_past(self):
        return self.date < timezone.localdate()


class OpportunityOrganisation(Orderable):
    """One organisation involved in the opportunity ("Who's involved")."""

    page = ParentalKey(OpportunityPage, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=150, blank=True, help_text="For example 'Lead funder' or 'Delivery partner'.")
    website = models.URLField(max_length=500, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("website")]

    class Meta(Orderable.Meta):
        verbose_name = "organisation"

    def __str__(self):
        return self.name


class OpportunityLink(Orderable):
    """A report, evaluation or web page under "Learning and resources"."""

    page = ParentalKey(OpportunityPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500)
    description = models.CharField(max_length=300, blank=True)

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "link"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        refuse_email_addresses(self, ("title", "description"))
