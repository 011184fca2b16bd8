"""Local development: debug on, a fixed throwaway key, emails printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-5b1c0f9e8a7d4c3b"  # noqa: S105 - never used outside dev
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

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
