"""The one path every public form follows (`handle_public_form`), and the small pages around it.

A post is validated, checked against abuse, stored in one transaction, and only then are emails
queued; the visitor is redirected to a confirmation page (post, redirect, get). A post with a token
already stored goes straight to that record's confirmation, so a double click or a resubmission
stores nothing new. Confirmation pages are addressed by a signed reference, so nobody can walk
through others' records.
"""

import logging
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.db import DatabaseError, IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from healthequity.core.public_forms.abuse import FormStartedClaims, RateLimit
from healthequity.core.public_forms.addresses import UnsafeAddress, recipient_list

__all__ = [
    "FORM_METHODS",
    "READ_METHODS",
    "body_too_large",
    "confirmation_page",
    "confirmation_reference",
    "confirmed_record",
    "handle_public_form",
    "help_email",
    "method_not_allowed",
    "previous_record",
    "request_too_large",
    "store_once",
    "try_again",
    "with_reference",
]

logger = logging.getLogger(__name__)

READ_METHODS = ("GET", "HEAD")
FORM_METHODS = ("GET", "HEAD", "POST")

RATE_LIMITED_MESSAGE = (
    "You have sent this form several times in a short while, so we could not accept it and nothing was "
    "stored. Wait an hour and send it again, or email us instead: the address is at the end of this page."
)

TEMPLATES = "core/public_forms"


# Small responses with a clear page, never a bare error.


def method_not_allowed(request, allowed):
    response = render(request, f"{TEMPLATES}/method_not_allowed.html", {"allowed": allowed}, status=405)
    response["Allow"] = ", ".join(allowed)
    return response


def request_too_large(request):
    return render(request, f"{TEMPLATES}/request_too_large.html", status=413)


def try_again(request):
    """The database could not be reached: nothing was stored. Needs no database to render."""
    return render(request, f"{TEMPLATES}/try_again.html", status=503)


def help_email(setting):
    """Where people can write when a form will not do: the first address of the named setting, if any."""
    try:
        return next(iter(recipient_list(getattr(settings, setting, ()))), "")
    except UnsafeAddress:
        return ""


def body_too_large(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.PUBLIC_FORM_MAX_BYTES
    except ValueError:
        return True


# Confirmation pages are addressed by a signed reference.


class ReferenceForm(forms.Form):
    ref = forms.CharField(max_length=300)


def confirmation_signer(model):
    # No timestamp: the same record always has the same confirmation address, so a form sent twice
    # lands on the very same page.
    return signing.Signer(salt=f"public-forms.confirmation.{model._meta.label_lower}")


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


def confirmation_page(request, model, template_name, context_name, context=None, belongs=None):
    """The page a form redirects to, about the record its signed reference names. `belongs`, if
    given, says whether the record belongs at this address (a 404 if not). Never cached: it is
    one person's."""
    if request.method not in READ_METHODS:
        return method_not_allowed(request, READ_METHODS)
    record = confirmed_record(request, model)
    if belongs is not None and not belongs(record):
        raise Http404("No such confirmation.")
    response = TemplateResponse(request, template_name, {**(context or {}), context_name: record})
    add_never_cache_headers(response)
    return response


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
    help_address="",
    prepare=None,
    form_kwargs=None,
):
    """Show the form, or take a post of it: `rate_limit` names its entry in PUBLIC_FORM_RATE_LIMITS,
    `identity_field` the answer that tells one sender from another, `notify(record)` queues the
    emails once a new record is stored, and `help_address` is where people can write instead."""
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
                    FormStartedClaims().spend(form.cleaned_data["form_started"])
                    try:
                        notify(record)
                    except Exception:
                        logger.exception("Could not queue the emails for %s %s.", model.__name__, record.pk)
                return redirect(with_reference(confirmation_path, record))
        else:
            form = form_class(**form_kwargs)
        response = TemplateResponse(
            request,
            template_name,
            {"privacy_url": settings.PRIVACY_NOTICE_URL, "help_email": help_address, **context, "form": form},
            status=status,
        )
        response.render()
    except DatabaseError:
        logger.exception("Database unavailable while handling %s.", form_class.__name__)
        return try_again(request)
    add_never_cache_headers(response)  # each form carries its own token and start time
    return response
