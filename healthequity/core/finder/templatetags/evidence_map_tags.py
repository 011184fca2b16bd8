"""The live evidence map on any page: `{% evidence_map_block value %}` renders an `EvidenceMapBlock`'s
subset (one group, one topic) of the map, from the same cached query as /evidence-map/;
`{% evidence_gaps groups %}` and `{% evidence_gaps_line groups %}` show the map's rows for some
groups (a funder's opportunity), gaps marked, from the whole map's cached counts."""

from django import template
from django.urls import reverse

from ..evidence_map import EvidenceMapQuery

register = template.Library()


def next_map_id(context):
    """ "evidence-map-block", then "evidence-map-block-2" ...: every map on a page has ids of its own,
    so two blocks (or a block beside the full map) never share an id or a caption."""
    request = context.get("request")
    number = getattr(request, "evidence_maps_shown", 0) + 1
    if request is not None:
        request.evidence_maps_shown = number
    return "evidence-map-block" if number == 1 else f"evidence-map-block-{number}"


@register.inclusion_tag("finder/includes/evidence_map_block.html", takes_context=True)
def evidence_map_block(context, value, table_id=None):
    table_id = table_id or next_map_id(context)
    preset = {"columns": value.get("columns") or "approach"}
    if value.get("group"):
        preset["group"] = [value["group"].slug]
    if value.get("topic"):
        preset["topic"] = [value["topic"].slug]
    query = EvidenceMapQuery({}, preset=preset)
    the_map = query.build(reverse("evidence_map_findings"))
    return {
        "heading": value.get("heading") or "",
        "map": the_map,
        "table_html": query.table_html(the_map, table_id),
        "map_url": query.url(reverse("evidence_map"), query.params()),
        "table_id": table_id,
    }


def gaps_context(groups):
    query = EvidenceMapQuery({})
    rows = query.rows_for([group.pk for group in groups], reverse("evidence_map_findings"))
    return {
        "rows": rows,
        "terms": query.column_terms,
        "map_url": query.url(reverse("evidence_map"), [("group", row.group.slug) for row in rows]),
    }


@register.inclusion_tag("finder/includes/evidence_gaps.html")
def evidence_gaps(groups, heading_level=2):
    """The map's rows for `groups` as a table (approaches as columns), with a link to the map."""
    return {**gaps_context(groups), "heading_level": heading_level}


@register.inclusion_tag("finder/includes/evidence_gaps_line.html")
def evidence_gaps_line(groups):
    """One line for a listing card: how many approaches have no findings yet for each group."""
    return gaps_context(groups)
