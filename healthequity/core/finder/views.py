"""The finder's query as an Atom feed (/resources/feed/) and as JSON (/api/resources/).

Both read the same `EvidenceFilterSet` as the page, so a feed reader or a script gets exactly
what a visitor sees for the same address. Parameters that cannot be used are refused with 400
and a message (a machine should not silently get something other than it asked for).
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from healthequity.core.models import FINDER_PATH, EvidencePage

from .filters import SortOrder
from .finder import EvidenceFinder

__all__ = ["EvidenceFeed", "evidence_api"]

# A feed lists the newest items first unless its address asks for another order.
FEED_LENGTH = 20


class InvalidQuery(Exception):
    def __init__(self, finder):
        self.finder = finder
        super().__init__("invalid finder parameters")


def finder_for(request, **kwargs):
    """The finder over all live, public evidence, as at /resources/ (they share cached counts)."""
    return EvidenceFinder(
        request.GET,
        EvidencePage.objects.live().public(),
        request=request,
        cache_scope="all",
        path=FINDER_PATH,
        **kwargs,
    )


def problems_as_text(finder):
    lines = ["Some parameters could not be used:", *(f"- {problem.message}" for problem in finder.problems)]
    return "\n".join(lines) + "\n"


def at_midnight(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


class EvidenceFeed(Feed):
    """An Atom feed of any filtered view of the finder, titled after its filters."""

    feed_type = Atom1Feed
    author_name = "Health Equity Evidence Centre"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidQuery as error:
            return HttpResponseBadRequest(problems_as_text(error.finder), content_type="text/plain; charset=utf-8")

    def get_object(self, request, *args, **kwargs):
        finder = finder_for(request, per_page=FEED_LENGTH, default_sort=SortOrder.NEWEST)
        if finder.problems:
            raise InvalidQuery(finder)
        return finder

    def title(self, finder):
        return finder.feed_title

    def link(self, finder):
        return finder.url

    def feed_url(self, finder):
        return finder.feed_url

    def subtitle(self, finder):
        description = finder.description
        return f"Evidence on health inequalities: {description}." if description else "Evidence on health inequalities."

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

    def item_pubdate(self, item):
        return at_midnight(item.publication_date)

    def item_updateddate(self, item):
        return item.last_published_at or at_midnight(item.updated_on or item.publication_date)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors) or None

    def item_categories(self, item):
        return [group.name for group in item.groups.all()] + [topic.name for topic in item.topics.all()]


@require_GET
def evidence_api(request):
    """The finder's query as JSON: a page of items, the total, facet counts and paging links."""
    finder = finder_for(request)
    if finder.problems:
        return JsonResponse({"errors": finder.errors.get_json_data()}, status=400)
    try:
        page = finder.page
    except Http404:
        return JsonResponse(
            {"errors": {"page": [{"message": "There is no page with that number.", "code": "out_of_range"}]}},
            status=404,
        )

    def absolute(url):
        return request.build_absolute_uri(url)

    api_path = request.path
    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": absolute(finder.url_for(api_path, page_params(finder, page.next_page_number())))
            if page.has_next()
            else None,
            "previous": absolute(finder.url_for(api_path, page_params(finder, page.previous_page_number())))
            if page.has_previous()
            else None,
            "html_url": absolute(finder.page_url(page.number)),
            "feed_url": absolute(finder.feed_url),
            "query": {
                "q": finder.applied["q"],
                "group": finder.applied["group"],
                "topic": finder.applied["topic"],
                "type": finder.applied["type"],
                "from": finder.applied["from"],
                "to": finder.applied["to"],
                "sort": finder.sort,
            },
            "facets": {facet.name: facet_as_json(facet) for facet in finder.facets},
            "items": [item_as_json(item, request) for item in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def facet_as_json(facet):
    """A facet's options as a flat list; a subgroup names its parent group."""

    def option_as_json(option, parent=None):
        data = {"value": option.value, "label": option.label, "count": option.count, "selected": option.selected}
        return (data | {"parent": parent.value}) if parent else data

    return [
        data
        for section in facet.sections
        for option in section.options
        for data in [option_as_json(option), *(option_as_json(child, option) for child in option.children)]
    ]


def page_params(finder, number):
    params = finder.query_params()
    if number > 1:
        params.append(("page", str(number)))
    return params


def item_as_json(item, request):
    return {
        "title": item.title,
        "url": item.get_full_url(request),
        "type": item.resource_type,
        "type_label": item.resource_type_label,
        "date": item.publication_date.isoformat(),
        "summary": item.summary,
        "authors": [author.name for author in item.authors],
        "groups": [{"slug": group.slug, "name": group.name} for group in item.groups.all()],
        "topics": [{"slug": topic.slug, "name": topic.name} for topic in item.topics.all()],
    }
