"""/evidence-map/: the evidence-and-gap map (HTML, CSV, JSON), the findings behind each cell, and
the table of approaches. Plain views: the map belongs to no page, and the same query answers
everywhere (the block editors place on a page and the funders' row read it too)."""

import csv

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from healthequity.caching.content import cached
from healthequity.core.evidence.ratings import InequalityEffect

from .evidence_map import EvidenceMapQuery

__all__ = ["approaches_table", "evidence_map", "evidence_map_csv", "evidence_map_json", "map_findings"]

FINDINGS_PER_PAGE = 50
APPROACH_SORTS = {
    "findings": ("Most findings", lambda item: (-item.total, item.approach.sort_order)),
    "narrows": ("Largest share narrowing inequalities", lambda item: (-item.narrows_share, -item.total)),
    "strength": ("Strongest evidence", lambda item: (-item.strongest_rank, -item.strongest_count, -item.total)),
    "name": ("Name (A to Z)", lambda item: item.approach.name.lower()),
}


def paths():
    return {
        "map": reverse("evidence_map"),
        "findings": reverse("evidence_map_findings"),
        "approaches": reverse("evidence_map_approaches"),
        "csv": reverse("evidence_map_csv"),
        "json": reverse("evidence_map_json"),
    }


@require_GET
def evidence_map(request):
    query = EvidenceMapQuery(request.GET)
    urls = paths()
    the_map = query.build(urls["findings"])
    params = query.params()
    switch = "topic" if query.columns == "approach" else "approach"
    context = {
        "query": query,
        "map": the_map,
        "table_html": query.table_html(the_map),
        "paths": urls,
        "csv_url": query.url(urls["csv"], params),
        "json_url": query.url(urls["json"], params),
        "switch_url": query.url(
            urls["map"], [("columns", switch)] * (switch != "approach") + query.params(columns=False)
        ),
        "switch_label": "topics" if switch == "topic" else "approaches",
        "approaches_url": query.url(urls["approaches"], query.params(columns=False)),
        "effects": InequalityEffect.choices,
    }
    return render(request, "finder/evidence_map.html", context)


def refuse(query):
    return JsonResponse({"errors": query.errors.get_json_data()}, status=400)


@require_GET
def evidence_map_json(request):
    query = EvidenceMapQuery(request.GET)
    if query.problems:
        return refuse(query)
    the_map = query.build(paths()["findings"])
    return JsonResponse(
        {
            "query": {
                name: value.isoformat() if hasattr(value, "isoformat") else value
                for name, value in query.applied.items()
            },
            "columns": [{"slug": term.slug, "name": term.name} for term in the_map.terms],
            "total_findings": the_map.total,
            "findings_without_approach": the_map.without_approach,
            "gaps": the_map.gaps,
            "rows": [
                {
                    "group": row.group.slug,
                    "name": row.group.name,
                    "parent": next((g.slug for g in query.vocabulary.groups if g.pk == row.group.parent_id), None),
                    "cells": [
                        {
                            "column": cell.term.slug,
                            "findings": cell.total,
                            "effects": {value: cell.effects.get(value, 0) for value in InequalityEffect.values},
                            "gap": cell.is_gap,
                            "findings_url": request.build_absolute_uri(cell.findings_url),
                        }
                        for cell in row.cells
                    ],
                }
                for row in the_map.rows
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def evidence_map_csv(request):
    query = EvidenceMapQuery(request.GET)
    if query.problems:
        messages = [message for _, message in query.problems]
        return HttpResponse("\n".join(messages), status=400, content_type="text/plain; charset=utf-8")
    the_map = query.build(paths()["findings"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="evidence-map.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["group", "group_name", "subgroup_of", the_map.column_noun, f"{the_map.column_noun}_name", "findings"]
        + InequalityEffect.values
        + ["gap"]
    )
    parents = {group.pk: group.slug for group in query.vocabulary.groups}
    for row in the_map.rows:
        for cell in row.cells:
            writer.writerow(
                [row.group.slug, row.group.name, parents.get(row.group.parent_id, ""), cell.term.slug, cell.term.name]
                + [cell.total]
                + [cell.effects.get(value, 0) for value in InequalityEffect.values]
                + ["yes" if cell.is_gap else "no"]
            )
    return response


@require_GET
def map_findings(request):
    """The findings behind a cell (or any query of the map): newest brief first."""
    query = EvidenceMapQuery(request.GET)
    findings = query.findings().order_by("-page__publication_date", "page_id", "position")
    total = cached(query.key("findings-count"), findings.count)
    paginator = Paginator(findings, FINDINGS_PER_PAGE)
    paginator.count = total  # from the cache, not counted again
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage as error:
        if total:
            raise Http404("There is no page with that number.") from error
        page = paginator.page(1)

    def render_rows():
        ids = list(page.object_list.values_list("pk", flat=True))
        rows = (
            findings.model.objects.filter(pk__in=ids)
            .select_related("page", "approach")
            .order_by("-page__publication_date", "page_id", "position")
        )
        return render_to_string("finder/includes/evidence_map_findings_table.html", {"findings": rows}, request)

    # Kept as HTML until the content changes, like the map's table: fifty rows cost more to render
    # than to count. Our own template, from our own cache.
    findings_html = mark_safe(cached(query.key("findings-html", page.number), render_rows)) if total else ""  # noqa: S308
    urls = paths()
    params = query.params()
    context = {
        "query": query,
        "findings_html": findings_html,
        "findings_page": page,
        "total": total,
        "description": describe(query),
        "map_url": query.url(urls["map"], params),
        "previous_url": query.url(urls["findings"], params + [("page", page.number - 1)])
        if page.has_previous()
        else "",
        "next_url": query.url(urls["findings"], params + [("page", page.number + 1)]) if page.has_next() else "",
    }
    return render(request, "finder/evidence_map_findings.html", context)


def describe(query):
    """The query in words: "Core20, Digital, narrows inequalities"."""
    labels = {
        name: dict(query.form.fields[name].choices) for name in ("group", "topic", "approach", "effect", "strength")
    }
    parts = [labels[name].get(value, value) for name in labels for value in query.applied[name]]
    if query.applied["from"]:
        parts.append(f"from {query.applied['from']:%-d %B %Y}")
    if query.applied["to"]:
        parts.append(f"up to {query.applied['to']:%-d %B %Y}")
    return ", ".join(parts)


@require_GET
def approaches_table(request):
    query = EvidenceMapQuery(request.GET)
    urls = paths()
    sort = request.GET.get("sort", "findings")
    if sort not in APPROACH_SORTS:
        sort = "findings"
    summaries = sorted(query.approach_summaries(urls["findings"], urls["map"]), key=APPROACH_SORTS[sort][1])
    params = query.params(columns=False)
    context = {
        "query": query,
        "summaries": summaries,
        "sort": sort,
        "sorts": [
            {
                "value": value,
                "label": label,
                "url": query.url(urls["approaches"], params + [("sort", value)]),
                "current": value == sort,
            }
            for value, (label, _) in APPROACH_SORTS.items()
        ],
        "map_url": query.url(urls["map"], params),
        "effects": InequalityEffect.choices,
        "description": describe(query),
    }
    return render(request, "finder/evidence_map_approaches.html", context)
