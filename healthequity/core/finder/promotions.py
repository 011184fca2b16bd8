"""Promoted search results ("editor's picks") for the finder to show above its results.

Editors manage them in the admin under Settings → Promoted search results (Wagtail's
search_promotions app). This module only reads them, in the order editors set, keeping pages
that are live and public and fetching them as listing cards in a fixed number of queries.

Most searches have no picks, yet looking for them costs a query on every search; so the picks for
a search are kept in the cache under the content generation, which a change to any promotion
bumps (healthequity.caching), and pages are fetched only when there are picks.
"""

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from healthequity.caching.content import cached
from healthequity.core.models import EvidencePage, listing_queryset

__all__ = ["PromotedResult", "promoted_results"]

PROMOTION_LIMIT = 3


@dataclass
class PromotedResult:
    """One pick: an evidence page (render it as a card) or an external link."""

    title: str
    url: str
    description: str = ""
    page: EvidencePage | None = None


def promoted_results(query_string, limit=PROMOTION_LIMIT):
    """The picks for a search, as `PromotedResult`s; empty for an empty or unknown search."""
    normalised = normalise_query_string(query_string or "")
    if not normalised:
        return []

    def find_promotions():
        return list(
            SearchPromotion.objects.filter(query__query_string=normalised).order_by("sort_order", "pk")[: limit * 2]
        )

    promotions = cached(("promotions", normalised, limit), find_promotions)
    if not promotions:
        return []
    page_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    pages = {page.pk: page for page in listing_queryset(EvidencePage.objects.live().public().filter(pk__in=page_ids))}
    results = []
    for promotion in promotions:
        if promotion.page_id:
            page = pages.get(promotion.page_id)
            if page is None:  # a draft, private or non-evidence page: not shown
                continue
            results.append(
                PromotedResult(
                    title=page.title, url=page.url, description=promotion.description or page.summary, page=page
                )
            )
        elif promotion.external_link_url:
            results.append(
                PromotedResult(
                    title=promotion.external_link_text or promotion.external_link_url,
                    url=promotion.external_link_url,
                    description=promotion.description,
                )
            )
    return results[:limit]
