"""Admin views for moderators: a submission in full with its history and the decisions on it, and
registrations exported safely."""

from django import forms
from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from funders import moderation
from funders.records import OpportunitySubmission
from healthequity.core.public_forms import can_see_personal_data
from healthequity.core.public_forms.admin import ModerationHistoryMixin

__all__ = [
    "ApproveSubmissionView",
    "MarkSpamView",
    "PreviewSubmissionView",
    "RegistrationIndexView",
    "RejectSubmissionView",
    "ReopenSubmissionView",
    "SubmissionIndexView",
    "SubmissionInspectView",
    "spreadsheet_safe",
]

# A spreadsheet may treat a cell starting with one of these as a formula (CSV injection), also after
# leading spaces or line breaks, and some read the full-width forms as the ASCII ones.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value):
    """Text that a spreadsheet will show as text: a leading formula character gets a quote before it."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_TRIGGERS) or value.lstrip(" \t\r\n\u00a0\u3000").startswith(FORMULA_TRIGGERS)
    ):
        return "'" + value
    return value


class SpreadsheetSafeMixin:
    """Escapes every exported cell, in CSV and XLSX alike."""

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))


class RegistrationIndexView(SpreadsheetSafeMixin, IndexView):
    pass


class SubmissionIndexView(IndexView):
    """A submission's title opens its review (everything sent, and the decisions), not the edit
    form, which holds only the moderators' notes (still under the row's "…" menu)."""

    def _get_title_column(self, field_name, *args, **kwargs):
        column = super()._get_title_column(field_name, *args, **kwargs)
        column._get_url_func = self.get_inspect_url
        return column


class SubmissionInspectView(ModerationHistoryMixin, InspectView):
    """Everything the funder sent, who they are, the page approval created and who did what when."""

    template_name = "funders/admin/submission_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            OpportunitySubmission.objects.select_related("opportunity_page").prefetch_related(
                "issues", "activities", "groups__parent", "topics"
            ),
            pk=self.pk,
        )

    def action_url(self, name):
        return reverse(f"opportunity_submissions:{name}", args=(quote(self.object.pk),))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_moderate = self.user_has_permission("change")
        context.update(
            {
                "submission": self.object,
                "history": self.history(),
                "can_see_personal_data": can_see_personal_data(self.request.user),
                "can_moderate": can_moderate,
                "approve_url": self.action_url("approve") if can_moderate else None,
                "preview_url": self.action_url("preview") if can_moderate else None,
                "reject_url": self.action_url("reject") if can_moderate else None,
                "spam_url": self.action_url("spam") if can_moderate else None,
                "reopen_url": self.action_url("reopen") if can_moderate else None,
                "page_edit_url": (
                    reverse("wagtailadmin_pages:edit", args=(self.object.opportunity_page_id,))
                    if self.object.opportunity_page_id
                    else None
                ),
            }
        )
        return context


# The moderation decisions, each a small confirmation form that posts.


class SubmissionActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = OpportunitySubmission
    permission_required = "change"
    template_name = "funders/admin/submission_action.html"
    header_icon = "form"
    form_class = forms.Form
    action_label = ""
    button_label = ""
    button_class = "button"
    explanation = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(OpportunitySubmission, pk=kwargs["pk"])

    def get_page_title(self):
        return self.action_label

    def get_page_subtitle(self):
        return str(self.object)

    def inspect_url(self):
        return reverse("opportunity_submissions:inspect", args=(quote(self.object.pk),))

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("opportunity_submissions:index"), "label": "Opportunity submissions"},
            {"url": self.inspect_url(), "label": str(self.object)},
            {"url": "", "label": self.action_label},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "submission": self.object,
                "explanation": self.explanation,
                "button_label": self.button_label,
                "button_class": self.button_class,
                "cancel_url": self.inspect_url(),
            }
        )
        return context

    def form_valid(self, form):
        try:
            response = self.act(form)
        except moderation.ModerationError as error:
            messages.error(self.request, str(error))
            return redirect(self.inspect_url())
        return response

    def act(self, form):
        raise NotImplementedError


class PreviewSubmissionView(SubmissionActionView):
    """The opportunity page approving would publish, as a visitor would see it; nothing is saved.
    Framed on the approval page, so the moderator sees the page before putting it live."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        try:
            page = moderation.preview_page_from(self.object)
        except moderation.ModerationError as error:
            messages.error(request, str(error))
            return redirect(self.inspect_url())
        response = page.make_preview_request(request, page.default_preview_mode)
        # The page is served through the site's middleware, which forbids framing; this copy is
        # framed by the admin's own approval page.
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response


class ApproveSubmissionView(SubmissionActionView):
    action_label = "Approve"
    button_label = "Approve and publish"
    draft_button_label = "Approve and edit the draft page first"
    template_name = "funders/admin/submission_approve.html"
    explanation = (
        "An opportunity page will be made under the funders page from this submission, with the "
        "submitter as its contact (never shown on the site). Publish it at once, or edit the draft first."
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "draft_button_label": self.draft_button_label,
            "preview_url": reverse("opportunity_submissions:preview", args=(quote(self.object.pk),)),
        }

    def act(self, form):
        page = moderation.approve(self.object, self.request.user)
        redacted = moderation.has_redactions(page)
        if "publish" in self.request.POST and not redacted:
            page.get_latest_revision().publish(user=self.request.user)
            messages.success(
                self.request,
                f"Approved and published: '{page.title}'. The funder has been emailed the link.",
                buttons=[
                    messages.button(page.url, "View on the site"),
                    messages.button(reverse("wagtailadmin_pages:edit", args=(page.pk,)), "Edit"),
                ],
            )
            return redirect(self.inspect_url())
        messages.success(self.request, f"Approved. Check the draft page '{page.title}' and publish it.")
        if redacted:
            messages.warning(
                self.request,
                "Email addresses in the submission's text were replaced with '[email address removed]', as "
                "the site shows none (funders use 'Register interest'). Check the wording, then publish.",
            )
        return redirect("wagtailadmin_pages:edit", page.pk)


class RejectForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Written to the submitter: be clear and kind.",
        error_messages={"required": "Give the reason for rejecting this submission."},
    )
    email_submitter = forms.BooleanField(required=False, initial=True, label="Email the reason to the submitter")


class RejectSubmissionView(SubmissionActionView):
    action_label = "Reject"
    button_label = "Reject"
    button_class = "button serious"
    form_class = RejectForm
    explanation = "The submission stays on record as rejected, with your reason."

    def act(self, form):
        moderation.reject(
            self.object, self.request.user, form.cleaned_data["reason"], notify=form.cleaned_data["email_submitter"]
        )
        messages.success(self.request, "Rejected.")
        return redirect(self.inspect_url())


class MarkSpamView(SubmissionActionView):
    action_label = "Mark as spam"
    button_label = "Mark as spam"
    button_class = "button serious"
    explanation = "The submission stays on record as spam. Nobody is emailed."

    def act(self, form):
        moderation.mark_spam(self.object, self.request.user)
        messages.success(self.request, "Marked as spam.")
        return redirect(self.inspect_url())


class ReopenSubmissionView(SubmissionActionView):
    action_label = "Reopen"
    button_label = "Reopen"
    explanation = "The submission goes back to 'new' so it can be decided again. Nobody is emailed."

    def act(self, form):
        moderation.reopen(self.object, self.request.user)
        messages.success(self.request, "Reopened.")
        return redirect(self.inspect_url())
