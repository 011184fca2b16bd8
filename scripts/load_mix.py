"""What the load test's visitors ask for: the finder's filters and search words (no Locust here,
so scripts/load_test.py can warm the same addresses)."""

import random

GROUPS = ["core20", "ethnic-minority-communities", "inclusion-health-groups", "coastal-communities", "young-carers"]
TOPICS = ["asthma", "maternity", "hypertension", "severe-mental-illness", "oral-health"]
TYPES = ["analysis", "report", "what-works-brief", "blog"]
WORDS = ["housing", "waiting", "deprivation", "asthma", "workforce", "funding", "access"]


def finder_query(paging: bool = True) -> str:
    """A filtered view of the finder; `paging=False` for listings whose pages past the last 404."""
    choice = random.random() * (1.0 if paging else 0.9)
    if choice < 0.3:
        return f"?group={random.choice(GROUPS)}"
    if choice < 0.55:
        return f"?topic={random.choice(TOPICS)}"
    if choice < 0.75:
        return f"?type={random.choice(TYPES)}&sort=newest"
    if choice < 0.9:
        return f"?group={random.choice(GROUPS)}&topic={random.choice(TOPICS)}"
    return f"?page={random.randint(2, 4)}"


def finder_addresses() -> list[str]:
    """Every finder, feed and JSON address the mix can ask for (load_test.py warms them for the cached run)."""
    queries = [f"?group={group}" for group in GROUPS] + [f"?topic={topic}" for topic in TOPICS]
    queries += [f"?type={kind}&sort=newest" for kind in TYPES] + [f"?page={page}" for page in (2, 3, 4)]
    queries += [f"?group={group}&topic={topic}" for group in GROUPS for topic in TOPICS]
    queries += [f"?q={word}" for word in WORDS]
    # The feed and the JSON take the same filters (the mix never pages them).
    machine = [query for query in queries if not query.startswith(("?page", "?q"))]
    return [f"/resources/{query}" for query in queries] + [
        f"{path}{query}" for path in ("/resources/feed/", "/api/resources/") for query in machine
    ]
