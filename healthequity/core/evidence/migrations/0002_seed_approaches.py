"""Seed the approach vocabulary: the kinds of intervention the centre's briefs review."""

from django.db import migrations

APPROACHES = [
    (
        "outreach-and-screening",
        "Outreach and screening",
        "Going to people rather than waiting for them: targeted invitations, mobile units, case finding and "
        "screening in community settings.",
    ),
    (
        "workforce",
        "Workforce",
        "Who delivers care and how they are trained, recruited, supported and given time to act on inequalities.",
    ),
    (
        "digital",
        "Digital",
        "Online access, remote consultations, apps and text messaging, and help for people to use them.",
    ),
    (
        "financial",
        "Financial support",
        "Money in people's pockets or for services: welfare advice, incentives, vouchers and funding formulas.",
    ),
    (
        "service-redesign",
        "Service redesign",
        "Changing how, when and where a service is offered: opening hours, pathways, booking and follow-up.",
    ),
    (
        "community-led",
        "Community-led",
        "Action designed or delivered by the communities themselves: peer support, champions, local groups.",
    ),
    (
        "information-and-education",
        "Information and education",
        "Helping people understand their health and their options: accessible information, translation, "
        "health literacy.",
    ),
    (
        "integrated-care",
        "Integrated care",
        "Services working as one around the person: joint teams, shared records, links between health, "
        "social care, housing and the voluntary sector.",
    ),
]


def seed(apps, schema_editor):
    Approach = apps.get_model("evidence", "Approach")
    for order, (slug, name, description) in enumerate(APPROACHES):
        Approach.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
