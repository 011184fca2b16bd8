"""Search synonyms editors manage, seeded with abbreviations the centre's readers type."""

from django.db import migrations, models

# Editors change these afterwards (Settings → Search synonyms).
FIRST_SYNONYMS = [
    "BME, black and minority ethnic, ethnic minority",
    "GP, general practice, general practitioner",
    "CVD, cardiovascular disease",
    "SMI, severe mental illness",
    "ICB, integrated care board",
    "IMD, index of multiple deprivation",
    "COPD, chronic obstructive pulmonary disease",
    "LTC, long term condition",
]


def seed_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("finder", "SearchSynonym")
    SearchSynonym.objects.bulk_create(SearchSynonym(terms=terms) for terms in FIRST_SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [
        ("finder", "0002_stemming_sqlite_search_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "terms",
                    models.TextField(
                        help_text=(
                            "Two or more words or phrases that mean the same, separated by commas, for example "
                            "“GP, general practice, general practitioner”. Capitals and punctuation do not matter."
                        )
                    ),
                ),
            ],
            options={"verbose_name": "search synonym", "ordering": ["terms"]},
        ),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop),
    ]
