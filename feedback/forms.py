"""The "Something not right?" form, with the protections every public form carries (the core's
`PublicFormMixin`)."""

from django import forms

from feedback.models import ProblemReport
from healthequity.core.public_forms import EMAIL_MESSAGE, PublicFormMixin, required

__all__ = ["ProblemReportForm"]


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
