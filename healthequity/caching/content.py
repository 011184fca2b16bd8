"""Values worked out from the published content, kept until the content changes.

Counting the finder's facets, reading the vocabularies or rendering a page of result cards costs
far more than reading the result from the cache, and none of it can change until an editor
changes something. So each is kept in Django's cache under the content *generation* (see
generation): the one number every change to published content bumps (see invalidation), which
also keys the whole-page cache. A bumped generation orphans every old entry at once, on every
server sharing the cache. When the cache cannot be reached, values are worked out every time and
nothing is stored: slower, never wrong.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from healthequity.caching.generation import current_generation

__all__ = ["cached", "cached_many", "content_key", "content_keys"]


def timeout():
    return getattr(settings, "FINDER_CACHE_SECONDS", 300)


def content_key(generation, parts):
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"content:{settings.RELEASE_ID}:{generation}:{digest}"


def content_keys(parts_by_name):
    """{name: cache key} under the current generation, or None when the cache is unreachable."""
    generation = current_generation()
    if generation is None:
        return None
    return {name: content_key(generation, parts) for name, parts in parts_by_name.items()}


def cached_many(computations):
    """{name: (key parts, function)} → {name: value}, computing only what the cache lacks."""
    keys = content_keys({name: parts for name, (parts, _) in computations.items()})
    if keys is None:
        return {name: compute() for name, (_, compute) in computations.items()}
    found = dict(cache.get_many(keys.values()))  # a copy: never change what the cache client returned
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
