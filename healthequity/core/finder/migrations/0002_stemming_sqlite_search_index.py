"""Make SQLite's full-text index stem, as PostgreSQL's does: `homeless` finds "homelessness".

Wagtail's database backend creates its FTS5 table with FTS5's default tokenizer (`unicode61`),
which matches whole words only. FTS5's `porter` tokenizer wraps it and reduces each word to its
stem, both in the index and in the query, so "inequality" and "inequalities", "diabetes" and
"diabetic" meet. A tokenizer is fixed when the table is created, so the table is created again
(same name and columns; the triggers that keep it in step with `wagtailsearch_indexentry` name
it and go on working) and filled from the index entries, which hold the same text.

PostgreSQL already stems (`default_text_search_config` is `english`), so this does nothing there.
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
ENTRY_TABLE = "wagtailsearch_indexentry"


def create_fts_table(schema_editor, tokenizer):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        row = cursor.fetchone()
        if row is None:  # SQLite without FTS5: Wagtail searches with LIKE, nothing to stem
            return
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(autocomplete, body, title, tokenize = '{tokenizer}')"
        )
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, autocomplete) "
            f"SELECT id, title, body, autocomplete FROM {ENTRY_TABLE}"
        )


def stem(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        create_fts_table(schema_editor, "porter unicode61")


def stop_stemming(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        create_fts_table(schema_editor, "unicode61")


class Migration(migrations.Migration):
    dependencies = [
        ("finder", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem, stop_stemming, elidable=False)]
