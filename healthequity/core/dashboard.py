"""The "Editorial desk" panel on the admin dashboard: what is waiting for someone to act.

Four short lists, each read in a fixed number of queries: pages awaiting review in a workflow,
public submissions not yet looked at, live pages past their "review by" date, and pages
scheduled to go live.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode

from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets import viewsets
from wagtail.models import Page, Revision, WorkflowState

from healthequity.core.models import EvidencePage

__all__ = ["EditorialDashboardPanel", "new_submissions"]

LIST_LIMIT = 10
# "Start a new …" shortcuts: (parent page model, page model, label). Saves four clicks through
# the page explorer for the pages editors write most.
NEW_PAGE_SHORTCUTS = [
    ("resources.ResourceIndexPage", "resources.WhatWorksBriefPage", "What works brief"),
    ("resources.ResourceIndexPage", "resources.ResourcePage", "Resource"),
    ("blog.BlogIndexPage", "blog.BlogPage", "Blog post"),
    ("panel.CitizensPanelIndexPage", "panel.PanelPostPage", "Citizens' Panel post"),
]
# Public submissions live in the funders app, built separately; the panel works without it.
SUBMISSION_MODEL = ("funders", "OpportunitySubmission")
SUBMISSION_NEW_STATUS = "new"


def _admin_index_url(model):
    """The admin listing of `model`, from whichever viewset registered it, or ""."""
    for viewset in viewsets.viewsets:
        if getattr(viewset, "model", None) is model:
            try:
                return reverse(viewset.get_url_name("index"))
            except NoReverseMatch:
                return ""
    return ""


def new_submissions(user):
    """(count, admin url) of public submissions awaiting moderation, or None when there is no
    submissions model or the user may not see it."""
    try:
        model = apps.get_model(*SUBMISSION_MODEL)
        model._meta.get_field("status")
    except (LookupError, FieldDoesNotExist):
        return None
    app_label, model_name = model._meta.app_label, model._meta.model_name
    if not any(user.has_perm(f"{app_label}.{action}_{model_name}") for action in ("view", "change")):
        return None
    count = model.objects.filter(status=SUBMISSION_NEW_STATUS).count()
    url = _admin_index_url(model)
    if url:
        url = f"{url}?{urlencode({'status': SUBMISSION_NEW_STATUS})}"
    return {"count": count, "url": url, "label": model._meta.verbose_name_plural}


def new_page_shortcuts(user):
    """Links straight to the add form of each kind of evidence page, where the user may add one."""
    parent_types = {label: apps.get_model(label) for label, _, _ in NEW_PAGE_SHORTCUTS}
    content_types = ContentType.objects.get_for_models(*parent_types.values())
    parents = {}
    for page in Page.objects.filter(content_type__in=content_types.values()).order_by("path"):
        parents.setdefault(page.content_type_id, page)
    shortcuts = []
    for parent_label, page_label, text in NEW_PAGE_SHORTCUTS:
        parent = parents.get(content_types[parent_types[parent_label]].pk)
        if parent is None or not parent.permissions_for_user(user).can_add_subpage():
            continue
        model = apps.get_model(page_label)
        url = reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
        shortcuts.append({"text": text, "url": url, "parent": parent.title})
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
                "submissions": new_submissions(request.user),
                "past_review": pages_past_review_date(),
                "scheduled": pages_scheduled(),
                "workflow_report_url": workflow_report_url,
            }
        )
        return context
