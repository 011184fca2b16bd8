"""Demo content for the funders' pages, called by `manage.py load_demo_content`.

`load_funders_demo(home_page)` is idempotent: pages are found by slug and records by a fixed
token, so a second run adds nothing. The data is in opportunities.py and records.py.
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

from .opportunities import INDEX, OPPORTUNITIES
from .records import REGISTRATIONS, SUBMISSIONS

__all__ = ["load_funders_demo"]


def _by_slug(model, slugs):
    found = {item.slug: item for item in model.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def index_page(home_page):
    existing = FundersIndexPage.objects.child_of(home_page).first()
    if existing:
        return existing, False
    page = FundersIndexPage(title=INDEX["title"], slug=INDEX["slug"], introduction=INDEX["introduction"])
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def opportunity(index, data):
    if OpportunityPage.objects.child_of(index).filter(slug=data["slug"]).exists():
        return False
    contact_name, contact_email = data["contact"]
    page = OpportunityPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        location=data["location"],
        stage=data["stage"],
        aims_and_activities=data["aims"],
        how_to_get_involved=data["involved"],
        last_reviewed=data["reviewed"],
        contact_name=contact_name,
        contact_email=contact_email,
    )
    page.issues.set(_by_slug(Issue, data["issues"]))
    page.activities.set(_by_slug(Activity, data["activities"]))
    page.groups.set(_by_slug(InequalityGroup, data["groups"]))
    page.topics.set(_by_slug(Topic, data["topics"]))
    for title, date, start, end, how in data["events"]:
        page.events.add(
            OpportunityEvent(title=title, date=date, start_time=_time(start), end_time=_time(end), how_to_join=how)
        )
    for name, role, website in data["organisations"]:
        page.organisations.add(OpportunityOrganisation(name=name, role=role, website=website))
    for title, url, description in data["links"]:
        page.links.add(OpportunityLink(title=title, url=url, description=description))
    index.add_child(instance=page)
    page.save_revision().publish()
    return True


def submission(token, data):
    if OpportunitySubmission.objects.filter(idempotency_token=token).exists():
        return False
    fields = {key: value for key, value in data.items() if key not in ("issues", "activities", "groups", "topics")}
    record = OpportunitySubmission.objects.create(
        idempotency_token=uuid.UUID(token), consent_to_contact=True, consent_to_publish=True, **fields
    )
    record.issues.set(_by_slug(Issue, data["issues"]))
    record.activities.set(_by_slug(Activity, data["activities"]))
    record.groups.set(_by_slug(InequalityGroup, data["groups"]))
    record.topics.set(_by_slug(Topic, data["topics"]))
    log(record, "funders.submission.receive")
    return True


def registration(index, token, slug, data):
    if InterestRegistration.objects.filter(idempotency_token=token).exists():
        return False
    page = OpportunityPage.objects.child_of(index).get(slug=slug)
    InterestRegistration.objects.create(
        idempotency_token=uuid.UUID(token),
        opportunity=page,
        opportunity_title=page.title,
        consent_to_share=True,
        created_at=timezone.now(),
        **data,
    )
    return True


def load_funders_demo(home_page, created=None, present=None):
    """Build the funders' demo content under the home page.

    Counts what it created and what was already there by kind, into the Counters given (the demo
    loader's own, so its summary covers the funders too) or new ones; returns (created, present).
    """
    created = Counter() if created is None else created
    present = Counter() if present is None else present

    def count(label, was_created):
        (created if was_created else present)[label] += 1

    with transaction.atomic():
        index, index_created = index_page(home_page)
        count("Funders' index page", index_created)
        for data in OPPORTUNITIES:
            count("Funders' opportunities", opportunity(index, data))
        for token, data in SUBMISSIONS:
            count("Funders' submissions", submission(token, data))
        for token, slug, data in REGISTRATIONS:
            count("Funders' interest registrations", registration(index, token, slug, data))
    return created, present
