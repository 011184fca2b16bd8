"""Site-wide middleware: request ids, security headers, and a calm answer when the database is away.

The page cache lives in healthequity/caching, the read-replica pinning in healthequity/db_routers.
"""

import codecs
import logging
import re
import uuid

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, QueryDict
from django.template import loader

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from healthequity.observability import request_id_var

__all__ = [
    "ContentSecurityPolicyMiddleware",
    "DatabaseUnavailableMiddleware",
    "FormEncodingMiddleware",
    "RequestIdMiddleware",
    "SecurityHeadersMiddleware",
    "TooManyParametersMiddleware",
    "client_ip",
    "database_unavailable_response",
]

logger = logging.getLogger("healthequity.requests")

REQUEST_ID_HEADER = "X-Request-ID"
# An id from upstream (load balancer, CDN) is kept only if it is short and plain, so it cannot
# forge log lines or bloat them.
ACCEPTABLE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
RETRY_AFTER_SECONDS = 5


class RequestIdMiddleware:
    """Give each request an id: the upstream X-Request-ID if it looks sane, else a new one.

    The id is `request.id`, the response's X-Request-ID header, and the `request_id` of every log
    record written while the request is handled.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request.id = incoming if ACCEPTABLE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request.id
        return response


class TooManyParametersMiddleware:
    """An address with more query parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS gets Django's 400
    page, not a 500.

    Django refuses such a query string the first time `request.GET` is read, and answers 400; but
    rendering its 400 page reads `request.GET` again (the site header does), which raises again and
    turns the answer into a 500. So the query is read here first and, if refused, replaced by an
    empty one before Django's own handling renders the 400 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018 - parses the query string, the check this middleware is for
        except TooManyFieldsSent:
            request.GET = QueryDict()
            raise
        return self.get_response(request)


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NOT_UTF8_REASON = (
    "The form was sent in a character set other than UTF-8, which we cannot read. Send it again from "
    "the page with the form, or set your program to send UTF-8."
)


def _is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


class FormEncodingMiddleware:
    """A form posted in another character set than UTF-8 gets a clear 400 page, not a 500.

    Django refuses such a body when `request.POST` is first read (the CSRF check does) and answers
    400; but its error page reads `request.POST` again, which raises again and turns the answer into
    a 500. Browsers send forms as UTF-8 (our pages say so), so anything else is refused here,
    before anything reads the body, and the body is marked unreadable so nothing tries again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        charset = request.content_params.get("charset") if request.content_type in FORM_CONTENT_TYPES else None
        if charset is not None:
            if not _is_utf8(charset):
                request._mark_post_parse_error()
                return HttpResponse(
                    loader.render_to_string("400.html", {"reason": NOT_UTF8_REASON}, request=request), status=400
                )
            request.encoding = "utf-8"  # "UTF8", "utf_8": Django accepts only this spelling
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """The headers Django has no setting for: Permissions-Policy, and a resource policy for others.

    Django's SecurityMiddleware sets HSTS, nosniff, Referrer-Policy and Cross-Origin-Opener-Policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy where Wagtail's admin needs it.

    - /admin/ gets CONTENT_SECURITY_POLICY_ADMIN: Wagtail 8's admin renders inline scripts.
    - A preview: Wagtail renders the page through this middleware with a stand-in request for the
      page's public address (`request.is_dummy`), and the admin shows the result in a frame. The
      page keeps its own strict policy, except that the admin (same origin) may frame it.
    Everything else, signed-in editors' pages included (the user bar's accessibility checker runs
    without eval), gets the strict public policy.

    A view can still adjust its own policy with django-csp's decorators, which take precedence.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES)):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        elif getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


def database_unavailable_response(request=None) -> HttpResponse:
    """A friendly 503 saying to try again, rendered without touching the database or session."""
    body = loader.render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 "please try again" when the database cannot be reached, never a 500.

    A restarted or failed-over database raises OperationalError/InterfaceError; the connection is
    then discarded (CONN_HEALTH_CHECKS), so the visitor's retry a few seconds later succeeds.
    Anything the view was writing was in a transaction that did not commit, so nothing is
    half-saved, and the visitor is told their submission did not go through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Any app's own "try again" page (a 503) tells clients and proxies when to retry.
        if response.status_code == 503 and not response.has_header("Retry-After"):
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning(
            "Database unavailable; answered 503: %s",
            exception.__class__.__name__,
            extra={"path": request.path, "error": str(exception)[:300]},
        )
        return database_unavailable_response(request)


def client_ip(request) -> str:
    """The visitor's address, trusting as many X-Forwarded-For hops as TRUSTED_PROXY_COUNT says."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
