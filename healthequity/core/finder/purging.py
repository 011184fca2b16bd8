"""What the finder shows of a page, for the CDN purge (caching.purging's `register_cdn_purge_paths`).

An evidence page appears in the feed and the JSON (every filtered address of both, and of the
finder, is named as a prefix too, for CDNs that purge by prefix), on the landing page of each inequality group
and topic it is tagged with (and of their parent groups, which count their subgroups' pages), in
the single-filter feeds and JSON of those tags and of its type, and, when it can hold rated
findings, on the evidence map. Tags are read from the database, so a publish purges the tags a
page leaves (read as it is saved) and the tags it gains (read when it is announced).
"""

from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.http import urlencode

from healthequity.caching.purging import PREFIX
from healthequity.core.models.pages import EvidencePage

from .location import site_finder_url, term_page_url

__all__ = ["finder_paths_for"]

EVIDENCE_MAP_ROUTES = (
    "evidence_map",
    "evidence_map_findings",
    "evidence_map_approaches",
    "evidence_map_csv",
    "evidence_map_json",
)


def _path(url):
    return urlsplit(url).path if url else ""


def _tag_slugs(page_ids):
    """{"group": slugs, "topic": slugs, "type": values} of these pages, in three queries."""
    groups = EvidencePage.groups.through.objects.filter(evidencepage_id__in=page_ids)
    topics = EvidencePage.topics.through.objects.filter(evidencepage_id__in=page_ids)
    group_slugs = set()
    for slug, parent_slug in groups.values_list("inequalitygroup__slug", "inequalitygroup__parent__slug"):
        group_slugs.update(filter(None, (slug, parent_slug)))
    return {
        "group": group_slugs,
        "topic": set(topics.values_list("topic__slug", flat=True)),
        "type": set(EvidencePage.objects.filter(pk__in=page_ids).values_list("resource_type", flat=True)) - {""},
    }


def finder_paths_for(pages):
    evidence = [page for page in pages if issubclass(page.specific_class or type(page), EvidencePage)]
    if not evidence:
        return set()
    feed, api = reverse("resources_feed"), reverse("resources_api")
    # Their every filtered address, where the CDN purges by prefix (caching.purging.PREFIX).
    paths = {feed, api, feed + PREFIX, api + PREFIX}
    finder = _path(site_finder_url())
    if finder:
        paths |= {finder, f"{finder}groups/", f"{finder}topics/", finder + PREFIX}
    for name, values in _tag_slugs([page.pk for page in evidence]).items():
        for value in values:
            query = urlencode({name: value})
            paths |= {f"{feed}?{query}", f"{api}?{query}", f"{finder}?{query}" if finder else ""}
            if finder and name in ("group", "topic"):
                paths.add(_path(term_page_url(name, value)))
    if any(callable(getattr(page.specific_class, "evidence_findings", None)) for page in evidence):
        paths.update(reverse(name) for name in EVIDENCE_MAP_ROUTES)
    paths.discard("")
    return paths
