"""Add N evidence pages for the load and fault scripts when seed_benchmark_content is not
available: spread over the inequality groups, topics and types, each with a few paragraphs,
under the site's existing indexes (made first if the site is empty).

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... .venv/bin/python scripts/seed_load_content.py 200
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.db import transaction  # noqa: E402

from healthequity.core.finder.models import EvidenceIndexPage  # noqa: E402
from healthequity.core.models import HomePage, InequalityGroup, Topic  # noqa: E402
from resources.models import ResourceIndexPage  # noqa: E402
from tests import factories  # noqa: E402

PARAGRAPH = (
    "<p>People in the most deprived fifth of neighbourhoods wait longer, are diagnosed later and are "
    "more often admitted as emergencies. This analysis sets out what the data show, what they cannot "
    "show, and where commissioners could act first.</p>"
)
KINDS = ["analysis", "report", "tool", "data", "evidence-map"]


@transaction.atomic
def seed(count: int) -> None:
    rng = random.Random(7)
    home = HomePage.objects.first() or factories.create_site_home(title="Health Equity Evidence Centre")
    resources = ResourceIndexPage.objects.first() or factories.ResourceIndexPageFactory(
        parent=home, title="Resources", slug="resources"
    )
    blog = EvidenceIndexPage.objects.filter(listed_type="blog").first() or factories.BlogIndexPageFactory(parent=home)
    panel = EvidenceIndexPage.objects.filter(
        listed_type="citizens-panel"
    ).first() or factories.CitizensPanelIndexPageFactory(parent=home)
    groups, topics = list(InequalityGroup.objects.all()), list(Topic.objects.all())
    body = [("paragraph", PARAGRAPH)] * 6
    for number in range(count):
        common = {
            "groups": rng.sample(groups, k=2),
            "topics": rng.sample(topics, k=2),
            "body": body,
        }
        if number % 5 == 3:
            factories.BlogPageFactory(parent=blog, title=f"Blog: what we learnt from practice {number}", **common)
        elif number % 10 == 9:
            factories.PanelPostPageFactory(parent=panel, title=f"My experience of care, part {number}", **common)
        else:
            factories.ResourcePageFactory(
                parent=resources,
                title=f"Waiting times and deprivation, study {number}",
                resource_type=rng.choice(KINDS),
                **common,
            )


if __name__ == "__main__":
    seed(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
    print("seeded", flush=True)
