"""Paging links that stay short and cheap however many pages a listing has."""

from django import template

register = template.Library()


@register.filter
def elided_pages(page_obj):
    """Page numbers around the current one, the first and the last, with None for each gap.

    Looping over `paginator.page_range` would cost a template iteration per page (1,100 of them
    for 10,000 items); Django's elided range yields about a dozen.
    """
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]
