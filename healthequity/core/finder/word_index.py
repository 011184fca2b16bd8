"""The search word index: for every word of the evidence pages, as PostgreSQL's full-text search
stems it (its lexemes), the pages whose text, title or summary holds it, as bitmaps like the
facet index's.

Why: the facet index made counts an AND of bitmaps, but search words still cost one query for the
ids of the pages they match, and a ranked page of results scored every match. PostgreSQL answers
`vector @@ query` by reading every matching entry: a word in most pages ("care") took 690 ms at
100,000 pages, and ranking the 12,000 pages holding "hypertension" 460 ms. With this index the
search is evaluated on bitmaps, ANDed with the facets', and ranked from them.

What it answers exactly as the search would: the search is compiled by Wagtail's own backend and
normalised by PostgreSQL (`to_tsquery(...)::text`: stems, stop words dropped, spellings and
synonyms ORed in), then evaluated over the lexemes of the same vectors the search reads
(`wagtailsearch_indexentry`). A search the bitmaps cannot evaluate (a phrase, which needs word
positions) is answered in SQL as before.

Relevance from the index is the same on both databases: pages with every searched word in their
title first, then in their summary, then the rest, each tier newest first (SQLite's FTS5 ranking
was never used; PostgreSQL's `ts_rank` scored every match to show nine).

Kept in step without writing in the editor's request: the search index itself is rewritten by a
background task (modelsearch's `insert_or_update_object_task`, on every save); when it finishes,
the page is noted in `WordIndexChange`. Searches answer for noted pages from their entries in SQL
(a few rows), so the index is never older than what the search reads. The build folds them in: it
runs nightly, when many pages are noted, and at `manage.py build_word_index`.

PostgreSQL only: SQLite's FTS5 keeps its tokens in a form Django cannot read back reliably.
"""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.sql import Query
from django.utils.functional import cached_property

from django_tasks import task

from healthequity.core.models import EvidencePage

from .facet_index import bitmap_from_ids, pack, request_once, unpack

__all__ = [
    "SearchWords",
    "WordBitmap",
    "WordIndexChange",
    "build_word_index",
    "build_word_index_task",
    "word_index_is_built",
]


INDEX_VERSION = 1
BUILT_KEY = "built"
# The three families of keys: `any:care` (title, summary, body, tags: what the search reads),
# `title:care` and `summary:care` (the relevance tiers).
FAMILIES = ("any", "title", "summary")
BUILD_REQUESTED_KEY = "word-index:build-requested"
# Past this many pages noted since the build, a build is requested (the SQL for them grows).
MOST_CHANGES = 500
LONGEST_WORD = 200  # longer lexemes are not indexed; a search for one is answered in SQL


class WordBitmap(models.Model):
    """One word of one family and its pages, packed like the facet index's bitmaps."""

    key = models.CharField(max_length=255, unique=True)
    bits = models.BinaryField()

    class Meta:
        verbose_name = "search word index entry"
        verbose_name_plural = "search word index entries"

    def __str__(self):
        return self.key


class WordIndexChange(models.Model):
    """A page whose search entry was rewritten since the word index was built."""

    page_id = models.IntegerField()

    class Meta:
        verbose_name = "search word index change"

    def __str__(self):
        return f"page {self.page_id}"


def available(using="default"):
    return connection.vendor == "postgresql" and using == "default"


def evidence_content_type_ids():
    """The content types of the evidence pages' search entries (one per page model)."""
    evidence_models = [model for model in apps.get_models() if issubclass(model, EvidencePage)]
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*evidence_models).values())


# The search, as PostgreSQL normalised it


class CannotEvaluate(Exception):
    """The search needs what bitmaps do not hold (word positions, prefixes, weights)."""


TOKEN = re.compile(r"\s*(?:(?P<word>'(?:[^']|'')*')(?P<label>:[*A-Da-d]+)?|(?P<operator><\d*-?>|[&|!()]))")


def parse_tsquery(text):
    """PostgreSQL's text of a tsquery as a tree: ("word", lexeme), ("not", x), ("and"|"or", [x, ...]).
    Precedence as PostgreSQL prints it: ! binds tightest, then &, then |."""
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None:
            raise CannotEvaluate(f"unexpected text at {position}: {text[position : position + 20]!r}")
        if match["label"] or (match["operator"] or "").startswith("<"):
            raise CannotEvaluate("phrase, prefix or weight")
        if match["word"]:
            tokens.append(("word", match["word"][1:-1].replace("''", "'")))
        else:
            tokens.append((match["operator"], None))
        position = match.end()
    if not tokens:
        raise CannotEvaluate("no words (only stop words)")

    def joined(at, operator, name, operand):
        """`operand (operator operand)*` as one ("and"|"or", [...]) node."""
        node, at = operand(at)
        parts = [node]
        while at < len(tokens) and tokens[at][0] == operator:
            node, at = operand(at + 1)
            parts.append(node)
        return (parts[0] if len(parts) == 1 else (name, parts)), at

    def expression(at):
        return joined(at, "|", "or", conjunction)

    def conjunction(at):
        return joined(at, "&", "and", factor)

    def factor(at):
        if at >= len(tokens):
            raise CannotEvaluate("the query ends early")
        kind, value = tokens[at]
        if kind == "!":
            node, at = factor(at + 1)
            return ("not", node), at
        if kind == "(":
            node, at = expression(at + 1)
            if at >= len(tokens) or tokens[at][0] != ")":
                raise CannotEvaluate("unbalanced parentheses")
            return node, at + 1
        if kind == "word":
            if len(value) > LONGEST_WORD:
                raise CannotEvaluate("a word too long to be indexed")
            return ("word", value), at + 1
        raise CannotEvaluate(f"unexpected {kind!r}")

    tree, at = expression(0)
    if at != len(tokens):
        raise CannotEvaluate("text after the query")
    return tree


def lexemes_of(tree):
    if tree[0] == "word":
        return {tree[1]}
    if tree[0] == "not":
        return lexemes_of(tree[1])
    return set().union(*(lexemes_of(part) for part in tree[1]))


def evaluate(tree, bitmap_of, universe):
    """The pages (a bitmap) the tree matches, given each word's pages; NOT is taken within `universe`."""
    kind = tree[0]
    if kind == "word":
        return bitmap_of(tree[1])
    if kind == "not":
        return universe & ~evaluate(tree[1], bitmap_of, universe)
    parts = [evaluate(part, bitmap_of, universe) for part in tree[1]]
    bits = parts[0]
    for part in parts[1:]:
        bits = bits & part if kind == "and" else bits | part
    return bits


def normalised_tsquery(queryset, search_query):
    """The text of the tsquery Wagtail's backend would search with (one small query)."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    compiler = backend.query_compiler_class(queryset, search_query)
    expression = compiler.build_tsquery(compiler.query, config=backend.config)
    if expression is None:
        raise CannotEvaluate("no words")
    query = Query(queryset.model)
    sql, params = expression.resolve_expression(query).as_sql(query.get_compiler(using=queryset.db), connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        return cursor.fetchone()[0]


# Reading


class SearchWords:
    """What a search matches, from the index: `pages`, and the relevance tiers `in_title` and
    `in_summary` (bitmaps over every evidence page; the finder ANDs its scope in)."""

    def __init__(self, tree, tsquery, bitmaps, changed, universe):
        self.tree, self.tsquery, self.bitmaps, self.changed = tree, tsquery, bitmaps, changed
        self.universe = universe  # what NOT is taken within: the finder's scope

    @classmethod
    def for_search(cls, queryset, search_query, universe):
        """The search's matches, or None when the index cannot answer it (not PostgreSQL, not built
        yet, a phrase): the finder then asks SQL as before."""
        if not available(queryset.db):
            return None
        try:
            tsquery = normalised_tsquery(queryset, search_query)
            tree = parse_tsquery(tsquery)
        except CannotEvaluate:
            return None
        keys = [f"{family}:{word}" for word in lexemes_of(tree) for family in FAMILIES]
        rows = dict(WordBitmap.objects.filter(key__in=[BUILT_KEY, *keys]).values_list("key", "bits"))
        built = rows.pop(BUILT_KEY, None)
        if built is None or unpack(built) != INDEX_VERSION:
            request_build()
            return None
        changed = list(WordIndexChange.objects.order_by().values_list("page_id", flat=True).distinct())
        if len(changed) > MOST_CHANGES:
            request_build()
        return cls(tree, tsquery, {key: unpack(bits) for key, bits in rows.items()}, changed, universe)

    def family(self, name):
        return lambda word: self.bitmaps.get(f"{name}:{word}", 0)

    @cached_property
    def changed_matches(self):
        """{family: bitmap} of the noted pages, read from their search entries in SQL."""
        found = {family: [] for family in FAMILIES}
        if not self.changed:
            return dict.fromkeys(FAMILIES, 0)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT entry.object_id::integer, entry.title @@ %s::tsquery,"
                " coalesce(to_tsvector(page.summary) @@ %s::tsquery, false)"
                " FROM wagtailsearch_indexentry AS entry"
                " JOIN core_evidencepage AS page ON page.page_ptr_id::text = entry.object_id"
                " WHERE entry.content_type_id = ANY(%s) AND entry.object_id = ANY(%s)"
                " AND (entry.title || entry.body) @@ %s::tsquery",
                [
                    self.tsquery,
                    self.tsquery,
                    evidence_content_type_ids(),
                    [str(pk) for pk in self.changed],
                    self.tsquery,
                ],
            )
            for page_id, in_title, in_summary in cursor.fetchall():
                found["any"].append(page_id)
                if in_title:
                    found["title"].append(page_id)
                if in_summary:
                    found["summary"].append(page_id)
        return {family: bitmap_from_ids(ids) for family, ids in found.items()}

    def matches(self, family):
        from_index = evaluate(self.tree, self.family(family), self.universe)
        if not self.changed:
            return from_index
        return (from_index & ~bitmap_from_ids(self.changed)) | self.changed_matches[family]

    @cached_property
    def pages(self):
        return self.matches("any")

    @cached_property
    def in_title(self):
        return self.matches("title")

    @cached_property
    def in_summary(self):
        return self.matches("summary")

    def tiers(self, matching):
        """The matching pages in relevance tiers: every word in the title, in the summary, elsewhere."""
        title = matching & self.in_title
        summary = matching & self.in_summary & ~title
        return [title, summary, matching & ~title & ~summary]


def word_index_is_built():
    built = WordBitmap.objects.filter(key=BUILT_KEY).values_list("bits", flat=True).first()
    return built is not None and unpack(built) == INDEX_VERSION


def request_build():
    request_once(build_word_index_task, BUILD_REQUESTED_KEY)


# Writing


def _words_of(select_lexemes, params):
    """{lexeme: bitmap of pages} from a query yielding (page id, lexeme) rows, grouped in SQL."""
    bitmaps = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT lexeme, array_agg(page_id) FROM ({select_lexemes}) AS words"  # noqa: S608 - our own SQL
            " WHERE length(lexeme) <= %s GROUP BY lexeme",
            [*params, LONGEST_WORD],
        )
        for lexeme, page_ids in cursor:
            bitmaps[lexeme] = bitmap_from_ids(page_ids)
    return bitmaps


def build_word_index():
    """Rebuild the whole index from the search entries (seconds at 100,000 pages). Returns the
    number of words, or None where there is no such index (SQLite)."""
    if not available():
        return None
    content_types = evidence_content_type_ids()
    entries = (
        "SELECT object_id::integer AS page_id, unnest(tsvector_to_array({vector})) AS lexeme"
        " FROM wagtailsearch_indexentry WHERE content_type_id = ANY(%s) AND object_id ~ '^[0-9]+$'"
    )
    with transaction.atomic():
        WordBitmap.objects.select_for_update().filter(key=BUILT_KEY).first()  # one build at a time
        noted_up_to = WordIndexChange.objects.aggregate(models.Max("pk"))["pk__max"] or 0
        families = {
            "any": _words_of(entries.format(vector="title || body"), [content_types]),
            "title": _words_of(entries.format(vector="title"), [content_types]),
            "summary": _words_of(
                "SELECT page_ptr_id AS page_id, unnest(tsvector_to_array(to_tsvector(summary))) AS lexeme"
                " FROM core_evidencepage",
                [],
            ),
        }
        WordBitmap.objects.all().delete()
        rows = [
            WordBitmap(key=f"{family}:{word}", bits=pack(bits))
            for family, words in families.items()
            for word, bits in words.items()
        ]
        rows.append(WordBitmap(key=BUILT_KEY, bits=pack(INDEX_VERSION)))
        WordBitmap.objects.bulk_create(rows, batch_size=1000)
        # Pages rewritten while this ran keep their note: their entries may be newer than it read.
        WordIndexChange.objects.filter(pk__lte=noted_up_to).delete()
    return len(families["any"])


@task()
def build_word_index_task():
    """Rebuild the search word index: when it is missing, when many pages changed, and nightly."""
    return build_word_index()


# Keeping in step


def _on_task_finished(sender, task_result, **kwargs):
    """The search index rewrote a page's entry: note it, so searches read it from SQL until the
    next build."""
    from modelsearch.tasks import insert_or_update_object_task

    if task_result.task.func is not insert_or_update_object_task.func or not available():
        return
    app_label, model_name, pk = task_result.args
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return
    if issubclass(model, EvidencePage) and str(pk).isdigit():
        # bulk_create sends no post_save: a note is bookkeeping, not content, so it must not empty
        # the caches (an editor's draft save reindexes the page too).
        WordIndexChange.objects.bulk_create([WordIndexChange(page_id=int(pk))])


def connect_signals():
    from django_tasks.signals import task_finished

    task_finished.connect(_on_task_finished, dispatch_uid="finder.word_index")
