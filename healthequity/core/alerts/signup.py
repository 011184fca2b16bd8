"""Which views can be subscribed to, and how an alert names and stores its view.

A listing page offers alerts by having `alert_finder(data)`: the finder over its listing for a
query (the core's `FinderPageMixin` has it, so the site-wide finder with its group and topic
pages, the blog and the Citizens' Panel; the funders' hub defines its own). The alert stores the
page and the finder's canonical query, and says what it covers in the words of the page's
heading and of the finder's filter tags.
"""

from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

__all__ = ["LISTING_PARAMETER", "alert_signup_path", "canonical_query", "describe", "offers_alerts", "view_url"]

# The parameter naming the listing page on the sign-up address (`page` is the finder's page number).
LISTING_PARAMETER = "listing"


def offers_alerts(page):
    return page is not None and hasattr(page, "alert_finder")


def alert_signup_path(page, finder=None, params=()):
    """The sign-up address for the page's view: the finder's applied filters, or `params`."""
    if not offers_alerts(page):
        return ""
    query = finder.query_params(keep_sort=False) if finder is not None else list(params)
    return f"{reverse('alerts:signup')}?{urlencode([(LISTING_PARAMETER, page.pk), *query])}"


def canonical_query(finder):
    """The view's filters as the finder applies them (unknown values dropped), without sort or page."""
    return urlencode(finder.query_params(keep_sort=False))


def finder_for(page, query):
    return page.alert_finder(QueryDict(query))


def describe(page, finder):
    """ "Resources: Inequality group: Coastal communities; Search: ‘asthma’" (the heading, then the tags)."""
    tags = [tag.label for tag in finder.active_filters]
    return f"{page.title}: {'; '.join(tags)}" if tags else f"{page.title}: everything new"


def view_url(page, query):
    """The listing's own address with the alert's filters (relative to the site)."""
    path = page.get_url() or ""
    return f"{path}?{query}" if query and path else path
