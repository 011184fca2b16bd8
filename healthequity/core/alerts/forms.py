from django import forms

from healthequity.core.public_forms import EMAIL_MESSAGE, PublicFormMixin, required, validate_sendable_email

from .models import Frequency

__all__ = ["AlertSignupForm", "ChangeFrequencyForm"]


class AlertSignupForm(PublicFormMixin, forms.Form):
    """An address and a frequency, with the public forms' protections (honeypot, fill time, rate limit)."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        validators=[validate_sendable_email],
        help_text="We will send a link to this address. Nothing else is sent until you open it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    frequency = forms.ChoiceField(
        label="How often do you want emails?",
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
    )
    error_messages_by_field = {
        "email": {"required": "Enter your email address", "invalid": EMAIL_MESSAGE},
        "frequency": {
            **required("Choose how often you want emails"),
            "invalid_choice": "Choose how often you want emails",
        },
    }


class ChangeFrequencyForm(forms.Form):
    alert = forms.IntegerField(min_value=1)
    frequency = forms.ChoiceField(choices=Frequency.choices, required=False)
