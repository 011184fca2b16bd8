"""Production: everything secret or host-specific comes from the environment, and a missing
variable stops start-up with its name rather than running with a made-up value.

Every variable is listed in docs/environment.md and .env.example.
"""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .environment import (
    base_url,
    cache_settings,
    email_settings,
    env_bool,
    env_int,
    env_list,
    frontend_cache_settings,
    media_storage_settings,
    require,
    unshared_cache_checks,
)

env = os.environ

SECRET_KEY = require(env, "SECRET_KEY")
# Old keys still verify sessions and signed links during a key rotation.
SECRET_KEY_FALLBACKS = env_list(env, "SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list(env, "ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    require(env, "ALLOWED_HOSTS")
require(env, "DATABASE_URL")  # base.py reads it; production must not fall back to SQLite.
CSRF_TRUSTED_ORIGINS = env_list(env, "CSRF_TRUSTED_ORIGINS")

# The site's public address: canonical links, feeds, citations, emails; the default Wagtail Site
# follows it after every `migrate` (healthequity/core/site_urls.py).
WAGTAILADMIN_BASE_URL = base_url(require(env, "WAGTAILADMIN_BASE_URL"))

# HTTPS. The proxy in front must set X-Forwarded-Proto (and strip it from clients).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool(env, "SECURE_SSL_REDIRECT", True)
# Health checks from the load balancer come over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int(env, "SECURE_HSTS_SECONDS", 63_072_000)  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(env, "SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool(env, "SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_AGE = env_int(env, "SESSION_COOKIE_AGE", 8 * 60 * 60)  # an editor's working day
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = SECURE_SSL_REDIRECT
CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]["upgrade-insecure-requests"] = SECURE_SSL_REDIRECT
if env.get("CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = env["CSP_REPORT_URI"]

# Cache: Redis when REDIS_URL is set. Without it, one file cache that every gunicorn worker on
# this machine shares, so a publish invalidates pages in all of them (memory is per process).
CACHES = cache_settings(env, Path(env.get("CACHE_DIR", "").strip() or BASE_DIR / "var" / "cache"))
if env.get("REDIS_URL"):
    # Sessions read from Redis, written through to the database: fast, and kept if Redis is lost.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The public forms' rate limits (django-ratelimit) count in this cache. In Redis, its checks stay on;
# in the file cache its checks' complaint (not atomic) is silenced: a burst racing between workers
# may slip a post or two past a limit, as the file cache allows, and nobody is turned away wrongly.
SILENCED_SYSTEM_CHECKS = unshared_cache_checks(CACHES)

# Uploads on S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set.
_media_storage = media_storage_settings(env)
if _media_storage:
    STORAGES["default"] = _media_storage
MEDIA_ROOT = env.get("MEDIA_ROOT", str(MEDIA_ROOT))
MEDIA_URL = env.get("MEDIA_URL", MEDIA_URL)
STATIC_ROOT = env.get("STATIC_ROOT", str(STATIC_ROOT))

# Email: SMTP (EMAIL_HOST) or a provider's API through django-anymail (EMAIL_PROVIDER).
globals().update(email_settings(env))  # EMAIL_BACKEND and its options, or nothing (console)
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)
SERVER_EMAIL = env.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Site administrators", address) for address in env_list(env, "ADMIN_EMAILS")]

# CDN purging when a page is published (Wagtail's frontend cache backends).
WAGTAILFRONTENDCACHE = frontend_cache_settings(env)

# Logs: JSON lines on stdout, for the platform's log collector.
LOGGING = logging_config(env.get("LOG_FORMAT", "json"), LOG_LEVEL)
