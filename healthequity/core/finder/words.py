"""The words the published evidence uses, for "Did you mean …?" when a search finds little.

A suggestion must be a word that occurs in the content, so the vocabulary is the words of every
live evidence page's title and summary and of the groups' and topics' names (not bodies: they
would bring in every typo an author ever made, at many times the size). Publishing a page adds
its words at once (one insert); `refresh_search_words` (a command and a task) rebuilds the whole
list, dropping words no page uses any more. A stale word is never suggested wrongly: a suggestion
is offered only when it finds more than what was typed.

The closest word is found by trigram similarity on PostgreSQL (pg_trgm, with a GIN index) and by
difflib's ratio over the words of the same first letter elsewhere (SQLite, or PostgreSQL where
the extension could not be created).
"""

import difflib
import re
from functools import cache

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connections, models

from healthequity.core.models import EvidencePage, InequalityGroup, Topic

from .spellings import spelling_variants

__all__ = [
    "SearchWord",
    "closest_word",
    "corrected_terms",
    "published_texts",
    "rebuild_search_words",
    "remember_page_words",
    "remember_words",
    "words_in",
]

WORD = re.compile(r"[^\W\d_]{3,40}")
# How alike a suggestion must be (0 to 1): 0.75 takes "diabetis" to "diabetes", not to "debates".
MIN_RATIO = 0.75
MIN_TRIGRAM_SIMILARITY = 0.4
BATCH = 5000


class SearchWord(models.Model):
    """One word of the published content, lower case."""

    word = models.CharField(max_length=40, unique=True)

    class Meta:
        verbose_name = "search word"

    def __str__(self):
        return self.word


# `word % 'typed'`, which the trigram index serves (django.contrib.postgres is not an installed app).
SearchWord._meta.get_field("word").register_lookup(TrigramSimilar)


def words_in(*texts):
    """The distinct lower-case words (letters only, three or more) of the texts."""
    return {word.lower() for text in texts if text for word in WORD.findall(text)}


def remember_words(words, using="default"):
    """Add words to the vocabulary (those already there are left alone)."""
    rows = [SearchWord(word=word) for word in sorted(words)]
    SearchWord.objects.using(using).bulk_create(rows, ignore_conflicts=True, batch_size=BATCH)


def remember_page_words(sender, instance, **kwargs):
    """page_published receiver: a published evidence page's words join the vocabulary."""
    if isinstance(instance, EvidencePage):
        remember_words(words_in(instance.title, instance.summary))


def published_texts(using="default"):
    """The texts the vocabulary is made of: live evidence pages' titles and summaries, the groups'
    and topics' names. (A private page's words may be among them: they are never suggested, since a
    suggestion must find results in the public finder.)"""
    pages = EvidencePage.objects.using(using).live().order_by().values_list("title", "summary")
    for title, summary in pages.iterator(chunk_size=BATCH):
        yield f"{title} {summary}"
    yield from InequalityGroup.objects.using(using).values_list("name", flat=True)
    yield from Topic.objects.using(using).values_list("name", flat=True)


def rebuild_search_words(texts=None, using="default"):
    """Replace the vocabulary with the words of `texts` (by default the published content's).
    Returns its size."""
    if texts is None:
        texts = published_texts(using)
    words = set()
    for text in texts:
        words |= words_in(text)
    SearchWord.objects.using(using).all().delete()
    remember_words(words, using=using)
    return len(words)


@cache
def trigram_available(alias):
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def closest_word(word, using="default"):
    """The vocabulary's word most like `word`, or None (also when it, in either spelling, is in it)."""
    words = SearchWord.objects.using(using)
    if words.filter(word__in=[word, *spelling_variants(word)]).exists():
        return None
    if trigram_available(using):
        candidate = (
            words.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .filter(similarity__gte=MIN_TRIGRAM_SIMILARITY)
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )
        return candidate
    first = word[0]
    candidates = words.filter(word__gte=first, word__lt=chr(ord(first) + 1)).values_list("word", flat=True)
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=MIN_RATIO)
    return matches[0] if matches else None


def corrected_terms(units, using="default"):
    """The search's terms with each unknown word replaced by the closest word of the content, or
    None when nothing would change. A word editors gave synonyms is taken as meant."""
    corrected, changed = [], False
    for unit in units:
        if unit.has_synonyms:
            corrected.append(unit.typed)
            continue
        words = []
        for word in unit.typed.split():
            closest = closest_word(word, using) if WORD.fullmatch(word) else None
            words.append(closest or word)
            changed |= bool(closest)
        corrected.append(" ".join(words))
    return corrected if changed else None
