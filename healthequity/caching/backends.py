"""The Redis cache backend every alias uses: django-redis, with one fix.

With `IGNORE_EXCEPTIONS`, django-redis answers a failed `get_many` with the very same `{}` object
every time (a default argument of its error handler). Any code that adds to the dict it was given,
ours or a library's (Wagtail's rendition lookup reads the same cache), then hands its entries to
every later caller while Redis is down: card HTML read back as image renditions. Each call here
gets a dict of its own.
"""

from django_redis.cache import RedisCache as DjangoRedisCache

__all__ = ["RedisCache"]


class RedisCache(DjangoRedisCache):
    def get_many(self, *args, **kwargs):
        return dict(super().get_many(*args, **kwargs))
