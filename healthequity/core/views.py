"""Small site-wide views: health check, robots.txt and the last-resort error page."""

import sys
import uuid

from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.documents.views.serve import serve as serve_wagtail_document

from healthequity.core.site_urls import absolute_url
from healthequity.middleware import database_unavailable_response


def _database_state(alias: str) -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means "not healthy", reported not raised
        return "unavailable"
    return "ok"


def _cache_state() -> str:
    # A key of its own per call, so workers checking at the same moment do not read each other's.
    key, token = f"healthz:{uuid.uuid4().hex}", "ok"
    try:
        cache.set(key, token, 5)
        state = "ok" if cache.get(key) == token else "unavailable"
        cache.delete(key)
    except Exception:  # noqa: BLE001 - django-redis may raise or may swallow; both mean unavailable
        return "unavailable"
    return state


@never_cache
@require_GET
def healthz(request):
    """Report whether the database and cache answer: 200 when all do, 503 otherwise.

    Load balancers should ask `/healthz?require=database`: the site keeps serving without Redis
    (only slower), so a cache outage must not take every server out of the pool at once.
    """
    checks = {"database": _database_state("default"), "cache": _cache_state()}
    if "replica" in connections.settings:
        checks["replica"] = _database_state("replica")
    required = request.GET.get("require", "")
    required_checks = [name for name in required.split(",") if name in checks] or list(checks)
    healthy = all(checks[name] == "ok" for name in required_checks)
    overall = "ok" if all(state == "ok" for state in checks.values()) else "unavailable"
    return JsonResponse({"status": overall, **checks}, status=200 if healthy else 503)


@require_GET
def robots_txt(request):
    sitemap_url = absolute_url(reverse("sitemap"), request)
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def server_error(request):
    """handler500: a lost database outside a view (say, saving the session) is a 503, not a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable_response(request)
    return HttpResponseServerError(loader.render_to_string("500.html"))


def serve_document(request, document_id, document_filename):
    """Wagtail's document download, less the `Content-Encoding: None` header its sendfile writes
    for a file with no encoding (a CSV, say): "None" is no content coding a browser knows."""
    response = serve_wagtail_document(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    return response
