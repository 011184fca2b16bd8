"""Trigram matching for "Did you mean" on PostgreSQL, and the vocabulary filled from what is live.

pg_trgm is a trusted extension (PostgreSQL 13+: a database owner may create it). Where it cannot
be created the migration says so and carries on: suggestions then use difflib, as on SQLite.
"""

import logging
import re

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

WORD = re.compile(r"[^\W\d_]{3,40}")


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias), schema_editor.connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS finder_searchword_word_trgm "
                "ON finder_searchword USING gin (word gin_trgm_ops)"
            )
    except DatabaseError:
        logger.warning("pg_trgm could not be created: 'Did you mean' will compare words with difflib")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS finder_searchword_word_trgm")


def fill_vocabulary(apps, schema_editor):
    alias = schema_editor.connection.alias
    EvidencePage = apps.get_model("core", "EvidencePage")
    SearchWord = apps.get_model("finder", "SearchWord")
    words = set()
    for title, summary in EvidencePage.objects.using(alias).filter(live=True).values_list("title", "summary"):
        words |= {word.lower() for word in WORD.findall(f"{title} {summary}")}
    for model in ("InequalityGroup", "Topic"):
        for name in apps.get_model("core", model).objects.using(alias).values_list("name", flat=True):
            words |= {word.lower() for word in WORD.findall(name)}
    SearchWord.objects.using(alias).bulk_create(
        [SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=5000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("finder", "0004_search_word"),
        ("core", "0002_seed_taxonomy"),
    ]

    operations = [
        migrations.RunPython(add_trigram_index, drop_trigram_index),
        migrations.RunPython(fill_vocabulary, migrations.RunPython.noop),
    ]
