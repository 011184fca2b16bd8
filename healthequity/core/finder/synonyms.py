"""Search synonyms editors manage (Snippets → Search synonyms): words and phrases that mean the same."""

import re

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel

__all__ = ["SearchSynonym", "normalise_term"]


SYNONYM_SEPARATORS = re.compile(r"[,;\n]")
WORDS = re.compile(r"\w+")


def normalise_term(text):
    """A word or phrase as the search compares it: lower case, letters and digits, single spaces."""
    return " ".join(WORDS.findall(text.lower()))


class SearchSynonym(models.Model):
    """Words and phrases that mean the same to a reader: a search for any of them finds them all.

    "BME, black and minority ethnic, ethnic minority" makes `BME` find pages that only say "ethnic
    minority", and the reverse. Saving one empties the content caches (healthequity.caching), so
    the next search uses it.
    """

    terms = models.TextField(
        help_text=(
            "Two or more words or phrases that mean the same, separated by commas, for example "
            "“GP, general practice, general practitioner”. Capitals and punctuation do not matter."
        ),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = "search synonym"
        ordering = ["terms"]

    def __str__(self):
        return " ↔ ".join(self.term_list())

    def term_list(self):
        """The distinct terms, normalised, in the order written."""
        terms = (normalise_term(part) for part in SYNONYM_SEPARATORS.split(self.terms))
        return list(dict.fromkeys(term for term in terms if term))

    def clean(self):
        super().clean()
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": "Write at least two different words or phrases, separated by commas."})
