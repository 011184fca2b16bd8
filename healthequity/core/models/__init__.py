"""Shared models: the taxonomy snippets, the evidence base page, and the public forms' outbox (defined
with the public-form toolkit, healthequity/core/public_forms/models.py, and registered here)."""

from healthequity.core.public_forms.models import OutgoingEmail, OutgoingEmailStatus

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
    "OutgoingEmail",
    "OutgoingEmailStatus",
    "ResourceType",
    "SocialMediaSettings",
    "StandardPage",
    "Topic",
    "TopicKind",
    "listing_queryset",
]
