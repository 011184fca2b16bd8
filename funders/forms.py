"""The funders' public forms: add a collaboration opportunity, register interest. What every public
form shares (messages, bounds, honeypot, start time, idempotency token) is the core's
(healthequity.core.public_forms)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from funders.records import InterestRegistration, OpportunitySubmission
from funders.vocabularies import Activity, Issue, Location, Stage
from healthequity.core.models import InequalityGroup, Topic
from healthequity.core.public_forms import (
    EMAIL_MESSAGE,
    GROUP_TREE_ORDER,
    URL_MESSAGE,
    GroupCheckboxSelectMultiple,
    PublicFormMixin,
    SafeModelMultipleChoiceField,
    required,
    validate_public_web_address,
)

__all__ = ["InterestRegistrationForm", "OpportunitySubmissionForm"]


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
        queryset=InequalityGroup.objects.select_related("parent").order_by(*GROUP_TREE_ORDER),
        to_field_name="slug",
        widget=GroupCheckboxSelectMultiple,
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
        validators=[URLValidator(schemes=["http", "https"]), validate_public_web_address],
        label="Web page about the opportunity",
        # Not autocomplete="url": that is the person's own home page, which browsers would fill in.
        widget=forms.URLInput(attrs={"autocomplete": "off"}),
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
