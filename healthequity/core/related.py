"""Related content: the live pages that share the most inequality groups and topics with a page.

One ranked query (two correlated count subqueries, no joins that multiply rows) plus the fixed
prefetches of `listing_queryset`, whatever the number of pages.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from healthequity.core.models import EvidencePage, listing_queryset

__all__ = ["RELATED_LIMIT", "related_pages"]

RELATED_LIMIT = 3


def _shared_count(through, target_field, ids):
    """How many of `ids` a candidate page is tagged with, as a subquery (0 when none)."""
    if not ids:
        return Value(0, output_field=IntegerField())
    shared = (
        through.objects.filter(evidencepage_id=OuterRef("pk"), **{f"{target_field}_id__in": ids})
        .order_by()
        .values("evidencepage_id")
        .annotate(shared=Count("pk"))
        .values("shared")
    )
    return Coalesce(Subquery(shared, output_field=IntegerField()), Value(0))


def related_pages(page, limit=RELATED_LIMIT):
    """Live, public evidence pages ranked by shared groups and topics, then newest first.

    Pages that have been replaced by a newer one are left out: readers should be sent to the
    newer version, which is listed in its own right.
    """
    # Read from the page instance so previews of unsaved changes rank by what the editor chose.
    group_ids = [group.pk for group in page.groups.all()]
    topic_ids = [topic.pk for topic in page.topics.all()]
    if not (group_ids or topic_ids):
        return EvidencePage.objects.none()

    groups_through, topics_through = EvidencePage.groups.through, EvidencePage.topics.through
    # Candidates through the link tables' indexes; the counts are only computed to rank them.
    shares_a_tag = Q(
        pk__in=groups_through.objects.filter(inequalitygroup_id__in=group_ids).values("evidencepage_id")
    ) | Q(pk__in=topics_through.objects.filter(topic_id__in=topic_ids).values("evidencepage_id"))
    candidates = (
        EvidencePage.objects.live()
        .public()
        .filter(shares_a_tag, replaced_by__isnull=True)
        .alias(
            relevance=_shared_count(groups_through, "inequalitygroup", group_ids)
            + _shared_count(topics_through, "topic", topic_ids)
        )
    )
    if page.pk:
        candidates = candidates.exclude(pk=page.pk)
    return listing_queryset(candidates).order_by("-relevance", "-publication_date", "-id")[:limit]
