from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every app shares: the evidence base page, taxonomy, blocks, home and standard pages."""

    name = "healthequity.core"
    label = "core"
    verbose_name = "Health equity core"

    def ready(self):
        from healthequity.core.search_index import index_seeded_vocabularies

        # Once per `migrate` (sender=self), after every app's migrations have run.
        post_migrate.connect(index_seeded_vocabularies, sender=self, dispatch_uid="core.index_seeded_vocabularies")
