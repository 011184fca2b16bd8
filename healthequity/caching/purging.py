"""Ask the CDN to drop every public address whose content a change of published pages affects.

Pages are sent to a CDN as `public, s-maxage=...`, so without a purge it keeps serving a page
that was unpublished, made private, moved or deleted, and every listing that still shows it,
until the copy expires. What a change of one page affects:

- the page itself (with its own routes, `get_cached_paths`), and, for a move, its old address;
- the listings above it: its ancestors, the home page included;
- the sitemap of its site;
- whatever the apps say depends on it, through the `register_cdn_purge_paths` hook: a function
  given the changed pages that returns paths on their site (the core's finder names the feed,
  the JSON, the group and topic pages the pages are tagged with and the single-filter feeds of
  those tags, and the evidence map when a page has findings).

A filtered address that combines several filters cannot be listed. Where the CDN purges by
prefix (CloudFront: a path ending in `*` drops every address, query strings included, that starts
with it), each listing above the page (but the home page) and each prefix the hooks name (paths
ending in `*`: the feed, the JSON, the finder) is purged whole, sent to those backends only; with
the others such an address expires after PAGE_CACHE_CDN_MAX_AGE.

Addresses are worked out when the change happens (a deleted page's tags are still readable then)
and sent once the transaction commits, through Wagtail's frontend cache (WAGTAILFRONTENDCACHE),
which does nothing when no CDN is configured.
"""

import contextlib
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from wagtail import hooks
from wagtail.models import Page

__all__ = [
    "PREFIX",
    "PURGE_PATHS_HOOK",
    "addresses_affected_by",
    "cdn_is_configured",
    "prefix_backends",
    "purge_from_cdn",
]

PURGE_PATHS_HOOK = "register_cdn_purge_paths"
PREFIX = "*"


def cdn_is_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _ancestors(pages) -> list[Page]:
    """Every page above the given ones (the root excluded), in one query."""
    steplen = Page.steplen
    paths = {page.path[:end] for page in pages for end in range(steplen * 2, len(page.path), steplen)}
    if not paths:
        return []
    return list(Page.objects.filter(path__in=paths).specific(defer=True))


def addresses_affected_by(pages) -> set[str]:
    """The full URLs a CDN may hold whose content depends on these pages; those ending in `*` are
    prefixes (see prefix_backends)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    pages = list(pages)
    batch = PurgeBatch()
    batch.add_pages(pages)
    ancestors = _ancestors(pages)
    batch.add_pages(ancestors)
    origins = {_origin(url) for url in batch.urls}
    if not origins:
        return set()
    # A listing's other addresses (?page=2, filters): the home page's would be the whole site.
    batch.add_urls(url + PREFIX for page in ancestors if page.depth > 2 if (url := page.get_full_url(batch)))
    paths = set()
    with contextlib.suppress(NoReverseMatch):  # a site without a sitemap
        paths.add(reverse("sitemap"))
    for addresses_of in hooks.get_hooks(PURGE_PATHS_HOOK):
        paths.update(addresses_of(pages))
    batch.add_urls(origin + path for origin in origins for path in paths)
    return batch.urls


# Wagtail's backends that purge by prefix: CloudFront's invalidation paths take a trailing `*`.
PREFIX_BACKEND_CLASSES = ("wagtail.contrib.frontend_cache.backends.CloudfrontBackend",)


def prefix_backends() -> list[str]:
    """The names of the configured CDN backends that purge a path ending in `*` as a prefix."""
    capable = tuple(import_string(path) for path in PREFIX_BACKEND_CLASSES)
    configured = getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}
    return [name for name, config in configured.items() if issubclass(import_string(config["BACKEND"]), capable)]


def purge_from_cdn(pages) -> None:
    """Work out the affected addresses now and purge them when the transaction commits.

    A CDN outage is logged and does not fail the change (and a rolled-back change purges nothing).
    """
    if not cdn_is_configured():
        return
    pages = [page for page in pages if page is not None]
    if not pages:
        return
    urls = addresses_affected_by(pages)
    prefixes = sorted(url for url in urls if url.endswith(PREFIX))
    exact = sorted(set(urls) - set(prefixes))
    if exact:
        transaction.on_commit(partial(_send, exact, None), robust=True)
    by_prefix = prefix_backends()
    if prefixes and by_prefix:
        transaction.on_commit(partial(_send, prefixes, by_prefix), robust=True)


def _send(urls, backends):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls, backends=backends)
