"""The finder's background work (Django's task framework, the django-tasks backport)."""

from django_tasks import task

from .facet_index import build_facet_index
from .search_counts import flush_search_counts
from .word_index import build_word_index_task
from .words import rebuild_search_words

__all__ = ["build_facet_index", "build_word_index_task", "flush_counted_searches", "refresh_search_words"]


@task()
def flush_counted_searches():
    """Move the searches counted in the cache into the admin's reports; run every few minutes."""
    return flush_search_counts()


@task()
def refresh_search_words():
    """Rebuild the vocabulary of "Did you mean", dropping words no live page uses any more.
    Publishing adds words as it goes; run this daily (or after a bulk import)."""
    return rebuild_search_words()
