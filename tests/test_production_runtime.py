"""Health check, request ids and JSON logs, the database-outage answer, and the replica router."""

import io
import json
import logging
import sys
from unittest import mock

from django.db import InterfaceError, OperationalError
from django.test import RequestFactory
from django.urls import include, path

from wagtail import urls as wagtail_urls

import pytest

from healthequity import db_routers
from healthequity.core.views import server_error
from healthequity.middleware import client_ip
from healthequity.observability import JsonFormatter, RequestIdFilter
from healthequity.urls import urlpatterns as site_urlpatterns

BROKEN_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


def database_gone_view(request):
    raise OperationalError("server closed the connection unexpectedly")


def connection_already_closed_view(request):
    raise InterfaceError("connection already closed")


def busy_view(request):
    from django.http import HttpResponse

    return HttpResponse("Busy, try again", status=503)


def logging_view(request):
    from django.http import HttpResponse

    logging.getLogger("healthequity.test").warning("inside the view")
    return HttpResponse("logged")


urlpatterns = [
    path("test-db-gone/", database_gone_view),
    path("test-db-closed/", connection_already_closed_view),
    path("test-log/", logging_view),
    path("test-busy/", busy_view),
    *site_urlpatterns[:-1],
    path("", include(wagtail_urls)),
]


# /healthz


@pytest.mark.django_db
def test_healthz_is_200_with_json_when_all_is_well(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = BROKEN_REDIS
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
def test_healthz_for_load_balancers_only_requires_the_database(client, settings):
    settings.CACHES = BROKEN_REDIS
    response = client.get("/healthz", {"require": "database"})
    assert response.status_code == 200
    assert response.json()["cache"] == "unavailable"


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_unreachable(client):
    from django.db import connection

    with mock.patch.object(connection, "cursor", side_effect=OperationalError("could not connect")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("could not connect")):
        assert client.get("/healthz", {"require": "database"}).status_code == 503


# Request ids and logs


@pytest.mark.django_db
def test_every_response_has_a_request_id(client, home_page):
    first, second = client.get("/"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
def test_a_sane_upstream_request_id_is_kept_and_a_forged_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-5f2a9c1e-77")["X-Request-ID"] == "lb-5f2a9c1e-77"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x" level=CRITICAL\nfake log line')["X-Request-ID"]
    assert "\n" not in forged
    assert len(forged) == 32


@pytest.mark.django_db
@pytest.mark.urls("tests.test_production_runtime")
def test_log_lines_carry_the_request_id_as_json(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("healthequity.test")
    logger.addHandler(handler)
    try:
        response = client.get("/test-log/", HTTP_X_REQUEST_ID="req-0123456789")
    finally:
        logger.removeHandler(handler)
    record = json.loads(stream.getvalue().strip())
    assert response["X-Request-ID"] == "req-0123456789"
    assert record["request_id"] == "req-0123456789"
    assert record["message"] == "inside the view"
    assert record["level"] == "WARNING"
    assert record["logger"] == "healthequity.test"
    assert "time" in record


def test_gunicorn_access_log_is_one_json_line_with_the_request_id(tmp_path):
    import datetime
    from types import SimpleNamespace

    from gunicorn.config import Config

    from healthequity.gunicorn_logging import JsonAccessLogger

    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    access_logger = JsonAccessLogger(config)
    response = SimpleNamespace(
        status="200 OK", sent=5120, headers=[("X-Request-ID", "lb-0123456789"), ("X-Page-Cache", "hit")]
    )
    environ = {"REMOTE_ADDR": "10.0.0.7", "REQUEST_METHOD": "GET", "PATH_INFO": "/resources/", "QUERY_STRING": "q=a"}
    access_logger.access(response, None, environ, datetime.timedelta(milliseconds=12.3))
    line = json.loads((tmp_path / "access.log").read_text().strip())
    assert line["request_id"] == "lb-0123456789"
    assert (line["method"], line["path"], line["query"], line["status"]) == ("GET", "/resources/", "q=a", 200)
    assert line["duration_ms"] == 12.3
    assert line["page_cache"] == "hit"


def test_gunicorn_own_messages_are_json_lines_too(tmp_path):
    from gunicorn.config import Config

    from healthequity.gunicorn_logging import JsonAccessLogger

    config = Config()
    config.set("errorlog", str(tmp_path / "error.log"))
    JsonAccessLogger(config).critical("WORKER TIMEOUT (pid:%s)", 4242)
    line = json.loads((tmp_path / "error.log").read_text().strip())
    assert line["message"] == "WORKER TIMEOUT (pid:4242)"
    assert line["level"] == "CRITICAL"
    assert line["logger"] == "gunicorn.error"


def test_log_records_outside_a_request_say_so():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


# The database goes away


@pytest.mark.django_db
@pytest.mark.urls("tests.test_production_runtime")
@pytest.mark.parametrize("url", ["/test-db-gone/", "/test-db-closed/"])
def test_losing_the_database_answers_503_please_try_again(client, url):
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"please try again" in response.content
    assert b"has <strong>not</strong> been saved" in response.content
    assert b"Traceback" not in response.content
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.urls("tests.test_production_runtime")
def test_any_503_tells_clients_when_to_retry(client):
    response = client.get("/test-busy/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_the_last_resort_handler_turns_database_errors_into_503():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("terminating connection due to administrator command")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    try:
        raise ValueError("a bug")
    except ValueError:
        assert sys.exc_info()[0] is ValueError
        response = server_error(request)
    assert response.status_code == 500
    assert b"problem with the service" in response.content


# The read replica router


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(db_routers, "has_replica", lambda: True)
    return db_routers.PrimaryReplicaRouter()


def test_without_a_replica_everything_uses_the_primary():
    router = db_routers.PrimaryReplicaRouter()
    token = db_routers.replica_allowed.set(True)
    try:
        assert router.db_for_read(None) == "default"
    finally:
        db_routers.replica_allowed.reset(token)


def test_public_reads_go_to_the_replica_and_writes_to_the_primary(with_replica):
    router = with_replica
    assert router.db_for_read(None) == "default"  # outside a request: commands, scheduled publishing
    allowed, wrote = db_routers.replica_allowed.set(True), db_routers.wrote.set(False)
    try:
        assert router.db_for_read(None) == "replica"
        assert router.db_for_write(None) == "default"
        assert router.db_for_read(None) == "default"  # the request has written: read its own writes
    finally:
        db_routers.replica_allowed.reset(allowed)
        db_routers.wrote.reset(wrote)
    assert router.allow_migrate("replica", "core") is False
    assert router.allow_migrate("default", "core") is True


@pytest.mark.django_db
def test_reads_inside_a_transaction_use_the_primary(with_replica):
    from django.db import transaction

    token = db_routers.replica_allowed.set(True)
    try:
        with transaction.atomic():
            assert with_replica.db_for_read(None) == "default"
    finally:
        db_routers.replica_allowed.reset(token)


def test_requests_choose_replica_or_primary(with_replica):
    from django.core.cache import cache
    from django.http import HttpResponse

    seen = {}

    def view(request):
        seen[request.method + request.path] = with_replica.db_for_read(None)
        return HttpResponse()

    middleware = db_routers.ReplicaRoutingMiddleware(view)
    factory = RequestFactory()
    cache.delete(db_routers.LAST_WRITE_KEY)
    middleware(factory.get("/resources/"))
    middleware(factory.get("/admin/pages/"))
    middleware(factory.post("/funders/submit/"))
    assert seen == {"GET/resources/": "replica", "GET/admin/pages/": "default", "POST/funders/submit/": "default"}
    db_routers.note_write()
    middleware(factory.get("/blog/"))
    assert seen["GET/blog/"] == "default"  # a write a moment ago: the replica may lag
    cache.delete(db_routers.LAST_WRITE_KEY)


def test_client_ip_trusts_only_the_configured_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # a client-sent first hop is not believed
