"""Keep the search index in step with what publishing writes after the page's own row."""

from wagtail.search import index

from healthequity.core.models import EvidencePage

__all__ = ["reindex_published_evidence"]


def reindex_published_evidence(sender, instance, **kwargs):
    """Index an evidence page again once publishing has finished.

    Wagtail indexes a page when its row is saved, which is before modelcluster writes its groups,
    topics and authors, so without this a search for a group, topic or author would find the
    page only after it had been published a second time.
    """
    if isinstance(instance, EvidencePage):
        index.insert_or_update_object(instance)
