"""The site's full addresses, for everything written out to be read elsewhere: canonical and Open
Graph tags, feeds, citations, the JSON, sitemaps and emails (sent with no request at hand).

One address holds them all: `WAGTAILADMIN_BASE_URL` (the setting Wagtail itself uses for links in
its emails). The default Wagtail Site follows it (`point_default_site_at_base_url`, run after every
`migrate`), so the addresses Wagtail gives pages (`page.full_url`) agree with the ones built here.
`make run` sets it to the address it serves (`HOST`); production refuses to start without it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from wagtail.models import Site

__all__ = [
    "absolute_url",
    "admin_url",
    "base_url_parts",
    "point_default_site_at_base_url",
    "site_root_url",
]


def base_url_parts(base_url):
    """(hostname, port) of a base URL as a Wagtail Site holds them (https is port 443)."""
    parts = urlsplit(base_url)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def point_default_site_at_base_url(**kwargs):
    """Give the default Site the hostname and port of `WAGTAILADMIN_BASE_URL`. True if it changed.

    Connected to `post_migrate`, so every deployment (and `make run`) leaves the site at the address
    it is served on; a database with no site yet (before its first page) is left alone.
    """
    hostname, port = base_url_parts(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


def site_root_url(request=None):
    """The site's address without a trailing slash: the request's Wagtail site's (as pages' own
    addresses use), else the default site's, else the setting's."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    if site is not None:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url, request=None):
    """The full address of a path on the site ("" stays ""; a full address is returned as it is)."""
    if not url or urlsplit(url).scheme:
        return url
    return f"{site_root_url(request)}{url}"


def admin_url(url_name, *args, **kwargs):
    """The full address of an admin page, for links in emails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, args=args or None, kwargs=kwargs or None)
