"""The section index pages under the home page, as site.yaml describes them, for the demo and the
benchmark content alike."""

from healthequity.core.finder.models import EvidenceIndexPage
from library.models import LibraryPage
from resources.models import ResourceIndexPage

from .values import read

__all__ = ["blog_and_panel_index_pages", "index_pages"]


def index_pages():
    """The section index pages, unsaved, in the order they sit under the home page."""
    data = read("site")["index_pages"]
    return [ResourceIndexPage(**data["resources"]), *blog_and_panel_index_pages(), LibraryPage(**data["library"])]


def blog_and_panel_index_pages():
    """The blog's and the Citizens' Panel's index pages (each an evidence index page listing one kind
    of evidence), unsaved: callers find an existing page by the kind it lists."""
    data = read("site")["index_pages"]
    return [EvidenceIndexPage(**data["blog"]), EvidenceIndexPage(**data["citizens_panel"])]
