from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from library.models import LibraryLink


class LibraryLinkViewSet(SnippetViewSet):
    model = LibraryLink
    icon = "link-external"
    menu_label = "Library links"
    list_display = ["title", "organisation", "year"]
    list_filter = ["organisation"]
    search_fields = ["title", "organisation"]
    search_backend_name = None  # the database's "contains" search, as the taxonomy listings
    add_to_admin_menu = True


register_snippet(LibraryLinkViewSet)
