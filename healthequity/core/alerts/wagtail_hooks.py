"""The alerts in Wagtail's admin and their part of the personal-data purge. Reports → Email alerts
(anyone with admin access): counts per alert, never an address. Reports → Email alert subscribers
(moderators: `alerts.view_subscriber`): the addresses and their alerts, read-only."""

from django.db.models import Count, Min, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from healthequity.core.public_forms import PURGE_HOOK
from healthequity.core.public_forms.admin import PublicRecordPermissionPolicy

from .admin_views import SubscriberViewSet
from .models import Alert, AlertDelivery, Frequency, Subscriber

SUSPENDED_DELETED = "suspended alert addresses (deleted)"
DELIVERIES_DELETED = "records of sent alert items (deleted)"


def alert_counts(request):
    """How many confirmed subscribers each alert (a page and its filters) has, by frequency."""
    counts = {frequency.value: Count("pk", filter=Q(frequency=frequency)) for frequency in Frequency}
    rows = (
        Alert.objects.filter(confirmed_at__isnull=False, subscriber__suspended_at__isnull=True)
        .values("page_id", "query")
        .annotate(description=Min("description"), total=Count("pk"), **counts)
        .order_by("-total", "description")
    )
    return TemplateResponse(
        request,
        "alerts/admin/alert_counts.html",
        {
            "rows": rows,
            "frequencies": Frequency.choices,
            "pending": Alert.objects.filter(confirmed_at__isnull=True).count(),
            "suspended": Subscriber.objects.filter(suspended_at__isnull=False).count(),
            "subscribers_url": reverse(SUBSCRIBERS.get_url_name("index"))
            if SUBSCRIBERS.permission_policy.user_has_permission(request.user, "view")
            else "",
        },
    )


# Addresses are read, never added, changed or deleted in the admin: a subscriber stops their own
# alerts (every email links to that), and retention is the purge's job.
register_permission_policy(Subscriber, PublicRecordPermissionPolicy(Subscriber, denied=("add", "change", "delete")))
SUBSCRIBERS = SubscriberViewSet()


@hooks.register("register_admin_viewset")
def register_subscribers():
    return SUBSCRIBERS


@hooks.register("register_admin_urls")
def register_alert_urls():
    return [path("reports/email-alerts/", alert_counts, name="alerts_counts")]


@hooks.register("register_reports_menu_item")
def register_alert_report():
    return MenuItem("Email alerts", reverse("alerts_counts"), icon_name="mail", order=800)


@hooks.register(PURGE_HOOK)
def purge_alert_data(cutoff, months, dry_run=False):
    """Addresses suspended (bounces, complaints) before the cut-off, and the records of which items
    were sent, which say what someone follows."""
    suspended = Subscriber.objects.filter(suspended_at__lt=cutoff)
    deliveries = AlertDelivery.objects.filter(composed_at__lt=cutoff)
    counts = {SUSPENDED_DELETED: suspended.count(), DELIVERIES_DELETED: deliveries.count()}
    if not dry_run:
        deliveries.delete()
        suspended.delete()
    return counts
