"""Index thousands of new pages for search at the cost of one pass over each page's content.

Seeding writes its rows directly, so it indexes them itself with the search backend's own
`add_items()`, the code Wagtail runs on publish: the rows are the same. Left alone, that code is
slow in bulk for three reasons, each removed here for the duration of `indexing_in_bulk()`:

- the database backends' `ObjectIndexer` builds the title, body and autocomplete columns (and, on
  PostgreSQL, the plain-text title and body) each by preparing every search field again, so each
  StreamField's searchable text was extracted five times a page: its prepared fields are kept for
  the indexer's lifetime (one object), so each is prepared once;
- a StreamField converts its stored blocks on first use, one page at a time (a query per page for
  the approaches and inequality groups a brief's findings name): `parse_streams_in_bulk()` converts
  a whole batch's blocks at once, as `StreamValue` does for one page;
- on PostgreSQL, each text becomes a tree of Django expressions (a weighted `SearchVector` per
  text, combined) that is resolved and compiled to SQL for every row: the SQL Django compiles for
  each shape of row (its number of texts and their weights) is kept and reused with the row's texts;
- every `add_items()` ends by recomputing the title norms over the whole index (two scans of the
  table per batch, growing with it): they are recomputed once, when seeding is done.
"""

import contextlib
import sys
from collections import defaultdict

from django.db import connections, router
from django.db.models.sql.subqueries import InsertQuery

from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.search.backends import get_search_backends

__all__ = ["index_in_bulk", "indexing_in_bulk", "parse_streams_in_bulk"]


def _remembering(prepare_field):
    """`ObjectIndexer.prepare_field`, computed once per (object, field) for each indexer."""

    def prepare_field_once(indexer, obj, field):
        prepared = indexer.__dict__.setdefault("_prepared_fields", {})
        key = (id(obj), id(field))
        if key not in prepared:
            prepared[key] = list(prepare_field(indexer, obj, field))
        return iter(prepared[key])

    return prepare_field_once


class CompiledSQL:
    """An expression already compiled to SQL: all that `add_items()` asks of its column values."""

    contains_aggregate = contains_column_references = contains_over_clause = False

    def __init__(self, sql, params):
        self.sql = sql
        self.params = params

    def resolve_expression(self, *args, **kwargs):
        return self

    def as_sql(self, compiler, connection):
        return self.sql, self.params


def _compiling_once(as_vector, module):
    """`ObjectIndexer.as_vector` (PostgreSQL), returning the SQL Django compiles for the same vector:
    compiled once per shape of texts, with placeholders where the texts go, then filled in."""
    index_entry = module.IndexEntry
    templates = {}

    def compile_template(indexer, weights, for_autocomplete):
        placeholders = [f"\x00text {number}\x00" for number in range(len(weights))]
        vector = as_vector(indexer, list(zip(placeholders, weights, strict=True)), for_autocomplete)
        connection = connections[router.db_for_write(index_entry)]
        compiler = InsertQuery(index_entry).get_compiler(connection=connection)
        value = compiler.prepare_value(index_entry._meta.get_field("title"), vector)
        sql, params = value.as_sql(compiler, connection)
        text_slots = [(params.index(placeholder), number) for number, placeholder in enumerate(placeholders)]
        return sql, params, text_slots

    def as_vector_compiled(indexer, texts, for_autocomplete=False):
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            return as_vector(indexer, texts, for_autocomplete)
        weights = tuple(weight for _, weight in texts)
        config = indexer.autocomplete_config if for_autocomplete else indexer.config
        key = (weights, for_autocomplete, config)
        if key not in templates:
            templates[key] = compile_template(indexer, weights, for_autocomplete)
        sql, params, text_slots = templates[key]
        params = list(params)
        for slot, number in text_slots:
            params[slot] = texts[number][0]
        return CompiledSQL(sql, params)

    return as_vector_compiled


def _database_indexes(model):
    """The search backends' indexes for `model`, with the `ObjectIndexer` class each one uses (None
    for a backend that has none, such as a search cluster, which is left as it is)."""
    for backend in get_search_backends(with_auto_update=True):
        index = backend.get_index_for_model(model)
        yield index, getattr(sys.modules[type(index).__module__], "ObjectIndexer", None)


@contextlib.contextmanager
def indexing_in_bulk(model):
    """While open, `index_in_bulk()` prepares each field once and leaves the title norms; on
    closing, the norms are brought up to date once (`model` is any indexed model: the database
    backends keep one index for all)."""
    patched = []
    refreshers = []
    for index, indexer_class in _database_indexes(model):
        if indexer_class is not None and "prepare_field" in vars(indexer_class):
            patched.append((indexer_class, "prepare_field", vars(indexer_class)["prepare_field"]))
            indexer_class.prepare_field = _remembering(indexer_class.prepare_field)
        if indexer_class is not None and "as_vector" in vars(indexer_class):
            patched.append((indexer_class, "as_vector", vars(indexer_class)["as_vector"]))
            indexer_class.as_vector = _compiling_once(indexer_class.as_vector, sys.modules[indexer_class.__module__])
        index_class = type(index)
        if "_refresh_title_norms" in vars(index_class):
            refreshers.append(index)
            patched.append((index_class, "_refresh_title_norms", vars(index_class)["_refresh_title_norms"]))
            index_class._refresh_title_norms = lambda self, full=False: None
    try:
        yield
    finally:
        for owner, name, original in patched:
            setattr(owner, name, original)
    for index in refreshers:
        index._refresh_title_norms()


def parse_streams_in_bulk(objects):
    """Convert every StreamField of `objects` (instances of one model) to native values, each block
    type's values across all the objects at once, so a block that looks rows up (a chooser) queries
    once per batch instead of once per page."""
    if not objects:
        return
    for field in type(objects[0])._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        streams = [field.value_from_object(obj) for obj in objects]
        raw_by_type = defaultdict(list)  # block type -> [raw value], in stream order
        for stream in streams:
            for item in stream.raw_data:
                raw_by_type[item["type"]].append(item["value"])
        native_by_type = {
            type_name: iter(field.stream_block.child_blocks[type_name].bulk_to_python(raw_values))
            for type_name, raw_values in raw_by_type.items()
        }
        for obj, stream in zip(objects, streams, strict=True):
            children = [(item["type"], next(native_by_type[item["type"]]), item.get("id")) for item in stream.raw_data]
            setattr(obj, field.attname, StreamValue(field.stream_block, children))


def index_in_bulk(model, objects):
    """Add `objects` (of `model`) to every search backend, as publishing them would."""
    parse_streams_in_bulk(objects)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)
