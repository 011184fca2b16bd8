"""Keeping robots and floods out of the public forms without bothering people.

- a honeypot field people never see and robots fill in,
- a signed "form started" time: a person takes a few seconds, a robot posts at once,
- a rate limit per client address, counted in Django's cache (Redis in production).

A blocked post stores nothing; the form says what a person can do instead.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

__all__ = ["RateLimit", "client_address", "form_started_token", "seconds_since_form_started"]

logger = logging.getLogger(__name__)

FORM_STARTED_SALT = "funders.form-started"


def client_address(request):
    """The address the request came from, trusting as many X-Forwarded-For hops as we have proxies."""
    proxies = settings.FUNDERS_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def form_started_token(at=None):
    """A signed timestamp put in each form when it is shown."""
    return signing.dumps({"t": int(at if at is not None else time.time())}, salt=FORM_STARTED_SALT, compress=True)


def seconds_since_form_started(token):
    """How long ago the form was shown, or None if the token is missing, forged or too old."""
    try:
        started = signing.loads(token or "", salt=FORM_STARTED_SALT, max_age=settings.FUNDERS_FORM_MAX_AGE_SECONDS)
        return time.time() - float(started["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class RateLimit:
    """At most `limit` posts to one form from one client address per `period` seconds.

    The count lives in the cache, so it is shared by every app server. If the cache is down the
    limit is not applied rather than turning people away.
    """

    def __init__(self, name):
        self.name = name
        self.limit, self.period = settings.FUNDERS_RATE_LIMITS[name]

    def key(self, request):
        address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
        return f"funders:rate:{self.name}:{address}"

    def is_exceeded(self, request):
        try:
            return (cache.get(self.key(request)) or 0) >= self.limit
        except Exception:  # noqa: BLE001 - a cache outage must not block real people
            logger.warning("Rate limit cache unavailable; %s allowed through.", self.name, exc_info=True)
            return False

    def record(self, request):
        key = self.key(request)
        try:
            if not cache.add(key, 1, timeout=self.period):
                cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=self.period)  # expired between add and incr
        except Exception:  # noqa: BLE001
            logger.warning("Rate limit cache unavailable; %s post not counted.", self.name, exc_info=True)
