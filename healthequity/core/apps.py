from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save


class CoreConfig(AppConfig):
    """What every app shares: the evidence base page, taxonomy, blocks, the finder, home and standard pages."""

    name = "healthequity.core"
    label = "core"
    verbose_name = "Health equity core"

    def ready(self):
        from wagtail.signals import page_published

        from healthequity.core.search_index import index_seeded_vocabularies
        from healthequity.core.signal_handlers import reindex_published_evidence
        from healthequity.core.site_urls import point_default_site_at_base_url
        from healthequity.core.text import clean_text_fields

        # Once per `migrate` (sender=self), after every app's migrations have run.
        post_migrate.connect(index_seeded_vocabularies, sender=self, dispatch_uid="core.index_seeded_vocabularies")
        post_migrate.connect(
            point_default_site_at_base_url, sender=self, dispatch_uid="core.point_default_site_at_base_url"
        )
        # Characters XML cannot carry never reach the database (they broke every feed).
        pre_save.connect(clean_text_fields, dispatch_uid="core.clean_text_fields")
        page_published.connect(reindex_published_evidence, dispatch_uid="core.reindex_published_evidence")
