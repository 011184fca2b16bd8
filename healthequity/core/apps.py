from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: the evidence base page, taxonomy, blocks, home and standard pages."""

    name = "healthequity.core"
    label = "core"
    verbose_name = "Health equity core"
