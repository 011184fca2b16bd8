"""The facet index: for every group, topic, type and rating of findings, the live, public evidence
pages that carry it, as a bitmap (bit n set: the page with id n carries it).

Why: the finder counts every option of every facet over the results of a query. Counted in SQL,
each count scans every live page's tags, so the first request for a query (every new search, every
new combination of filters, every request after a publish) grew with the content: about 150 ms of
queries at 10,000 pages and ten times that at 100,000. With the index, a count is an AND and a
popcount of two integers (microseconds at 100,000 pages), and the first answer costs one query for
the index plus, for search words or dates, one for the pages they match.

Kept in step like the findings index (healthequity.core.evidence.indexing): the pages the caching
app says changed (`published_pages_changed`: published, unpublished, saved live, deleted, moved,
made private) and a live page whose groups or topics are set in code are rewritten in the same
transaction, so no request counts from an index older than the content it lists. Until the index
is built (a new database, or a new `INDEX_VERSION`) the finder counts in SQL and a background task
builds it; `manage.py build_facet_index` builds it at once, and the scheduler rebuilds it nightly.
"""

import logging
import secrets
import zlib
from collections import defaultdict

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.utils.functional import cached_property

from wagtail.models import Page

from django_tasks import task

from healthequity.core.evidence.models import Finding
from healthequity.core.models import EvidencePage

__all__ = [
    "LIVE_KEY",
    "FacetBitmap",
    "FacetIndex",
    "bitmap_from_ids",
    "build_facet_index",
    "build_index",
    "combination_key",
    "forget_read_index",
    "finding_key",
    "ids_from_bitmap",
    "index_is_built",
    "index_pages",
    "parent_key",
    "term_key",
]

logger = logging.getLogger(__name__)

# Bump when the keys change: the finder then counts in SQL until the index is rebuilt.
INDEX_VERSION = 3
BUILT_KEY = "built"
# Its bits name the build (a random number) and its generation counts the rewrites since: a process
# keeps the index it read and, on each request, reads this row to re-read only what changed since.
STAMP_KEY = "stamp"
BOOKKEEPING_KEYS = (BUILT_KEY, STAMP_KEY)
LIVE_KEY = "live"
COMBINATION_PREFIX = "findings:"
BUILD_REQUESTED_KEY = "facet-index:build-requested"
# Past this many pages changed at once, the index is rebuilt rather than rewritten page by page.
LARGEST_PARTIAL_REWRITE = 2000


class FacetBitmap(models.Model):
    """One key of the facet index and its pages, as a zlib-compressed little-endian bitmap."""

    key = models.CharField(max_length=255, unique=True)
    bits = models.BinaryField()
    # Which rewrite of the index last changed this row (0: the build), so a process that read the
    # index re-reads only the rows a publish changed.
    generation = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "facet index entry"
        verbose_name_plural = "facet index entries"

    def __str__(self):
        return self.key


# Keys


def parent_key(path):
    """The pages directly below the page at `path` (a listing's scope)."""
    return f"parent:{path}"


def term_key(relation, term_id):
    """The pages tagged with one term of a many-to-many relation: `groups:12`, `topics:3`."""
    return f"{relation}:{term_id}"


def value_key(field_name, value):
    """The pages with one value of a field: `resource_type:blog`."""
    return f"{field_name}:{value}"


def finding_key(field_name, value):
    """The pages with a finding of one value of one rating, whatever its others: `finding-effect:narrows`."""
    return f"finding-{field_name}:{value}"


def combination_key(effect, strength, approach_id):
    """The pages with a finding of exactly this rating (the finding facets narrow together)."""
    return f"{COMBINATION_PREFIX}{effect}|{strength}|{approach_id or ''}"


def parse_combination(key):
    effect, strength, approach = key.removeprefix(COMBINATION_PREFIX).split("|")
    return {"effect": effect, "strength": strength, "approach_id": int(approach) if approach else None}


# Bitmaps


def bitmap_from_ids(ids):
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        buffer[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(buffer, "little")


def ids_from_bitmap(bits):
    """The ids in a bitmap, ascending (a pass over its bytes: a few ms at 100,000 pages)."""
    ids = []
    for position, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) // 8, "little")):
        if byte:
            ids.extend(position * 8 + bit for bit in range(8) if byte >> bit & 1)
    return ids


def pack(bits):
    """A bitmap as stored: zlib-compressed when that halves it (a sparse one, such as a rating of
    findings), raw otherwise (a group's pages compress to about half, and decompressing every
    dense bitmap cost more than reading it raw). The first byte says which."""
    raw = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    compressed = zlib.compress(raw, 1)
    return b"z" + compressed if len(compressed) * 2 < len(raw) else b"r" + raw


def unpack(data):
    data = bytes(data)
    raw = zlib.decompress(data[1:]) if data[:1] == b"z" else data[1:]
    return int.from_bytes(raw, "little")


# Reading


class FacetIndex:
    """The whole index, read in one query: {key: bitmap}; a key nobody carries reads as 0."""

    def __init__(self, bitmaps):
        self.bitmaps = bitmaps

    def __getitem__(self, key):
        return self.bitmaps.get(key, 0)

    def any_of(self, keys):
        """The pages carrying at least one of `keys` (a facet's chosen options: OR within a facet)."""
        bits = 0
        for key in keys:
            bits |= self[key]
        return bits

    def scope(self, keys):
        """The pages carrying every one of `keys` (a finder's scope: live, and below a listing)."""
        bits = self[keys[0]]
        for key in keys[1:]:
            bits &= self[key]
        return bits

    @cached_property
    def combination_rows(self):
        """[(rating as {field: value}, stored bitmap)] of every rating of findings that occurs: read
        (one query) only when a finding filter is chosen, since they are most of the index and the
        counts without one need only each rating's own bitmap."""
        rows = FacetBitmap.objects.filter(key__startswith=COMBINATION_PREFIX).values_list("key", "bits")
        return [(parse_combination(key), bits) for key, bits in rows]

    def combinations(self, wanted=()):
        """[(rating, bitmap)] of the ratings meeting every (field, values) of `wanted`; only those
        are decompressed."""
        if not hasattr(self, "_unpacked"):
            self._unpacked = {}
        found = []
        for position, (rating, bits) in enumerate(self.combination_rows):
            if all(rating[field] in values for field, values in wanted):
                if position not in self._unpacked:
                    self._unpacked[position] = unpack(bits)
                found.append((rating, self._unpacked[position]))
        return found

    @classmethod
    def load(cls):
        """The index, or None when it is not built yet (a build is then requested).

        One small query asks for the index's stamp. The bitmaps but the combinations of ratings
        are read (one more query, 5 ms at 100,000 pages) when this process has not read this build
        of the index; after a publish, only the rows it changed are. Like the search index's pages
        in PostgreSQL's buffers, what is kept is never stale: the stamp is read on every request."""
        bookkeeping = {
            key: (bytes(bits), generation)
            for key, bits, generation in FacetBitmap.objects.filter(key__in=BOOKKEEPING_KEYS).values_list(
                "key", "bits", "generation"
            )
        }
        if BUILT_KEY not in bookkeeping or unpack(bookkeeping[BUILT_KEY][0]) != INDEX_VERSION:
            request_build()
            return None
        build, generation = bookkeeping.get(STAMP_KEY, (b"", 0))
        alias = FacetBitmap.objects.db
        kept_build, kept_generation, kept = _read_in_this_process.get(alias, (None, None, None))
        if build and build == kept_build and generation == kept_generation:
            return kept
        if build and build == kept_build and generation >> RANDOM_BITS > kept_generation >> RANDOM_BITS:
            index = kept.with_changes_since(kept_generation)
        else:  # another build, or a rewrite this process read was rolled back
            rows = FacetBitmap.objects.exclude(key__startswith=COMBINATION_PREFIX).exclude(key__in=BOOKKEEPING_KEYS)
            index = cls({key: unpack(bits) for key, bits in rows.values_list("key", "bits")})
        _read_in_this_process[alias] = (build, generation, index)
        return index

    def with_changes_since(self, generation):
        """A copy of this index with the rows rewritten after `generation` read again."""
        changed = FacetBitmap.objects.filter(generation__gt=generation).exclude(key__in=BOOKKEEPING_KEYS)
        bitmaps, combinations_changed = dict(self.bitmaps), False
        for key, bits in changed.values_list("key", "bits"):
            if key.startswith(COMBINATION_PREFIX):
                combinations_changed = True
            else:
                bitmaps[key] = unpack(bits)
        index = type(self)(bitmaps)
        if not combinations_changed and "combination_rows" in self.__dict__:
            index.combination_rows = self.combination_rows
            index._unpacked = getattr(self, "_unpacked", {})
        return index


# {database alias: (build, generation, FacetIndex)}: the index as this process last read it.
_read_in_this_process = {}


def forget_read_index():
    """Drop the index this process keeps (benchmarks and tests measuring a first request)."""
    _read_in_this_process.clear()


def new_build_stamp():
    return pack(secrets.randbits(62) | 1 << 62)


# A generation is a count of rewrites and random low bits, so a count a rolled-back rewrite used is
# never taken for the rewrite that reuses it.
RANDOM_BITS = 20


def next_generation(generation):
    return ((generation >> RANDOM_BITS) + 1) << RANDOM_BITS | secrets.randbits(RANDOM_BITS)


def index_is_built():
    built = FacetBitmap.objects.filter(key=BUILT_KEY).values_list("bits", flat=True).first()
    return built is not None and unpack(built) == INDEX_VERSION


def request_build():
    request_once(build_facet_index, BUILD_REQUESTED_KEY)


def request_once(build_task, requested_key):
    """Ask the background worker to build an index, once for every few minutes of asking."""
    try:
        first_to_ask = cache.add(requested_key, True, timeout=300)
    except Exception:  # noqa: BLE001 - without a cache, ask every time rather than never
        first_to_ask = True
    if first_to_ask:
        try:
            build_task.enqueue()
        except Exception:
            logger.exception("Could not enqueue %s.", build_task.name)


# Writing


def _keys_of_pages(page_ids=None):
    """{page id: keys} of the live, public evidence pages (among `page_ids`, or all)."""
    keys = defaultdict(set)
    pages = EvidencePage.objects.live().public()
    groups = EvidencePage.groups.through.objects.all()
    topics = EvidencePage.topics.through.objects.all()
    findings = Finding.objects.all()
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
        groups = groups.filter(evidencepage_id__in=page_ids)
        topics = topics.filter(evidencepage_id__in=page_ids)
        findings = findings.filter(page_id__in=page_ids)
    for pk, path, resource_type in pages.order_by().values_list("pk", "path", "resource_type").iterator(5000):
        keys[pk].update((LIVE_KEY, parent_key(path[: -Page.steplen]), value_key("resource_type", resource_type)))
    rows = [
        (groups.values_list("evidencepage_id", "inequalitygroup_id"), "groups"),
        (topics.values_list("evidencepage_id", "topic_id"), "topics"),
    ]
    for pairs, relation in rows:
        for page_id, term_id in pairs.iterator(5000):
            if page_id in keys:
                keys[page_id].add(term_key(relation, term_id))
    for page_id, effect, strength, approach_id in findings.values_list(
        "page_id", "effect", "strength", "approach_id"
    ).iterator(5000):
        if page_id in keys:
            keys[page_id].add(combination_key(effect, strength, approach_id))
            keys[page_id].update((finding_key("effect", effect), finding_key("strength", strength)))
            if approach_id is not None:
                keys[page_id].add(finding_key("approach_id", approach_id))
    return keys


def _bitmaps(keys_of_pages):
    ids_by_key = defaultdict(list)
    for page_id, keys in keys_of_pages.items():
        for key in keys:
            ids_by_key[key].append(page_id)
    return {key: bitmap_from_ids(ids) for key, ids in ids_by_key.items()}


def build_index():
    """Rebuild the whole index from the pages (a few seconds at 100,000 pages). Returns its size."""
    try:
        with transaction.atomic():
            FacetBitmap.objects.select_for_update().filter(key=BUILT_KEY).first()  # one build at a time
            bitmaps = _bitmaps(_keys_of_pages())
            FacetBitmap.objects.all().delete()
            rows = [FacetBitmap(key=key, bits=pack(bits)) for key, bits in bitmaps.items()]
            rows.append(FacetBitmap(key=BUILT_KEY, bits=pack(INDEX_VERSION)))
            rows.append(FacetBitmap(key=STAMP_KEY, bits=new_build_stamp()))
            FacetBitmap.objects.bulk_create(rows, batch_size=200)
    except IntegrityError:
        logger.info("Another process built the facet index at the same moment; keeping its build.")
        return None
    return bin(bitmaps.get(LIVE_KEY, 0)).count("1")


def index_pages(page_ids=None, *, under=None):
    """Rewrite the bits of some pages (`page_ids`, or every page at or below `under`), in the
    current transaction. Nothing to do before the index is built: the build reads everything."""
    with transaction.atomic():
        built = FacetBitmap.objects.select_for_update().filter(key=BUILT_KEY).first()
        if built is None:
            return
        if under is not None:
            below = EvidencePage.objects.filter(path__startswith=under.path).values_list("pk", flat=True)
            page_ids = list(below[: LARGEST_PARTIAL_REWRITE + 1])
        page_ids = [pk for pk in page_ids or () if pk is not None]
        if len(page_ids) > LARGEST_PARTIAL_REWRITE:
            build_index()  # a whole section moved or made private: as cheap, and no huge id list
            return
        if not page_ids:
            return
        mask = bitmap_from_ids(page_ids)
        fresh = _bitmaps(_keys_of_pages(page_ids))
        stamp = FacetBitmap.objects.filter(key=STAMP_KEY).first()
        generation = next_generation(stamp.generation if stamp else 0)
        changed = []
        for row in FacetBitmap.objects.exclude(key__in=BOOKKEEPING_KEYS):
            before = unpack(row.bits)
            after = (before & ~mask) | fresh.pop(row.key, 0)
            if after != before:
                row.bits, row.generation = pack(after), generation
                changed.append(row)
        # (bulk writes and update() send no post_save: the index is bookkeeping, not content.)
        FacetBitmap.objects.bulk_update(changed, ["bits", "generation"], batch_size=200)
        FacetBitmap.objects.bulk_create(
            [FacetBitmap(key=key, bits=pack(bits), generation=generation) for key, bits in fresh.items()]
        )
        if not (changed or fresh):
            return
        if stamp is None:  # built before the stamp existed
            FacetBitmap.objects.bulk_create([FacetBitmap(key=STAMP_KEY, bits=new_build_stamp())])
        else:
            FacetBitmap.objects.filter(key=STAMP_KEY).update(generation=generation)


@task()
def build_facet_index():
    """Rebuild the index from the pages: when it is missing (a new database or a new version of
    its keys) and nightly, so nothing written behind the signals' back lasts a day."""
    return build_index()


# Keeping in step


def _on_published_pages_changed(sender, page, subtree=False, **kwargs):
    if subtree:
        index_pages(under=page)
    elif issubclass(page.specific_class or Page, EvidencePage):
        index_pages([page.pk])


def _on_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Groups or topics set in code on a live page (an editor's change counts when published)."""
    if not action.startswith("post_"):
        return
    if not reverse:
        if isinstance(instance, EvidencePage) and instance.live:
            index_pages([instance.pk])
    elif pk_set:
        index_pages(list(pk_set))
    elif action == "post_clear" and FacetBitmap.objects.filter(key=BUILT_KEY).exists():
        build_index()  # a term's pages all untagged at once: which they were is gone


def connect_signals():
    from django.db.models.signals import m2m_changed

    from healthequity.caching.invalidation import published_pages_changed

    # After the findings index (healthequity.core.evidence, earlier in INSTALLED_APPS), whose rows
    # the ratings' keys are read from.
    published_pages_changed.connect(_on_published_pages_changed, dispatch_uid="finder.facet_index")
    for through in (EvidencePage.groups.through, EvidencePage.topics.through):
        m2m_changed.connect(_on_tags_changed, sender=through, dispatch_uid=f"finder.facet_index.{through.__name__}")
