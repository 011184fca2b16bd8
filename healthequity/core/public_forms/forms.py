"""What every public form shares: plain-language messages by each field and an error summary (as
GOV.UK does), a length bound on every field, no control characters, a honeypot, a signed start
time and an idempotency token so one form sent twice is stored once."""

import unicodedata
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db.models import F
from django.db.models.functions import Coalesce

from healthequity.core.public_forms.abuse import FormStartedClaims, form_started_token, seconds_since_form_started
from healthequity.core.public_forms.addresses import validate_sendable_email
from healthequity.core.text import xml_safe

__all__ = [
    "CONTROL_CHARACTERS_MESSAGE",
    "EMAIL_MESSAGE",
    "GROUP_TREE_ORDER",
    "URL_MESSAGE",
    "GroupCheckboxSelectMultiple",
    "PublicFormMixin",
    "SafeModelMultipleChoiceField",
    "has_control_characters",
    "required",
]

CONTROL_CHARACTERS_MESSAGE = "Remove the special characters (such as control codes) from this answer"
EMAIL_MESSAGE = "Enter an email address in the correct format, like name@example.org"
EXPIRED_MESSAGE = "This form was open for too long or could not be checked. Check your answers and send it again."
URL_MESSAGE = "Enter a web address in the correct format, like https://www.example.org"
MAX_CHOICES = 60
LINE_BREAKS = {"\n", "\r", "\t"}
# Groups as a tree: each top-level group, then its subgroups.
GROUP_TREE_ORDER = (
    Coalesce("parent__sort_order", "sort_order"),
    Coalesce("parent_id", "id"),
    F("parent_id").asc(nulls_first=True),
    "sort_order",
    "name",
)


def clean_pasted_text(value):
    """Drop what XML cannot carry (a vertical tab pasted from Word becomes a space) but keep NUL
    bytes, which no paste produces: the field refuses them with its message."""
    if not isinstance(value, str):
        return value
    return "\x00".join(xml_safe(part) for part in value.split("\x00"))


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


class GroupCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
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
        if isinstance(field, forms.EmailField) and validate_sendable_email not in field.validators:
            # Only addresses we can send to safely: no quoted local part that a comma splits. It
            # replaces Django's email check (which it runs itself), so a bad address gets one message.
            field.validators = [
                validator for validator in field.validators if not isinstance(validator, EmailValidator)
            ] + [validate_sendable_email]
        if isinstance(field, forms.CharField) and name not in ("form_started", "idempotency_token"):
            # Cleaned before Django's own cleaning, so a space left by a Word line break is stripped.
            field.to_python = lambda value, to_python=field.to_python: to_python(clean_pasted_text(value))
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
        if self.has_field_errors():
            # The person sends it again anyway after putting the fields right: a message about
            # timing would only stand between them and the field that needs them.
            return cleaned_data
        elapsed = seconds_since_form_started(cleaned_data.get("form_started"))
        if elapsed is None:
            self.blocked_reason = "expired"
            raise ValidationError(EXPIRED_MESSAGE, code="expired")
        if elapsed < settings.PUBLIC_FORM_MIN_FILL_SECONDS:
            self.blocked_reason = "too-fast"
            raise ValidationError(
                "That was quicker than we expect from a person. Check your answers and send the form again.",
                code="too_fast",
            )
        if not FormStartedClaims().claim(cleaned_data["form_started"], self.idempotency_token):
            # A start time another post has used: the same message as an expired or forged one.
            self.blocked_reason = "expired"
            raise ValidationError(EXPIRED_MESSAGE, code="expired")
        return cleaned_data

    def has_field_errors(self):
        protection = (self.honeypot_name, "form_started", "idempotency_token")
        return any(name in self.fields and name not in protection for name in self.errors)

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
        """Each error with the id of the control it is about, for the summary's links: the fields'
        first, in the form's order, then what is about the whole form."""
        summary = []
        for name in self.fields:
            if name not in self.errors or name in (self.honeypot_name, "form_started", "idempotency_token"):
                continue
            bound = self[name]
            target = f"{bound.auto_id}_0" if self.is_choice_group(self.fields[name]) else bound.auto_id
            summary.extend({"href": f"#{target}", "message": message} for message in bound.errors)
        return summary + [{"href": "", "message": message} for message in self.non_field_errors()]


def required(message):
    return {"required": message}
