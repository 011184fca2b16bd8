"""Shared models: the taxonomy snippets, the evidence base page, and the public forms' outbox (defined
with the public-form toolkit, healthequity/core/public_forms/models.py, and registered here)."""

from healthequity.core.public_forms.models import OutgoingEmail, OutgoingEmailStatus

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
    "OutgoingEmail",
    "OutgoingEmailStatus",
    "ResourceType",
    "SocialMediaSettings",
    "StandardPage",
    "Topic",
    "TopicKind",
    "listing_queryset",
]
