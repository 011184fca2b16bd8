"""What the finder lists: live evidence pages outside every private section."""

from django.db.models import Q

from wagtail.models import PageViewRestriction

from healthequity.caching.content import cached
from healthequity.core.models import EvidencePage

__all__ = ["live_public_evidence", "public_pages"]


def private_sections():
    """(path, depth) of every page with a view restriction, from the cache until one changes.

    Wagtail's `PageQuerySet.public()` reads every restriction each time it is called: a query on
    every finder request, the repeated ones included."""
    return cached(
        ("private-sections",), lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth"))
    )


def public_pages(pages):
    """`pages.public()`, with the private sections read from the cache."""
    private = Q()
    for path, depth in private_sections():
        private |= Q(path__startswith=path, depth__gte=depth)
    return pages.exclude(private) if private else pages


def live_public_evidence():
    return public_pages(EvidencePage.objects.live())
