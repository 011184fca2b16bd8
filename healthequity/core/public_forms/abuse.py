"""Keeping robots and floods out of the public forms without bothering people.

- a honeypot field people never see and robots fill in (`forms.PublicFormMixin`),
- a signed "form started" time: a person takes a few seconds, a robot posts at once; each token
  serves one form (`FormStartedClaims`), so a robot cannot wait once and post a thousand times,
- a rate limit per client address (django-ratelimit), counted in a cache alias of its own
  (RATELIMIT_USE_CACHE: Redis in production), so every app server shares it and a flood of pages
  cannot evict the counters.

A blocked post stores nothing; the form says what a person can do instead.
"""

import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import caches

from django_ratelimit.core import get_usage

from healthequity.middleware import client_ip

__all__ = ["FormStartedClaims", "RateLimit", "form_started_token", "seconds_since_form_started"]

logger = logging.getLogger(__name__)

FORM_STARTED_SALT = "public-forms.form-started"


def form_started_token(at=None):
    """A signed timestamp put in each form when it is shown, with a nonce: no two forms share one."""
    started = int(at if at is not None else time.time())
    return signing.dumps({"t": started, "n": secrets.token_urlsafe(9)}, salt=FORM_STARTED_SALT, compress=True)


def seconds_since_form_started(token):
    """How long ago the form was shown, or None if the token is missing, forged or too old."""
    try:
        started = signing.loads(token or "", salt=FORM_STARTED_SALT, max_age=settings.PUBLIC_FORM_MAX_AGE_SECONDS)
        return time.time() - float(started["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class FormStartedClaims:
    """One "form started" token, one form: the first post that passes every check claims the token
    for its idempotency token, and once that post is stored the token is spent.

    The same form sent again (same idempotency token) after a "try again" page is still taken; a
    stored form sent again goes to its confirmation before this is asked. Any other post with the
    token is refused as an expired form would be. Claims live in the rate limit's cache alias (a
    flood of pages cannot evict them) until the token would have expired anyway. If that cache
    cannot be reached, posts are let through, as the rate limit lets them (fail open).
    """

    SPENT = "spent"

    def __init__(self):
        self.cache = caches[settings.RATELIMIT_USE_CACHE]
        self.timeout = settings.PUBLIC_FORM_MAX_AGE_SECONDS + 60

    @staticmethod
    def key(token):
        return "public-forms:started:" + hashlib.sha256(str(token).encode()).hexdigest()

    def claim(self, token, idempotency_token) -> bool:
        """Whether a post with this start token (and this form's idempotency token) may go on."""
        # A post without an idempotency token is a form of its own, never the same one sent again.
        owner = str(idempotency_token) if idempotency_token else secrets.token_hex(16)
        try:
            added = self.cache.add(self.key(token), owner, self.timeout)
            if added is None:  # django-redis answers None when it ignored an error
                return True
            if added:
                return True
            current = self.cache.get(self.key(token))
        except Exception:
            logger.warning("Form-started claims cache unavailable; post allowed through.", exc_info=True)
            return True
        return current is None or current == owner

    def spend(self, token) -> None:
        try:
            self.cache.set(self.key(token), self.SPENT, self.timeout)
        except Exception:
            logger.warning("Form-started claims cache unavailable; token not spent.", exc_info=True)


def client_key(group, request):
    return client_ip(request)


class RateLimit:
    """At most `limit` posts to one form from one client address per `period` seconds, where
    (limit, period) is `PUBLIC_FORM_RATE_LIMITS[name]`.

    Only what `record` is told counts (a stored record, a honeypot hit), so a person correcting a
    mistake is never turned away for it. If the cache is down the limit is not applied rather than
    turning people away (RATELIMIT_FAIL_OPEN, and any error the cache raises).
    """

    def __init__(self, name):
        self.name = name
        self.limit, self.period = settings.PUBLIC_FORM_RATE_LIMITS[name]

    def usage(self, request, increment):
        return get_usage(
            request,
            group=f"public-form:{self.name}",
            key=client_key,
            rate=(self.limit, self.period),
            increment=increment,
        )

    def is_exceeded(self, request):
        """Whether this address has already used up its posts (the next one would be one too many)."""
        try:
            usage = self.usage(request, increment=False)
        except Exception:
            logger.warning("Rate limit cache unavailable; %s allowed through.", self.name, exc_info=True)
            return False
        return usage is not None and usage["count"] >= self.limit

    def record(self, request):
        try:
            self.usage(request, increment=True)
        except Exception:
            logger.warning("Rate limit cache unavailable; %s post not counted.", self.name, exc_info=True)
