"""Shared models: the taxonomy snippets and the evidence base page."""

from .pages import (
    EvidencePage,
    EvidencePageAuthor,
    HomeExploreLink,
    HomePage,
    ResourceType,
    StandardPage,
    listing_queryset,
)
from .site_settings import FooterLink, MainMenuLink, NavigationSettings, SocialMediaSettings
from .taxonomy import Author, InequalityGroup, Topic, TopicKind

__all__ = [
    "Author",
    "EvidencePage",
    "EvidencePageAuthor",
    "FooterLink",
    "HomeExploreLink",
    "HomePage",
    "InequalityGroup",
    "MainMenuLink",
    "NavigationSettings",
    "ResourceType",
    "SocialMediaSettings",
    "StandardPage",
    "Topic",
    "TopicKind",
    "listing_queryset",
]
