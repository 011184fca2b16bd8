"""What a search looks for: each word or phrase typed, with its other spellings and synonyms.

A search is a list of *units*, all of which must match (AND). A unit is what the visitor typed
(a word, a "quoted phrase", or several words that together name one thing, such as `ethnic
minority`) and its alternatives, any of which may match (OR): the British or American spelling
(`spellings`) and the synonyms editors manage (`SearchSynonym`). Stemming, the search backend's
own work, then matches each alternative's other forms.

Synonyms are read once per content generation (healthequity.caching), so an editor's change
applies from the next search.
"""

from dataclasses import dataclass
from functools import cache, lru_cache

from django.db.models import Q

from wagtail.search.query import And, Or, Phrase, PlainText

import snowballstemmer

from healthequity.caching.content import cached

from .spellings import spelling_variants
from .synonyms import SearchSynonym

__all__ = ["SearchUnit", "build_search_query", "expand_terms", "load_synonym_groups", "stem_key", "text_matches"]

# The longest run of typed words compared with the synonyms ("black and minority ethnic groups").
LONGEST_SYNONYM = 6


@dataclass(frozen=True)
class SearchUnit:
    """One thing the search must find: `typed` (as parsed) or any of its `alternatives`."""

    typed: str
    alternatives: tuple[str, ...] = ()
    # A quoted phrase must match as a phrase; typed words only need to occur.
    quoted: bool = False
    # Editors named it in a synonym group: a word meant as typed, never "corrected".
    has_synonyms: bool = False

    @property
    def forms(self):
        return (self.typed, *self.alternatives)

    def query(self):
        typed = Phrase(self.typed) if self.quoted else PlainText(self.typed, operator="and")
        parts = [typed] + [Phrase(form) if " " in form else PlainText(form) for form in self.alternatives]
        return parts[0] if len(parts) == 1 else Or(parts)


@cache
def english_stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=4096)
def stem_key(term):
    """The term with each word reduced to its stem: "allotments" and "allotment" share one.

    Kept per process: every search stems every synonym editors listed, and a word's stem never
    changes."""
    return " ".join(english_stemmer().stemWords(term.split()))


def load_synonym_groups():
    """Every synonym group as a tuple of normalised terms, from the cache until the content changes."""
    return cached(
        ("search-synonyms",),
        lambda: [tuple(synonym.term_list()) for synonym in SearchSynonym.objects.all()],
    )


def with_spellings(term):
    """The term and its other spellings (a phrase gets every word's swapped at once)."""
    words = term.split()
    swapped = [(spelling_variants(word) or [word])[0] for word in words]
    return list(dict.fromkeys([term, " ".join(swapped)]))


def expand_terms(terms, synonym_groups=()):
    """The parsed terms (`parse_search_terms`) as search units.

    Consecutive typed words are matched against the synonyms longest first, so `ethnic minority`
    is one unit when a synonym group names it, and two words otherwise. Words are compared by
    stem, so `allotments` finds the synonyms of "allotment".
    """
    synonyms_of = {}
    for group in synonym_groups:
        for term in group:
            synonyms_of.setdefault(stem_key(term), []).extend(other for other in group if other != term)

    units = []
    position = 0
    while position < len(terms):
        term = terms[position]
        span = 1
        if " " not in term:
            for length in range(min(LONGEST_SYNONYM, len(terms) - position), 1, -1):
                run = terms[position : position + length]
                if all(" " not in word for word in run) and stem_key(" ".join(run)) in synonyms_of:
                    term, span = " ".join(run), length
                    break
        quoted = span == 1 and " " in term
        forms = []
        for form in (term, *synonyms_of.get(stem_key(term), ())):
            forms.extend(with_spellings(form))
        alternatives = tuple(form for form in dict.fromkeys(forms) if form != term)
        units.append(SearchUnit(term, alternatives, quoted=quoted, has_synonyms=stem_key(term) in synonyms_of))
        position += span
    return units


def build_search_query(units):
    """All the units must match (AND); each unit any of its forms (OR)."""
    queries = [unit.query() for unit in units]
    return queries[0] if len(queries) == 1 else And(queries)


def text_matches(units, field):
    """A Q: `field` contains every unit in one of its forms (for the title and summary tiers)."""
    condition = Q()
    for unit in units:
        any_form = Q()
        for form in unit.forms:
            any_form |= Q(**{f"{field}__icontains": form})
        condition &= any_form
    return condition
