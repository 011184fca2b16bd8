"""Markup the finder repeats dozens of times a request, rendered without a template include."""

from django import template
from django.db import DatabaseError
from django.utils.html import format_html

from healthequity.core.finder import location

register = template.Library()


@register.simple_tag
def facet_option(option, nouns=("result", "results")):
    """One checkbox with its count (healthequity.core.finder.facets.FacetOption).

    The finder shows about forty of these on every request; an {% include %} each costs more
    than the markup itself, so it is built here.
    """
    return format_html(
        '<div class="facet-option{}" data-facet-option="{}">'
        '<input class="facet-option__input" type="checkbox" name="{}" value="{}" id="{}"{}>'
        '<label class="facet-option__label" for="{}">{} <span class="facet-option__count" data-facet-count>'
        '({}<span class="visually-hidden"> {}</span>)</span></label>'
        "</div>",
        " facet-option--empty" if option.is_empty else "",
        option.input_id,
        option.facet,
        option.value,
        option.input_id,
        " checked" if option.selected else "",
        option.input_id,
        option.label,
        option.count,
        nouns[0] if option.count == 1 else nouns[1],
    )


@register.simple_tag(takes_context=True)
def finder_url(context, *names_and_values):
    """The finder filtered by name, value pairs: {% finder_url "group" group.slug %} is where every
    group tag on the site links."""
    pairs = list(zip(names_and_values[::2], names_and_values[1::2], strict=True))
    return location.finder_url(pairs, context.get("request"))


@register.simple_tag(takes_context=True)
def site_finder_url(context):
    """The address of the site's evidence finder, for search boxes ("" when the site has none)."""
    try:
        return location.site_finder_url(context.get("request"))
    except DatabaseError:
        return ""  # an error page rendered while the database is away: no search box
