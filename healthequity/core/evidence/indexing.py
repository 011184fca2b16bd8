"""The findings index, kept in step with what the public can see.

A page type whose pages carry rated findings hands them over by defining one method (the whole
protocol, so the core names no app):

    def evidence_findings(self) -> Iterable[FindingRecord]: ...

The indexer asks every live, public page of such a type for its findings and stores them as
`Finding` rows, whenever the caching app says that what the public sees of a page may have changed
(`published_pages_changed`: published, unpublished, saved live, deleted, moved, view restrictions
changed), so the map, the finder's finding filters and the JSON read the same content as every
cache. `index_findings` rebuilds the whole index.
"""

from dataclasses import dataclass

from django.db import transaction

from wagtail.models import get_page_models

from healthequity.caching.invalidation import published_pages_changed
from healthequity.core.models import InequalityGroup

from .models import Approach, Finding
from .ratings import Cost, EvidenceStrength, InequalityEffect

__all__ = ["FindingRecord", "connect_signals", "index_pages", "page_types_with_findings"]

BATCH_SIZE = 1000


@dataclass(frozen=True)
class FindingRecord:
    """One finding as a page hands it over: ids, not objects, so no page needs a query to say it."""

    intervention: str
    effect: str
    strength: str
    group_ids: tuple[int, ...] = ()
    approach_id: int | None = None
    cost: str = Cost.NOT_KNOWN


def page_types_with_findings():
    return [model for model in get_page_models() if callable(getattr(model, "evidence_findings", None))]


def _pages_in_scope(queryset, page_ids, under):
    if page_ids is not None:
        return queryset.filter(pk__in=page_ids)
    if under is not None:
        return queryset.filter(path__startswith=under.path)
    return queryset


@transaction.atomic
def index_pages(page_ids=None, *, under=None):
    """Rewrite the findings of some pages: `page_ids`, or every page at or below `under`, or (with
    neither) every page. Pages no longer live and public lose their findings. Returns the number
    of findings written. A fixed number of queries per batch of pages, whatever their number."""
    stale = Finding.objects.all()
    if page_ids is not None:
        stale = stale.filter(page_id__in=page_ids)
    elif under is not None:
        stale = stale.filter(page__path__startswith=under.path)
    stale.delete()
    known_groups = set(InequalityGroup.objects.values_list("pk", flat=True))
    known_approaches = set(Approach.objects.values_list("pk", flat=True))
    written = 0
    for model in page_types_with_findings():
        pages = _pages_in_scope(model.objects.live().public(), page_ids, under).order_by("pk")
        batch = []
        for page in pages.iterator(chunk_size=BATCH_SIZE):
            batch.extend(_rows(page, known_groups, known_approaches))
            if len(batch) >= BATCH_SIZE:
                written += _write(batch)
                batch = []
        written += _write(batch)
    return written


def _rows(page, known_groups, known_approaches):
    for position, record in enumerate(page.evidence_findings()):
        if record.effect not in InequalityEffect.values or record.strength not in EvidenceStrength.values:
            continue  # an incomplete finding (the editor's form requires both) is not a rating
        finding = Finding(
            page_id=page.pk,
            position=position,
            intervention=record.intervention[:250],
            approach_id=record.approach_id if record.approach_id in known_approaches else None,
            effect=record.effect,
            strength=record.strength,
            cost=record.cost if record.cost in Cost.values else Cost.NOT_KNOWN,
        )
        group_ids = [pk for pk in dict.fromkeys(record.group_ids) if pk in known_groups]
        yield finding, group_ids


def _write(batch):
    if not batch:
        return 0
    findings = Finding.objects.bulk_create([finding for finding, _ in batch], batch_size=BATCH_SIZE)
    Through = Finding.groups.through
    Through.objects.bulk_create(
        [
            Through(finding_id=finding.pk, inequalitygroup_id=group_id)
            for finding, (_, group_ids) in zip(findings, batch, strict=True)
            for group_id in group_ids
        ],
        batch_size=BATCH_SIZE,
    )
    return len(findings)


def _on_published_pages_changed(sender, page, subtree=False, **kwargs):
    if subtree:
        index_pages(under=page)
    elif callable(getattr(page.specific_class, "evidence_findings", None)):
        index_pages([page.pk])


def connect_signals():
    published_pages_changed.connect(_on_published_pages_changed, dispatch_uid="healthequity.core.evidence.index")
