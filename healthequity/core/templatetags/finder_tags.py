"""Markup the finder repeats dozens of times a request, rendered without a template include."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def facet_option(option):
    """One checkbox with its count (resources.facets.FacetOption).

    The finder shows about forty of these on every request; an {% include %} each costs more
    than the markup itself, so it is built here.
    """
    return format_html(
        '<div class="facet-option{}" data-facet-option="{}">'
        '<input class="facet-option__input" type="checkbox" name="{}" value="{}" id="{}"{}>'
        '<label class="facet-option__label" for="{}">{} <span class="facet-option__count" data-facet-count>'
        '({}<span class="visually-hidden"> result{}</span>)</span></label>'
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
        "" if option.count == 1 else "s",
    )
