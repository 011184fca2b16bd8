"""Put the vocabularies that data migrations seed into the search index.

A data migration works with historical models, which Wagtail's search signals do not see, so the
Core20PLUS5 groups, the focus-area topics and the funders' issues it creates were never indexed:
the admin's snippet choosers and listings search through the index and found none of them
("Core20" returned nothing when an editor tagged a finding). After every `migrate` we index
every searchable snippet (small tables editors manage: a few dozen rows each, one bulk call per
backend), whichever app registered it, so an app's seeded vocabulary needs no mention here.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError

from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backends_with_name
from wagtail.snippets.models import get_snippet_models

__all__ = ["index_seeded_vocabularies", "searchable_snippet_models"]

logger = logging.getLogger(__name__)


def searchable_snippet_models():
    """Snippets (not pages) that the search index holds: every model a data migration may seed."""
    return [model for model in get_snippet_models() if issubclass(model, index.Indexed) and not issubclass(model, Page)]


def index_seeded_vocabularies(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver (also callable by hand): add every row of the seeded vocabularies
    to each search backend that updates itself. Indexing is idempotent."""
    for model in searchable_snippet_models():
        label = model._meta.label
        try:
            objects = list(model._default_manager.using(using).all())
        except DatabaseError:  # migrated backwards past the table: nothing to index
            logger.warning("Could not read %s to index it", label, exc_info=True)
            continue
        if not objects:
            continue
        for backend_name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(model, objects)
            except Exception:
                # A search service that is down must not fail the deployment's migrate; the
                # database backend's errors are real errors and are raised.
                if not backend.catch_indexing_errors:
                    raise
                logger.exception("Could not index %s in the %r search backend", label, backend_name)
