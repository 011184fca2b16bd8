from django.apps import AppConfig


class FundersConfig(AppConfig):
    """Funders' collaboration opportunities: submitted, moderated, published, found, followed up."""

    name = "funders"
    verbose_name = "Funders"

    def ready(self):
        from funders import signals  # noqa: F401 - connects the signal handlers
