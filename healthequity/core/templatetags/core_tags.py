"""Template helpers shared by every app's templates."""

import re

from django import template
from django.http import QueryDict
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe

from wagtail import hooks

register = template.Library()

# What rich text can hold that is not words: an image or an embed says something too.
EMBEDDED = re.compile(r"<(img|embed)\b", re.IGNORECASE)

# Each function registered under this hook name takes (page, request) and returns HTML (or "") to
# show at the foot of the page: how apps add to every page without the core naming them.
PAGE_FOOTER_HOOK = "register_page_footer"


@register.simple_tag(takes_context=True)
def query_string_with(context, **changes):
    """The current query string with some parameters replaced, so paging keeps the filters.

    Under a finder, its own applied query: the links then carry nothing the finder did not use
    (nor does the page cache key them by anything else, healthequity/caching/query.py)."""
    finder = context.get("finder")
    if finder is not None:
        query = QueryDict(mutable=True)
        for name, value in finder.query_params():
            query.appendlist(name, value)
    else:
        query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def page_footer(context, page):
    """What installed apps add at the foot of every page of the site (e.g. "Something not right?");
    nothing where there is no page (the report form itself, error pages)."""
    if not getattr(page, "pk", None):
        return ""
    request = context.get("request")
    parts = (footer(page, request) for footer in hooks.get_hooks(PAGE_FOOTER_HOOK))
    return mark_safe("".join(conditional_escape(part) for part in parts if part))  # noqa: S308 - each part escaped


@register.filter
def has_text(rich_text):
    """Whether rich text says anything: an editor's blank field is often `<p></p>` or `<p><br/></p>`,
    and a section holding only that would be published as a bare heading."""
    html = str(rich_text or "")
    return bool(strip_tags(html).replace("&nbsp;", " ").strip() or EMBEDDED.search(html))
