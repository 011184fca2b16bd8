"""/report-a-problem/: "Something not right?" about any live, public page, through the core's one
path for public forms (`handle_public_form`), and its thank-you page."""

from django import forms
from django.db import DatabaseError
from django.urls import reverse

from wagtail.models import Page

from feedback.emails import problem_reported
from feedback.forms import ProblemReportForm
from feedback.models import ProblemReport
from healthequity.core.public_forms import confirmation_page, handle_public_form, help_email, try_again

__all__ = ["report_problem", "report_problem_thank_you"]


class PageReferenceForm(forms.Form):
    page = forms.IntegerField(min_value=1, max_value=2**31 - 1)


def reported_page(page_id):
    """The live, public page a report is about, or None if the reference is missing or wrong."""
    form = PageReferenceForm({"page": page_id})
    if not form.is_valid():
        return None
    page = Page.objects.live().public().filter(pk=form.cleaned_data["page"]).first()
    return page.specific if page else None


def report_problem(request):
    page_id = request.POST.get("page_id") if request.method == "POST" else request.GET.get("page")
    try:
        page = reported_page(page_id)
    except DatabaseError:
        return try_again(request)

    def prepare(report):
        report.page = page
        if page is not None:
            report.page_url = page.url or ""
            report.page_title = page.title

    return handle_public_form(
        request,
        form_class=ProblemReportForm,
        template_name="feedback/report_problem.html",
        context={"reported_page": page},
        rate_limit="problem-report",
        confirmation_path=reverse("feedback:report_problem_thank_you"),
        notify=problem_reported,
        identity_field="what_is_wrong",
        help_address=help_email("PROBLEM_REPORTS_EMAIL"),
        prepare=prepare,
        form_kwargs={"page": page},
    )


def report_problem_thank_you(request):
    return confirmation_page(request, ProblemReport, "feedback/report_problem_confirmation.html", "report")
