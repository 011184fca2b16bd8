"""The finder's parameters as form fields: search text, slugs of a vocabulary, dates.

Bad input is reported, never fatal: an unknown slug or a malformed date becomes a message by the
field, and the rest of the query still applies. Search text is tidied rather than refused.
"""

import calendar
import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator

import django_filters

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_VALUES_PER_FACET",
    "CONTROL_CHARACTERS",
    "PublicationDateField",
    "PublicationDateFilter",
    "SearchFilter",
    "SearchTextField",
    "SlugsField",
    "parse_search_terms",
    "shorten",
]

# Longer search text is cut, not refused; the header's search box has the same maxlength.
MAX_QUERY_LENGTH = 1000
# No vocabulary is this long, so more values in one facet can only be noise or an attack.
MAX_VALUES_PER_FACET = 50
# Words and phrases used from one search; the rest of a very long query is ignored.
MAX_SEARCH_TERMS = 32

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
WORD = re.compile(r"\w+")
PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\w+)')


def parse_search_terms(text):
    """Split search text into words and "quoted phrases", dropping every other character.

    Only letters and digits reach the search backend, so no punctuation can become FTS5 or
    tsquery syntax (a stray quote or bracket would otherwise be a database error).
    """
    terms = []
    for phrase, word in PHRASE_OR_WORD.findall(text or ""):
        words = WORD.findall(phrase) if phrase else [word]
        term = " ".join(words).lower()
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_SEARCH_TERMS]


def shorten(value, length=40):
    """A typed value quoted back in a message: cut short, control characters (a NUL byte, say) shown as �."""
    return Truncator(CONTROL_CHARACTERS.sub("\ufffd", value)).chars(length)


class SearchTextField(forms.CharField):
    """Free text, tidied rather than refused: control characters dropped, spaces collapsed,
    anything past 1,000 characters cut off."""

    def to_python(self, value):
        value = CONTROL_CHARACTERS.sub(" ", super().to_python(value))
        return " ".join(value.split())[:MAX_QUERY_LENGTH]


class SlugsField(forms.MultipleChoiceField):
    """Several slugs from one vocabulary, each at most once.

    Unknown slugs make the field invalid (so the form can say which), and `known_values()` gives
    the ones that can still be used.
    """

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        "unknown": "%(noun)s: we have nothing called %(values)s. Showing results without it.",
        "too_many": "%(noun)s: choose at most %(limit)s. Only the first %(limit)s were used.",
    }

    def __init__(self, *, noun="Filter", **kwargs):
        self.noun = noun
        super().__init__(**kwargs)

    def to_python(self, value):
        values = super().to_python(value)
        return list(dict.fromkeys(item.strip() for item in values if item.strip()))

    def known_values(self, value):
        return [item for item in self.to_python(value) if self.valid_value(item)][:MAX_VALUES_PER_FACET]

    def validate(self, value):
        unknown = [item for item in value if not self.valid_value(item)]
        if unknown:
            quoted = ", ".join(f"‘{shorten(item)}’" for item in unknown[:3])
            if len(unknown) > 3:
                quoted += f" and {len(unknown) - 3} more"
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"noun": self.noun, "values": quoted}
            )
        if len(value) > MAX_VALUES_PER_FACET:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"noun": self.noun, "limit": MAX_VALUES_PER_FACET},
            )


class PublicationDateField(forms.Field):
    """A date as people write it in an address or a form: 2023-03-27, 27/03/2023, 2023-03 or 2023.

    A month or a year alone means its first day, or its last day for the end of a range
    (`period_end`), so `from=2023&to=2023` is the whole of 2023.
    """

    default_error_messages = {
        "invalid": "%(label)s must be a date like 2023-03-27, or a year like 2023.",
        "impossible": "%(label)s must be a real date: %(value)s does not exist.",
    }
    ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
    BRITISH = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")

    def __init__(self, *, period_end=False, **kwargs):
        self.period_end = period_end
        super().__init__(**kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        match = self.ISO.fullmatch(value) or self.BRITISH.fullmatch(value)
        params = {"label": self.label or "The date", "value": shorten(value)}
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params=params)
        year = int(match["year"])
        month = int(match["month"] or (12 if self.period_end else 1))
        try:
            if match["day"]:
                return datetime.date(year, month, int(match["day"]))
            day = calendar.monthrange(year, month)[1] if self.period_end else 1
            return datetime.date(year, month, day)
        except (ValueError, calendar.IllegalMonthError):
            raise ValidationError(self.error_messages["impossible"], code="impossible", params=params) from None


class SearchFilter(django_filters.CharFilter):
    field_class = SearchTextField


class PublicationDateFilter(django_filters.Filter):
    field_class = PublicationDateField
