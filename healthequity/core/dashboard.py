"""The "Editorial desk" panel on the admin dashboard: what is waiting for someone to act.

Short lists, each read in a fixed number of queries: pages awaiting review in a workflow, what
apps say is waiting (public submissions not yet looked at, through a hook), live pages past
their "review by" date, and pages scheduled to go live.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets import viewsets
from wagtail.models import Page, Revision, WorkflowState, get_page_models

from healthequity.core.models import EvidencePage

__all__ = ["QUEUES_HOOK", "EditorialDashboardPanel", "admin_index_url", "new_page_shortcuts", "queues"]

LIST_LIMIT = 10
# Apps add queues of their own (public submissions awaiting moderation, say) by registering a
# function `queue(user)` under this hook that returns {"count", "url", "label"}, or None when the
# user may not see it.
QUEUES_HOOK = "register_editorial_desk_queue"


def admin_index_url(model):
    """The admin listing of `model`, from whichever viewset registered it, or ""."""
    for viewset in viewsets.viewsets:
        if getattr(viewset, "model", None) is model:
            try:
                return reverse(viewset.get_url_name("index"))
            except NoReverseMatch:
                return ""
    return ""


def queues(user):
    """What apps say is waiting for this user, in the order they registered."""
    return [queue for queue in (hook(user) for hook in hooks.get_hooks(QUEUES_HOOK)) if queue]


def evidence_page_models():
    """Every kind of evidence page an editor can create, in the order the apps are installed."""
    return [model for model in get_page_models() if issubclass(model, EvidencePage) and model.is_creatable]


def new_page_shortcuts(user):
    """Links straight to the add form of each kind of evidence page, under each page it may be
    added to, where the user may add one. Saves four clicks through the page explorer."""
    models = evidence_page_models()
    parent_models = {parent for model in models for parent in model.allowed_parent_page_models()}
    content_types = ContentType.objects.get_for_models(*parent_models)
    parents = list(Page.objects.filter(content_type__in=content_types.values()).order_by("path").specific())
    shortcuts = []
    for model in models:
        for parent in parents:
            if not isinstance(parent, tuple(model.allowed_parent_page_models())) or not model.can_create_at(parent):
                continue
            if not parent.permissions_for_user(user).can_add_subpage():
                continue
            url = reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
            shortcuts.append({"text": capfirst(model._meta.verbose_name), "url": url, "parent": parent.title})
    return shortcuts


def pages_awaiting_review(limit=LIST_LIMIT):
    """Pages whose workflow is waiting on a task (normally "Moderator approval"), oldest first."""
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    waiting = list(
        states.select_related("current_task_state__task", "requested_by").order_by("current_task_state__started_at")[
            :limit
        ]
    )
    pages = Page.objects.in_bulk([int(state.object_id) for state in waiting])
    items = [
        {
            "page": pages[int(state.object_id)],
            "task": state.current_task_state.task.name if state.current_task_state else "",
            # The review: the submitted version, as Wagtail's own notification email links to it.
            "task_id": state.current_task_state.task_id if state.current_task_state else None,
            "requested_by": state.requested_by,
            "since": state.current_task_state.started_at if state.current_task_state else state.created_at,
        }
        for state in waiting
        if int(state.object_id) in pages
    ]
    return {"items": items, "count": states.count() if len(waiting) == limit else len(items)}


def pages_past_review_date(limit=LIST_LIMIT):
    """Live evidence pages an editor should check again, the most overdue first."""
    overdue = EvidencePage.objects.live().filter(review_by__lt=timezone.localdate())
    items = list(overdue.order_by("review_by", "title").only("id", "title", "review_by", "resource_type")[:limit])
    return {"items": items, "count": overdue.count() if len(items) == limit else len(items)}


def pages_scheduled(limit=LIST_LIMIT):
    """Approved page revisions waiting for `publish_scheduled` to put them live."""
    scheduled = Revision.page_revisions.filter(approved_go_live_at__isnull=False)
    items = list(
        scheduled.order_by("approved_go_live_at").only("id", "object_id", "object_str", "approved_go_live_at")[:limit]
    )
    return {"items": items, "count": scheduled.count() if len(items) == limit else len(items)}


class EditorialDashboardPanel(Component):
    name = "editorial_desk"
    template_name = "core/admin/editorial_dashboard_panel.html"
    order = 50  # above Wagtail's own panels: this is what the team opens the admin for

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        try:
            workflow_report_url = reverse("wagtailadmin_reports:workflow")
        except NoReverseMatch:
            workflow_report_url = ""
        context.update(
            {
                "request": request,
                "shortcuts": new_page_shortcuts(request.user),
                "awaiting_review": pages_awaiting_review(),
                "queues": queues(request.user),
                "past_review": pages_past_review_date(),
                "scheduled": pages_scheduled(),
                "workflow_report_url": workflow_report_url,
            }
        )
        return context
