"""The site's menus, read from the page tree and the Navigation setting, never written into templates."""

import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django import template
from django.db import DatabaseError

from wagtail.models import Site

from healthequity.caching.content import cached
from healthequity.core.models import NavigationSettings

register = template.Library()
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MenuLink:
    label: str
    path: str
    query: str = ""

    @property
    def url(self):
        return f"{self.path}?{self.query}" if self.query else self.path


@dataclass(frozen=True)
class MenuItem:
    link: MenuLink
    # "page" for the page the visitor is on, "true" for the section it is in, "" otherwise.
    current: str

    @property
    def label(self):
        return self.link.label

    @property
    def url(self):
        return self.link.url


def _menu_links(links, site):
    return [
        MenuLink(link.label or link.page.title, link.page.get_url(current_site=site) or "", link.query)
        for link in links
        if link.page.live
    ]


def _read_menus(site):
    settings = NavigationSettings.for_site(site)
    main = _menu_links(settings.main_links.select_related("page"), site)
    if not main:
        children = site.root_page.get_children().live().in_menu()
        main = [MenuLink(page.title, page.get_url(current_site=site) or "") for page in children]
    return {"main": main, "footer": _menu_links(settings.footer_links.select_related("page"), site)}


def _current(link, links, request):
    """Whether `link` is the visitor's page ("page"), their section ("true"), or neither ("")."""
    path = request.path
    if not link.path or not path.startswith(link.path):
        return ""
    if path != link.path:
        return "" if link.query else "true"  # a filtered view is a page, not a section
    wanted = dict(parse_qsl(link.query))
    if any(request.GET.get(name) != value for name, value in wanted.items()):
        return ""
    # A plain link to a listing is not current when a more specific link (a filtered view) is.
    more_specific = [
        other
        for other in links
        if other is not link and other.path == path and other.query and len(other.query) > len(link.query)
    ]
    if any(all(request.GET.get(name) == value for name, value in parse_qsl(other.query)) for other in more_specific):
        return ""
    return "page"


@register.simple_tag(takes_context=True)
def site_menus(context):
    """{"main": [MenuItem], "footer": [MenuItem]} for the request's site, cached until the content
    changes; empty menus when the database cannot be reached (error pages still render)."""
    request = context.get("request")
    try:
        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            return {"main": [], "footer": []}
        menus = cached(("menus", site.pk), lambda: _read_menus(site))
    except DatabaseError:
        logger.warning("Menus left out: the database could not be reached", exc_info=True)
        return {"main": [], "footer": []}
    return {name: [MenuItem(link, _current(link, links, request)) for link in links] for name, links in menus.items()}
