"""Seed the taxonomy from NHS England's Core20PLUS5; editors can change it afterwards."""

from django.db import migrations

# (slug, name, description, [(slug, name), ...])
GROUPS = [
    ("core20", "Core20: the most deprived 20%",
     "The most deprived 20% of the national population, as identified by the Index of Multiple Deprivation.", []),
    ("ethnic-minority-communities", "Ethnic minority communities", "", []),
    ("inclusion-health-groups", "Inclusion health groups",
     "People who are socially excluded and typically experience multiple overlapping risk factors for poor health.",
     [
         ("people-experiencing-homelessness", "People experiencing homelessness"),
         ("drug-and-alcohol-dependence", "People with drug and alcohol dependence"),
         ("vulnerable-migrants", "Vulnerable migrants"),
         ("gypsy-roma-traveller-communities", "Gypsy, Roma and Traveller communities"),
         ("sex-workers", "Sex workers"),
         ("people-in-contact-with-justice-system", "People in contact with the justice system"),
         ("victims-of-modern-slavery", "Victims of modern slavery"),
     ]),
    ("learning-disability-and-autism", "People with a learning disability and autistic people", "", []),
    ("coastal-communities", "Coastal communities",
     "Coastal communities with pockets of deprivation hidden amongst relative affluence.", []),
    ("multiple-long-term-conditions", "People with multiple long-term conditions", "", []),
    ("protected-characteristic-groups", "Protected characteristic groups",
     "Groups sharing a characteristic protected by the Equality Act 2010.", []),
    ("children-and-young-people", "Children and young people",
     "PLUS groups added for children and young people.",
     [
         ("young-carers", "Young carers"),
         ("looked-after-children-and-care-leavers", "Looked-after children and care leavers"),
         ("young-people-in-contact-with-justice-system", "Young people in contact with the justice system"),
     ]),
]

TOPICS = [
    ("maternity", "Maternity", "adult-focus-area"),
    ("severe-mental-illness", "Severe mental illness", "adult-focus-area"),
    ("chronic-respiratory-disease", "Chronic respiratory disease", "adult-focus-area"),
    ("early-cancer-diagnosis", "Early cancer diagnosis", "adult-focus-area"),
    ("hypertension", "Hypertension", "adult-focus-area"),
    ("asthma", "Asthma", "cyp-focus-area"),
    ("diabetes", "Diabetes", "cyp-focus-area"),
    ("epilepsy", "Epilepsy", "cyp-focus-area"),
    ("oral-health", "Oral health", "cyp-focus-area"),
    ("mental-health", "Mental health", "cyp-focus-area"),
]


def seed(apps, schema_editor):
    InequalityGroup = apps.get_model("core", "InequalityGroup")
    Topic = apps.get_model("core", "Topic")
    for order, (slug, name, description, children) in enumerate(GROUPS, start=1):
        parent, _ = InequalityGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order * 10}
        )
        for child_order, (child_slug, child_name) in enumerate(children, start=1):
            InequalityGroup.objects.get_or_create(
                slug=child_slug, defaults={"name": child_name, "parent": parent, "sort_order": child_order * 10}
            )
    for slug, name, kind in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})


def unseed(apps, schema_editor):
    slugs = [slug for slug, *_ in GROUPS] + [child for *_, children in GROUPS for child, _ in children]
    apps.get_model("core", "InequalityGroup").objects.filter(parent__isnull=False, slug__in=slugs).delete()
    apps.get_model("core", "InequalityGroup").objects.filter(slug__in=slugs).delete()
    apps.get_model("core", "Topic").objects.filter(slug__in=[slug for slug, *_ in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
