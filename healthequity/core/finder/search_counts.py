"""What visitors search for, counted in the cache and written to the database in the background.

A write per search would put the database on the path of every search, so a search only
increments counters in the shared cache; `flush_search_counts` (a task and a command, run every
few minutes) moves them into Wagtail's search terms report (`Query` and `QueryDailyHits`: Reports
→ Search terms) and the searches that found nothing into `UnansweredSearch` (Reports → Searches
that found nothing).

The cache has no way to list its keys, so each batch numbers its queries: the first search of a
query in a batch takes the next slot (`cache.add` makes exactly one request the first), and the
flush reads the slots back. The flush first moves new searches to a fresh batch, then reads the
old one. When the cache cannot be reached, searches go uncounted: the site never slows for it.
"""

import datetime
import hashlib
import logging

from django.core.cache import cache
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

__all__ = ["UnansweredSearch", "count_search", "flush_search_counts"]

logger = logging.getLogger(__name__)

BATCH_KEY = "search-counts:batch"
# Kept well beyond the flush interval, so nothing expires before it is written.
KEEP_SECONDS = 3 * 24 * 3600


class UnansweredSearch(models.Model):
    """A search that found nothing, with how often it was made: what the content is missing."""

    query_string = models.CharField(max_length=255, unique=True)
    hits = models.PositiveIntegerField(default=0)
    last_searched = models.DateField()

    class Meta:
        verbose_name = "search that found nothing"
        verbose_name_plural = "searches that found nothing"
        ordering = ["-hits", "query_string"]

    def __str__(self):
        return self.query_string


def _key(batch, *parts):
    return ":".join(("search-counts", str(batch), *map(str, parts)))


def _current_batch():
    cache.add(BATCH_KEY, 1, None)
    return cache.get(BATCH_KEY)


def count_search(query_string, *, found):
    """Count one search (a query as typed, normalised like Wagtail's report) and whether it found anything."""
    text = " ".join(query_string.lower().split())[:255]
    if not text:
        return
    try:
        batch = _current_batch()
        if batch is None:
            return
        digest = hashlib.sha256(text.encode()).hexdigest()[:24]
        if cache.add(_key(batch, "query", digest), text, KEEP_SECONDS):
            cache.add(_key(batch, "size"), 0, KEEP_SECONDS)
            slot = cache.incr(_key(batch, "size"))
            cache.set(_key(batch, "slot", slot), digest, KEEP_SECONDS)
        for counter in ("hits",) if found else ("hits", "nothing"):
            cache.add(_key(batch, counter, digest), 0, KEEP_SECONDS)
            cache.incr(_key(batch, counter, digest))
    except Exception:  # the cache is down or evicted the counter: uncounted, never an error page
        logger.warning("A search could not be counted", exc_info=True)


def flush_search_counts(today=None):
    """Write the counted searches to the database; returns how many distinct queries were written."""
    today = today or timezone.localdate()
    batch = _current_batch()
    if batch is None:
        return 0
    cache.incr(BATCH_KEY)  # new searches now count in the next batch
    size = cache.get(_key(batch, "size")) or 0
    slots = cache.get_many([_key(batch, "slot", slot) for slot in range(1, size + 1)])
    digests = list(slots.values())
    texts = cache.get_many([_key(batch, "query", digest) for digest in digests])
    hits = cache.get_many([_key(batch, "hits", digest) for digest in digests])
    nothing = cache.get_many([_key(batch, "nothing", digest) for digest in digests])
    written = 0
    with transaction.atomic():
        for digest in digests:
            text = texts.get(_key(batch, "query", digest))
            count = hits.get(_key(batch, "hits", digest)) or 0
            if not text or not count:
                continue
            add_daily_hits(Query.get(text), today, count)
            unanswered = nothing.get(_key(batch, "nothing", digest)) or 0
            if unanswered:
                record_unanswered(text, today, unanswered)
            written += 1
    cache.delete_many(
        [_key(batch, "size")]
        + list(slots)
        + [_key(batch, kind, digest) for digest in digests for kind in ("query", "hits", "nothing")]
    )
    return written


def add_daily_hits(query, day: datetime.date, count):
    daily, created = QueryDailyHits.objects.get_or_create(query=query, date=day, defaults={"hits": count})
    if not created:
        QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + count)


def record_unanswered(text, day, count):
    search, created = UnansweredSearch.objects.get_or_create(
        query_string=text, defaults={"hits": count, "last_searched": day}
    )
    if not created:
        UnansweredSearch.objects.filter(pk=search.pk).update(hits=F("hits") + count, last_searched=day)
