"""Alert subscribers in Wagtail's admin, read-only, with their addresses: for those who may see
them (`alerts.view_subscriber`, which migration alerts/0002 grants to the Moderators group).
Everyone else with admin access sees Reports → Email alerts, counts per alert, never an address."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Subscriber

__all__ = ["SubscriberViewSet"]


class SubscriberIndexView(IndexView):
    page_title = "Email alert subscribers"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                confirmed_alerts=Count("alerts", filter=Q(alerts__confirmed_at__isnull=False)),
                unconfirmed_alerts=Count("alerts", filter=Q(alerts__confirmed_at__isnull=True)),
            )
        )


class SubscriberInspectView(InspectView):
    labels = {
        "created_at": "First signed up",
        "suspended_at": "Sending stopped (bounces, complaints)",
        "suspended_reason": "Why sending stopped",
    }

    def get_field_label(self, field_name, field):
        return self.labels.get(field_name) or super().get_field_label(field_name, field)

    def get_suspended_at_display_value(self):
        if self.object.suspended_at is None:
            return "No"
        return date_format(timezone.localtime(self.object.suspended_at), "DATETIME_FORMAT")

    def get_alerts_display_value(self):
        alerts = self.object.alerts.order_by("created_at")
        return (
            "; ".join(
                f"{alert.description} ({alert.get_frequency_display().lower()}"
                f"{'' if alert.confirmed_at else ', waiting for confirmation'})"
                for alert in alerts
            )
            or "None"
        )


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "alert_subscribers"
    url_prefix = "reports/email-alert-subscribers"
    icon = "user"
    menu_label = "Email alert subscribers"
    menu_hook = "register_reports_menu_item"
    menu_order = 810
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriberInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []  # never edited: the permission policy denies "change"
    list_display = [
        "email",
        Column("confirmed_alerts", label="Confirmed alerts", sort_key="confirmed_alerts"),
        Column("unconfirmed_alerts", label="Waiting for confirmation", sort_key="unconfirmed_alerts"),
        DateColumn("created_at", label="First signed up", sort_key="created_at"),
        DateColumn("suspended_at", label="Stopped (bounces, complaints)", sort_key="suspended_at"),
    ]
    search_fields = ["email"]
    ordering = ["-created_at"]
    inspect_view_fields = ["email", "created_at", "alerts", "suspended_at", "suspended_reason"]
