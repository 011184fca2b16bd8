"""The test suite: fast hashing, local memory cache, in-memory email, no collectstatic needed."""

from .base import *  # noqa: F403
from .environment import local_memory_caches

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = BASE_DIR / "media-test"
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The page cache stores nothing in tests unless a test turns it on (tests/test_caching.py):
# other tests publish and re-read pages inside one transaction, where invalidation (which waits
# for the commit) never runs. Cache-Control headers are still set.
PAGE_CACHE_ENABLED = False
# Each test process keeps its caches in memory (xdist's workers must not share a generation or counters);
# tests/test_caching.py proves the default settings share them between processes.
CACHES = local_memory_caches()
# django-axes needs the request in authenticate(), which `client.login()` does not pass;
# tests/test_security_headers.py turns it on to prove the lock-out.
AXES_ENABLED = False

# Tasks run at once, inside the test (the worker's own tests start `db_worker` themselves).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
