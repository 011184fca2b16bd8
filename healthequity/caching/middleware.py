"""The full-page cache for anonymous visitors, and the Cache-Control header of every response.

A response is shared (stored here, and marked `public` for browsers and CDNs) only when nothing
about it can belong to one visitor: a GET or HEAD, status 200, outside /admin/ and the other
excluded prefixes, from a request without a session or messages cookie or credentials, that set
no cookie, did not use the CSRF token (so a page with a POST form is never shared with another
visitor's token), and whose view did not ask for private or no caching itself. Everything else
is `private, no-store` when it may be personal, and `no-cache` when it is merely not cacheable.

A page is keyed by its address without the query string, plus the query parameters the page read
(see query): a query string of junk (`?j=<random>`, tracking parameters) finds the same entry and
makes no new one. Which parameters a page reads is remembered per address, beside the pages.

Pages keep working with a Content Security Policy nonce: a stored page remembers its nonce, and a
cache hit swaps it for a fresh one before the CSP middleware writes the header.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from healthequity.caching.generation import current_generation
from healthequity.caching.invalidation import in_admin_request
from healthequity.caching.query import WHOLE_QUERY, ReadTrackingQueryDict

__all__ = ["CACHE_STATUS_HEADER", "PageCacheMiddleware", "is_shareable"]

CACHE_STATUS_HEADER = "X-Page-Cache"
MAX_STORED_BYTES = 1_000_000
# Response headers a stored page keeps; everything else is per response or added on the way out.
STORED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link", "Vary", "X-Frame-Options")
HARMLESS_VARY = {"cookie", "accept-encoding"}
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache", "max-age=0")


def _has_visitor_state(request) -> bool:
    if getattr(request, "is_dummy", False):
        return True  # Wagtail's stand-in request for an editor's preview
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies or "HTTP_AUTHORIZATION" in request.META


def _is_excluded(request) -> bool:
    return request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))


def _may_be_personal(request, response) -> bool:
    return (
        request.method not in ("GET", "HEAD")
        or _is_excluded(request)
        or _has_visitor_state(request)
        or bool(response.cookies)
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    )


def is_shareable(request, response) -> bool:
    """True when this response can be given, as it is, to any anonymous visitor."""
    if response.status_code != 200 or response.streaming or _may_be_personal(request, response):
        return False
    own_cache_control = response.get("Cache-Control", "").lower()
    if any(directive in own_cache_control for directive in PRIVATE_DIRECTIVES):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= HARMLESS_VARY


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            token = in_admin_request.set(True)
            try:
                return self._respond(request)
            finally:
                in_admin_request.reset(token)
        return self._respond(request)

    def _respond(self, request):
        place = self._place(request)
        reads = key = None
        if place is not None:
            reads = self._reads(request, place)
            key = self._key(request, place, reads)
            if key is not None:
                stored = cache.get(key)
                if stored is not None:
                    return self._from_store(request, stored)
            query = request.GET
            request.GET = ReadTrackingQueryDict.tracking(query)

        response = self.get_response(request)

        shareable = is_shareable(request, response)
        self._set_cache_control(request, response, shareable)
        if place is None:
            return response
        tracked, request.GET = request.GET, query
        if shareable and request.method == "GET" and len(response.content) <= MAX_STORED_BYTES:
            merged = frozenset(getattr(tracked, "reads", set()) | (reads or set()))
            if WHOLE_QUERY in merged:
                merged = frozenset({WHOLE_QUERY})
            if merged != reads:
                cache.set(self._reads_key(place), merged, settings.PAGE_CACHE_SECONDS)
            cache.set(self._key(request, place, merged), self._to_store(request, response), settings.PAGE_CACHE_SECONDS)
            response[CACHE_STATUS_HEADER] = "miss"
        else:
            response[CACHE_STATUS_HEADER] = "bypass"
        return response

    def _place(self, request) -> tuple[int, str] | None:
        """(generation, address without the query) of a request the cache may answer, else None."""
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return None
        if _is_excluded(request) or _has_visitor_state(request):
            return None
        generation = current_generation()
        if generation is None:
            return None
        # build_absolute_uri validates the host against ALLOWED_HOSTS and includes the scheme.
        return generation, request.build_absolute_uri(request.path)

    @staticmethod
    def _digest(*parts) -> str:
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def _reads_key(self, place) -> str:
        generation, address = place
        return f"pagecache:{settings.RELEASE_ID}:{generation}:reads:{self._digest(address)}"

    def _reads(self, request, place) -> frozenset | None:
        """The query parameters this address's page was seen to read, if it was stored before."""
        if not request.META.get("QUERY_STRING"):
            return None  # nothing to tell apart: the key is the address alone
        return cache.get(self._reads_key(place))

    def _key(self, request, place, reads) -> str | None:
        """The key of this request's page, given what the page reads; None when that is not known."""
        generation, address = place
        query = request.GET
        if not query:
            # Looked up without knowing what the page reads: the address alone, whatever it reads.
            return f"pagecache:{settings.RELEASE_ID}:{generation}:{self._digest(address)}"
        if reads is None:
            return None
        if WHOLE_QUERY in reads:
            values = request.META.get("QUERY_STRING", "")
        else:
            values = tuple((name, query.getlist(name)) for name in sorted(reads) if name in query)
        return f"pagecache:{settings.RELEASE_ID}:{generation}:{self._digest(address, sorted(reads), values)}"

    @staticmethod
    def _set_cache_control(request, response, shareable: bool) -> None:
        if response.has_header("Cache-Control"):
            return  # the view decided
        if shareable:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_CACHE_BROWSER_MAX_AGE,
                s_maxage=settings.PAGE_CACHE_CDN_MAX_AGE,
            )
        elif _may_be_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, no_cache=True)

    @staticmethod
    def _to_store(request, response) -> dict:
        nonce = getattr(request, "_csp_nonce", None)
        return {
            "status": response.status_code,
            "headers": {name: response[name] for name in STORED_HEADERS if response.has_header(name)},
            "cache_control": response.get("Cache-Control", ""),
            "content": response.content,
            "nonce": nonce if isinstance(nonce, str) else None,
        }

    @staticmethod
    def _from_store(request, stored: dict) -> HttpResponse:
        content = stored["content"]
        if stored["nonce"]:
            fresh_nonce = str(request.csp_nonce)  # makes the CSP middleware put it in the header
            content = content.replace(stored["nonce"].encode(), fresh_nonce.encode())
        response = HttpResponse(content, status=stored["status"])
        for name, value in stored["headers"].items():
            response[name] = value
        response["Cache-Control"] = stored["cache_control"]
        response[CACHE_STATUS_HEADER] = "hit"
        return response
