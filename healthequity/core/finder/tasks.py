"""The finder's background work (Django's task framework, the django-tasks backport)."""

from django_tasks import task

from .words import rebuild_search_words

__all__ = ["refresh_search_words"]


@task()
def refresh_search_words():
    """Rebuild the vocabulary of "Did you mean", dropping words no live page uses any more.
    Publishing adds words as it goes; run this daily (or after a bulk import)."""
    return rebuild_search_words()
