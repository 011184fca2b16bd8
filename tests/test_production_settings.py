"""Production settings: refuse to start without what they need, pass Django's deploy checks, and
turn each documented environment variable into the right service configuration."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import pytest

from healthequity.settings import environment

# Each reads settings in a subprocess on its own SQLite database, or reads no database at all.
pytestmark = pytest.mark.database_independent

REPO = Path(__file__).resolve().parent.parent
GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "healthequity.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-test-key-9f8e7d6c5b4a39281706",
    "ALLOWED_HOSTS": "evidence.example.org",
    "WAGTAILADMIN_BASE_URL": "https://evidence.example.org",
    "DATABASE_URL": "sqlite:////tmp/healthequity-production-settings-test.sqlite3",
}


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in GOOD_ENV and not key.startswith("DJANGO")}
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=REPO, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL", "DATABASE_URL"])
def test_production_stops_naming_the_missing_variable(missing):
    env = {key: value for key, value in GOOD_ENV.items() if key != missing}
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = run_python(
        "from django.core.management import execute_from_command_line as run; "
        "run(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        GOOD_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_secure_by_default():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.CACHES['default']['BACKEND'], s.LOGGING['handlers']['console']['formatter'], "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['upgrade-insecure-requests'])",
        GOOD_ENV,
    )
    assert result.returncode == 0, result.stderr
    debug, hsts, session_secure, csrf_secure, redirect, cache, log_format, upgrade = result.stdout.split()
    assert debug == "False"
    assert int(hsts) >= 15_768_000  # at least six months
    assert session_secure == csrf_secure == redirect == upgrade == "True"
    assert cache.endswith("FileBasedCache")  # shared by every worker on the machine without Redis
    assert log_format == "json"


def test_an_unparseable_flag_is_refused_by_name():
    result = run_python("import django; django.setup()", {**GOOD_ENV, "SECURE_SSL_REDIRECT": "maybe"})
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT must be true or false" in result.stderr


def test_make_serve_serves_uploaded_images_and_production_does_not(tmp_path):
    """`make serve` has no proxy in front: SERVE_MEDIA lets Django serve the uploads there."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "chart.png").write_bytes(b"not really a png")
    code = (
        "import django; django.setup(); from django.test import Client; from django.urls import resolve; "
        "print(resolve('/media/images/chart.png').func.__module__, "
        "Client().get('/media/images/chart.png', HTTP_HOST='evidence.example.org').status_code)"
    )
    env = {**GOOD_ENV, "MEDIA_ROOT": str(tmp_path), "SECURE_SSL_REDIRECT": "false", "CACHE_DIR": str(tmp_path / "c")}
    served = run_python(code, {**env, "SERVE_MEDIA": "true"})
    assert served.returncode == 0, served.stderr
    assert served.stdout.split() == ["django.views.static", "200"]
    assert "SERVE_MEDIA=true" in (REPO / "Makefile").read_text()
    # Without it (production behind a proxy), Django has no such address.
    unserved = run_python(code, env)
    assert unserved.returncode != 0 and "Resolver404" in unserved.stderr


def test_env_example_lists_every_variable_production_reads():
    name = r"([A-Z][A-Z0-9_]+)"  # AWS_S3_… has a digit
    read = set()
    for module in ("healthequity/settings/production.py", "healthequity/settings/environment.py"):
        source = (REPO / module).read_text()
        read |= set(re.findall(rf'env(?:_bool|_int|_list)?\(\s*(?:env|os\.environ),\s*"{name}"', source))
        read |= set(re.findall(rf'env\.get\("{name}"', source))
        read |= set(re.findall(rf'require\(env, "{name}"\)', source))
        read |= set(re.findall(rf'env\["{name}"\]', source))
    for module in ("healthequity/settings/base.py", "gunicorn.conf.py"):
        source = (REPO / module).read_text()
        read |= set(re.findall(rf'env_(?:bool|int|list)\(os\.environ, "{name}"', source))
        read |= set(re.findall(rf'os\.environ\.get\("{name}"', source))
    example = (REPO / ".env.example").read_text()
    documented = (REPO / "docs/environment.md").read_text()
    assert {"AWS_S3_ENDPOINT_URL", "GUNICORN_WORKERS", "REDIS_URL", "SECRET_KEY"} <= read
    assert len(read) > 70
    for variable in sorted(read):
        assert re.search(rf"^#?\s*{variable}=", example, re.MULTILINE), f"{variable} missing from .env.example"
        assert f"`{variable}`" in documented, f"{variable} missing from docs/environment.md"


# The pieces, in process: each environment variable's effect.


def test_require_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match="Set the SECRET_KEY environment variable"):
        environment.require({"SECRET_KEY": "  "}, "SECRET_KEY")


def test_cache_is_redis_with_errors_ignored_on_every_alias_when_redis_url_is_set():
    caches = environment.cache_settings({"REDIS_URL": "redis://cache:6379/1"}, Path("/unused"))
    assert set(caches) == {"default", "ratelimit", "renditions"}
    assert caches["ratelimit"]["BACKEND"] == "django_redis.cache.RedisCache"  # the one django-ratelimit knows
    for alias, redis in caches.items():
        assert redis["BACKEND"].endswith(".RedisCache"), alias
        assert redis["LOCATION"] == "redis://cache:6379/1"
        assert redis["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
        assert redis["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    assert caches["default"]["BACKEND"] == caches["renditions"]["BACKEND"] == "healthequity.caching.backends.RedisCache"
    assert len({redis["KEY_PREFIX"] for redis in caches.values()}) == 3
    apart = environment.cache_settings(
        {"REDIS_URL": "redis://cache:6379/1", "RATELIMIT_REDIS_URL": "redis://counters:6379/0"}, Path("/unused")
    )
    assert apart["ratelimit"]["LOCATION"] == "redis://counters:6379/0"


def test_without_redis_the_caches_are_bounded_files_apart_from_the_rate_limit_counters():
    caches = environment.cache_settings({}, Path("/srv/cache"))
    assert caches["default"]["BACKEND"].endswith("FileBasedCache")
    assert caches["default"]["LOCATION"] == "/srv/cache/default"
    assert caches["ratelimit"]["LOCATION"] == "/srv/cache/ratelimit"
    assert caches["default"]["OPTIONS"]["MAX_ENTRIES"] == caches["ratelimit"]["OPTIONS"]["MAX_ENTRIES"] == 5000
    assert caches["renditions"]["BACKEND"].endswith("LocMemCache")


def test_rate_limit_cache_checks_are_silenced_only_for_a_cache_that_is_not_redis():
    files = environment.cache_settings({}, Path("/unused"))
    assert environment.unshared_cache_checks(files) == ["django_ratelimit.E003", "django_ratelimit.W001"]
    assert environment.unshared_cache_checks(environment.local_memory_caches()) == [
        "django_ratelimit.E003",
        "django_ratelimit.W001",
    ]
    redis = environment.cache_settings({"REDIS_URL": "redis://cache:6379/1"}, Path("/unused"))
    assert environment.unshared_cache_checks(redis) == []


def test_production_with_redis_keeps_the_rate_limit_checks_and_passes_them():
    env = {**GOOD_ENV, "REDIS_URL": "redis://127.0.0.1:6379/9"}
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SILENCED_SYSTEM_CHECKS, s.RATELIMIT_FAIL_OPEN); "
        "from django.core.management import call_command; call_command('check', '--deploy', fail_level='WARNING')",
        env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[] True")


def test_database_has_health_checked_persistent_connections_and_an_optional_replica():
    databases = environment.database_settings(
        {
            "DATABASE_URL": "postgres://app:secret@primary:5432/he",
            "DATABASE_REPLICA_URL": "postgres://app:secret@replica:5432/he",
        },
        default_url="sqlite:///unused",
    )
    assert databases["default"]["HOST"] == "primary"
    assert databases["default"]["CONN_HEALTH_CHECKS"] is True
    assert databases["default"]["CONN_MAX_AGE"] == 60
    assert databases["default"]["OPTIONS"]["connect_timeout"] == 5
    assert databases["replica"]["HOST"] == "replica"
    assert databases["replica"]["TEST"] == {"MIRROR": "default"}


def test_database_pool_and_pgbouncer_options():
    pooled = environment.database_settings(
        {"DATABASE_URL": "postgres://app@db/he", "DATABASE_POOL": "true", "DATABASE_POOL_MAX_SIZE": "8"}, "sqlite://"
    )["default"]
    assert pooled["CONN_MAX_AGE"] == 0
    assert pooled["OPTIONS"]["pool"]["max_size"] == 8
    bouncer = environment.database_settings(
        {
            "DATABASE_URL": "postgres://app@pgbouncer:6432/he",
            "DATABASE_CONN_MAX_AGE": "0",
            "DATABASE_DISABLE_SERVER_SIDE_CURSORS": "true",
        },
        "sqlite://",
    )["default"]
    assert bouncer["CONN_MAX_AGE"] == 0
    assert bouncer["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_media_goes_to_object_storage_when_a_bucket_is_named():
    assert environment.media_storage_settings({}) is None
    storage = environment.media_storage_settings(
        {"AWS_STORAGE_BUCKET_NAME": "he-media", "AWS_S3_ENDPOINT_URL": "https://s3.example.org"}
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "he-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert storage["OPTIONS"]["querystring_auth"] is True  # private bucket: signed links
    public = environment.media_storage_settings({"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_CUSTOM_DOMAIN": "media.cdn"})
    assert public["OPTIONS"]["querystring_auth"] is False


def test_object_storage_backend_can_be_built(settings):
    from django.core.files.storage import storages

    settings.STORAGES = {
        **settings.STORAGES,
        "default": environment.media_storage_settings(
            {"AWS_STORAGE_BUCKET_NAME": "he-media", "AWS_S3_CUSTOM_DOMAIN": "media.example.org"}
        ),
    }
    storage = storages.create_storage(settings.STORAGES["default"])
    assert storage.url("images/a.jpg") == "https://media.example.org/media/images/a.jpg"


def test_search_uses_a_cluster_when_search_url_is_set():
    assert environment.search_settings({})["default"]["BACKEND"] == "wagtail.search.backends.database"
    cluster = environment.search_settings({"SEARCH_URL": "https://search:9200", "SEARCH_BACKEND": "elasticsearch8"})
    assert cluster["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert cluster["default"]["URLS"] == ["https://search:9200"]
    assert environment.search_settings({"SEARCH_URL": "https://s:9200"})["default"]["BACKEND"].endswith("opensearch3")
    with pytest.raises(ImproperlyConfigured, match="SEARCH_BACKEND"):
        environment.search_settings({"SEARCH_URL": "https://s:9200", "SEARCH_BACKEND": "solr"})


def test_opensearch_backend_can_be_built():
    from wagtail.search.backends import get_search_backend

    config = environment.search_settings({"SEARCH_URL": "http://127.0.0.1:9"})["default"]
    backend = get_search_backend(**config)
    assert backend.__class__.__module__.startswith(("wagtail.search.backends.opensearch3", "modelsearch"))


def test_email_goes_through_smtp_or_a_provider():
    assert environment.email_settings({}) == {}
    smtp = environment.email_settings({"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "2525"})
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert smtp["EMAIL_PORT"] == 2525
    provider = environment.email_settings({"EMAIL_PROVIDER": "postmark", "ANYMAIL_POSTMARK_SERVER_TOKEN": "t0ken"})
    assert provider["EMAIL_BACKEND"] == "anymail.backends.postmark.EmailBackend"
    assert provider["ANYMAIL"] == {"POSTMARK_SERVER_TOKEN": "t0ken"}


def test_provider_email_backend_sends(settings, mailoutbox):
    from django.core.mail import get_connection

    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "t0ken"}
    connection = get_connection(environment.email_settings({"EMAIL_PROVIDER": "postmark"})["EMAIL_BACKEND"])
    assert connection.__class__.__module__ == "anymail.backends.postmark"


def test_cdn_purging_is_configured_from_the_environment():
    assert environment.frontend_cache_settings({}) == {}
    backends = environment.frontend_cache_settings(
        {
            "FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone",
            "FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN": "token",
            "FRONTEND_CACHE_PURGE_URL": "http://varnish:6081",
        }
    )
    assert backends["cloudflare"]["ZONEID"] == "zone"
    assert backends["http"]["LOCATION"] == "http://varnish:6081"
    with pytest.raises(ImproperlyConfigured, match="FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"):
        environment.frontend_cache_settings({"FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone"})


def gunicorn_settings(**env: str) -> dict:
    """gunicorn.conf.py's settings, read as gunicorn reads them, with only `env` in the environment."""
    import runpy
    from unittest import mock

    with mock.patch.dict(os.environ, env, clear=True):
        return runpy.run_path(str(REPO / "gunicorn.conf.py"))


def test_gunicorn_recycles_workers_rarely_and_not_all_at_once():
    settings = gunicorn_settings()
    # At full load on 2 cores a worker serves up to about 35 requests a second: minutes, not seconds.
    assert settings["max_requests"] / 35 > 5 * 60
    # Workers started together reach their limits spread over half the limit again.
    assert settings["max_requests_jitter"] >= settings["max_requests"] / 2
    # A recycled worker is forked from the master, which already loaded the app.
    assert settings["preload_app"] is True


def test_gunicorn_settings_follow_the_environment():
    settings = gunicorn_settings(
        GUNICORN_MAX_REQUESTS="500", GUNICORN_MAX_REQUESTS_JITTER="50", GUNICORN_THREADS="4", GUNICORN_WORKERS="3"
    )
    assert (settings["max_requests"], settings["max_requests_jitter"]) == (500, 50)
    assert (settings["workers"], settings["threads"], settings["worker_class"]) == (3, 4, "gthread")


def test_load_test_counts_worker_restarts_from_gunicorns_json_log(tmp_path):
    from gunicorn.config import Config

    from healthequity.gunicorn_logging import JsonAccessLogger

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from load_test import count_worker_events, mean_worker_lifetime
    finally:
        sys.path.remove(str(REPO / "scripts"))

    config = Config()
    config.set("errorlog", str(tmp_path / "gunicorn.log"))
    gunicorn_log = JsonAccessLogger(config)
    for pid in (101, 102):  # as gunicorn 27 words them: workers/sync.py and arbiter.py
        gunicorn_log.info("Autorestarting worker after current request.")
        gunicorn_log.info("Worker exiting (pid: %s)", pid)
        gunicorn_log.info("Booting worker with pid: %s", pid + 10)
    gunicorn_log.critical("WORKER TIMEOUT (pid:%s)", 103)
    gunicorn_log.error("Worker (pid:%s) was sent SIGKILL! Perhaps out of memory?", 103)
    gunicorn_log.info("Booting worker with pid: %s", 113)

    events = count_worker_events((tmp_path / "gunicorn.log").read_text().splitlines())

    assert events == {"recycled (max_requests)": 2, "timed out": 1, "killed or failed": 1, "booted": 3}
    assert mean_worker_lifetime(workers=5, seconds=30, restarts=events["booted"]) == 50
    assert mean_worker_lifetime(workers=5, seconds=30, restarts=0) == float("inf")
