"""Signed links in alert emails, and the one way their full addresses are built.

A confirmation link expires (ALERTS_CONFIRMATION_DAYS); the manage and unsubscribe links in sent
emails do not, so an old email can always stop what it started. Each kind of link has its own salt,
so one can never stand in for another.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from wagtail.models import Site

__all__ = ["absolute_url", "confirm_url", "manage_path", "manage_url", "read_token", "site_root", "unsubscribe_url"]

CONFIRM = "alerts.confirm"
MANAGE = "alerts.manage"
UNSUBSCRIBE = "alerts.unsubscribe"


def site_root():
    """The default Wagtail Site's root URL (as page.get_full_url() builds page addresses), so
    emails link where the pages do. A digest run reads it once and passes it on as `root`."""
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute_url(path, root=None):
    return (root or site_root()) + path


def make_token(salt, value):
    return signing.dumps(value, salt=salt, compress=True)


def read_token(salt, token, max_age=None):
    """The signed value, or None if the token is forged, damaged or too old."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def confirm_url(alert, frequency):
    token = make_token(CONFIRM, [alert.pk, frequency])
    return absolute_url(reverse("alerts:confirm", args=[token]))


def manage_path(subscriber):
    """The manage page's address on the site (for links on our own pages)."""
    return reverse("alerts:manage", args=[make_token(MANAGE, subscriber.pk)])


def manage_url(subscriber, root=None):
    """The same, in full (for emails)."""
    return absolute_url(manage_path(subscriber), root)


def unsubscribe_url(subscriber, alert_ids, root=None):
    """The one-click unsubscribe address of an email: it stops the alerts that email was about."""
    token = make_token(UNSUBSCRIBE, [subscriber.pk, sorted(alert_ids)])
    return absolute_url(reverse("alerts:unsubscribe", args=[token]), root)
