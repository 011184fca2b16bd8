"""Whole-page caching for anonymous visitors, Cache-Control for browsers and CDNs, and invalidation.

- `middleware.PageCacheMiddleware` answers anonymous GET/HEAD requests from Django's cache and
  says in Cache-Control who else may keep a copy.
- `invalidation` bumps one generation number (part of every cache key) when published content
  changes, so every server sees the change at once, and asks the CDN to purge the affected URLs.
"""
