from django.apps import AppConfig


class WordPressImportConfig(AppConfig):
    """Brings the centre's WordPress site across (`manage.py import_wordpress`). It sits above the
    page-type apps, beside demo, because it creates pages of every kind; nothing imports it."""

    name = "wordpress_import"
    verbose_name = "WordPress import"
