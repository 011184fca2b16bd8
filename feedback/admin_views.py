"""Problem reports in the admin: a report in full with its history; the reporter's address only for
those allowed to see personal data. Editors change a report's status and notes, nothing else."""

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.admin.views.generic import InspectView
from wagtail.admin.widgets.button import Button

from feedback.models import ProblemReport
from healthequity.core.public_forms import can_see_personal_data
from healthequity.core.public_forms.admin import ModerationHistoryMixin

__all__ = ["ProblemReportEditForm", "ProblemReportInspectView"]


class ProblemReportInspectView(ModerationHistoryMixin, InspectView):
    """A report in full; the reporter's address only for those allowed to see personal data."""

    def get_fields(self):
        fields = ["page_title", "page_url", "what_is_wrong", "status", "editor_notes", "created_at"]
        if can_see_personal_data(self.request.user):
            fields.insert(3, "email")
        return fields

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = self.history()
        return context

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.page_id:
            buttons.append(
                Button(
                    "Edit the page", url=reverse("wagtailadmin_pages:edit", args=(self.object.page_id,)), priority=30
                )
            )
        return buttons


class ProblemReportEditForm(forms.ModelForm):
    class Meta:
        model = ProblemReport
        fields = ["status", "editor_notes"]
