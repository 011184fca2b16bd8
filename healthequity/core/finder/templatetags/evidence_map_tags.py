"""The live evidence map on any page: `{% evidence_map_block value %}` renders an `EvidenceMapBlock`'s
subset (one group, one topic) of the map, from the same cached query as /evidence-map/."""

from django import template
from django.urls import reverse

from ..evidence_map import EvidenceMapQuery

register = template.Library()


@register.inclusion_tag("finder/includes/evidence_map_block.html")
def evidence_map_block(value, table_id="evidence-map-block"):
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
        "map_url": query.url(reverse("evidence_map"), query.params()),
        "table_id": table_id,
    }
