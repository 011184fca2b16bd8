"""The finder's result cards, kept as rendered HTML until the content changes.

A page of results is nine cards, and rendering them costs more than anything else on a warm
finder request: fetching nine pages with their groups, topics, authors and image renditions, then
the card template. So each card's HTML is cached under the content generation
(healthequity.caching), which every change a card can show bumps: the page itself, a group, topic
or author it names, or an image. A page of results whose cards are all cached fetches no page.
"""

from collections.abc import Sequence

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from wagtail.models import Site

from healthequity.caching.content import content_keys, timeout

__all__ = ["PagesById", "cached_cards"]

CARD_TEMPLATE = "includes/card.html"


class PagesById(Sequence):
    """A page of results as ids, whose pages are fetched (in their order) only when first used."""

    def __init__(self, ids, queryset):
        self.ids = list(ids)
        self.queryset = queryset

    @cached_property
    def pages(self):
        found = {page.pk: page for page in self.queryset.filter(pk__in=self.ids)}
        return [found[pk] for pk in self.ids if pk in found]

    def __getitem__(self, index):
        return self.pages[index]

    def __len__(self):
        return len(self.pages)

    def __bool__(self):
        return bool(self.ids)


def cached_cards(pages, request, *, heading_level=3, template_name=CARD_TEMPLATE, extra_context=None):
    """The HTML of the cards of `pages` (a PagesById), in order: from the cache, or rendered (and
    kept) when missing, which fetches the pages. `extra_context` is what else the card template
    reads (it is part of the cache key)."""
    extra_context = extra_context or {}
    site = Site.find_for_request(request) if request else None  # card links are relative to it
    template = get_template(template_name)

    def render(page):
        return template.render({**extra_context, "item": page, "heading_level": heading_level, "request": request})

    variant = (template_name, heading_level, site and site.pk, tuple(sorted(extra_context.items())))
    keys = content_keys({pk: ("card", pk, variant) for pk in pages.ids})
    if keys is None:  # the cache cannot be reached
        return [mark_safe(render(page)) for page in pages]  # noqa: S308 - our own template
    found = dict(cache.get_many(keys.values()))  # a copy: never change what the cache client returned
    if len(found) < len(keys):
        missing = {keys[page.pk]: render(page) for page in pages if keys[page.pk] not in found}
        cache.set_many(missing, timeout=timeout())
        found.update(missing)
    # Our own rendered template, from our own cache.
    return [mark_safe(found[key]) for key in keys.values() if key in found]  # noqa: S308
