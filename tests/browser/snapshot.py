"""Build the demo site once per test session and put it back before every browser test.

Browser tests need a live server, so their database access is transactional and pytest-django
empties the database after each of them. Loading the demo content takes seconds; putting a
snapshot back takes milliseconds on SQLite (its backup API copies the in-memory database whole)
and a fraction of a second on PostgreSQL (every table copied out and back with COPY).
"""

import sqlite3
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from wagtail.models import Page

from funders.models import OpportunityPage
from healthequity.core.models import EvidencePage, InequalityGroup, StandardPage
from library.models import LibraryPage
from panel.models import PanelPostPage
from resources.models import ResourcePage, WhatWorksBriefPage

__all__ = ["DatabaseSnapshot", "DemoSite", "build_demo_site"]


class DatabaseSnapshot:
    """A copy of the whole test database that can be written back over it, below the ORM.

    Below the ORM on purpose: re-saving objects through it would fire signal handlers (search
    indexing, content types) that write rows of their own and collide with the copied ones.
    """

    def __init__(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._copy)
        elif connection.vendor == "postgresql":
            self._tables, self._sequences = self._copy_postgresql_tables()
        else:
            raise NotImplementedError(f"no snapshot for {connection.vendor}")

    def restore(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._copy.backup(connection.connection)
        else:
            self._write_postgresql_tables()
        cache.clear()

    @staticmethod
    def _copy_postgresql_tables():
        raw = connection.connection
        with raw.cursor() as cursor:
            tables = {}
            for table in connection.introspection.table_names(cursor):
                with cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT binary)') as copy:
                    tables[table] = b"".join(bytes(block) for block in copy)
            cursor.execute("SELECT schemaname, sequencename, last_value FROM pg_sequences")
            sequences = cursor.fetchall()
        return tables, sequences

    def _write_postgresql_tables(self):
        # Django's foreign keys on PostgreSQL are DEFERRABLE INITIALLY DEFERRED, so the tables can
        # be filled in any order inside one transaction.
        with transaction.atomic(), connection.connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in self._tables) + " CASCADE")
            for table, data in self._tables.items():
                with cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT binary)') as copy:
                    copy.write(data)
            for schema, sequence, last_value in self._sequences:
                cursor.execute(
                    "SELECT setval(%s, %s, %s)", [f'"{schema}"."{sequence}"', last_value or 1, last_value is not None]
                )


class DemoSite:
    """The demo content, a snapshot of it, and the address of one page of each public type."""

    def __init__(self, snapshot, paths):
        self.snapshot = snapshot
        self.paths = paths

    def restore(self):
        self.snapshot.restore()


def _first_url(queryset):
    page = queryset.live().public().order_by("path").first()
    assert page is not None, f"the demo content has no live {queryset.model.__name__}"
    return page.url


def demo_paths():
    """One address per public page type, read from the content rather than hard-coded."""
    brief = WhatWorksBriefPage.objects.live().public().order_by("-publication_date").first()
    group = InequalityGroup.objects.filter(pages__in=[brief]).order_by("name").first()
    topic = brief.topics.order_by("name").first()
    opportunity = _first_url(OpportunityPage.objects)
    return {
        "home": "/",
        "resources": "/resources/",
        "resource": _first_url(ResourcePage.objects),
        "brief": brief.url,
        "brief_group": group.slug,
        "finder_filtered": f"/resources/?type=what-works-brief&group={group.slug}",
        "finder_no_results": "/resources/?q=xylophone+quango",
        "finder_bad_input": "/resources/?from=31-02-2023&type=no-such-type",
        "group_index": "/resources/groups/",
        "group_page": f"/resources/groups/{group.slug}/",
        "topic_index": "/resources/topics/",
        "topic_page": f"/resources/topics/{topic.slug}/",
        "blog_index": "/blog/",
        "blog_post": _first_url(EvidencePage.objects.filter(resource_type="blog")),
        "panel_index": "/citizens-panel/",
        "panel_post": _first_url(PanelPostPage.objects),
        "library": _first_url(LibraryPage.objects),
        "standard": _first_url(StandardPage.objects.filter(slug="about")),
        "accessibility": _first_url(StandardPage.objects.filter(slug="accessibility")),
        "funders": "/funders/",
        "opportunity": opportunity,
        "submit": "/funders/submit/",
        "register": f"{opportunity}register-interest/",
        "report": "/report-a-problem/",
    }


def _render_every_page_once():
    """Request every live page so image renditions exist before the snapshot, not per test."""
    client = Client()
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, f"{page.url} answered {response.status_code}"


def build_demo_site():
    """Load the demo content into the (migrated, otherwise empty) test database and snapshot it."""
    if not Page.objects.filter(depth=1).exists() or not InequalityGroup.objects.exists():
        raise RuntimeError(
            "The test database has lost its migrated data (root page, taxonomy): "
            "restore the migrated_database snapshot before building the demo site."
        )
    call_command("load_demo_content", stdout=StringIO())
    _render_every_page_once()
    return DemoSite(DatabaseSnapshot(), demo_paths())
