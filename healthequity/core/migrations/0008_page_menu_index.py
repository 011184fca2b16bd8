"""An index for the menus: the live children of a page that show in menus.

Every page's header lists the home page's children that show in menus (`depth = 3`, a `path`
range, `show_in_menus`). Wagtail indexes `path`, but under the home page that range holds every
page of the site, so PostgreSQL read the whole page table for it: 30 ms of every uncached page at
100,000 pages, growing with the content. A partial index on (depth, path) of the pages shown in
menus holds a handful of rows. Wagtail's table is not ours, so the index is plain SQL that both
PostgreSQL and SQLite accept.
"""

from django.db import migrations

INDEX = "core_page_shown_in_menus"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_outbox_html_headers_and_back_off"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path) WHERE show_in_menus",
            f"DROP INDEX IF EXISTS {INDEX}",
            elidable=False,
        )
    ]
