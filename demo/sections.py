"""The section index pages under the home page, as site.yaml describes them, for the demo and the
benchmark content alike."""

from blog.models import BlogIndexPage
from library.models import LibraryPage
from panel.models import CitizensPanelIndexPage
from resources.models import ResourceIndexPage

from .values import read

__all__ = ["blog_and_panel_index_pages", "index_pages"]


def index_pages():
    """The section index pages, unsaved, in the order they sit under the home page."""
    data = read("site")["index_pages"]
    return [ResourceIndexPage(**data["resources"]), *blog_and_panel_index_pages(), LibraryPage(**data["library"])]


def blog_and_panel_index_pages():
    """The blog's and the Citizens' Panel's index pages, unsaved.

    The one place the demo names their page types: callers find an existing page by its type and slug.
    """
    data = read("site")["index_pages"]
    return [BlogIndexPage(**data["blog"]), CitizensPanelIndexPage(**data["citizens_panel"])]
