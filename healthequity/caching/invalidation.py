"""When published content changes, forget every cached page and value and purge the CDN's copies.

One mechanism for every cache of published content: the whole-page cache (middleware) and the
values worked out from the content (content: the finder's counts, result cards, vocabularies and
editors' picks) are all keyed by one generation, bumped here.

What counts as a change:
- a page published, unpublished, moved or deleted (Wagtail's signals; scheduled publishing fires
  the same ones), and its privacy settings;
- a live page saved in full (pages made live in code, as imports, seeding and tests do);
- a snippet, a site or generic setting, an image, a document, a site or a redirect saved or
  deleted anywhere (they show on many pages);
- any model of this project's own apps saved or deleted while an editor works in /admin/, so an
  app's admin-managed records (for example approved funder opportunities) count without being
  listed here. Records the public sends in (form posts outside /admin/) do not flush the cache.

Drafts do not count: saving a page's draft changes nothing the public sees. That includes the
rows a page owns (its inline panels' children, its many-to-many links), which Wagtail writes when
the draft of a never-published page is saved, autosave included, every few seconds while an
editor types; they count when the page is published.

The generation is bumped at once, so the request or command making the change reads its own
writes, and again when the transaction commits, so no request can re-cache the old content in
between.
"""

import contextvars
import logging
from functools import cache as memoize

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal

from modelcluster.fields import ParentalKey
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
    published,
    unpublished,
)

from healthequity.caching.generation import bump_generation
from healthequity.caching.purging import cdn_is_configured, purge_from_cdn

__all__ = [
    "connect_signals",
    "in_admin_request",
    "invalidate_all",
    "published_pages_changed",
]

logger = logging.getLogger("healthequity.caching")

# Sent, with the caches' own invalidation, when what the public can see of a page may have changed:
# `page` published, unpublished, saved live or deleted (`subtree=False`; a deleted section sends one
# for each page), or moved or its view restrictions changed, which may change every page below it
# (`subtree=True`). Indexes derived from published pages (the findings index,
# healthequity.core.evidence) listen here, so they follow exactly the events the caches follow.
published_pages_changed = Signal()

# Set by the page-cache middleware's neighbour for requests under /admin/.
in_admin_request: contextvars.ContextVar[bool] = contextvars.ContextVar("in_admin_request", default=False)


def invalidate_all(reason: str = "") -> None:
    """Bump the generation now and once more when the current transaction commits."""
    bump_generation()
    logger.debug("Content caches invalidated", extra={"reason": reason})
    transaction.on_commit(_bump_after_commit, robust=True)


def _bump_after_commit():
    bump_generation()
    _note_write_for_replica_routing()


def _note_write_for_replica_routing():
    from healthequity.db_routers import note_write

    note_write()


@memoize
def _shared_content_models() -> tuple[type, ...]:
    """Models whose rows appear on public pages wherever they are saved from."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    named = [apps.get_model(label) for label in getattr(settings, "PAGE_CACHE_INVALIDATING_MODELS", [])]
    return (
        BaseSiteSetting,
        BaseGenericSetting,
        Site,
        Redirect,
        SearchPromotion,  # editors' picks above the finder's search results
        PageViewRestriction,
        CollectionViewRestriction,
        get_image_model(),
        get_document_model(),
        *[model for model in get_snippet_models() if not issubclass(model, Page)],
        *named,
    )


@memoize
def _project_app_labels() -> frozenset[str]:
    base = str(settings.BASE_DIR)
    return frozenset(
        config.label for config in apps.get_app_configs() if config.path.startswith(base) and ".venv" not in config.path
    )


@memoize
def _is_page_owned(model) -> bool:
    """Rows that belong to one page: children with a ParentalKey to it, and its ParentalManyToMany links."""
    owner = model._meta.auto_created  # the model an automatic many-to-many table belongs to
    if owner and issubclass(owner, Page):
        return True
    parents = [field.related_model for field in model._meta.concrete_fields if isinstance(field, ParentalKey)]
    return any(isinstance(parent, type) and issubclass(parent, Page) for parent in parents)


# What Wagtail writes on a page's row when a draft is saved or the page is locked: nothing public.
DRAFT_FIELDS = frozenset(
    {
        "comments",
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _page_save_counts(page, update_fields) -> bool:
    """A live page saved beyond its draft bookkeeping (publishing sends its own signal as well)."""
    return page.live and not (update_fields and set(update_fields) <= DRAFT_FIELDS)


def _counts(instance) -> bool:
    if isinstance(instance, Page) or _is_page_owned(type(instance)):
        return False  # pages count when published, unpublished, moved, deleted or saved live
    if isinstance(instance, _shared_content_models()):
        return True
    return in_admin_request.get() and instance._meta.app_label in _project_app_labels()


# Fields Wagtail fills in on an image or document the first time it needs them: saving them alone
# changes nothing a visitor sees.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def is_bookkeeping_save(update_fields) -> bool:
    """Whether a save wrote only Wagtail's bookkeeping fields (shared with the finder's cache)."""
    return bool(update_fields) and set(update_fields) <= BOOKKEEPING_FIELDS


def _is_default_settings_row(instance, created) -> bool:
    """Wagtail creates a settings row, with its defaults, the first time a page reads it."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting))


def _on_model_change(sender, instance, update_fields=None, created=False, **kwargs):
    if is_bookkeeping_save(update_fields) or _is_default_settings_row(instance, created):
        return
    if _counts(instance):
        invalidate_all(f"{instance._meta.label} changed")
    _announce_privacy_change(instance)


def _announce_privacy_change(instance):
    from wagtail.models import PageViewRestriction

    if not isinstance(instance, PageViewRestriction):
        return
    # Read afresh: when a page is deleted, its restrictions go first and the page may be gone.
    page = Page.objects.filter(pk=instance.page_id).only("path", "depth").first()
    if page is not None:
        published_pages_changed.send(sender=type(instance), page=page, subtree=True)
        # Made private: the CDN must stop serving it now; made public: its listings change.
        _purge_subtree(page)


def _purge_subtree(page):
    if cdn_is_configured():
        purge_from_cdn(page.get_descendants(inclusive=True).live().specific(defer=True))


def _on_page_saved(sender, instance, update_fields=None, **kwargs):
    if isinstance(instance, Page) and _page_save_counts(instance, update_fields):
        invalidate_all(f"page {instance.pk} saved live")
        published_pages_changed.send(sender=sender, page=instance, subtree=False)
        # The page's groups and topics are not written yet: the tags it leaves are purged here,
        # the tags it gains when it is announced as published.
        purge_from_cdn([instance])


def _on_page_saving(sender, instance, update_fields=None, **kwargs):
    # A new slug moves the page and everything below it: their old addresses, read before the
    # rows change, leave the CDN as a move's do.
    if not (cdn_is_configured() and isinstance(instance, Page) and instance.pk and instance.live):
        return
    if update_fields is not None and "slug" not in update_fields:
        return
    before = Page.objects.filter(pk=instance.pk, live=True).only("slug", "path", "depth", "url_path").first()
    if before is not None and before.slug != instance.slug:
        _purge_subtree(before)


def _on_page_deleting(sender, instance, **kwargs):
    # Before the delete, while the page's tags can still be read. A page is deleted as one row per
    # class it inherits from; its most specific class speaks for it.
    if isinstance(instance, Page) and instance.live and type(instance) is instance.specific_class:
        purge_from_cdn([instance])


def _on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        invalidate_all(f"page {instance.pk} deleted")
        published_pages_changed.send(sender=sender, page=instance, subtree=False)


def _on_m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _counts(instance):
        invalidate_all(f"{instance._meta.label} relations changed")


def _on_page_published(sender, instance, **kwargs):
    invalidate_all(f"page {instance.pk} published")
    published_pages_changed.send(sender=sender, page=instance, subtree=False)
    purge_from_cdn([instance])


def _on_page_unpublished(sender, instance, **kwargs):
    invalidate_all(f"page {instance.pk} unpublished")
    published_pages_changed.send(sender=sender, page=instance, subtree=False)
    purge_from_cdn([instance])


def _on_page_moving(sender, instance, **kwargs):
    # The old addresses of the page and everything below it, and the listings it leaves.
    _purge_subtree(instance)


def _on_page_moved(sender, instance, **kwargs):
    # A reorder under the same parent counts too: listings may follow the tree's order.
    invalidate_all(f"page {instance.pk} moved")
    published_pages_changed.send(sender=sender, page=instance, subtree=True)
    if cdn_is_configured():
        _purge_subtree(Page.objects.get(pk=instance.pk))  # read afresh: the new addresses


def _on_object_published(sender, instance, **kwargs):
    # Snippets with draft/publish states send these; pages send page_published as well.
    if not isinstance(instance, Page):
        invalidate_all(f"{instance._meta.label} published or unpublished")


def connect_signals() -> None:
    uid = "healthequity.caching"
    post_save.connect(_on_model_change, dispatch_uid=f"{uid}.save")
    post_save.connect(_on_page_saved, dispatch_uid=f"{uid}.page_save")
    post_delete.connect(_on_model_change, dispatch_uid=f"{uid}.delete")
    pre_save.connect(_on_page_saving, dispatch_uid=f"{uid}.page_saving")
    pre_delete.connect(_on_page_deleting, dispatch_uid=f"{uid}.page_deleting")
    post_delete.connect(_on_page_deleted, dispatch_uid=f"{uid}.page_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid=f"{uid}.m2m")
    page_published.connect(_on_page_published, dispatch_uid=f"{uid}.page_published")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid=f"{uid}.page_unpublished")
    pre_page_move.connect(_on_page_moving, dispatch_uid=f"{uid}.page_moving")
    post_page_move.connect(_on_page_moved, dispatch_uid=f"{uid}.page_moved")
    published.connect(_on_object_published, dispatch_uid=f"{uid}.published")
    unpublished.connect(_on_object_published, dispatch_uid=f"{uid}.unpublished")
