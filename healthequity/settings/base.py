"""Settings shared by every environment: safe by default, nothing secret here.

Each environment module (dev, test, production) imports this and sets what differs.
"""

import os
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from .environment import (
    RATELIMIT_CACHE_ALIAS,
    cache_settings,
    database_settings,
    env_bool,
    env_int,
    env_list,
    search_settings,
    unshared_cache_checks,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "healthequity.core",
    # The findings index before the finder's facet index, which reads it when a page changes.
    "healthequity.core.evidence",
    "healthequity.core.finder",
    "healthequity.core.alerts",
    "healthequity.caching",
    "resources",
    "blog",
    "panel",
    "library",
    "funders",
    "feedback",
    "demo",
    "wordpress_import",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "axes",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

# Order matters: see docs/deployment.md ("What each middleware does").
MIDDLEWARE = [
    # First, so every log line and every response (static files too) carries the request id.
    "healthequity.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "healthequity.middleware.SecurityHeadersMiddleware",
    "healthequity.middleware.ContentSecurityPolicyMiddleware",
    # Before anything reads request.GET: too many query parameters is a 400 page, never a 500.
    "healthequity.middleware.TooManyParametersMiddleware",
    # Before anything reads request.POST (the CSRF check): a form body not in UTF-8 is a 400 page.
    "healthequity.middleware.FormEncodingMiddleware",
    # Before the page cache: an old WordPress address (/?p=12) is the home page's address too.
    "wordpress_import.middleware.WordPressAddressMiddleware",
    # Before sessions: a cached anonymous page is answered without touching the session or CSRF.
    "healthequity.caching.middleware.PageCacheMiddleware",
    "healthequity.db_routers.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "healthequity.middleware.DatabaseUnavailableMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "healthequity.urls"
WSGI_APPLICATION = "healthequity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite by default so a fresh clone runs with no services; DATABASE_URL overrides and
# DATABASE_REPLICA_URL adds a read replica (healthequity/db_routers.py decides who reads it).
DATABASES = database_settings(os.environ, default_url=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASE_ROUTERS = ["healthequity.db_routers.PrimaryReplicaRouter"]
# How long after a write the site keeps reading the primary, so nobody sees the replica lag.
DATABASE_REPLICA_LAG_SECONDS = env_int(os.environ, "DATABASE_REPLICA_LAG_SECONDS", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
# Collected files live outside the source static/ folder.
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
# Django serves MEDIA_ROOT itself only in development and for `make serve` (no web server in front);
# a production proxy or object storage serves uploads.
SERVE_MEDIA = env_bool(os.environ, "SERVE_MEDIA", False)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail's page editor can post many fields for long briefs.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Bodies other than file uploads (forms, the page editor's JSON) stay under Django's 2.5 MB;
# files are limited by type and size below and streamed to disk past FILE_UPLOAD_MAX_MEMORY_SIZE.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o644

WAGTAIL_SITE_NAME = "Health Equity Evidence Centre"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every document is a download, never shown in the browser's own page: a PDF may carry JavaScript
# (and an HTML or SVG file a script), which would otherwise run at our address. Served through
# Wagtail's view even from object storage, so the Content-Disposition, the CSP and nosniff headers
# always come with the file (a redirect to the bucket would serve it inline).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Decompression bombs: refuse images whose pixel count could exhaust a worker's memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Avatars from the admin's own storage, not a third-party image host the CSP would have to allow.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for news of upgrades (the CSP's connect-src
# forbids it, and upgrades are the developers' business, announced to them elsewhere).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = search_settings(os.environ)

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "Health Equity Evidence Centre <no-reply@healthequity.example>"

# Redis when REDIS_URL is set, otherwise files in CACHE_DIR: either way shared by every process, so the
# site, its worker and a command (publish_scheduled) see one content generation.
CACHES = cache_settings(os.environ, Path(os.environ.get("CACHE_DIR", "").strip() or BASE_DIR / "var" / "cache"))
# django-ratelimit's checks ask for a cache shared by every process with atomic counts (Redis, as
# production has). In files, a burst racing between processes may slip a post past a limit; the
# checks' complaint about exactly that is silenced (production.py decides again for its own cache).
SILENCED_SYSTEM_CHECKS = unshared_cache_checks(CACHES)

# The full-page cache for anonymous visitors (healthequity/caching): how long a page stays in
# Django's cache, and what Cache-Control tells browsers (max-age) and a CDN (s-maxage).
PAGE_CACHE_ENABLED = env_bool(os.environ, "PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int(os.environ, "PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_BROWSER_MAX_AGE = env_int(os.environ, "PAGE_CACHE_BROWSER_MAX_AGE", 60)
PAGE_CACHE_CDN_MAX_AGE = env_int(os.environ, "PAGE_CACHE_CDN_MAX_AGE", 300)
# Never served from or stored in the page cache, and always "private, no-store".
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/django-admin/", "/documents/", "/healthz"]
# Part of every page-cache key: a new release never serves pages rendered by the old one.
RELEASE_ID = os.environ.get("RELEASE_ID", "")

# Security headers that are harmless everywhere; production adds the HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Wagtail's admin takes the token from the page, never from the cookie, so scripts need not read it.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Nothing on the site uses these browser features; say so (healthequity.middleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Content Security Policy (django-csp). The public site runs no inline script: a script that must
# be inline carries `nonce="{{ request.csp_nonce }}"`. Styles likewise; style attributes are
# allowed because Wagtail's responsive embeds set their aspect ratio inline.
# Extra hosts: CSP_IMG_SRC / CSP_FRAME_SRC / CSP_MEDIA_SRC (media on a CDN, embed providers).
CSP_EMBED_FRAME_SRC = ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:", *env_list(os.environ, "CSP_IMG_SRC")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *env_list(os.environ, "CSP_MEDIA_SRC")],
        "frame-src": env_list(os.environ, "CSP_FRAME_SRC") or CSP_EMBED_FRAME_SRC,
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": False,
    }
}
# Wagtail 8's admin still renders inline <script> blocks (inline panels, date pickers) and inline
# styles, and frames its own previews. It gets this looser policy, on /admin/ and its previews
# only, behind a login; still no 'unsafe-eval' (tests/browser/test_admin_editing.py).
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *env_list(os.environ, "CSP_IMG_SRC")],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, *env_list(os.environ, "CSP_MEDIA_SRC")],
        "frame-src": [SELF, *(env_list(os.environ, "CSP_FRAME_SRC") or CSP_EMBED_FRAME_SRC)],
        "worker-src": [SELF, "blob:"],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [SELF],
        "upgrade-insecure-requests": False,
    }
}
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ["/admin/"]

# Admin login attempts (django-axes): five failures for one username from one address lock that
# pair out for 15 minutes; the login answers 429. Lockouts are lifted with `manage.py axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = True
AXES_FAILURE_LIMIT = env_int(os.environ, "AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int(os.environ, "AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "healthequity.middleware.client_ip"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False
# How many proxies (load balancer, CDN) add themselves to X-Forwarded-For in front of the app.
TRUSTED_PROXY_COUNT = env_int(os.environ, "TRUSTED_PROXY_COUNT", 0)

# Logs go to stdout: one JSON object a line (LOG_FORMAT=json, production's default) or plain text,
# each with the request id of the request that wrote it.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()


def logging_config(log_format: str, level: str) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "healthequity.observability.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "healthequity.observability.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "filters": ["request_id"],
                "formatter": "json" if log_format == "json" else "text",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"level": "ERROR"},
            "healthequity": {"level": "INFO"},
        },
    }


LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)

# The public forms (the core's toolkit, healthequity/core/public_forms): funders' opportunities and
# interest (funders/), "Something not right?" reports (feedback/).
# Addresses come from the environment in production (several separated by commas); these defaults only
# reach the console or test outbox. Lists, so nothing later splits an address.
FUNDERS_MODERATORS_EMAIL = env_list(os.environ, "FUNDERS_MODERATORS_EMAIL") or [
    "funders-moderators@healthequity.example"
]
PROBLEM_REPORTS_EMAIL = env_list(os.environ, "PROBLEM_REPORTS_EMAIL") or ["editors@healthequity.example"]
PRIVACY_NOTICE_URL = "/privacy/"
# Personal data sent through the public forms is anonymised this long after it arrived
# (`manage.py purge_personal_data`, run daily).
PERSONAL_DATA_RETENTION_MONTHS = env_int(os.environ, "PERSONAL_DATA_RETENTION_MONTHS", 24)
# Posts a client address (healthequity.middleware.client_ip, by TRUSTED_PROXY_COUNT) may make to each
# public form: (how many, per how many seconds). Only a stored record or a honeypot hit counts.
PUBLIC_FORM_RATE_LIMITS = {
    "submission": (5, 60 * 60),
    "interest": (10, 60 * 60),
    "problem-report": (10, 60 * 60),
    "alert-signup": (10, 60 * 60),
}
# django-ratelimit counts in a cache alias of its own (pages cannot evict its counters); if the cache is
# down, nobody is turned away.
RATELIMIT_USE_CACHE = RATELIMIT_CACHE_ALIAS
RATELIMIT_FAIL_OPEN = True
RATELIMIT_CACHE_PREFIX = "ratelimit:"
# A person takes longer than this to fill in a form; a form older than the maximum is re-checked.
PUBLIC_FORM_MIN_FILL_SECONDS = 3
PUBLIC_FORM_MAX_AGE_SECONDS = 2 * 24 * 60 * 60
# Largest body the public forms accept (their fields' limits add up to far less).
PUBLIC_FORM_MAX_BYTES = 64 * 1024
# `send_pending_emails` stops retrying a message in the outbox after this many failed attempts.
EMAIL_MAX_ATTEMPTS = 10

# Background work: Django's task framework (the django-tasks backport Wagtail ships) with its
# database backend, run by `manage.py db_worker`; periodic jobs are enqueued by the one scheduler,
# `manage.py run_scheduler` (docs/deployment.md: "Background work"). Tests run tasks immediately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The periodic jobs, in one place: name -> (cron expression in TIME_ZONE, dotted path of the task).
# An app adds its own by adding an entry here (the core names no app: the path is a string).
TASK_SCHEDULE = {
    "publish-scheduled-pages": ("* * * * *", "healthequity.core.tasks.publish_scheduled_pages"),
    "retry-pending-emails": ("*/5 * * * *", "healthequity.core.tasks.send_pending_emails"),
    # Email alerts: matching is enqueued on publish; composing runs often, so a digest goes out
    # within minutes of its time and a run a crash cut short is finished at the next tick.
    "match-new-pages": ("*/5 * * * *", "healthequity.core.alerts.sending.match_new_pages"),
    "send-due-alerts": ("*/5 * * * *", "healthequity.core.alerts.sending.send_due_alerts"),
    "remove-unconfirmed-alerts": ("15 3 * * *", "healthequity.core.alerts.sending.remove_unconfirmed_alerts"),
    "purge-personal-data": ("30 3 * * *", "healthequity.core.tasks.purge_personal_data"),
    # Search: counts move from the cache into the admin's reports; "Did you mean" drops dead words.
    "flush-search-counts": ("*/5 * * * *", "healthequity.core.finder.tasks.flush_counted_searches"),
    "refresh-search-words": ("45 3 * * *", "healthequity.core.finder.tasks.refresh_search_words"),
    # The finder's facet index is kept in step on publish; rebuilt nightly in case of writes behind its back.
    "build-facet-index": ("50 3 * * *", "healthequity.core.finder.tasks.build_facet_index"),
    # Search words: pages rewritten since the build are read from SQL until this folds them in.
    "build-word-index": ("55 3 * * *", "healthequity.core.finder.tasks.build_word_index_task"),
}
# A failed send is tried again after EMAIL_RETRY_BASE_SECONDS, doubling each time up to
# EMAIL_RETRY_MAX_SECONDS, until EMAIL_MAX_ATTEMPTS.
EMAIL_RETRY_BASE_SECONDS = 60
EMAIL_RETRY_MAX_SECONDS = 6 * 60 * 60
# How long one worker may hold a message while it sends it; a worker killed mid-send releases it then.
EMAIL_SEND_LOCK_SECONDS = env_int(os.environ, "EMAIL_SEND_LOCK_SECONDS", 5 * 60)

# Email alerts (healthequity/core/alerts): a confirmation link works this many days, after which an
# unconfirmed alert is removed; digests are composed at this hour (TIME_ZONE), weekly ones on this
# day (0 is Monday).
ALERTS_CONFIRMATION_DAYS = 7
ALERTS_DIGEST_HOUR = 7
ALERTS_WEEKLY_DIGEST_DAY = 0
# Subscribers whose emails are composed in one transaction (then sent before the next batch).
ALERTS_COMPOSE_BATCH = 200
