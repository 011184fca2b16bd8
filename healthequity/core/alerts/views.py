"""Sign-up (double opt-in), confirmation, managing alerts without an account, and unsubscribing
(by a link, or by the RFC 8058 one-click POST a mail reader sends for List-Unsubscribe).

No page here is ever cached or says whether an address has alerts: the sign-up always answers
"check your email", and only the signed links in emails sent to the address show its alerts.
"""

import logging

from django import forms
from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from wagtail.models import Page

from healthequity.core.public_forms import (
    FORM_METHODS,
    READ_METHODS,
    RateLimit,
    body_too_large,
    method_not_allowed,
    queue,
    request_too_large,
    try_again,
)
from healthequity.core.public_forms.views import RATE_LIMITED_MESSAGE

from . import links
from .forms import AlertSignupForm, ChangeFrequencyForm
from .models import Alert, Frequency, Subscriber
from .signup import LISTING_PARAMETER, canonical_query, describe, offers_alerts, view_url

logger = logging.getLogger(__name__)

TEMPLATES = "alerts"


class ListingForm(forms.Form):
    listing = forms.IntegerField(min_value=1, max_value=2**62)


def private(response):
    """Never cached anywhere: each of these pages is one person's."""
    add_never_cache_headers(response)
    return response


def page(request, template, context=None, status=200):
    response = TemplateResponse(request, f"{TEMPLATES}/{template}", context or {}, status=status)
    response.render()
    return private(response)


def subscribed_view(request):
    """The listing page and its finder for the sign-up address; 404 for anything else."""
    form = ListingForm({LISTING_PARAMETER: request.GET.get(LISTING_PARAMETER)})
    if not form.is_valid():
        raise Http404("No listing to subscribe to.")
    listing = Page.objects.live().public().filter(pk=form.cleaned_data[LISTING_PARAMETER]).first()
    listing = listing and listing.specific
    if not offers_alerts(listing):
        raise Http404("That page offers no email alerts.")
    data = request.GET.copy()
    data.pop(LISTING_PARAMETER, None)
    finder = listing.alert_finder(data)
    return listing, finder


def signup(request):
    if request.method not in FORM_METHODS:
        return method_not_allowed(request, FORM_METHODS)
    if request.method == "POST" and body_too_large(request):
        return request_too_large(request)
    try:
        listing, finder = subscribed_view(request)
        query = canonical_query(finder)
        context = {
            "listing": listing,
            "description": describe(listing, finder),
            "tags": finder.active_filters,
            "search": finder.applied["q"],
            "view_url": view_url(listing, query),
            "privacy_url": settings.PRIVACY_NOTICE_URL,
        }
        status = 200
        if request.method == "POST":
            form = AlertSignupForm(request.POST)
            limit = RateLimit("alert-signup")
            if not form.is_valid():
                status = 400
                if form.blocked_reason == "honeypot":
                    limit.record(request)
            elif limit.is_exceeded(request):
                form.add_error(None, RATE_LIMITED_MESSAGE)
                status = 429
            else:
                store_and_ask_to_confirm(form, listing, query, context["description"])
                limit.record(request)
                return redirect("alerts:check_your_email")
        else:
            form = AlertSignupForm()
        return page(request, "signup.html", {**context, "form": form}, status=status)
    except DatabaseError:
        logger.exception("Database unavailable while signing up for an alert.")
        return try_again(request)


def store_and_ask_to_confirm(form, listing, query, description):
    """Store the alert (unconfirmed) and email the link that confirms it, at the frequency asked.
    An alert the address already has is not changed until the new link is opened."""
    email = form.cleaned_data["email"].strip().lower()
    frequency = form.cleaned_data["frequency"]
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        alert, _ = Alert.objects.get_or_create(
            subscriber=subscriber,
            page=listing,
            query=query,
            defaults={"description": description[:1000], "frequency": frequency},
        )
        queue(
            "alert-confirmation",
            [email],
            f"Confirm your email alert: {description}",
            "alerts/emails/confirm.txt",
            {
                "description": description,
                "frequency": Frequency(frequency).label,
                "confirm_url": links.confirm_url(alert, frequency),
                # Stops this alert (and deletes the address if it has no other): someone signed up
                # by another person need not wait for the unconfirmed alert to expire.
                "cancel_url": links.unsubscribe_url(subscriber, [alert.pk]),
                "manage_url": links.manage_url(subscriber),
                "days": settings.ALERTS_CONFIRMATION_DAYS,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
            html_template="alerts/emails/confirm.html",
        )


def check_your_email(request):
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    return page(request, "check_your_email.html", {"days": settings.ALERTS_CONFIRMATION_DAYS})


def invalid_link(request):
    return page(request, "invalid_link.html", status=404)


def confirm(request, token):
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    value = links.read_token(links.CONFIRM, token, max_age=settings.ALERTS_CONFIRMATION_DAYS * 24 * 60 * 60)
    try:
        alert_id, frequency = value
        frequency = Frequency(frequency)
    except (TypeError, ValueError):
        return invalid_link(request)
    with transaction.atomic():
        alert = Alert.objects.select_related("subscriber").select_for_update().filter(pk=alert_id).first()
        if alert is None:
            return invalid_link(request)
        alert.frequency = frequency
        alert.confirmed_at = alert.confirmed_at or timezone.now()
        alert.save(update_fields=["frequency", "confirmed_at"])
        # Opening a link sent to the address proves it works again.
        Subscriber.objects.filter(pk=alert.subscriber_id).update(suspended_at=None, suspended_reason="")
    return page(
        request,
        "confirmed.html",
        {
            "alert": alert,
            "manage_url": links.manage_path(alert.subscriber),
            "view_url": view_url(alert.page, alert.query),
        },
    )


def manage(request, token):
    if request.method not in FORM_METHODS:
        return method_not_allowed(request, FORM_METHODS)
    subscriber_id = links.read_token(links.MANAGE, token)
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first() if isinstance(subscriber_id, int) else None
    if subscriber is None:
        return page(request, "unsubscribed.html", {"everything": True})
    notice = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "unsubscribe-all":
            subscriber.delete()
            return page(request, "unsubscribed.html", {"everything": True})
        form = ChangeFrequencyForm(request.POST)
        alert = form.is_valid() and subscriber.alerts.filter(pk=form.cleaned_data["alert"]).first()
        if alert and action == "unsubscribe":
            with transaction.atomic():
                alert.delete()
                # As the unsubscribe link does: nothing is kept of an address with no alerts left.
                gone, _ = Subscriber.objects.filter(pk=subscriber.pk, alerts__isnull=True).delete()
            if gone:
                return page(request, "unsubscribed.html", {"everything": True})
            notice = f"You will get no more emails about {alert.description}."
        elif alert and action == "frequency" and form.cleaned_data["frequency"]:
            alert.frequency = form.cleaned_data["frequency"]
            alert.save(update_fields=["frequency"])
            notice = f"Emails about {alert.description}: {alert.get_frequency_display().lower()}."
        else:
            notice = "Nothing was changed. Choose an alert and what to do with it."
    alerts = list(subscriber.alerts.filter(confirmed_at__isnull=False).select_related("page").order_by("created_at"))
    for alert in alerts:
        alert.view_url = view_url(alert.page, alert.query)
    return page(
        request,
        "manage.html",
        {
            "subscriber": subscriber,
            "alerts": alerts,
            "frequencies": Frequency.choices,
            "notice": notice,
            "suspended": subscriber.suspended_at is not None,
            "action_url": reverse("alerts:manage", args=[token]),
        },
    )


@csrf_exempt  # RFC 8058: mail readers POST "List-Unsubscribe=One-Click" with no cookie or token
def unsubscribe(request, token):
    """GET: a page with a button (link checkers open links; they must not unsubscribe anyone).
    POST, from that button or a mail reader's one-click: stop the alerts the email was about."""
    if request.method not in FORM_METHODS:
        return method_not_allowed(request, FORM_METHODS)
    value = links.read_token(links.UNSUBSCRIBE, token)
    try:
        subscriber_id, alert_ids = value
        alert_ids = [int(pk) for pk in alert_ids]
    except (TypeError, ValueError):
        return invalid_link(request)
    alerts = Alert.objects.filter(subscriber_id=subscriber_id, pk__in=alert_ids)
    if request.method == "POST":
        with transaction.atomic():
            alerts.delete()
            # Nothing is kept of an address with no alerts left.
            Subscriber.objects.filter(pk=subscriber_id, alerts__isnull=True).delete()
        return page(request, "unsubscribed.html", {"everything": False})
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    return page(
        request,
        "unsubscribe.html",
        {
            "alerts": list(alerts),
            "manage_url": links.manage_path(subscriber) if subscriber else "",
            "action_url": reverse("alerts:unsubscribe", args=[token]),
        },
    )
