"""The funders' admin: moderating submissions, interest registrations and the issue vocabulary,
under one "Funders" menu. Records from the public are never added or deleted here; only moderators
(and superusers) can see them. Also: the funders' part of the core's retention command."""

from django.urls import path, reverse
from django.utils.http import urlencode

from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from funders import admin_views
from funders.moderation import LOG_ACTIONS
from funders.pages import OpportunityPage
from funders.privacy import purge_opportunity_contacts
from funders.records import InterestRegistration, OpportunitySubmission, SubmissionStatus
from funders.vocabularies import Issue
from healthequity.core.dashboard import QUEUES_HOOK, admin_index_url
from healthequity.core.public_forms import PURGE_HOOK
from healthequity.core.public_forms.admin import PublicRecordPermissionPolicy

# Registered before the viewsets below, which would otherwise create the default policy.
register_permission_policy(OpportunitySubmission, PublicRecordPermissionPolicy(OpportunitySubmission))
register_permission_policy(
    InterestRegistration, PublicRecordPermissionPolicy(InterestRegistration, denied=("add", "change", "delete"))
)


class SubmissionStatusColumn(StatusTagColumn):
    def __init__(self):
        super().__init__(
            "get_status_display",
            label="Status",
            sort_key="status",
            primary=lambda submission: submission.status == "new",
        )


class OpportunitySubmissionViewSet(ModelViewSet):
    model = OpportunitySubmission
    name = "opportunity_submissions"
    url_prefix = "funders/submissions"
    icon = "form"
    menu_label = "Opportunity submissions"
    index_view_class = admin_views.SubmissionIndexView
    inspect_view_enabled = True
    inspect_view_class = admin_views.SubmissionInspectView
    copy_view_enabled = False
    form_fields = ["moderator_notes"]
    list_display = [
        "title",
        SubmissionStatusColumn(),
        "submitter_organisation",
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]
    list_filter = ["status", "location", "stage"]
    search_fields = ["title", "summary", "submitter_name", "submitter_organisation", "submitter_email"]
    ordering = ["-created_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("approve/<int:pk>/", admin_views.ApproveSubmissionView.as_view(), name="approve"),
            path("preview/<int:pk>/", admin_views.PreviewSubmissionView.as_view(), name="preview"),
            path("reject/<int:pk>/", admin_views.RejectSubmissionView.as_view(), name="reject"),
            path("spam/<int:pk>/", admin_views.MarkSpamView.as_view(), name="spam"),
            path("reopen/<int:pk>/", admin_views.ReopenSubmissionView.as_view(), name="reopen"),
        ]


class InterestRegistrationViewSet(ModelViewSet):
    model = InterestRegistration
    name = "interest_registrations"
    url_prefix = "funders/interest"
    icon = "mail"
    menu_label = "Interest registrations"
    index_view_class = admin_views.RegistrationIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []  # never edited: the permission policy denies "change"
    list_display = [
        "name",
        "organisation",
        Column("opportunity_title", label="Opportunity", sort_key="opportunity_title"),
        DateColumn("created_at", label="Registered", sort_key="created_at"),
    ]
    list_filter = ["opportunity"]
    search_fields = ["name", "organisation", "email", "opportunity_title", "message"]
    ordering = ["-created_at"]
    list_export = ["opportunity_title", "name", "organisation", "email", "message", "consent_to_share", "created_at"]
    export_headings = {"opportunity_title": "Opportunity", "created_at": "Registered at"}
    export_filename = "interest-registrations"
    inspect_view_fields = [
        "opportunity_title",
        "name",
        "organisation",
        "email",
        "message",
        "consent_to_share",
        "created_at",
        "anonymised_at",
    ]


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    search_backend_name = None  # the database's "contains" search: the index's failed on SQLite (503)
    ordering = ["sort_order", "name"]


class FundersViewSetGroup(SnippetViewSetGroup):
    items = (
        OpportunitySubmissionViewSet,
        InterestRegistrationViewSet,
        IssueViewSet,
    )
    menu_icon = "group"
    menu_label = "Funders"
    menu_name = "funders"


register_snippet(FundersViewSetGroup)


@hooks.register("register_log_actions")
def register_moderation_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register(PURGE_HOOK)
def purge_old_opportunity_contacts(cutoff, months, dry_run):
    return {"opportunity pages with old contact details": purge_opportunity_contacts(cutoff, months, dry_run)}


def registrations_button(page, user, priority):
    if page.specific_class is OpportunityPage and user.has_perm("funders.view_interestregistration"):
        yield Button(
            "Interest registrations",
            url=f"{reverse('interest_registrations:index')}?opportunity={page.pk}",
            icon_name="mail",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_registrations_button(page, user, next_url=None):
    yield from registrations_button(page, user, priority=55)


@hooks.register("register_page_header_buttons")
def page_header_registrations_button(page, user, view_name, next_url=None):
    yield from registrations_button(page, user, priority=66)


@hooks.register(QUEUES_HOOK)
def new_submissions_queue(user):
    """The editorial desk's line for submissions awaiting moderation, for those who may see them."""
    if not any(user.has_perm(f"funders.{action}_opportunitysubmission") for action in ("view", "change")):
        return None
    new = SubmissionStatus.NEW
    url = admin_index_url(OpportunitySubmission)
    return {
        "count": OpportunitySubmission.objects.filter(status=new).count(),
        "url": f"{url}?{urlencode({'status': new})}" if url else "",
        "label": OpportunitySubmission._meta.verbose_name_plural,
    }
