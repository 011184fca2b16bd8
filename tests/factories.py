"""Factories for every model the tests build."""

import datetime

from django.conf import settings
from django.utils.text import slugify

import factory
import wagtail_factories

from blog.models import BlogPage
from healthequity.core.evidence.models import Approach
from healthequity.core.finder.models import EvidenceIndexPage
from healthequity.core.models import (
    Author,
    EvidencePageAuthor,
    HomePage,
    InequalityGroup,
    ResourceType,
    StandardPage,
    Topic,
)
from healthequity.core.site_urls import base_url_parts
from library.models import LibraryLink, LibraryPage
from panel.models import PanelPostPage
from resources.models import ResourceIndexPage, ResourcePage, WhatWorksBriefPage


class InequalityGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test group {n}")
    slug = factory.LazyAttribute(lambda group: slugify(group.name))

    class Meta:
        model = InequalityGroup


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))

    class Meta:
        model = Topic


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Author {n}")
    role = "Researcher"
    organisation = "Health Equity Evidence Centre"

    class Meta:
        model = Author


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Health Equity Evidence Centre"
    slug = "home"
    introduction = "Evidence on health and care inequalities."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "A page about the centre."

    class Meta:
        model = StandardPage


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    slug = "resources"

    class Meta:
        model = ResourceIndexPage


class EvidenceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"
    listed_type = ResourceType.BLOG

    class Meta:
        model = EvidenceIndexPage


class BlogIndexPageFactory(EvidenceIndexPageFactory):
    """The blog: the evidence index page that lists blog posts."""


class CitizensPanelIndexPageFactory(EvidenceIndexPageFactory):
    """The Citizens' Panel: the evidence index page that lists panel posts."""

    title = "Citizens' Panel"
    slug = "citizens-panel"
    listed_type = ResourceType.PANEL_POST


class LibraryPageFactory(wagtail_factories.PageFactory):
    title = "Library"
    slug = "library"

    class Meta:
        model = LibraryPage


class EvidencePageFactoryMixin(factory.Factory):
    """The listing fields every evidence page type shares. Pass groups=[...], topics=[...], authors=[...]."""

    # Fixed words, none of them a term the tests search for: random lorem text holds words such as
    # "care", "blood" and "pressure", which made exact search results fail now and then.
    summary = factory.Sequence(lambda n: f"Summary {n}, written for the tests of this portal.")
    publication_date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)
            self.save()  # parental many-to-many values are written on save

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            for order, author in enumerate(extracted):
                EvidencePageAuthor.objects.create(page=self, author=author, sort_order=order)


class ResourcePageFactory(EvidencePageFactoryMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    resource_type = "analysis"

    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True


class WhatWorksBriefPageFactory(EvidencePageFactoryMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"What works: brief {n}")
    review_question = "What works to reduce inequalities in access to care?"

    class Meta:
        model = WhatWorksBriefPage
        skip_postgeneration_save = True


class BlogPageFactory(EvidencePageFactoryMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Blog post {n}")
    body = factory.LazyFunction(lambda: [("paragraph", "<p>A blog body.</p>")])

    class Meta:
        model = BlogPage
        skip_postgeneration_save = True


class PanelPostPageFactory(EvidencePageFactoryMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Panel post {n}")
    member_display_name = "Panel member, Yorkshire"
    body = factory.LazyFunction(lambda: [("paragraph", "<p>My experience of care.</p>")])

    class Meta:
        model = PanelPostPage
        skip_postgeneration_save = True


class LibraryLinkFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"External report {n}")
    url = factory.Sequence(lambda n: f"https://example.org/report-{n}")
    organisation = "The King's Fund"
    year = 2021

    class Meta:
        model = LibraryLink


def create_site_home(**kwargs):
    """Replace Wagtail's default welcome page with a HomePage at the default site's root."""
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test", **kwargs)
    hostname, port = base_url_parts(settings.WAGTAILADMIN_BASE_URL)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": hostname, "port": port, "root_page": home}
    )
    Site.objects.exclude(root_page=home).delete()
    root.get_children().exclude(pk=home.pk).delete()
    home.slug = "home"
    home.save()
    return home


class ApproachFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test approach {n}")
    slug = factory.LazyAttribute(lambda approach: slugify(approach.name))

    class Meta:
        model = Approach


def finding(intervention, groups, effect="narrows", strength="moderate", approach=None, cost=""):
    """One rated finding of a brief, in the stream's stored form (pass a list of these as `findings`)."""
    return {
        "type": "finding",
        "value": {
            "intervention": intervention,
            "approach": approach.pk if approach else None,
            "groups": [group.pk for group in groups],
            "effect": effect,
            "strength": strength,
            "cost": cost,
            "detail": "",
        },
    }
