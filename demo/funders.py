"""Demo content for the funders' pages, from funders.yaml and funders_records.yaml.

`load_funders_demo(home_page)` is idempotent: pages are found by slug and records by a fixed
token, so a second run adds nothing.
"""

import datetime
import uuid
from collections import Counter

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from funders.models import (
    Activity,
    FundersIndexPage,
    InterestRegistration,
    Issue,
    OpportunityEvent,
    OpportunityLink,
    OpportunityOrganisation,
    OpportunityPage,
    OpportunitySubmission,
)
from healthequity.core.models import InequalityGroup, Topic

from .values import lookup, read

__all__ = ["load_funders_demo"]

# The tags of opportunities and submissions, named by slug in the data.
TAGS = {"issues": Issue, "activities": Activity, "groups": InequalityGroup, "topics": Topic}


def _untagged(spec):
    """The fields of an opportunity or submission other than its tags, and a function to set the tags."""
    fields = {name: value for name, value in spec.items() if name not in TAGS}

    def tag(item):
        for name, model in TAGS.items():
            objects = {obj.slug: obj for obj in model.objects.filter(slug__in=spec[name])}
            getattr(item, name).set(lookup(objects, spec[name], name))

    return fields, tag


def index_page(home_page, spec):
    existing = FundersIndexPage.objects.child_of(home_page).first()
    if existing:
        return existing, False
    page = FundersIndexPage(**spec)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def opportunity(index, spec):
    if OpportunityPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
        return False
    fields, tag = _untagged(spec)
    events, organisations, links = fields.pop("events"), fields.pop("organisations"), fields.pop("links")
    page = OpportunityPage(**fields)
    tag(page)
    for event in events:
        times = {name: datetime.time.fromisoformat(event[name]) for name in ("start_time", "end_time") if name in event}
        page.events.add(OpportunityEvent(**{**event, **times}))
    for organisation in organisations:
        page.organisations.add(OpportunityOrganisation(**organisation))
    for link in links:
        page.links.add(OpportunityLink(**link))
    index.add_child(instance=page)
    page.save_revision().publish()
    return True


def submission(spec):
    if OpportunitySubmission.objects.filter(idempotency_token=spec["idempotency_token"]).exists():
        return False
    fields, tag = _untagged(spec)
    fields["idempotency_token"] = uuid.UUID(fields["idempotency_token"])
    record = OpportunitySubmission.objects.create(consent_to_contact=True, consent_to_publish=True, **fields)
    tag(record)
    log(record, "funders.submission.receive")
    return True


def registration(index, spec):
    if InterestRegistration.objects.filter(idempotency_token=spec["idempotency_token"]).exists():
        return False
    fields = {**spec, "idempotency_token": uuid.UUID(spec["idempotency_token"])}
    page = OpportunityPage.objects.child_of(index).get(slug=fields.pop("opportunity"))
    InterestRegistration.objects.create(
        **fields,
        opportunity=page,
        opportunity_title=page.title,
        consent_to_share=True,
        created_at=timezone.now(),
    )
    return True


def load_funders_demo(home_page, created=None, present=None):
    """Build the funders' demo content under the home page.

    Counts what it created and what was already there by kind, into the Counters given (the demo
    loader's own, so its summary covers the funders too) or new ones; returns (created, present).
    """
    created = Counter() if created is None else created
    present = Counter() if present is None else present
    data, records = read("funders"), read("funders_records")

    def count(label, was_created):
        (created if was_created else present)[label] += 1

    with transaction.atomic():
        index, index_created = index_page(home_page, data["index"])
        count("Funders' index page", index_created)
        for spec in data["opportunities"]:
            count("Funders' opportunities", opportunity(index, spec))
        for spec in records["submissions"]:
            count("Funders' submissions", submission(spec))
        for spec in records["registrations"]:
            count("Funders' interest registrations", registration(index, spec))
    return created, present
