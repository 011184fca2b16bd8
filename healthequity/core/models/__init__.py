"""Shared models: the taxonomy snippets and the evidence base page."""

from .pages import (
    EvidencePage,
    EvidencePageAuthor,
    HomePage,
    ListingPageMixin,
    ResourceType,
    StandardPage,
    listing_queryset,
)
from .site_settings import SocialMediaSettings
from .taxonomy import FINDER_PATH, Author, InequalityGroup, Topic, TopicKind

__all__ = [
    "FINDER_PATH",
    "Author",
    "EvidencePage",
    "EvidencePageAuthor",
    "HomePage",
    "InequalityGroup",
    "ListingPageMixin",
    "ResourceType",
    "SocialMediaSettings",
    "StandardPage",
    "Topic",
    "TopicKind",
    "listing_queryset",
]
