"""/api/resources/: the evidence finder's query as JSON.

It reads the same `EvidenceFilterSet` as the page, so a script gets exactly what a visitor sees
for the same address. Parameters that cannot be used are refused with 400 and the page's messages;
a page number that is not one starts at the first page, as the page does, and says so in `notes`.
"""

from collections import defaultdict

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from healthequity.caching.content import cached
from healthequity.core.evidence.models import Finding
from healthequity.core.site_urls import absolute_url

from .feeds import evidence_finder_for

__all__ = ["evidence_api"]


@require_GET
def evidence_api(request):
    """The finder's query as JSON: a page of items, the total, facet counts and paging links."""
    finder = evidence_finder_for(request)
    if finder.refusals:
        errors = {name: errors for name, errors in finder.errors.get_json_data().items() if name != "page"}
        return JsonResponse({"errors": errors}, status=400)
    # The same answer for everyone asking the same query, kept until the content changes.
    notes = tuple(problem.message for problem in finder.problems)
    key = (*finder.count_key(), "json", finder.url, finder.sort, finder.filterset.page_number, notes)
    try:
        data = cached((*key, request.scheme, request.get_host(), request.path), lambda: as_json(finder, request))
    except Http404:
        return JsonResponse(
            {"errors": {"page": [{"message": "There is no page with that number.", "code": "out_of_range"}]}},
            status=404,
        )
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def as_json(finder, request):
    page = finder.page
    items = list(page.object_list)
    groups_of_finding = prefetch_findings(items)

    def absolute(url):
        return absolute_url(url, request)

    api_path = request.path
    return {
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
            "effect": finder.applied["effect"],
            "strength": finder.applied["strength"],
            "approach": finder.applied["approach"],
            "from": finder.applied["from"],
            "to": finder.applied["to"],
            "sort": finder.sort,
        },
        "suggestion": {
            "q": finder.suggestion.text,
            "count": finder.suggestion.total,
            "url": absolute(finder.url_for(api_path, finder.suggestion.params)),
        }
        if finder.suggestion
        else None,
        "facets": {facet.name: facet_as_json(facet) for facet in finder.facets},
        # What the page says above its results too: "Page numbers are whole numbers. Showing the first page."
        "notes": [problem.message for problem in finder.problems],
        "items": [item_as_json(item, request, groups_of_finding) for item in items],
    }


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


def item_as_json(item, request, groups_of_finding):
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
        "findings": [
            finding_as_json(finding, groups_of_finding[finding.pk]) for finding in item.indexed_findings.all()
        ],
    }


def prefetch_findings(items):
    """Each item's rated findings (with their approach) and each finding's groups, in two queries
    whether or not the page holds a brief: Django skips a nested prefetch when the level above is
    empty, which would make the count depend on which items a page happens to show."""
    if not items:
        return {}
    prefetch_related_objects(items, Prefetch("indexed_findings", queryset=Finding.objects.select_related("approach")))
    links = (
        Finding.groups.through.objects.filter(finding__page__in=[item.pk for item in items])
        .select_related("inequalitygroup")
        .order_by("inequalitygroup__sort_order", "inequalitygroup__name")
    )
    groups_of_finding = defaultdict(list)
    for link in links:
        groups_of_finding[link.finding_id].append(link.inequalitygroup)
    return groups_of_finding


def finding_as_json(finding, groups):
    """A rated finding with its ratings as slugs and words."""
    return {
        "intervention": finding.intervention,
        "approach": finding.approach and {"slug": finding.approach.slug, "name": finding.approach.name},
        "groups": [{"slug": group.slug, "name": group.name} for group in groups],
        "effect": finding.effect,
        "effect_label": finding.effect_label,
        "strength": finding.strength,
        "strength_label": finding.strength_label,
        "cost": finding.cost,
        "cost_label": finding.cost_label,
    }
