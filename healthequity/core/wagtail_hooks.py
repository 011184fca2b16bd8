"""Admin for the shared vocabularies: groups, topics and authors, under one "Taxonomy" menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from healthequity.core.models import Author, InequalityGroup, Topic


class InequalityGroupViewSet(SnippetViewSet):
    model = InequalityGroup
    icon = "group"
    menu_label = "Inequality groups"
    list_display = ["name", "parent", "slug"]
    list_filter = ["parent"]
    search_fields = ["name", "description"]
    ordering = ["parent__sort_order", "sort_order", "name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role", "organisation"]
    search_fields = ["name", "organisation"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (InequalityGroupViewSet, TopicViewSet, AuthorViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Taxonomy"
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
