"""The public forms: add a collaboration opportunity, register interest, report a problem.

They share `PublicFormMixin`: plain-language messages by each field and an error summary (as
GOV.UK does), a length bound on every field, no control characters, a honeypot, a signed start
time and an idempotency token so one form sent twice is stored once.
"""

import unicodedata
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from healthequity.core.models import InequalityGroup, Topic

from .abuse import form_started_token, seconds_since_form_started
from .models import Activity, InterestRegistration, Issue, Location, OpportunitySubmission, ProblemReport, Stage

__all__ = ["InterestRegistrationForm", "OpportunitySubmissionForm", "ProblemReportForm", "PublicFormMixin"]

CONTROL_CHARACTERS_MESSAGE = "Remove the special characters (such as control codes) from this answer"
EMAIL_MESSAGE = "Enter an email address in the correct format, like name@example.org"
URL_MESSAGE = "Enter a web address in the correct format, like https://www.example.org"
MAX_CHOICES = 60
LINE_BREAKS = {"\n", "\r", "\t"}


def has_control_characters(value, allow_line_breaks=False):
    return any(
        unicodedata.category(character) == "Cc" and not (allow_line_breaks and character in LINE_BREAKS)
        for character in str(value)
    )


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Checks the posted values are sane before they reach the database (PostgreSQL refuses a NUL
    byte with an exception, which would otherwise be a 500)."""

    def clean(self, value):
        values = value if isinstance(value, (list, tuple)) else ([value] if value else [])
        if len(values) > MAX_CHOICES or any(len(str(item)) > 120 or has_control_characters(item) for item in values):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""})
        return super().clean(value)


class GroupCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that mark subgroups, so the template can indent them under their group."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        option["is_subgroup"] = bool(instance and instance.parent_id)
        if option["is_subgroup"]:
            option["label"] = instance.name
        return option


class PublicFormMixin:
    """What every public form shares. Subclasses list `error_messages_by_field`."""

    honeypot_name = "nickname"
    error_messages_by_field: dict[str, dict[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_name] = forms.CharField(
            required=False,
            max_length=200,
            label="Leave this field empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields["form_started"] = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
        self.fields["idempotency_token"] = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial.setdefault("idempotency_token", str(uuid.uuid4()))
            self.initial.setdefault("form_started", form_started_token())
        self.blocked_reason = None
        for name, field in self.fields.items():
            self.prepare_field(name, field)

    def prepare_field(self, name, field):
        label = str(field.label or name).rstrip("?")
        messages = {"null_characters_not_allowed": CONTROL_CHARACTERS_MESSAGE}
        if isinstance(field, forms.CharField) and field.max_length:
            messages["max_length"] = f"{label} must be {field.max_length} characters or fewer (this has %(show_value)d)"
        messages.update(self.error_messages_by_field.get(name, {}))
        field.error_messages.update(messages)
        if isinstance(field, forms.CharField) and name not in ("form_started", "idempotency_token"):
            multiline = isinstance(field.widget, forms.Textarea)
            field.validators.append(lambda value, multiline=multiline: self.check_characters(value, multiline))
        # Checkbox and radio groups are described on their fieldset (in the template), not per option.
        if field.help_text and not self.is_choice_group(field):
            field.widget.attrs["aria-describedby"] = f"{self.auto_id % self.add_prefix(name)}-hint"

    @staticmethod
    def is_choice_group(field):
        return isinstance(field.widget, forms.RadioSelect)  # CheckboxSelectMultiple is one too

    @staticmethod
    def check_characters(value, multiline):
        if has_control_characters(value.replace("\x00", ""), allow_line_breaks=multiline):
            raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name in self.errors:
            if name in self.fields and not self.is_choice_group(self.fields[name]):
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                described_by = widget.attrs.get("aria-describedby", "")
                error_id = f"{self[name].auto_id}-error"
                widget.attrs["aria-describedby"] = f"{error_id} {described_by}".strip()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(self.honeypot_name):
            self.blocked_reason = "honeypot"
            raise ValidationError(
                "We could not accept this form because a field that should be empty was filled in. "
                "Check your answers and send the form again.",
                code="blocked",
            )
        elapsed = seconds_since_form_started(cleaned_data.get("form_started"))
        if elapsed is None:
            self.blocked_reason = "expired"
            raise ValidationError(
                "This form was open for too long or could not be checked. Check your answers and send it again.",
                code="expired",
            )
        if elapsed < settings.FUNDERS_MIN_FILL_SECONDS:
            self.blocked_reason = "too-fast"
            raise ValidationError(
                "That was quicker than we expect from a person. Check your answers and send the form again.",
                code="too_fast",
            )
        return cleaned_data

    @property
    def idempotency_token(self):
        """The token the form was shown with, or None if it is missing or malformed."""
        try:
            return uuid.UUID(str(self.data.get("idempotency_token", "")))
        except ValueError:
            return None

    @property
    def form_started_value(self):
        """What the hidden start time should hold when the form is shown again: the original time if
        it was good, a fresh one if it was missing, forged, too old or the post was too quick."""
        if not self.is_bound:
            return self.initial["form_started"]
        submitted = self.data.get("form_started", "")
        if self.blocked_reason in ("expired", "too-fast") or seconds_since_form_started(submitted) is None:
            return form_started_token()
        return submitted

    @property
    def idempotency_value(self):
        if not self.is_bound:
            return self.initial["idempotency_token"]
        token = self.idempotency_token
        return str(token) if token else str(uuid.uuid4())

    @property
    def visible_fields_with_errors(self):
        return [self[name] for name in self.fields if name in self.errors]

    @property
    def error_summary(self):
        """Each error with the id of the control it is about, for the summary's links."""
        summary = [{"href": "", "message": message} for message in self.non_field_errors()]
        for name in self.fields:
            if name not in self.errors or name in (self.honeypot_name, "form_started", "idempotency_token"):
                continue
            bound = self[name]
            target = bound.auto_id
            if bound.widget_type in ("checkboxselectmultiple", "radioselect"):
                target = f"{bound.auto_id}_0"
            summary.extend({"href": f"#{target}", "message": message} for message in bound.errors)
        return summary


def required(message):
    return {"required": message}


class OpportunitySubmissionForm(PublicFormMixin, forms.ModelForm):
    """ "Add a collaboration opportunity"."""

    issues = SafeModelMultipleChoiceField(
        queryset=Issue.objects.all(), to_field_name="slug", widget=forms.CheckboxSelectMultiple, label="Issues"
    )
    activities = SafeModelMultipleChoiceField(
        queryset=Activity.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Activities",
    )
    location = forms.ChoiceField(choices=[("", "Choose a location")] + Location.choices, label="Location")
    stage = forms.ChoiceField(choices=Stage.choices, widget=forms.RadioSelect, label="Stage")
    groups = SafeModelMultipleChoiceField(
        queryset=InequalityGroup.objects.select_related("parent").order_by("parent__sort_order", "sort_order", "name"),
        to_field_name="slug",
        widget=GroupCheckboxes,
        required=False,
        label="Inequality groups",
    )
    topics = SafeModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Topics",
    )
    event_date = forms.DateField(
        required=False,
        label="Date",
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="For example 27/03/2027.",
    )
    event_start_time = forms.TimeField(
        required=False, label="Start time", widget=forms.TimeInput(attrs={"type": "time"})
    )
    event_end_time = forms.TimeField(required=False, label="End time", widget=forms.TimeInput(attrs={"type": "time"}))
    website = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        label="Web page about the opportunity",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    submitter_email = forms.EmailField(
        max_length=254, label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent_to_contact = forms.BooleanField(
        label="You may contact me about this opportunity, using the details I have given"
    )
    consent_to_publish = forms.BooleanField(
        label="You may publish this opportunity on the website (my name and email address are never published)"
    )

    class Meta:
        model = OpportunitySubmission
        fields = [
            "title",
            "summary",
            "issues",
            "activities",
            "location",
            "stage",
            "groups",
            "topics",
            "aims_and_activities",
            "how_to_get_involved",
            "event_title",
            "event_date",
            "event_start_time",
            "event_end_time",
            "event_how_to_join",
            "organisations",
            "website",
            "learning_and_resources",
            "submitter_name",
            "submitter_organisation",
            "submitter_role",
            "submitter_email",
            "consent_to_contact",
            "consent_to_publish",
        ]
        labels = {
            "title": "Title of the opportunity",
            "summary": "Summary",
            "aims_and_activities": "Aims and activities",
            "how_to_get_involved": "How other funders can get involved",
            "event_title": "Name of the event",
            "event_how_to_join": "How to join the event",
            "organisations": "Who's involved",
            "learning_and_resources": "Learning and resources",
            "submitter_name": "Your name",
            "submitter_organisation": "Your organisation",
            "submitter_role": "Your role",
        }
        help_texts = {
            "summary": "One or two sentences: what the opportunity is and who it is for.",
            "aims_and_activities": "What you want to achieve, and what you are doing or planning.",
            "how_to_get_involved": "What you are looking for from other funders and what happens next.",
            "event_how_to_join": "For example 'Online, about 45 minutes; we send the link to those who register'.",
            "organisations": "The organisations taking part, one on each line.",
            "learning_and_resources": "Reports, evaluations or other links worth reading, one on each line.",
        }
        widgets = {
            "title": forms.TextInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "aims_and_activities": forms.Textarea(attrs={"rows": 8}),
            "how_to_get_involved": forms.Textarea(attrs={"rows": 6}),
            "event_how_to_join": forms.Textarea(attrs={"rows": 3}),
            "organisations": forms.Textarea(attrs={"rows": 4}),
            "learning_and_resources": forms.Textarea(attrs={"rows": 4}),
            "submitter_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "submitter_organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "submitter_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    error_messages_by_field = {
        "title": required("Enter the title of the opportunity"),
        "summary": required("Enter a short summary of the opportunity"),
        "issues": {
            "required": "Select at least one issue",
            "invalid_choice": "Select issues from the list",
            "invalid_pk_value": "Select issues from the list",
        },
        "activities": {
            "invalid_choice": "Select activities from the list",
            "invalid_pk_value": "Select activities from the list",
        },
        "location": {
            "required": "Select where the opportunity is",
            "invalid_choice": "Select a location from the list",
        },
        "stage": {"required": "Select the stage of the opportunity", "invalid_choice": "Select a stage from the list"},
        "groups": {"invalid_choice": "Select groups from the list", "invalid_pk_value": "Select groups from the list"},
        "topics": {"invalid_choice": "Select topics from the list", "invalid_pk_value": "Select topics from the list"},
        "aims_and_activities": required("Enter the aims and activities"),
        "how_to_get_involved": required("Enter how other funders can get involved"),
        "event_date": {"invalid": "Enter the event date as a real date, for example 27/03/2027"},
        "event_start_time": {"invalid": "Enter the start time as a real time, for example 11:30"},
        "event_end_time": {"invalid": "Enter the end time as a real time, for example 12:15"},
        "website": {"invalid": URL_MESSAGE},
        "submitter_name": required("Enter your name"),
        "submitter_organisation": required("Enter the name of your organisation"),
        "submitter_email": {"required": "Enter your email address", "invalid": EMAIL_MESSAGE},
        "consent_to_contact": required("Confirm that we may contact you about this opportunity"),
        "consent_to_publish": required("Confirm that we may publish this opportunity"),
    }

    def clean_organisations(self):
        lines = [line.strip() for line in self.cleaned_data["organisations"].splitlines() if line.strip()]
        if len(lines) > 20:
            raise ValidationError("List at most 20 organisations, one on each line")
        if any(len(line) > 200 for line in lines):
            raise ValidationError("Each organisation's name must be 200 characters or fewer")
        return "\n".join(lines)

    def clean_event_date(self):
        date = self.cleaned_data.get("event_date")
        if date and date < timezone.localdate():
            raise ValidationError("The event date must be today or in the future")
        return date

    def clean(self):
        cleaned_data = super().clean()
        event_details = [cleaned_data.get(name) for name in ("event_title", "event_start_time", "event_how_to_join")]
        if any(event_details) and not cleaned_data.get("event_date") and "event_date" not in self.errors:
            self.add_error("event_date", "Enter the date of the event, or leave all the event's answers empty")
        start, end = cleaned_data.get("event_start_time"), cleaned_data.get("event_end_time")
        if end and not start and "event_start_time" not in self.errors:
            self.add_error("event_start_time", "Enter the start time as well as the end time")
        if start and end and end <= start:
            self.add_error("event_end_time", "The end time must be after the start time")
        return cleaned_data


class InterestRegistrationForm(PublicFormMixin, forms.ModelForm):
    """ "Register interest" in a published opportunity."""

    email = forms.EmailField(
        max_length=254, label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent_to_share = forms.BooleanField(
        label=(
            "I agree that the centre passes my name, organisation, email address and message to the people "
            "running this opportunity"
        )
    )

    class Meta:
        model = InterestRegistration
        fields = ["name", "organisation", "email", "message", "consent_to_share"]
        labels = {"name": "Your name", "organisation": "Your organisation", "message": "Message"}
        help_texts = {"message": "Tell the organisers what interests you and how you might take part."}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    error_messages_by_field = {
        "name": required("Enter your name"),
        "organisation": required("Enter the name of your organisation"),
        "email": {"required": "Enter your email address", "invalid": EMAIL_MESSAGE},
        "consent_to_share": required("Confirm that we may pass your details to the people running this opportunity"),
    }


class ProblemReportForm(PublicFormMixin, forms.ModelForm):
    """ "Something not right?" about one page."""

    page_id = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    email = forms.EmailField(
        required=False,
        max_length=254,
        label="Your email address",
        help_text="Only if you would like a reply. We use it for nothing else.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = ProblemReport
        fields = ["page_url", "what_is_wrong", "email"]
        labels = {"page_url": "Which page is it about?", "what_is_wrong": "What is wrong?"}
        help_texts = {
            "page_url": "The page's web address or title.",
            "what_is_wrong": "For example, a broken link, something out of date or a mistake. "
            "Do not include personal or medical information.",
        }
        widgets = {"page_url": forms.TextInput(), "what_is_wrong": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        if page is not None:
            # The page is known from its link: no need to ask which it is.
            self.fields["page_url"].widget = forms.HiddenInput()
            self.initial.setdefault("page_id", page.pk)
            self.initial.setdefault("page_url", page.url or "")

    error_messages_by_field = {
        "page_url": {"max_length": "The page's address must be 500 characters or fewer (this has %(show_value)d)"},
        "what_is_wrong": required("Tell us what is wrong"),
        "email": {"invalid": EMAIL_MESSAGE},
        "page_id": {"invalid": "Choose the page again from its 'Something not right?' link"},
    }
