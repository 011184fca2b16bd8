"""Template helpers for evidence pages: outline (contents, reading time), citation, related
content and the metadata in <head>."""

from django import template

from healthequity.core.citation import Citation
from healthequity.core.metadata import page_metadata as build_page_metadata
from healthequity.core.metadata import route_metadata
from healthequity.core.outline import outline_html
from healthequity.core.related import RELATED_LIMIT
from healthequity.core.related import related_pages as find_related_pages

register = template.Library()

# Ids base.html and the evidence templates use outside the article body.
PAGE_IDS = {
    "main-content",
    "site-search-q",
    "contents-heading",
    "cite-heading",
    "related-heading",
    "report-problem-title",
    "results",
}


class OutlineNode(template.Node):
    def __init__(self, nodelist, variable_name):
        self.nodelist = nodelist
        self.variable_name = variable_name

    def render(self, context):
        context[self.variable_name] = outline_html(self.nodelist.render(context), reserved_ids=PAGE_IDS)
        return ""


@register.tag("outline")
def outline_tag(parser, token):
    """Render the enclosed template into `name`: an Outline with the HTML (headings given unique
    ids), the headings for a table of contents and the reading time.

        {% outline as article %}…{% endoutline %} … {{ article.html }}
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% outline as name %}…{% endoutline %}")
    nodelist = parser.parse(("endoutline",))
    parser.delete_first_token()
    return OutlineNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def citation_for(context, page):
    return Citation.for_page(page, context.get("request"))


@register.simple_tag
def related_pages(page, limit=RELATED_LIMIT):
    return list(find_related_pages(page, limit=limit))


@register.simple_tag(takes_context=True)
def page_metadata(context, page):
    return build_page_metadata(page, context.get("request"))


# What the group and topic directories say about themselves to search engines and social networks.
TERM_INDEXES = {
    "groups": ("Inequality groups", "Evidence by inequality group: the Core20PLUS5 groups and their subgroups."),
    "topics": ("Topics", "Evidence by topic: the clinical focus areas for adults and for children, and more besides."),
}


@register.simple_tag(takes_context=True)
def term_page_metadata(context, page, index="", term=None, parent=None, parent_url=""):
    """The metadata of a group or topic page (`term`, with its `index`: "groups" or "topics") or of
    the directory itself (`index` alone): canonical address, Open Graph and JSON-LD of its own."""
    index_title, index_description = TERM_INDEXES[index]
    if term is None:
        return route_metadata(page, context.get("request"), title=index_title, description=index_description)
    trail = [(index_title, page.url + page.reverse_subpage(index))]
    if parent is not None:
        trail.append((parent.name, parent_url))
    return route_metadata(
        page, context.get("request"), title=term.name, description=term.description, trail=trail, about=term
    )
