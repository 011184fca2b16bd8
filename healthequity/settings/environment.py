"""Turn environment variables into settings, one service at a time.

Each function takes the environment as a mapping and returns plain settings values, so the
settings modules stay short and the tests can check every branch without reloading Django.
`docs/environment.md` lists every variable read here.
"""

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

__all__ = [
    "base_url",
    "cache_settings",
    "database_settings",
    "email_settings",
    "env_bool",
    "env_int",
    "env_list",
    "frontend_cache_settings",
    "media_storage_settings",
    "require",
    "search_settings",
    "unshared_cache_checks",
]

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def require(env: Mapping[str, str], name: str) -> str:
    """The variable's value, or start-up stops with a message naming it."""
    value = env.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production (see docs/environment.md).")
    return value


def env_bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(env: Mapping[str, str], name: str) -> list[str]:
    """A comma-separated variable as a list, blanks dropped."""
    return [item.strip() for item in env.get(name, "").split(",") if item.strip()]


def base_url(value: str, name: str = "WAGTAILADMIN_BASE_URL") -> str:
    """The site's public address as Wagtail's Site records can hold it, without a trailing slash.

    A Site has a hostname and a port and says https only on port 443, so an https address on
    another port, or one with a path, could not come back out of the pages' own addresses.
    """
    parts = urlsplit(value.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in {"http", "https"} or not parts.hostname or port == -1:
        raise ImproperlyConfigured(
            f"{name} must be the site's address, such as https://evidence.example.org, not {value!r}."
        )
    if parts.path not in {"", "/"} or parts.query or parts.fragment or parts.username or parts.password:
        raise ImproperlyConfigured(f"{name} must be an address with no path or query, not {value!r}.")
    if parts.scheme == "https" and port not in {None, 443} or parts.scheme == "http" and port == 443:
        raise ImproperlyConfigured(
            f"{name}: Wagtail's sites serve https on port 443 only, and http on any other ({value!r})."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def database_settings(env: Mapping[str, str], default_url: str) -> dict:
    """`DATABASE_URL` as "default" and, when set, `DATABASE_REPLICA_URL` as "replica".

    Connections are kept open between requests (`CONN_MAX_AGE`) and checked before reuse, so a
    restarted database costs one failed request per worker at most, never a stuck worker.
    With a transaction-pooling pgbouncer in front, set `DATABASE_CONN_MAX_AGE=0` and
    `DATABASE_DISABLE_SERVER_SIDE_CURSORS=true`.
    """
    conn_max_age = env_int(env, "DATABASE_CONN_MAX_AGE", 60)
    no_server_cursors = env_bool(env, "DATABASE_DISABLE_SERVER_SIDE_CURSORS", False)

    def one(url: str) -> dict:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.postgresql":
            config.setdefault("OPTIONS", {})
            config["OPTIONS"].setdefault("connect_timeout", env_int(env, "DATABASE_CONNECT_TIMEOUT", 5))
            if env_bool(env, "DATABASE_POOL", False):
                # psycopg 3's pool inside each worker; needs CONN_MAX_AGE = 0 (Django's rule).
                config["CONN_MAX_AGE"] = 0
                config["OPTIONS"]["pool"] = {
                    "min_size": env_int(env, "DATABASE_POOL_MIN_SIZE", 2),
                    "max_size": env_int(env, "DATABASE_POOL_MAX_SIZE", 4),
                    "timeout": env_int(env, "DATABASE_POOL_TIMEOUT", 10),
                }
            if no_server_cursors:
                config["DISABLE_SERVER_SIDE_CURSORS"] = True
        return config

    databases = {"default": one(env.get("DATABASE_URL", "").strip() or default_url)}
    replica_url = env.get("DATABASE_REPLICA_URL", "").strip()
    if replica_url:
        databases["replica"] = one(replica_url)
        # The test run reads the primary's test database through this alias.
        databases["replica"]["TEST"] = {"MIRROR": "default"}
    return databases


REDIS_CACHE_BACKEND = "healthequity.caching.backends.RedisCache"
# The public forms' rate-limit counters (django-ratelimit, RATELIMIT_USE_CACHE) have a cache alias of
# their own: a flood of pages filling the page cache must not evict them.
RATELIMIT_CACHE_ALIAS = "ratelimit"
# Entries a file cache keeps before it culls a third of them (each page at most 1 MB, most ~50 kB).
FILE_CACHE_MAX_ENTRIES = 5000


def cache_settings(env: Mapping[str, str], directory: Path) -> dict:
    """The cache aliases: Redis through django-redis when `REDIS_URL` is set, else files in `directory`.

    Either way every process of the site shares them, so a page published by a command (as
    `publish_scheduled`) shows at once on the running site.

    - "default": the content generation, the page cache and the values worked out from the content;
    - "ratelimit": the public forms' rate-limit counters, apart, so nothing else can evict them
      (with Redis, `RATELIMIT_REDIS_URL` may name another instance, whose memory pages never fill);
    - "renditions": Wagtail's image renditions.

    A Redis outage must slow the site down, not take it down: every alias ignores (and logs) its
    errors with short timeouts, so a read becomes a miss and a write a no-op until Redis is back.
    """
    redis_url = env.get("REDIS_URL", "").strip()
    if not redis_url:
        return {
            "default": file_cache(directory / "default"),
            RATELIMIT_CACHE_ALIAS: file_cache(directory / "ratelimit"),
            # Wagtail stores every rendition it looks up: kept in each process's memory rather than a
            # file per image per page view (a rendition's address never changes).
            "renditions": RENDITIONS_MEMORY_CACHE,
        }
    timeout = float(env.get("REDIS_SOCKET_TIMEOUT", "0.5") or 0.5)
    prefix = env.get("CACHE_KEY_PREFIX", "healthequity")

    def redis(url: str, key_prefix: str, backend: str = REDIS_CACHE_BACKEND) -> dict:
        return {
            "BACKEND": backend,
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "TIMEOUT": env_int(env, "CACHE_DEFAULT_TIMEOUT", 300),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "LOG_IGNORED_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": timeout,
                "SOCKET_TIMEOUT": timeout,
            },
        }

    return {
        "default": redis(redis_url, prefix),
        # django-redis's own class, which django-ratelimit knows (it reads counters one by one).
        RATELIMIT_CACHE_ALIAS: redis(
            env.get("RATELIMIT_REDIS_URL", "").strip() or redis_url,
            f"{prefix}:ratelimit",
            backend="django_redis.cache.RedisCache",
        ),
        "renditions": redis(redis_url, f"{prefix}:renditions"),
    }


def local_memory_caches() -> dict:
    """Every alias in this process's memory: the test suite, where each worker keeps its own."""
    return {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", RATELIMIT_CACHE_ALIAS, "renditions")
    }


# django-ratelimit's system checks about its cache: not a shared cache with atomic increments
# (E003: local memory, a file or the database) and not one it supports officially (W001).
RATELIMIT_CACHE_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_SHARED_CACHES = {"django_redis.cache.RedisCache"}


def unshared_cache_checks(caches: dict) -> list[str]:
    """The django-ratelimit checks to silence when the rate-limit cache is not Redis: this process's
    memory (tests) or one machine's files (development, production without REDIS_URL), where
    the public forms' rate limits still count, with the odd race between workers.
    With Redis, nothing is silenced: the checks then guard against a cache that cannot count."""
    backend = caches.get(RATELIMIT_CACHE_ALIAS, caches["default"])["BACKEND"]
    return [] if backend in RATELIMIT_SHARED_CACHES else list(RATELIMIT_CACHE_CHECKS)


RENDITIONS_MEMORY_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 300,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}


def file_cache(directory: Path) -> dict:
    """A cache every worker process on one machine shares (local memory is per process), bounded."""
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(directory),
        "OPTIONS": {"MAX_ENTRIES": FILE_CACHE_MAX_ENTRIES},
    }


def media_storage_settings(env: Mapping[str, str]) -> dict | None:
    """S3-compatible object storage for uploads when `AWS_STORAGE_BUCKET_NAME` is set.

    Returns the `STORAGES["default"]` entry, or None to keep files on the local disk.
    Credentials come from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (or the machine's role),
    read by boto3 itself. With `AWS_S3_CUSTOM_DOMAIN` (a CDN in front of a public-read bucket)
    links are plain URLs; otherwise they are signed and expire.
    """
    bucket = env.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return None
    custom_domain = env.get("AWS_S3_CUSTOM_DOMAIN", "").strip() or None
    options = {
        "bucket_name": bucket,
        "location": env.get("AWS_LOCATION", "media"),
        "region_name": env.get("AWS_S3_REGION_NAME") or None,
        "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
        "custom_domain": custom_domain,
        "querystring_auth": env_bool(env, "AWS_QUERYSTRING_AUTH", custom_domain is None),
        "querystring_expire": env_int(env, "AWS_QUERYSTRING_EXPIRE", 3600),
        "file_overwrite": False,
        "default_acl": None,
        "object_parameters": {"CacheControl": "max-age=86400"},
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


SEARCH_BACKENDS = {
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
}


def search_settings(env: Mapping[str, str]) -> dict:
    """Wagtail's search: PostgreSQL/SQLite full text by default, a search cluster by `SEARCH_URL`."""
    url = env.get("SEARCH_URL", "").strip()
    if not url:
        return {"default": {"BACKEND": "wagtail.search.backends.database"}}
    kind = env.get("SEARCH_BACKEND", "opensearch3").strip().lower()
    if kind not in SEARCH_BACKENDS:
        raise ImproperlyConfigured(f"SEARCH_BACKEND must be one of {', '.join(sorted(SEARCH_BACKENDS))}, not {kind!r}.")
    return {
        "default": {
            "BACKEND": SEARCH_BACKENDS[kind],
            "URLS": [url],
            "INDEX_PREFIX": env.get("SEARCH_INDEX_PREFIX", "healthequity_"),
            "TIMEOUT": env_int(env, "SEARCH_TIMEOUT", 5),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }


def email_settings(env: Mapping[str, str]) -> dict:
    """SMTP by `EMAIL_HOST`, or an email provider's API through django-anymail by `EMAIL_PROVIDER`.

    Anymail's own options are passed as `ANYMAIL_<NAME>` variables, for example
    `ANYMAIL_POSTMARK_SERVER_TOKEN` or `ANYMAIL_MAILGUN_API_KEY`.
    """
    provider = env.get("EMAIL_PROVIDER", "").strip().lower()
    if provider:
        anymail = {name.removeprefix("ANYMAIL_"): value for name, value in env.items() if name.startswith("ANYMAIL_")}
        return {"EMAIL_BACKEND": f"anymail.backends.{provider}.EmailBackend", "ANYMAIL": anymail}
    host = env.get("EMAIL_HOST", "").strip()
    if host:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": host,
            "EMAIL_PORT": env_int(env, "EMAIL_PORT", 587),
            "EMAIL_HOST_USER": env.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": env.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env_bool(env, "EMAIL_USE_TLS", True),
            "EMAIL_TIMEOUT": env_int(env, "EMAIL_TIMEOUT", 10),
        }
    return {}


def frontend_cache_settings(env: Mapping[str, str]) -> dict:
    """Wagtail frontend-cache backends (CDN purging) from the environment; {} when none is set."""
    backends = {}
    if env.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": require(env, "FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
        }
    if env.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
        }
    purge_url = env.get("FRONTEND_CACHE_PURGE_URL", "").strip()
    if purge_url:
        if urlsplit(purge_url).scheme not in {"http", "https"}:
            raise ImproperlyConfigured("FRONTEND_CACHE_PURGE_URL must be an http(s) URL, such as http://varnish:6081.")
        backends["http"] = {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": purge_url}
    return backends
