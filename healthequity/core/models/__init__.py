"""Shared models: the taxonomy snippets and the evidence base page."""

from .pages import (
    EvidencePage,
    EvidencePageAuthor,
    HomePage,
    ResourceType,
    StandardPage,
    listing_queryset,
)
from .site_settings import SocialMediaSettings
from .taxonomy import Author, InequalityGroup, Topic, TopicKind

__all__ = [
    "Author",
    "EvidencePage",
    "EvidencePageAuthor",
    "HomePage",
    "InequalityGroup",
    "ResourceType",
    "SocialMediaSettings",
    "StandardPage",
    "Topic",
    "TopicKind",
    "listing_queryset",
]
