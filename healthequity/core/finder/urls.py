"""The evidence finder's machine-readable addresses and the evidence map; the finder page itself is
served by Wagtail."""

from django.urls import path

from .api import evidence_api
from .evidence_map_views import approaches_table, evidence_map, evidence_map_csv, evidence_map_json, map_findings
from .feed_help import feed_help
from .feeds import EvidenceFeed

urlpatterns = [
    path("resources/feed/", EvidenceFeed(), name="resources_feed"),
    path("api/resources/", evidence_api, name="resources_api"),
    path("evidence-map/", evidence_map, name="evidence_map"),
    path("evidence-map/findings/", map_findings, name="evidence_map_findings"),
    path("evidence-map/approaches/", approaches_table, name="evidence_map_approaches"),
    path("evidence-map/map.csv", evidence_map_csv, name="evidence_map_csv"),
    path("evidence-map/map.json", evidence_map_json, name="evidence_map_json"),
    path("feeds/", feed_help, name="feed_help"),
]
