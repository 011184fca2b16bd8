"""Admin for the shared vocabularies (groups, topics, approaches and authors, under one "Taxonomy" menu), the
editorial desk on the dashboard, the content checks editors see in previews, and the public forms'
email outbox (under Settings) and retention log."""

from django.contrib import messages

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from healthequity.core.content_checks import use_authored_content_checks
from healthequity.core.dashboard import EditorialDashboardPanel
from healthequity.core.evidence.models import Approach
from healthequity.core.models import Author, InequalityGroup, Topic
from healthequity.core.public_forms import ANONYMISE_ACTION, OutgoingEmail
from healthequity.core.public_forms.admin import OutgoingEmailViewSet, PublicRecordPermissionPolicy


class InequalityGroupTreeMixin:
    """The chooser lists groups as the tree reads (subgroups under their group), in one query."""

    def get_object_list(self):
        return InequalityGroup.objects.in_tree_order().select_related("parent")


class InequalityGroupChooseView(InequalityGroupTreeMixin, ChooseView):
    pass


class InequalityGroupChooseResultsView(InequalityGroupTreeMixin, ChooseResultsView):
    pass


class InequalityGroupChooserViewSet(SnippetChooserViewSet):
    choose_view_class = InequalityGroupChooseView
    choose_results_view_class = InequalityGroupChooseResultsView


class InequalityGroupViewSet(SnippetViewSet):
    model = InequalityGroup
    icon = "group"
    chooser_viewset_class = InequalityGroupChooserViewSet
    chooser_per_page = 50  # the whole tree (18 groups) on one page of the chooser
    menu_label = "Inequality groups"
    list_display = ["name", "parent", "slug"]
    list_filter = ["parent"]
    search_fields = ["name", "description"]
    # The listings search the database ("contains", on search_fields): Wagtail's search backend
    # failed on these fields (a 503 on SQLite), and tens of rows need no index.
    search_backend_name = None
    ordering = ["parent__sort_order", "sort_order", "name"]
    inspect_view_enabled = True


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    chooser_per_page = 50
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    search_backend_name = None
    inspect_view_enabled = True


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "organisation"]
    search_backend_name = None
    inspect_view_enabled = True


class ApproachViewSet(SnippetViewSet):
    """The kinds of intervention a finding is rated under: the evidence map's columns."""

    model = Approach
    icon = "list-ul"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "description"]
    search_backend_name = None
    inspect_view_enabled = True


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (InequalityGroupViewSet, TopicViewSet, ApproachViewSet, AuthorViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Taxonomy"
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_editorial_desk(request, panels):
    panels.append(EditorialDashboardPanel())


hooks.register("construct_wagtail_userbar", use_authored_content_checks)


@hooks.register("construct_page_action_menu")
def put_the_next_step_first(menu_items, request, context):
    """The page editor's main button is the step the person takes next, not "Save draft":

    - a page in moderation offers its reviewer the workflow's own "Approve and Publish" first, and
      no plain "Publish" beside it, which would put the page live around the review;
    - someone who cannot publish sees "Submit to Moderator approval", not a menu to find it in.
    """
    page = context.get("page")
    if page is not None and page.pk and page.workflow_in_progress:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
        first = next((item for item in menu_items if item.name == "approve"), None)
    elif not any(item.name == "action-publish" for item in menu_items):
        first = next((item for item in menu_items if item.name == "action-submit"), None)
    else:
        first = None
    if first is not None:
        menu_items.remove(first)
        menu_items.insert(0, first)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def repeat_the_checks_on_submitting(request, page):
    """A page submitted straight from a new form never showed its "Before you submit" panel (it shows
    once saved): say the same after submitting, so the editor can still fix it during review."""
    checks = getattr(page, "submission_checks", None)
    if "action-submit" not in request.POST or checks is None:
        return
    found = checks()
    if found:
        messages.warning(request, "Submitted, but check these (you can still edit the page): " + " ".join(found))


# The outbox is read-only: emails are queued by the forms and sent (or retried) by the outbox.
register_permission_policy(
    OutgoingEmail, PublicRecordPermissionPolicy(OutgoingEmail, denied=("add", "change", "delete"))
)


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutgoingEmailViewSet()


@hooks.register("register_log_actions")
def register_retention_action(actions):
    actions.register_action(ANONYMISE_ACTION, "Anonymise", "Personal data removed (retention period passed)")
