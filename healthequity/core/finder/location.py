"""Where the site's evidence finder lives, read from the page tree rather than written into code.

The finder over every kind of evidence is a page (a page type built on `SiteFinderPageMixin`:
in this project the resources index at /resources/), so its address, and with it every tag
that links into the finder and every group or topic landing page, follows the page if editors
move or rename it. Looking it up costs one query per content change (the answer is cached under
the content generation) and nothing per tag: it is remembered on the request.
"""

from functools import cache as memoize

from django.contrib.contenttypes.models import ContentType
from django.utils.http import urlencode

from wagtail.models import Page, Site, get_page_models

from healthequity.caching.content import cached

__all__ = ["finder_url", "group_page_url", "site_finder_url", "term_page_url", "topic_page_url"]

REQUEST_ATTRIBUTE = "_site_finder_url"


@memoize
def _finder_content_type_ids():
    models = [model for model in get_page_models() if getattr(model, "is_site_finder", False)]
    return sorted(content_type.pk for content_type in ContentType.objects.get_for_models(*models).values())


def _find(site):
    """(the finder page's address, its content type id), or ("", None)."""
    pages = Page.objects.live().filter(content_type_id__in=_finder_content_type_ids())
    if site is not None:
        pages = pages.filter(path__startswith=site.root_page.path)
    page = pages.order_by("path").first()
    if page is None:
        return "", None
    return page.get_url(current_site=site) or "", page.content_type_id


def _site_finder(request):
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    found = cached(("site-finder", site and site.pk), lambda: _find(site))
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, found)
    return found


def site_finder_url(request=None):
    """The address of the site's evidence finder ("/resources/"), or "" when it has none yet."""
    return _site_finder(request)[0]


def term_page_url(name, slug, request=None):
    """The landing page of a group ("group") or topic ("topic") by its slug."""
    return _route_url(request, name, slug)


def _route_url(request, name, slug):
    url, content_type_id = _site_finder(request)
    if not url:
        return ""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return url + model.get_resolver().reverse(name, slug=slug).lstrip("/")


def finder_url(params=(), request=None):
    """The finder filtered by `params` ((name, value) pairs), e.g. [("group", "core20")]."""
    base = site_finder_url(request)
    if not base:
        return ""
    return f"{base}?{urlencode(list(params))}" if params else base


def group_page_url(group, request=None):
    """The group's landing page, a route of the finder page (`SiteFinderPageMixin.group_page`)."""
    return _route_url(request, "group", group.slug)


def topic_page_url(topic, request=None):
    return _route_url(request, "topic", topic.slug)
