"""The evidence finder's machine-readable addresses; the finder page itself is served by Wagtail."""

from django.urls import path

from .api import evidence_api
from .feeds import EvidenceFeed

urlpatterns = [
    path("resources/feed/", EvidenceFeed(), name="resources_feed"),
    path("api/resources/", evidence_api, name="resources_api"),
]
