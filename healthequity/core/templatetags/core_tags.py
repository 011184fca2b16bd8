"""Template helpers shared by every app's templates."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_string_with(context, **changes):
    """The current query string with some parameters replaced, so paging keeps the filters."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return f"?{query.urlencode()}"
