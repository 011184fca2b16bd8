"""Any finder's query as an Atom feed: /resources/feed/ for the evidence, /funders/feed/ too.

A feed reads the same filter set as the page, so a feed reader gets exactly what a visitor sees
for the same address. Parameters that cannot be used are refused with 400 and the page's messages
(a machine should not silently get something other than it asked for).
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from healthequity.caching.content import cached
from healthequity.core.site_urls import absolute_url
from healthequity.core.text import xml_safe

from .filters import SortOrder
from .finder import EvidenceFinder
from .location import site_finder_url
from .scopes import live_public_evidence

__all__ = ["EvidenceFeed", "FinderFeed", "XmlSafeAtom1Feed", "evidence_finder_for", "problems_as_text"]


class InvalidQuery(Exception):
    def __init__(self, finder):
        self.finder = finder
        super().__init__("invalid finder parameters")


def evidence_finder_for(request, **kwargs):
    """The finder over all live, public evidence, as at /resources/ (they share cached counts)."""
    return EvidenceFinder(
        request.GET,
        live_public_evidence(),
        request=request,
        cache_scope="all",
        path=site_finder_url(request),
        **kwargs,
    )


def problems_as_text(finder):
    lines = ["Some parameters could not be used:", *(f"- {problem.message}" for problem in finder.refusals)]
    return "\n".join(lines) + "\n"


def at_midnight(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


def _xml_safe_value(value):
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, (list, tuple)):
        return [_xml_safe_value(item) for item in value]
    return value


class XmlSafeAtom1Feed(Atom1Feed):
    """An Atom feed that drops the characters XML cannot carry from every value it is given.

    Text is cleaned when it is saved; this is for rows stored before that, which would otherwise
    make Django's writer refuse the whole feed (UnserializableContentError, a 500)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_xml_safe_value, args), **{k: _xml_safe_value(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_xml_safe_value, args), **{k: _xml_safe_value(v) for k, v in kwargs.items()})


class FinderFeed(Feed):
    """An Atom feed of any filtered view of a finder, titled after its filters, newest first
    unless its address asks for another order. Subclasses say which finder (`get_finder`)."""

    feed_type = XmlSafeAtom1Feed
    author_name = "Health Equity Evidence Centre"
    feed_length = 20

    def __call__(self, request, *args, **kwargs):
        """The feed's XML for this query, kept until the content changes (a feed reader asks
        again every few minutes, and the same feed for everyone following the same filters)."""
        try:
            finder = self.get_object(request, *args, **kwargs)
        except InvalidQuery as error:
            return HttpResponseBadRequest(problems_as_text(error.finder), content_type="text/plain; charset=utf-8")

        def render():
            response = super(FinderFeed, self).__call__(request, *args, **kwargs)
            return response.content, response.get("Last-Modified")

        key = (*finder.count_key(), "feed", finder.url, finder.sort, finder.filterset.page_number, request.path)
        content, last_modified = cached((*key, request.scheme, request.get_host()), render)
        response = HttpResponse(content, content_type=f"{self.feed_type.content_type}")
        if last_modified:
            response["Last-Modified"] = last_modified
        return response

    def get_finder(self, request, **kwargs):
        raise NotImplementedError

    def get_object(self, request, *args, **kwargs):
        """The finder for the request's query, made once a request (the feed asks twice)."""
        finder = getattr(request, "feed_finder", None)
        if finder is None:
            finder = self.get_finder(request, per_page=self.feed_length, default_sort=SortOrder.NEWEST)
            request.feed_finder = finder
        if finder.refusals:
            raise InvalidQuery(finder)
        return finder

    def title(self, finder):
        return finder.feed_title

    def link(self, finder):
        return absolute_url(finder.url, finder.request)

    def feed_url(self, finder):
        return absolute_url(finder.feed_url, finder.request)

    def items(self, finder):
        items = list(finder.page.object_list)
        for item in items:
            item.feed_link = item.get_full_url(finder.request)
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link


class EvidenceFeed(FinderFeed):
    """/resources/feed/: the evidence finder's query as a feed."""

    def get_finder(self, request, **kwargs):
        return evidence_finder_for(request, **kwargs)

    def subtitle(self, finder):
        description = finder.description
        return f"Evidence on health inequalities: {description}." if description else "Evidence on health inequalities."

    def item_pubdate(self, item):
        return at_midnight(item.publication_date)

    def item_updateddate(self, item):
        return item.last_published_at or at_midnight(item.updated_on or item.publication_date)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors) or None

    def item_categories(self, item):
        return [group.name for group in item.groups.all()] + [topic.name for topic in item.topics.all()]

    def item_description(self, item):
        """The summary, and for a brief its rated findings (prefetched with the listing)."""
        findings = list(item.indexed_findings.all())
        if not findings:
            return item.summary
        return format_html(
            "<p>{}</p><p>Findings:</p><ul>{}</ul>",
            item.summary,
            format_html_join("", "<li>{}</li>", ((finding_in_words(finding),) for finding in findings)),
        )


def finding_in_words(finding):
    """ "Text reminders (Digital): Narrows inequalities; strength of evidence: strong; Low cost"."""
    approach = f" ({finding.approach.name})" if finding.approach_id else ""
    strength = f"strength of evidence: {finding.strength_label.lower()}"
    return f"{finding.intervention}{approach}: {finding.effect_label}; {strength}; {finding.cost_label}"
