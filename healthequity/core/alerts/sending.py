"""Matching new pages to alerts, and composing the emails, as background tasks.

1. A page published for the first time is noted (`NewPage`) and `match_new_pages` is enqueued.
2. `match_new_pages` runs each distinct view's finder over the new pages only (one query a view,
   whatever the number of subscribers) and stores one `AlertDelivery` per alert and matching page.
3. `send_due_alerts` (enqueued after matching, and every few minutes by the scheduler) composes
   what is due: "as soon as published" at once; daily digests of what matched before the latest
   daily time, weekly ones before the latest weekly time. Each email goes into the outbox in the
   same transaction that marks its deliveries composed, a batch of subscribers at a time, and the
   batch is sent before the next is composed. A worker killed at any point leaves each delivery
   either composed into exactly one email or still owed; the outbox sends each email once
   (claimed before sending, retried with back-off if the server fails), and the scheduled
   `send_pending_emails` sends what a dead worker had composed but not sent.

Every step is idempotent, so running it again (after a crash, or from two schedulers) sends
nothing twice.
"""

import datetime
import logging
from collections import defaultdict
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.models import Page

from django_tasks import task

from healthequity.core.public_forms import OutgoingEmail, one_line
from healthequity.core.public_forms.emails import deliver

from . import links
from .models import Alert, AlertDelivery, Frequency, NewPage, Subscriber
from .signup import finder_for, view_url

__all__ = [
    "compose_due_alerts",
    "digest_cutoffs",
    "match_new_pages",
    "remove_unconfirmed_alerts",
    "send_due_alerts",
]

logger = logging.getLogger(__name__)


def batched(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


# Matching


@task()
def match_new_pages():
    """Match every page not yet matched against every confirmed alert's view. Returns deliveries made."""
    made = match_pending_pages()
    if made:
        transaction.on_commit(send_due_alerts.enqueue, robust=True)
    return made


def match_pending_pages():
    pending = list(NewPage.objects.filter(matched_at__isnull=True).values_list("page_id", flat=True)[:1000])
    if not pending:
        return 0
    alerts_by_view = defaultdict(list)
    for alert_id, page_id, query in Alert.objects.filter(
        confirmed_at__isnull=False, subscriber__suspended_at__isnull=True
    ).values_list("pk", "page_id", "query"):
        alerts_by_view[(page_id, query)].append(alert_id)
    listings = Page.objects.filter(pk__in={page_id for page_id, _ in alerts_by_view}).specific().in_bulk()
    deliveries = []
    for (page_id, query), alert_ids in alerts_by_view.items():
        listing = listings.get(page_id)
        if listing is None or not hasattr(listing, "alert_finder"):
            continue
        for page in matching_pages(listing, query, pending):
            deliveries += [AlertDelivery(alert_id=alert_id, page_id=page) for alert_id in alert_ids]
    with transaction.atomic():
        AlertDelivery.objects.bulk_create(deliveries, batch_size=1000, ignore_conflicts=True)
        NewPage.objects.filter(page_id__in=pending).update(matched_at=timezone.now())
    return len(deliveries)


def matching_pages(listing, query, page_ids):
    """The ids among `page_ids` that the listing's view shows: its own filters and search, on its scope."""
    try:
        filterset = finder_for(listing, query).filterset
        return list(
            filterset.filter_queryset(filterset.queryset.filter(pk__in=page_ids))
            .order_by()
            .values_list("pk", flat=True)
        )
    except Exception:
        logger.exception("Could not match new pages against page %s with query %r.", listing.pk, query)
        return []


# Composing


def digest_cutoffs(now):
    """The latest daily and weekly digest times at or before `now` (ALERTS_DIGEST_HOUR, on
    ALERTS_WEEKLY_DIGEST_DAY for the weekly one, in TIME_ZONE): a delivery made before them is due."""
    local = timezone.localtime(now)
    daily = local.replace(hour=settings.ALERTS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if daily > local:
        daily -= datetime.timedelta(days=1)
    weekly = daily - datetime.timedelta(days=(daily.weekday() - settings.ALERTS_WEEKLY_DIGEST_DAY) % 7)
    return {Frequency.IMMEDIATE: now, Frequency.DAILY: daily, Frequency.WEEKLY: weekly}


@task()
def send_due_alerts():
    """Compose every alert email that is due into the outbox and send it, a batch at a time.
    Returns [emails composed, emails sent]."""
    connection = get_connection()
    composed = sent = 0
    try:
        for email_ids in compose_due_alerts():
            composed += len(email_ids)
            sent += sum(deliver(pk, connection) for pk in email_ids)
    finally:
        connection.close()
    return [composed, sent]


def due_deliveries(now):
    cutoffs = digest_cutoffs(now)
    due = Q()
    for frequency, cutoff in cutoffs.items():
        due |= Q(alert__frequency=frequency, created_at__lte=cutoff)
    return AlertDelivery.objects.filter(
        due,
        composed_at__isnull=True,
        alert__confirmed_at__isnull=False,
        alert__subscriber__suspended_at__isnull=True,
    )


def compose_due_alerts(now=None):
    """One email per subscriber and frequency ("as soon as published": per alert), composed in
    batches of ALERTS_COMPOSE_BATCH subscribers; yields the ids of each batch's emails once it is
    committed, so the caller can send them before composing the next."""
    now = now or timezone.now()
    rows = list(
        due_deliveries(now)
        .order_by("alert__subscriber_id", "alert_id", "page_id")
        .values_list("pk", "alert_id", "alert__subscriber_id", "alert__frequency", "page_id")
    )
    if not rows:
        return
    groups = defaultdict(list)
    for pk, alert_id, subscriber_id, frequency, page_id in rows:
        key = (subscriber_id, frequency, alert_id if frequency == Frequency.IMMEDIATE else None)
        groups[key].append((pk, alert_id, page_id))
    items = page_items({page_id for *_, page_id in rows})
    root = links.site_root()
    for batch in batched(groups.items(), settings.ALERTS_COMPOSE_BATCH):
        yield compose_batch(batch, items, now, root)


class AlreadyComposed(Exception):
    """Another run composed some of these deliveries first: this batch is left to it."""


def compose_batch(batch, items, now, root):
    alert_ids = {alert_id for _, deliveries in batch for _, alert_id, _ in deliveries}
    alerts = Alert.objects.select_related("subscriber", "page").in_bulk(alert_ids)
    delivery_ids = [pk for _, deliveries in batch for pk, _, _ in deliveries]
    messages, owners = [], []
    for (_subscriber_id, frequency, _), deliveries in batch:
        by_alert = defaultdict(list)
        for _, alert_id, page_id in deliveries:
            if page_id in items:
                by_alert[alerts[alert_id]].append(items[page_id])
        if by_alert:
            messages.append(build_email(frequency, by_alert, root))
            owners.append([pk for pk, _, _ in deliveries])
    try:
        with transaction.atomic():
            claimed = AlertDelivery.objects.filter(pk__in=delivery_ids, composed_at__isnull=True).update(
                composed_at=now
            )
            if claimed != len(delivery_ids):
                raise AlreadyComposed
            created = OutgoingEmail.objects.bulk_create(messages)
            for email, pks in zip(created, owners, strict=True):
                AlertDelivery.objects.filter(pk__in=pks).update(email=email)
    except AlreadyComposed:
        logger.info("Alert deliveries composed by another run; skipped a batch of %s.", len(delivery_ids))
        return []
    return [email.pk for email in created]


def page_items(page_ids):
    """Title, summary and full address of each page, read once for every email of the run."""
    items = {}
    for page in Page.objects.live().public().filter(pk__in=page_ids).specific():
        summary = getattr(page, "summary", "") or page.search_description or ""
        items[page.pk] = {"title": page.title, "summary": " ".join(str(summary).split()), "url": page.get_full_url()}
    return items


def build_email(frequency, by_alert, root):
    """The outbox message: plain text and HTML parts, a visible unsubscribe link, and RFC 8058's
    List-Unsubscribe headers, which stop the alerts this email is about."""
    alerts = sorted(by_alert, key=lambda alert: alert.pk)
    subscriber = alerts[0].subscriber
    unsubscribe = links.unsubscribe_url(subscriber, [alert.pk for alert in alerts], root)
    count = sum(len(items) for items in by_alert.values())
    if frequency == Frequency.IMMEDIATE:
        only = by_alert[alerts[0]]
        subject = f"New: {only[0]['title']}" if count == 1 else f"{count} new items: {alerts[0].description}"
    else:
        period = "Daily" if frequency == Frequency.DAILY else "Weekly"
        subject = f"{period} alert: {count} new item{'s' if count != 1 else ''} from {settings.WAGTAIL_SITE_NAME}"
    context = {
        "sections": [
            {
                "alert": alert,
                "items": by_alert[alert],
                "view_url": links.absolute_url(view_url(alert.page, alert.query), root),
            }
            for alert in alerts
        ],
        "count": count,
        "frequency": frequency,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "manage_url": links.manage_url(subscriber, root),
        "unsubscribe_url": unsubscribe,
    }
    return OutgoingEmail(
        purpose=f"alert-{frequency}",
        to=[subscriber.email],
        subject=one_line(subject),
        body=render_to_string("alerts/emails/alert.txt", context),
        html_body=render_to_string("alerts/emails/alert.html", context),
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


# Housekeeping


@task()
def remove_unconfirmed_alerts():
    """Double opt-in: alerts never confirmed are removed after ALERTS_CONFIRMATION_DAYS, and so is
    an address left with no alert. Returns [alerts removed, addresses removed]."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.ALERTS_CONFIRMATION_DAYS)
    _, alerts = Alert.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    _, subscribers = Subscriber.objects.filter(alerts__isnull=True, created_at__lt=cutoff).delete()
    return [alerts.get("alerts.Alert", 0), subscribers.get("alerts.Subscriber", 0)]
