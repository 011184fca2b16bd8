from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "healthequity.caching"
    label = "caching"
    verbose_name = "Page cache"

    def ready(self):
        from healthequity.caching import invalidation

        invalidation.connect_signals()
