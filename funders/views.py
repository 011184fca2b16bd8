"""The public side: the listing, an opportunity, and the three forms (add an opportunity, register
interest, something not right?).

Every form follows one path (`handle_public_form`): a post is validated, checked against abuse,
stored in one transaction, and only then are emails queued; the visitor is redirected to a
confirmation page (post, redirect, get). A post with a token already stored goes straight to that
record's confirmation, so a double click or a resubmission stores nothing new.
"""

import logging
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from wagtail.log_actions import log
from wagtail.models import Page

from funders import emails
from funders.abuse import RateLimit
from funders.filters import OpportunitySearch
from funders.forms import InterestRegistrationForm, OpportunitySubmissionForm, ProblemReportForm
from funders.models import FundersIndexPage, InterestRegistration, OpportunitySubmission, ProblemReport

logger = logging.getLogger(__name__)

READ_METHODS = ("GET", "HEAD")
FORM_METHODS = ("GET", "HEAD", "POST")

RATE_LIMITED_MESSAGE = (
    "You have sent this form several times in a short while, so we could not accept it and nothing was "
    "stored. Wait an hour and send it again, or email us instead: the address is at the end of this page."
)


# Small responses with a clear page, never a bare error.


def method_not_allowed(request, allowed):
    response = render(request, "funders/method_not_allowed.html", {"allowed": allowed}, status=405)
    response["Allow"] = ", ".join(allowed)
    return response


def request_too_large(request):
    return render(request, "funders/request_too_large.html", status=413)


def try_again(request):
    """The database could not be reached: nothing was stored. Needs no database to render."""
    return render(request, "funders/try_again.html", status=503)


def help_email(setting="FUNDERS_MODERATORS_EMAIL"):
    """Where people can write when a form will not do (the first address of the setting, if any)."""
    return next(iter(emails.addresses(getattr(settings, setting))), "")


def body_too_large(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.FUNDERS_MAX_FORM_BYTES
    except ValueError:
        return True


# Confirmation pages are addressed by a signed reference, so nobody can walk through others'.


class ReferenceForm(forms.Form):
    ref = forms.CharField(max_length=300)


def confirmation_signer(model):
    # No timestamp: the same record always has the same confirmation address, so a form sent twice
    # lands on the very same page.
    return signing.Signer(salt=f"funders.confirmation.{model._meta.model_name}")


def confirmation_reference(record):
    return confirmation_signer(type(record)).sign(str(record.pk))


def confirmed_record(request, model):
    form = ReferenceForm(request.GET)
    if not form.is_valid():
        raise Http404("No such confirmation.")
    try:
        pk = int(confirmation_signer(model).unsign(form.cleaned_data["ref"]))
    except (signing.BadSignature, ValueError) as error:
        raise Http404("No such confirmation.") from error
    return get_object_or_404(model, pk=pk)


def with_reference(path, record):
    return f"{path}?{urlencode({'ref': confirmation_reference(record)})}"


# One path for every public form.


def normalised(value):
    return " ".join(str(value or "").split()).casefold()


def previous_record(model, token, identity_field, identity):
    """The record already stored with this form's token, if the same person sent it. A token found on
    someone else's record (say, a form page wrongly cached) is not theirs: their form is stored anew."""
    if token is None:
        return None
    previous = model.objects.filter(idempotency_token=token).first()
    if previous and normalised(getattr(previous, identity_field)) == normalised(identity):
        return previous
    return None


def store_once(form, identity_field, prepare=None):
    """Store the form's record in one transaction. Returns (record, created)."""
    model = form._meta.model
    token = form.idempotency_token
    previous = previous_record(model, token, identity_field, form.cleaned_data.get(identity_field))
    if previous:
        return previous, False
    record = form.save(commit=False)
    if token is None or model.objects.filter(idempotency_token=token).exists():
        token = uuid.uuid4()
    record.idempotency_token = token
    if prepare:
        prepare(record)
    try:
        with transaction.atomic():
            record.save()
            form.save_m2m()
    except IntegrityError:
        # The same form arrived twice at once and the other request stored it first.
        previous = model.objects.filter(idempotency_token=token).first()
        if previous is None:
            raise
        return previous, False
    return record, True


def handle_public_form(
    request,
    *,
    form_class,
    template_name,
    context,
    rate_limit,
    confirmation_path,
    notify,
    identity_field,
    prepare=None,
    form_kwargs=None,
):
    if request.method not in FORM_METHODS:
        return method_not_allowed(request, FORM_METHODS)
    form_kwargs = form_kwargs or {}
    status = 200
    try:
        if request.method == "POST":
            if body_too_large(request):
                return request_too_large(request)
            form = form_class(request.POST, **form_kwargs)
            model = form._meta.model
            previous = previous_record(
                model, form.idempotency_token, identity_field, request.POST.get(identity_field, "")
            )
            if previous:
                return redirect(with_reference(confirmation_path, previous))
            limit = RateLimit(rate_limit)
            if not form.is_valid():
                status = 400
                if form.blocked_reason == "honeypot":
                    limit.record(request)
            elif limit.is_exceeded(request):
                form.add_error(None, RATE_LIMITED_MESSAGE)
                status = 429
            else:
                record, created = store_once(form, identity_field, prepare)
                if created:
                    limit.record(request)
                    try:
                        notify(record)
                    except Exception:  # noqa: BLE001 - the record is stored; emails must not undo that
                        logger.exception("Could not queue the emails for %s %s.", model.__name__, record.pk)
                return redirect(with_reference(confirmation_path, record))
        else:
            form = form_class(**form_kwargs)
        response = TemplateResponse(
            request,
            template_name,
            {"privacy_url": settings.PRIVACY_NOTICE_URL, "help_email": help_email(), **context, "form": form},
            status=status,
        )
        response.render()
    except DatabaseError:
        logger.exception("Database unavailable while handling %s.", form_class.__name__)
        return try_again(request)
    add_never_cache_headers(response)  # each form carries its own token and start time
    return response


# The listing and an opportunity.


def paginate(request, queryset, per_page):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage as error:
        if paginator.count == 0:
            return paginator.page(1)
        raise Http404("There is no page with that number.") from error


def opportunity_listing(request, index_page):
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    search = OpportunitySearch(request.GET, index_page)
    filterset = search.filterset
    query_string = filterset.url_without("page")
    return index_page.render(
        request,
        context_overrides={
            "filterset": filterset,
            "facets": filterset.facets(),
            "active_filters": filterset.active_filters(),
            "ignored_values": filterset.ignored_values(),
            "listing": paginate(request, search.results, index_page.per_page),
            "feed_url": index_page.url + index_page.reverse_subpage("feed") + query_string.rstrip("?"),
            "submit_url": index_page.url + index_page.reverse_subpage("submit"),
        },
    )


def index_context(index_page):
    """Links back to the funders index (there is only one), for pages under it."""
    if index_page is None:
        return {"index_page": None, "index_url": "", "submit_url": ""}
    return {
        "index_page": index_page,
        "index_url": index_page.url,
        "submit_url": index_page.url + index_page.reverse_subpage("submit"),
    }


def opportunity_detail(request, page):
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    return page.render(
        request,
        context_overrides={
            **index_context(FundersIndexPage.objects.first()),
            "register_url": (page.url or "") + page.reverse_subpage("register_interest"),
        },
    )


# Add a collaboration opportunity.


def submission_received(submission):
    """Start the submission's history (by the public form: no user) and queue its emails."""
    log(submission, "funders.submission.receive")
    emails.submission_received(submission)


def submit_opportunity(request, index_page):
    return handle_public_form(
        request,
        form_class=OpportunitySubmissionForm,
        template_name="funders/submit.html",
        context={"page": index_page, **index_context(index_page)},
        rate_limit="submission",
        confirmation_path=index_page.url + index_page.reverse_subpage("submit_thank_you"),
        notify=submission_received,
        identity_field="submitter_email",
    )


def submission_confirmation(request, index_page):
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    submission = confirmed_record(request, OpportunitySubmission)
    response = TemplateResponse(
        request, "funders/submit_confirmation.html", {"page": index_page, "submission": submission}
    )
    add_never_cache_headers(response)
    return response


# Register interest.


def register_interest(request, page):
    def prepare(registration):
        registration.opportunity = page
        registration.opportunity_title = page.title

    return handle_public_form(
        request,
        form_class=InterestRegistrationForm,
        template_name="funders/register_interest.html",
        context={"page": page, **index_context(FundersIndexPage.objects.first())},
        rate_limit="interest",
        confirmation_path=page.url + page.reverse_subpage("register_interest_thank_you"),
        notify=lambda registration: emails.interest_registered(registration, page),
        identity_field="email",
        prepare=prepare,
    )


def registration_confirmation(request, page):
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    registration = confirmed_record(request, InterestRegistration)
    if registration.opportunity_id != page.pk:
        raise Http404("No such confirmation.")
    response = TemplateResponse(
        request, "funders/register_interest_confirmation.html", {"page": page, "registration": registration}
    )
    add_never_cache_headers(response)
    return response


# Something not right?


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
        template_name="funders/report_problem.html",
        context={"reported_page": page, "help_email": help_email("PROBLEM_REPORTS_EMAIL")},
        rate_limit="problem-report",
        confirmation_path=reverse("funders:report_problem_thank_you"),
        notify=emails.problem_reported,
        identity_field="what_is_wrong",
        prepare=prepare,
        form_kwargs={"page": page},
    )


def report_problem_thank_you(request):
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    report = confirmed_record(request, ProblemReport)
    response = TemplateResponse(request, "funders/report_problem_confirmation.html", {"report": report})
    add_never_cache_headers(response)
    return response
