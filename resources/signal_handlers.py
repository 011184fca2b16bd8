"""Keep the search index and the finder's cached counts and cards in step with the content."""

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from healthequity.caching.invalidation import is_bookkeeping_save
from healthequity.core.models import Author, EvidencePage, InequalityGroup, Topic

from .caching import content_changed


def reindex_published_evidence(sender, instance, **kwargs):
    """Index an evidence page again once publishing has finished.

    Wagtail indexes a page when its row is saved, which is before modelcluster writes its groups,
    topics and authors, so without this a search for a group, topic or author would find the
    page only after it had been published a second time.
    """
    if isinstance(instance, EvidencePage):
        index.insert_or_update_object(instance)


def page_saved(sender, instance, **kwargs):
    """Any page saved (published, made live in code, given new tags) may change the counts.
    post_save names the concrete class, so this listens to every save and checks."""
    if isinstance(instance, Page):
        content_changed()


def image_saved(sender, instance, update_fields=None, **kwargs):
    """A card shows its listing image; but Wagtail filling in an image's file size or hash the
    first time it needs them changes nothing a visitor sees."""
    if not is_bookkeeping_save(update_fields):
        content_changed()


def register_signal_handlers():
    page_published.connect(reindex_published_evidence, dispatch_uid="resources_reindex_published_evidence")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"resources_counts_{id(signal)}")
    post_save.connect(page_saved, dispatch_uid="resources_counts_page_saved")
    post_delete.connect(content_changed, sender=Page, dispatch_uid="resources_counts_page_deleted")
    # Promoted search results and result cards are cached under the same version (see promotions
    # and cards): a card names its authors and shows its listing image.
    image_model = get_image_model()
    for model in (PageViewRestriction, InequalityGroup, Topic, Author, image_model, SearchPromotion):
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"resources_counts_deleted_{model.__name__}")
        on_save = image_saved if model is image_model else content_changed
        post_save.connect(on_save, sender=model, dispatch_uid=f"resources_counts_saved_{model.__name__}")
