"""Ratings of findings in templates that show a page without its body (result cards)."""

from collections import Counter

from django import template

from ..ratings import effect_summary

register = template.Library()


@register.filter
def findings_summary(page):
    """ "4 findings: 3 narrow inequalities, 1 widens" for a page whose indexed findings are
    prefetched (listing_queryset does), "" for a page without rated findings."""
    findings = getattr(page, "indexed_findings", None)
    if findings is None:
        return ""
    return effect_summary(Counter(finding.effect for finding in findings.all()), name_the_gap=True)
