"""The taxonomy is data: seeded from Core20PLUS5 and kept to two levels."""

from django.core.exceptions import ValidationError

import pytest

from healthequity.core.finder.location import finder_url, group_page_url, topic_page_url
from healthequity.core.models import InequalityGroup, Topic
from tests import factories


@pytest.mark.django_db
def test_migration_seeds_the_core20plus5_groups():
    top_level = set(InequalityGroup.objects.filter(parent__isnull=True).values_list("slug", flat=True))
    assert {
        "core20",
        "ethnic-minority-communities",
        "inclusion-health-groups",
        "learning-disability-and-autism",
        "coastal-communities",
        "multiple-long-term-conditions",
        "protected-characteristic-groups",
    } <= top_level
    inclusion = InequalityGroup.objects.get(slug="inclusion-health-groups")
    assert set(inclusion.children.values_list("slug", flat=True)) == {
        "people-experiencing-homelessness",
        "drug-and-alcohol-dependence",
        "vulnerable-migrants",
        "gypsy-roma-traveller-communities",
        "sex-workers",
        "people-in-contact-with-justice-system",
        "victims-of-modern-slavery",
    }
    young = InequalityGroup.objects.get(slug="children-and-young-people")
    assert young.children.filter(slug="young-carers").exists()


@pytest.mark.django_db
def test_migration_seeds_the_clinical_focus_areas_as_topics():
    adults = set(Topic.objects.filter(kind="adult-focus-area").values_list("slug", flat=True))
    children = set(Topic.objects.filter(kind="cyp-focus-area").values_list("slug", flat=True))
    assert adults == {
        "maternity",
        "severe-mental-illness",
        "chronic-respiratory-disease",
        "early-cancer-diagnosis",
        "hypertension",
    }
    assert children == {"asthma", "diabetes", "epilepsy", "oral-health", "mental-health"}


@pytest.mark.django_db
def test_groups_are_at_most_two_levels_deep():
    subgroup = InequalityGroup.objects.get(slug="sex-workers")
    too_deep = InequalityGroup(name="Too deep", slug="too-deep", parent=subgroup)
    with pytest.raises(ValidationError) as error:
        too_deep.full_clean()
    assert "parent" in error.value.message_dict


@pytest.mark.django_db
def test_a_group_with_subgroups_stays_at_the_top():
    inclusion = InequalityGroup.objects.get(slug="inclusion-health-groups")
    inclusion.parent = factories.InequalityGroupFactory()
    with pytest.raises(ValidationError):
        inclusion.full_clean()


@pytest.mark.django_db
def test_tags_link_into_the_finder_wherever_the_page_tree_puts_it(resource_index, django_capture_on_commit_callbacks):
    assert finder_url([("group", "core20")]) == "/resources/?group=core20"
    assert finder_url([("topic", "asthma")]) == "/resources/?topic=asthma"
    assert group_page_url(InequalityGroup.objects.get(slug="core20")) == "/resources/groups/core20/"
    assert topic_page_url(Topic.objects.get(slug="asthma")) == "/resources/topics/asthma/"
    with django_capture_on_commit_callbacks(execute=True):
        resource_index.slug = "evidence"
        resource_index.save_revision().publish()
    assert finder_url([("group", "core20")]) == "/evidence/?group=core20"
    assert group_page_url(InequalityGroup.objects.get(slug="core20")) == "/evidence/groups/core20/"
