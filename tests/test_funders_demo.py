"""The funders' demo content: enough to try every filter, and the same after a second run."""

import pytest

from demo.funders import load_funders_demo
from funders.models import (
    ACTIVITIES,
    ISSUES,
    InterestRegistration,
    Location,
    OpportunityPage,
    OpportunitySubmission,
    Stage,
)


@pytest.mark.django_db
def test_demo_content_spans_the_vocabularies_and_is_idempotent(home_page, client):
    created, present = load_funders_demo(home_page)
    assert created["Funders' opportunities"] >= 8
    assert created["Funders' submissions"] >= 3
    assert created["Funders' interest registrations"] >= 3
    assert not present
    live = OpportunityPage.objects.live()
    assert live.count() >= 8
    assert set(live.values_list("stage", flat=True)) == set(Stage.values)
    assert len(set(live.values_list("location", flat=True))) >= 8
    assert live.filter(location=Location.INTERNATIONAL).exists()
    # Every issue and every activity leads somewhere, and groups and topics are used too.
    assert {slug for slug, _ in ISSUES} <= set(live.values_list("issues__slug", flat=True))
    assert {slug for slug, _ in ACTIVITIES} <= set(live.values_list("activities__slug", flat=True))
    assert len(set(live.values_list("groups__slug", flat=True)) - {None}) >= 8
    assert len(set(live.values_list("topics__slug", flat=True)) - {None}) >= 5
    assert OpportunitySubmission.objects.filter(status="new").count() >= 3

    counts = (
        OpportunityPage.objects.count(),
        OpportunitySubmission.objects.count(),
        InterestRegistration.objects.count(),
    )
    created, present = load_funders_demo(home_page)
    assert not created
    assert present["Funders' opportunities"] >= 8
    assert (
        OpportunityPage.objects.count(),
        OpportunitySubmission.objects.count(),
        InterestRegistration.objects.count(),
    ) == counts

    html = client.get("/funders/tackling-health-inequalities/").content.decode()
    assert "NHS England Healthcare Inequalities Improvement Team" in html
    assert client.get("/funders/?issue=health&location=england").status_code == 200
