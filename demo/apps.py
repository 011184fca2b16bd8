from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark content, loaded by management commands; it has no models."""

    name = "demo"
    verbose_name = "Demo content"
