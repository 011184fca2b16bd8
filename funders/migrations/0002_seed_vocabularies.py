"""Seed the issues (editable afterwards) and the fixed list of activities from DESIGN.md."""

from django.db import migrations

ISSUES = [
    ("health", "Health"),
    ("mental-health", "Mental health"),
    ("housing-and-homelessness", "Housing and homelessness"),
    ("employment", "Employment"),
    ("education-and-skills", "Education and skills"),
    ("poverty-and-financial-inclusion", "Poverty and financial inclusion"),
    ("community-development", "Community development"),
    ("arts-culture-and-heritage", "Arts, culture and heritage"),
    ("environment", "Environment"),
]
ACTIVITIES = [
    ("information-sharing", "Information sharing"),
    ("peer-learning", "Peer learning"),
    ("pooled-funding", "Pooled funding"),
    ("aligned-funding", "Aligned or co-ordinated funding"),
    ("influencing-policy-and-practice", "Influencing policy and practice"),
    ("capacity-building", "Capacity building"),
    ("shared-evaluation", "Shared evaluation"),
]


def seed(apps, schema_editor):
    Issue = apps.get_model("funders", "Issue")
    Activity = apps.get_model("funders", "Activity")
    for order, (slug, name) in enumerate(ISSUES, start=1):
        Issue.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})
    for order, (slug, name) in enumerate(ACTIVITIES, start=1):
        Activity.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})


def unseed(apps, schema_editor):
    apps.get_model("funders", "Issue").objects.filter(slug__in=[slug for slug, _ in ISSUES]).delete()
    apps.get_model("funders", "Activity").objects.filter(slug__in=[slug for slug, _ in ACTIVITIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("funders", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
