"""The finder's admin: the search synonyms editors manage (Settings), and the searches that found
nothing beside Wagtail's search terms report (Reports)."""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from healthequity.caching.purging import PURGE_PATHS_HOOK

from .purging import finder_paths_for
from .search_counts import UnansweredSearch
from .synonyms import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "Search synonyms"
    add_to_settings_menu = True
    list_display = ["__str__"]


register_snippet(SearchSynonymViewSet)


class UnansweredSearchViewSet(ModelViewSet):
    """Reports → Searches that found nothing: what visitors looked for and the content lacks.

    A model view set, not a snippet: saving a snippet empties the content caches, and the counts
    are written every few minutes."""

    model = UnansweredSearch
    icon = "search"
    menu_label = "Searches that found nothing"
    add_to_admin_menu = False
    list_display = ["query_string", "hits", "last_searched"]
    ordering = ["-hits", "query_string"]
    list_per_page = 50
    search_fields = ["query_string"]
    form_fields = ["query_string"]


unanswered_searches = UnansweredSearchViewSet("unanswered_searches")


@hooks.register("register_admin_viewset")
def register_unanswered_searches():
    return unanswered_searches


@hooks.register("register_reports_menu_item")
def register_unanswered_searches_report():
    return MenuItem(
        "Searches that found nothing",
        reverse(unanswered_searches.get_url_name("index")),
        icon_name="search",
        order=710,
    )


@hooks.register(PURGE_PATHS_HOOK)
def register_finder_purge_paths(pages):
    return finder_paths_for(pages)
