"""Real Chromium, driven by Playwright, against pytest-django's live server with the demo site.

Chromium is Debian's `chromium` package (Playwright's own download does not work here). Without
it the browser tests are skipped with the reason, except in CI (CI=true), where a missing
browser is an error: CI must prove the front end, not quietly skip it.
"""

import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.checks import AxeReport
from tests.browser.snapshot import DatabaseSnapshot, build_demo_site

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in a
# thread with a running loop unless told it is safe, which it is here (one thread, no awaits).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def running_in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def why_browser_tests_cannot_run():
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        return "playwright and axe-playwright-python are not installed (pip install -r requirements-dev.txt)"
    if not chromium_path():
        return "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)"
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items:
        return
    reason = why_browser_tests_cannot_run()
    if reason and running_in_ci():
        raise pytest.UsageError(f"Browser tests must run in CI but cannot: {reason}.")
    if reason:
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))
        return
    # pytest-django runs transactional tests after the others; run ours first among those, while
    # the migrated data (root page, taxonomy) is still there for the demo content to build on.
    others = [item for item in items if not item.get_closest_marker("browser")]
    first_transactional = next(
        (
            index
            for index, item in enumerate(others)
            if {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
            or (item.get_closest_marker("django_db") and item.get_closest_marker("django_db").kwargs.get("transaction"))
        ),
        None,
    )
    if first_transactional is None:
        first_non_db = next(
            (
                index
                for index, item in enumerate(others)
                if not item.get_closest_marker("django_db") and "db" not in getattr(item, "fixturenames", ())
            ),
            len(others),
        )
        first_transactional = first_non_db
    items[:] = others[:first_transactional] + browser_items + others[first_transactional:]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def migrated_database(django_db_setup, django_db_blocker):
    """The test database as the migrations left it (root page, locale, taxonomy), taken once.

    Not serialized_rollback: once Playwright's event loop runs in this thread, Django hands out
    a fresh connection object that has lost the serialized copy, and the rollback silently
    restores nothing.
    """
    with django_db_blocker.unblock():
        return DatabaseSnapshot()


@pytest.fixture(scope="session")
def demo_site_snapshot(migrated_database, django_db_blocker, tmp_path_factory):
    """The demo site, built once per run; its images and renditions go to a temporary folder."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), django_db_blocker.unblock():
        migrated_database.restore()
        yield build_demo_site()


class SiteUnderTest:
    """The live server with the demo content: addresses of the page types, and helpers."""

    def __init__(self, live_server, demo):
        self.base_url = live_server.url
        self.paths = demo.paths

    def url(self, path_or_name):
        path = self.paths.get(path_or_name, path_or_name)
        return f"{self.base_url}{path}"

    def is_ours(self, url):
        return urlsplit(url).netloc == urlsplit(self.base_url).netloc or url.startswith(("data:", "blob:", "about:"))


@pytest.fixture
def site(live_server, demo_site_snapshot):
    """The demo site as it was built, whatever the test before did to it."""
    demo_site_snapshot.restore()
    return SiteUnderTest(live_server, demo_site_snapshot)


@pytest.fixture
def migrated_site(live_server, migrated_database):
    """The live server over the database as the migrations left it, for a test's own pages."""
    migrated_database.restore()
    return live_server


@pytest.fixture
def one_request_at_a_time_on_sqlite(settings):
    """On SQLite the live server's threads share one in-memory database, which refuses a write
    while another thread reads ("database table is locked"): there, the admin's background
    requests (autosave, the editing-session ping) are turned off so they cannot race the editor's
    own. On PostgreSQL the admin runs as it does in production."""
    from django.db import connection

    if connection.vendor == "sqlite":
        settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
        settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000


class BrowserRecorder:
    """Everything a page did that a test may want to forbid: console errors, other hosts."""

    def __init__(self, site):
        self.site = site
        self.console_errors = []
        self.third_party_requests = []
        self.broken_resources = []

    def attach(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on("request", self._on_request)
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, message):
        # "Failed to load resource" repeats an HTTP status: a form with errors answers 400 and a
        # missing page 404 on purpose, and broken sub-resources are caught from the responses.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def _on_response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.broken_resources.append(f"{response.url} ({response.status})")

    def _on_request_failed(self, request):
        # Leaving a page cancels its unfinished requests; that is not a broken resource.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.broken_resources.append(f"{request.url} ({request.failure})")

    def _on_request(self, request):
        if not self.site.is_ours(request.url):
            self.third_party_requests.append(request.url)


class Tabs:
    """Opens browser tabs, each in its own context (its own cookies, like separate people), and
    checks at the end that none of them logged a JavaScript error, asked another host for
    anything, or failed to load one of its images, styles or scripts."""

    def __init__(self, chromium, site):
        self.chromium = chromium
        self.site = site
        self.contexts = []

    def open(self, viewport=DESKTOP, **options):
        context = self.chromium.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London", **options)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.recorder = BrowserRecorder(self.site)
        page.recorder.attach(page)
        self.contexts.append((context, page.recorder))
        return page

    def close_and_check(self):
        for context, _ in self.contexts:
            context.close()
        for _, recorder in self.contexts:
            assert recorder.console_errors == [], f"JavaScript errors in the console: {recorder.console_errors}"
            assert recorder.third_party_requests == [], f"requests to other hosts: {recorder.third_party_requests}"
            assert recorder.broken_resources == [], f"resources that failed to load: {recorder.broken_resources}"


@pytest.fixture
def tabs(chromium, site):
    opened = Tabs(chromium, site)
    yield opened
    opened.close_and_check()


@pytest.fixture
def page(tabs):
    """A fresh desktop-sized tab; the test fails on console errors or requests to other hosts."""
    return tabs.open(DESKTOP)


@pytest.fixture
def phone_page(tabs):
    return tabs.open(PHONE)


def pytest_terminal_summary(terminalreporter):
    if not AxeReport.rows:
        return
    terminalreporter.section("axe-core: rules checked per page (WCAG 2.0/2.1/2.2 A and AA)")
    for name, row in sorted(AxeReport.rows.items()):
        terminalreporter.write_line(
            f"  {name:<34} {row['rules_run']:>3} rules run, {row['rules_applied']:>3} applied, 0 violations"
        )
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "axe-summary.json").write_text(json.dumps(AxeReport.rows, indent=2, sort_keys=True))
