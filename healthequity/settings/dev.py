"""Local development: debug on, a fixed throwaway key, emails printed to the console."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .environment import base_url

DEBUG = True
SECRET_KEY = "dev-only-not-secret-5b1c0f9e8a7d4c3b"  # noqa: S105 - never used outside dev
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
# The address `make run` serves (it passes http://$(HOST)); every full address the site writes
# out starts with it, and `migrate` points the Wagtail site at it.
WAGTAILADMIN_BASE_URL = base_url(os.environ.get("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000")
ALLOWED_HOSTS.append(urlsplit(WAGTAILADMIN_BASE_URL).hostname)

# Plain storage so runserver needs no collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# The demo admin login that `make run` prints; only these settings create it.
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "healthequity-demo"  # noqa: S105 - dev settings only

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Template changes show at once while developing.
PAGE_CACHE_ENABLED = False
