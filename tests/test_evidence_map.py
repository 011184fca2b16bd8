"""The evidence-and-gap map, its findings, the table of approaches, CSV and JSON: counts equal
counts made independently from the briefs, publishing and privacy change them on the next request,
and the number of queries does not grow with the content."""

import csv
import io
import itertools
import random
import re
from collections import Counter

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from healthequity.core.evidence.models import Approach
from healthequity.core.models import InequalityGroup, Topic
from tests import factories
from tests.factories import finding

pytestmark = pytest.mark.django_db

EFFECTS = ["narrows", "mixed", "no-clear-effect", "widens"]
STRENGTHS = ["strong", "moderate", "limited", "very-limited"]


def make_briefs(resource_index, count, seed=1):
    """Briefs with random findings; returns [(brief, topics, [(groups, approach, effect, strength)])]."""
    rng = random.Random(seed)
    groups = list(InequalityGroup.objects.all())
    topics = list(Topic.objects.all())
    approaches = list(Approach.objects.all())
    made = []
    for number in range(count):
        brief_topics = rng.sample(topics, rng.randint(0, 2))
        rated = [
            (
                rng.sample(groups, rng.randint(1, 3)),
                rng.choice(approaches + [None]),
                rng.choice(EFFECTS),
                rng.choice(STRENGTHS),
            )
            for _ in range(rng.randint(1, 4))
        ]
        brief = factories.WhatWorksBriefPageFactory(
            parent=resource_index,
            topics=brief_topics,
            findings=[
                finding(f"Intervention {number}.{n}", g, effect, strength, approach)
                for n, (g, approach, effect, strength) in enumerate(rated)
            ],
        )
        made.append((brief, brief_topics, rated))
    return made


def expected_cells(made, *, columns="approach", strengths=None):
    """Counted from the briefs themselves, not the index: {(group slug, column slug): Counter(effect)}."""
    cells = {}
    for _brief, topics, rated in made:
        for groups, approach, effect, strength in rated:
            if strengths and strength not in strengths:
                continue
            column_terms = [approach] if columns == "approach" else topics
            rows = set()
            for group in groups:
                rows.add(group.slug)
                if group.parent_id:
                    rows.add(group.parent.slug)
            for row, term in itertools.product(rows, column_terms):
                if term is not None:
                    cells.setdefault((row, term.slug), Counter())[effect] += 1
    return cells


def map_cells(client, query=""):
    response = client.get(f"/evidence-map/map.json{query}")
    assert response.status_code == 200, response.content
    data = response.json()
    return data, {
        (row["group"], cell["column"]): Counter({k: v for k, v in cell["effects"].items() if v})
        for row in data["rows"]
        for cell in row["cells"]
        if cell["findings"]
    }


def test_the_maps_counts_equal_counts_made_from_the_briefs(client, resource_index):
    made = make_briefs(resource_index, 12)

    _, by_approach = map_cells(client)
    assert by_approach == expected_cells(made)
    _, by_topic = map_cells(client, "?columns=topic")
    assert by_topic == expected_cells(made, columns="topic")
    data, strong = map_cells(client, "?strength=strong&strength=moderate")
    assert strong == expected_cells(made, strengths={"strong", "moderate"})
    assert data["total_findings"] == sum(1 for _, _, rated in made for r in rated if r[3] in {"strong", "moderate"})


def test_the_html_map_is_a_table_with_headers_gaps_and_links_to_each_cells_findings(client, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        title="What works: texting",
        findings=[finding("Text reminders", [core20], "widens", "strong", digital, "low")],
    )

    html = client.get("/evidence-map/").content.decode()

    assert '<th scope="col">Digital</th>' in html
    assert '<th scope="row">Core20: the most deprived 20%</th>' in html or 'scope="row">Core20' in html
    assert "Gap" in html
    assert 'href="/evidence-map/findings/?group=core20&amp;approach=digital"' in html
    cell = client.get("/evidence-map/findings/?group=core20&approach=digital").content.decode()
    assert "Text reminders" in cell and "Widens inequalities" in cell and "Low cost" in cell
    assert "What works: texting" in cell


def test_publishing_unpublishing_and_privacy_change_the_map_approaches_and_json_on_the_next_request(
    client, resource_index
):
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index, findings=[finding("Text reminders", [core20], "narrows", "strong", digital)]
    )

    def digital_count():
        _, cells = map_cells(client)
        approaches = client.get("/evidence-map/approaches/?sort=name").content.decode()
        return sum(cells.get(("core20", "digital"), Counter()).values()), approaches

    count, approaches = digital_count()
    assert count == 1 and "1 finding: 1 narrows" in approaches

    brief.unpublish()
    count, approaches = digital_count()
    assert count == 0 and "1 finding: 1 narrows" not in approaches

    brief.refresh_from_db()
    brief.save_revision().publish()
    assert digital_count()[0] == 1

    restriction = PageViewRestriction.objects.create(page=brief, restriction_type=PageViewRestriction.LOGIN)
    assert digital_count()[0] == 0
    restriction.delete()
    assert digital_count()[0] == 1


def test_bad_filters_are_said_by_the_form_and_refused_by_csv_and_json(client, resource_index):
    response = client.get("/evidence-map/?effect=sideways&strength=strong&from=yesterday")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Effect on inequalities: we have nothing called ‘sideways’" in html
    assert 'value="strong" checked' in html

    assert client.get("/evidence-map/map.json?effect=sideways").status_code == 400
    assert client.get("/evidence-map/map.csv?columns=rows").status_code == 400


def test_the_csv_has_a_row_per_cell_with_the_effect_split(client, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    factories.WhatWorksBriefPageFactory(
        parent=resource_index, findings=[finding("A", [core20], "mixed", "limited", digital)]
    )

    response = client.get("/evidence-map/map.csv?group=core20")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))

    assert response["Content-Type"].startswith("text/csv")
    digital_row = next(row for row in rows if row["approach"] == "digital")
    assert digital_row["findings"] == "1" and digital_row["mixed"] == "1" and digital_row["gap"] == "no"
    assert {row["gap"] for row in rows if row["approach"] != "digital"} == {"yes"}


def test_the_approaches_table_sorts_and_names_the_strongest_evidence_and_groups(client, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    coastal = InequalityGroup.objects.get(slug="coastal-communities")
    digital = Approach.objects.get(slug="digital")
    workforce = Approach.objects.get(slug="workforce")
    factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        findings=[
            finding("A", [core20], "narrows", "limited", digital),
            finding("B", [coastal], "widens", "strong", digital),
            finding("C", [core20], "narrows", "moderate", workforce),
        ],
    )

    html = client.get("/evidence-map/approaches/?sort=findings").content.decode()

    assert html.index(">Digital<") < html.index(">Workforce<")
    assert "2 findings: 1 narrows, 1 widens" in html
    digital_row = html[html.index(">Digital<") : html.index(">Workforce<")]
    assert "Strong" in digital_row and "Core20" in digital_row and "Coastal communities" in digital_row
    by_name = client.get("/evidence-map/approaches/?sort=name").content.decode()
    assert by_name.index(">Community-led<") < by_name.index(">Digital<")


def count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        client.get(url, HTTP_X_TEST="warm")
    return len(cold.captured_queries), len(warm.captured_queries)


MAP_URLS = [
    "/evidence-map/",
    "/evidence-map/?columns=topic&strength=strong&strength=moderate&from=2020",
    "/evidence-map/approaches/",
    "/evidence-map/findings/?group=core20",
    "/evidence-map/map.json?effect=narrows",
    "/evidence-map/map.csv",
]


def test_query_counts_stay_the_same_as_content_grows(client, resource_index, settings):
    settings.PAGE_CACHE_ENABLED = False
    make_briefs(resource_index, 3, seed=2)
    client.get("/evidence-map/")  # the site's settings rows are created by the first page ever served
    small = {url: count_queries(client, url) for url in MAP_URLS}
    make_briefs(resource_index, 30, seed=3)
    large = {url: count_queries(client, url) for url in MAP_URLS}

    assert small == large


def test_the_finders_json_carries_each_finding_with_its_ratings(client, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index, findings=[finding("Text reminders", [core20], "narrows", "strong", digital, "low")]
    )

    items = client.get("/api/resources/").json()["items"]

    assert items[0]["findings"] == [
        {
            "intervention": "Text reminders",
            "approach": {"slug": "digital", "name": "Digital"},
            "groups": [{"slug": "core20", "name": core20.name}],
            "effect": "narrows",
            "effect_label": "Narrows inequalities",
            "strength": "strong",
            "strength_label": "Strong",
            "cost": "low",
            "cost_label": "Low cost",
        }
    ]
    brief.unpublish()
    assert client.get("/api/resources/").json()["items"] == []


def test_an_evidence_map_block_shows_the_live_map_of_its_group(client, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    factories.WhatWorksBriefPageFactory(
        parent=resource_index, findings=[finding("Text reminders", [core20], "narrows", "strong", digital)]
    )
    resource = factories.ResourcePageFactory(
        parent=resource_index,
        resource_type="evidence-map",
        body=[{"type": "evidence_map", "value": {"heading": "Core20 map", "group": core20.pk, "columns": "approach"}}],
    )

    html = client.get(resource.url).content.decode()

    assert "Core20 map" in html
    assert 'href="/evidence-map/findings/?group=core20&amp;approach=digital"' in html
    assert "Coastal communities" not in html.split("Core20 map")[1].split("</table>")[0]


def test_two_evidence_map_blocks_on_one_page_have_ids_of_their_own(client, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    topic = Topic.objects.first()
    resource = factories.ResourcePageFactory(
        parent=resource_index,
        resource_type="evidence-map",
        body=[
            {"type": "evidence_map", "value": {"heading": "By approach", "group": core20.pk, "columns": "approach"}},
            {"type": "evidence_map", "value": {"heading": "By topic", "topic": topic.pk, "columns": "topic"}},
        ],
    )

    html = client.get(resource.url).content.decode()

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(id_ for id_ in ids if ids.count(id_) > 1)
    assert 'id="evidence-map-block"' in html and 'id="evidence-map-block-2"' in html
    assert 'aria-labelledby="evidence-map-block-2-caption"' in html
