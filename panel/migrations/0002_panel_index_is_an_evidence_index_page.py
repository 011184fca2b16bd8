"""The CitizensPanelIndexPage becomes an evidence index page (finder.EvidenceIndexPage) listing "citizens-panel" pages: one
index page type serves every listing of a kind of evidence. Pages keep their ids and addresses."""

from django.db import migrations

from healthequity.core.migration_helpers import convert_index_pages


def forwards(apps, schema_editor):
    convert_index_pages(apps, schema_editor, "panel", "CitizensPanelIndexPage", "citizens-panel")


class Migration(migrations.Migration):
    dependencies = [
        ("panel", "0001_initial"),
        ("finder", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0008_remove_query_and_querydailyhits_models"),
    ]
    operations = [
        migrations.RunPython(forwards),  # not reversible: the page type is gone
        migrations.DeleteModel(name="CitizensPanelIndexPage"),
    ]
