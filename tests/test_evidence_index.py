"""Findings as data: every live, public brief's rated findings in one table, kept in step with
publishing, unpublishing, privacy, moves and deletion."""

import io

from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest

from healthequity.core.evidence.blocks import ApproachBlock
from healthequity.core.evidence.models import Approach, Finding
from healthequity.core.models import InequalityGroup
from tests import factories
from tests.factories import finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def taxonomy():
    core20 = InequalityGroup.objects.get(slug="core20")
    coastal = InequalityGroup.objects.get(slug="coastal-communities")
    digital = Approach.objects.get(slug="digital")
    return core20, coastal, digital


def indexed(page):
    return [
        (
            row.intervention,
            row.effect,
            row.strength,
            row.cost,
            row.approach and row.approach.slug,
            sorted(group.slug for group in row.groups.all()),
        )
        for row in Finding.objects.filter(page=page).order_by("position")
    ]


def brief_with_findings(resource_index, taxonomy, **kwargs):
    core20, coastal, digital = taxonomy
    return factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        findings=[
            finding("Text reminders", [core20, coastal], "narrows", "strong", digital, "low"),
            finding("Leaflets", [coastal], "no-clear-effect", "limited"),
        ],
        **kwargs,
    )


def test_the_approach_vocabulary_is_seeded():
    assert set(Approach.objects.values_list("slug", flat=True)) >= {
        "outreach-and-screening",
        "workforce",
        "digital",
        "financial",
        "service-redesign",
        "community-led",
    }


def test_a_live_brief_has_its_findings_indexed_with_every_rating(resource_index, taxonomy):
    brief = brief_with_findings(resource_index, taxonomy)

    assert indexed(brief) == [
        ("Text reminders", "narrows", "strong", "low", "digital", ["coastal-communities", "core20"]),
        ("Leaflets", "no-clear-effect", "limited", "not-known", None, ["coastal-communities"]),
    ]


def test_publishing_unpublishing_and_republishing_keep_the_index_in_step(resource_index, taxonomy):
    core20, coastal, digital = taxonomy
    brief = brief_with_findings(resource_index, taxonomy)
    brief.findings = [finding("Community champions", [core20], "widens", "moderate", digital, "high")]
    brief.save_revision().publish()
    assert [row[0] for row in indexed(brief)] == ["Community champions"]

    brief.unpublish()
    assert indexed(brief) == []

    brief.refresh_from_db()
    brief.save_revision().publish()
    assert [row[:4] for row in indexed(brief)] == [("Community champions", "widens", "moderate", "high")]


def test_a_draft_changes_nothing_until_published(resource_index, taxonomy):
    core20, _, _ = taxonomy
    brief = brief_with_findings(resource_index, taxonomy)
    brief.findings = [finding("Not yet", [core20])]
    brief.save_revision()  # a draft

    assert [row[0] for row in indexed(brief)] == ["Text reminders", "Leaflets"]


def test_making_a_section_private_drops_every_finding_below_it_and_public_again_restores_them(resource_index, taxonomy):
    brief = brief_with_findings(resource_index, taxonomy)
    restriction = PageViewRestriction.objects.create(
        page=resource_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert indexed(brief) == []

    restriction.delete()
    assert len(indexed(brief)) == 2


def test_deleting_a_brief_deletes_its_findings(resource_index, taxonomy):
    brief = brief_with_findings(resource_index, taxonomy)
    brief.delete()

    assert Finding.objects.count() == 0


def test_findings_stored_before_the_groups_became_checkboxes_are_still_read(resource_index, taxonomy):
    core20, coastal, _ = taxonomy
    old_form = {
        "type": "finding",
        "value": {
            "intervention": "Outreach clinics",
            "groups": [
                {"type": "item", "value": core20.pk, "id": "a"},
                {"type": "item", "value": coastal.pk, "id": "b"},
            ],
            "effect": "mixed",
            "strength": "very-limited",
            "detail": "",
        },
    }
    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, findings=[old_form])

    assert indexed(brief) == [
        ("Outreach clinics", "mixed", "very-limited", "not-known", None, ["coastal-communities", "core20"])
    ]
    assert [group.slug for group in brief.findings[0].value["groups"]] == ["core20", "coastal-communities"]


def test_the_command_rebuilds_the_whole_index(resource_index, taxonomy):
    brief = brief_with_findings(resource_index, taxonomy)
    Finding.objects.all().delete()

    call_command("index_findings", stdout=io.StringIO())

    assert len(indexed(brief)) == 2


@pytest.mark.parametrize("posted", ["", "not-a-number", "999999"])
def test_a_finding_posted_without_a_known_approach_has_none(posted):
    """The editor's select posts "" for no approach; anything else unknown is treated alike, not a 500."""
    assert ApproachBlock().value_from_datadict({"approach": posted}, {}, "approach") is None


def test_a_finding_posted_with_an_approach_keeps_it(taxonomy):
    _, _, digital = taxonomy
    assert ApproachBlock().value_from_datadict({"approach": str(digital.pk)}, {}, "approach") == digital
