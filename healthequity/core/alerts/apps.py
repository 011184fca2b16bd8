from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts for any filtered view of a listing built on the finder (a nested app of the core)."""

    name = "healthequity.core.alerts"
    label = "alerts"
    verbose_name = "Email alerts"

    def ready(self):
        from wagtail.signals import page_published

        from anymail.signals import tracking

        from .signals import note_first_publication, suspend_bouncing_address

        page_published.connect(note_first_publication, dispatch_uid="alerts.note_first_publication")
        tracking.connect(suspend_bouncing_address, dispatch_uid="alerts.suspend_bouncing_address")
