"""Problem reports in the admin (a "Problem reports" menu item: editors read and resolve them, never
add or delete them), and the "Something not right?" aside at the foot of pages (through the core's
`register_page_footer` hook)."""

from django.template.loader import render_to_string

from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from feedback import admin_views
from feedback.models import ProblemReport
from healthequity.core.public_forms.admin import PublicRecordPermissionPolicy

# Registered before the viewset, which would otherwise create the default policy.
register_permission_policy(ProblemReport, PublicRecordPermissionPolicy(ProblemReport))


class ProblemReportViewSet(ModelViewSet):
    model = ProblemReport
    name = "problem_reports"
    url_prefix = "problem-reports"
    icon = "warning"
    menu_label = "Problem reports"
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = admin_views.ProblemReportInspectView
    copy_view_enabled = False
    list_display = [
        "__str__",
        StatusTagColumn(
            "get_status_display", label="Status", sort_key="status", primary=lambda report: report.status == "new"
        ),
        DateColumn("created_at", label="Reported", sort_key="created_at"),
    ]
    list_filter = ["status"]
    search_fields = ["page_title", "page_url", "what_is_wrong"]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return admin_views.ProblemReportEditForm


@hooks.register("register_admin_viewset")
def register_problem_reports():
    return ProblemReportViewSet()


@hooks.register("register_page_footer")
def something_not_right(page, request):
    return render_to_string("feedback/includes/something_not_right.html", {"page": page}, request=request)
