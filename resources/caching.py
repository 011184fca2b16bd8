"""Cached finder counts, exact until the content changes.

Counting every facet means aggregating over the whole collection, several times a request; the
results page itself is a cheap indexed query. So the counts (and the taxonomy they are labelled
with) are kept in Django's cache under a *content version*, which every change that can alter a
count (or a result card, see cards) replaces: publishing, unpublishing, deleting or moving a page,
a view restriction, an edit to a group, topic, author, image or promoted result, and
`seed_benchmark_content`. A changed version orphans every old entry, so
counts are never stale where the cache is shared (Redis in production). With a per-process cache
(local memory), other processes catch up within FINDER_CACHE_SECONDS (default five minutes).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache

__all__ = ["cached", "cached_many", "content_changed", "content_version"]

VERSION_KEY = "finder:content-version"


def timeout():
    return getattr(settings, "FINDER_CACHE_SECONDS", 300)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def content_changed(**kwargs):
    """Signal receiver (and plain function): every count cached so far is out of date."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def make_key(version, parts):
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"finder:{version}:{digest}"


def cached_many(computations):
    """{name: (key parts, function)} → {name: value}, computing only what the cache lacks."""
    version = content_version()
    keys = {name: make_key(version, parts) for name, (parts, _) in computations.items()}
    found = cache.get_many(keys.values())
    values, missing = {}, {}
    for name, (_, compute) in computations.items():
        if keys[name] in found:
            values[name] = found[keys[name]]
        else:
            values[name] = missing[keys[name]] = compute()
    if missing:
        cache.set_many(missing, timeout=timeout())
    return values


def cached(parts, compute):
    return cached_many({"value": (parts, compute)})["value"]
