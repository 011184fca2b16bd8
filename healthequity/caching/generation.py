"""The page-cache generation: one number in the shared cache that every page key includes.

Bumping it makes every cached page unreachable at once, on every server sharing the cache, with
one write and no key scanning; old entries simply expire. It starts from the clock, so a number
lost with a Redis restart or eviction never brings back pages of an earlier generation.
"""

import time

from django.core.cache import cache

__all__ = ["GENERATION_KEY", "bump_generation", "current_generation"]

GENERATION_KEY = "pagecache:generation"
GENERATION_TIMEOUT = None  # kept until bumped or evicted


def _fresh_generation() -> int:
    return time.time_ns() // 1_000_000


def current_generation() -> int | None:
    """The number to key pages by, or None when the cache cannot be reached (then don't cache)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), GENERATION_TIMEOUT)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no number yet (first run, or evicted): start a new one
        cache.set(GENERATION_KEY, _fresh_generation(), GENERATION_TIMEOUT)
