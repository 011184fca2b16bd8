"""The finder's finding filters (effect on inequalities, strength of evidence, approach): a brief
matches when ONE of its findings meets every finding filter together; each option counts the briefs
adding it would find; the page, the feed and the JSON answer the same; publishing changes them on
the next request."""

import json
import random
import re
import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from healthequity.core.evidence.models import Approach
from healthequity.core.models import InequalityGroup
from tests import factories
from tests.factories import finding

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
EFFECTS = ["narrows", "mixed", "no-clear-effect", "widens"]
STRENGTHS = ["strong", "moderate", "limited", "very-limited"]


def api(client, query):
    response = client.get(f"/api/resources/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def titles_everywhere(client, query):
    """The titles the page, the feed and the JSON list for one query (first page of each)."""
    page = client.get(f"/resources/?{query}")
    assert page.status_code == 200
    on_page = {item.title for item in page.context["listing"]}
    feed = client.get(f"/resources/feed/?{query}")
    assert feed.status_code == 200
    in_feed = {entry.find(f"{ATOM}title").text for entry in ET.fromstring(feed.content).findall(f"{ATOM}entry")}  # noqa: S314
    in_json = {item["title"] for item in api(client, query)["items"]}
    return on_page, in_feed, in_json


def facet_counts(data, name):
    return {option["value"]: option["count"] for option in data["facets"][name] if option["count"]}


@pytest.fixture
def two_briefs(resource_index):
    """One brief whose narrowing finding is weak and whose strong finding widens; one brief with a
    strong finding that narrows; and an analysis with no findings."""
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    workforce = Approach.objects.get(slug="workforce")
    factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        title="What works: split ratings",
        findings=[
            finding("Weak but narrowing", [core20], "narrows", "limited", digital),
            finding("Strong but widening", [core20], "widens", "strong", workforce),
        ],
    )
    factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        title="What works: strong and narrowing",
        findings=[finding("Strong and narrowing", [core20], "narrows", "strong", digital)],
    )
    factories.ResourcePageFactory(parent=resource_index, title="An analysis without findings")


def test_a_brief_matches_only_when_one_finding_meets_every_finding_filter(client, two_briefs):
    for found in titles_everywhere(client, "effect=narrows&strength=strong"):
        assert found == {"What works: strong and narrowing"}
    for found in titles_everywhere(client, "effect=narrows"):
        assert found == {"What works: split ratings", "What works: strong and narrowing"}
    for found in titles_everywhere(client, "approach=workforce&effect=narrows"):
        assert found == set()
    for found in titles_everywhere(client, "approach=workforce&strength=strong&effect=widens"):
        assert found == {"What works: split ratings"}


def test_each_option_counts_the_briefs_adding_it_would_find(client, two_briefs):
    data = api(client, "strength=strong")
    # Both briefs have a strong finding; only one of them a strong finding that narrows.
    assert data["count"] == 2
    assert facet_counts(data, "effect") == {"narrows": 1, "widens": 1}
    assert facet_counts(data, "approach") == {"digital": 1, "workforce": 1}
    # A facet is counted without its own filter: every strength that narrowing findings have.
    assert facet_counts(api(client, "effect=narrows&strength=strong"), "strength") == {"strong": 1, "limited": 1}
    # Without finding filters every rated brief counts once per rating it has.
    everything = api(client, "")
    assert everything["count"] == 3
    assert facet_counts(everything, "effect") == {"narrows": 2, "widens": 1}
    assert facet_counts(everything, "strength") == {"strong": 2, "limited": 1}


def test_counts_equal_counts_made_from_the_briefs(client, resource_index):
    rng = random.Random(7)
    groups = list(InequalityGroup.objects.all())
    approaches = list(Approach.objects.all())
    made = []
    for number in range(15):
        rated = [(rng.choice(approaches), rng.choice(EFFECTS), rng.choice(STRENGTHS)) for _ in range(rng.randint(1, 4))]
        factories.WhatWorksBriefPageFactory(
            parent=resource_index,
            title=f"Brief {number}",
            findings=[
                finding(f"Finding {number}.{n}", rng.sample(groups, 2), effect, strength, approach)
                for n, (approach, effect, strength) in enumerate(rated)
            ],
        )
        made.append((f"Brief {number}", rated))
    strong_enough = {"strong", "moderate"}

    data = api(client, "strength=strong&strength=moderate&effect=narrows")

    def briefs(predicate):
        return {title for title, rated in made if any(predicate(*rating) for rating in rated)}

    expected = briefs(lambda _a, effect, strength: effect == "narrows" and strength in strong_enough)
    assert data["count"] == len(expected)
    for effect in EFFECTS:
        wanted = briefs(lambda _a, e, strength, effect=effect: e == effect and strength in strong_enough)
        assert facet_counts(data, "effect").get(effect, 0) == len(wanted), effect
    for approach in approaches:
        wanted = briefs(
            lambda a, effect, strength, approach=approach: (
                a == approach and effect == "narrows" and strength in strong_enough
            )
        )
        assert facet_counts(data, "approach").get(approach.slug, 0) == len(wanted), approach.slug
    listed = set()
    page = 1
    while True:
        response = api(client, f"strength=strong&strength=moderate&effect=narrows&page={page}")
        listed |= {item["title"] for item in response["items"]}
        if not response["next"]:
            break
        page += 1
    assert listed == expected


def test_the_filters_are_checkboxes_with_counts_and_slugs_that_work_without_javascript(client, two_briefs):
    html = client.get("/resources/?effect=narrows&strength=strong").content.decode()

    assert '<legend class="facet__legend">Effect on inequalities</legend>' in html
    assert '<legend class="facet__legend">Strength of evidence</legend>' in html
    assert '<legend class="facet__legend">Approach</legend>' in html
    assert 'name="effect" value="narrows"' in html
    assert 'id="effect-narrows"' in html and 'id="strength-strong"' in html and 'id="approach-digital"' in html
    narrows = html[html.index('id="effect-narrows"') : html.index('id="effect-mixed"')]
    assert "checked" in narrows
    # Removable tags with the same words, keeping the other filter.
    assert "Effect on inequalities: Narrows inequalities" in html
    assert 'href="/resources/?strength=strong"' in html
    assert "1 result" in html


def test_an_unknown_rating_is_said_by_its_filter_and_refused_by_the_feed_and_json(client, two_briefs):
    response = client.get("/resources/?effect=sideways&strength=strong")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Effect on inequalities: we have nothing called ‘sideways’" in html
    assert {item.title for item in response.context["listing"]} == {
        "What works: split ratings",
        "What works: strong and narrowing",
    }
    assert client.get("/resources/feed/?approach=nowhere").status_code == 400
    assert client.get("/api/resources/?strength=very-strong").status_code == 400


def test_publishing_unpublishing_and_privacy_change_the_finding_filters_on_the_next_request(client, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index, title="What works: texting", findings=[finding("Texts", [core20], "widens", "strong")]
    )

    def found():
        data = api(client, "effect=widens")
        return data["count"], facet_counts(api(client, ""), "effect").get("widens", 0)

    assert found() == (1, 1)
    brief.unpublish()
    assert found() == (0, 0)
    brief.refresh_from_db()
    brief.save_revision().publish()
    assert found() == (1, 1)
    restriction = PageViewRestriction.objects.create(page=brief, restriction_type=PageViewRestriction.LOGIN)
    assert found() == (0, 0)
    restriction.delete()
    assert found() == (1, 1)

    # An edit to the finding's rating shows on the next request too.
    brief.refresh_from_db()
    brief.findings = [finding("Texts", [core20], "narrows", "strong")]
    brief.save_revision().publish()
    assert found() == (0, 0)
    assert api(client, "effect=narrows")["count"] == 1


def test_brief_cards_sum_up_their_findings_and_follow_a_change_of_ratings(client, resource_index, home_page):
    core20 = InequalityGroup.objects.get(slug="core20")
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        title="What works: four findings",
        groups=[core20],
        findings=[
            finding("A", [core20], "narrows", "strong"),
            finding("B", [core20], "narrows", "moderate"),
            finding("C", [core20], "narrows", "limited"),
            finding("D", [core20], "widens", "limited"),
        ],
    )
    factories.ResourcePageFactory(parent=resource_index, title="An analysis without findings")

    html = client.get("/resources/").content.decode()
    card = html[html.index("What works: four findings") :]
    card = card[: card.index("</article>")]
    assert '<p class="card__findings">4 findings: 3 narrow inequalities, 1 widens</p>' in card
    other = html[html.index("An analysis without findings") :]
    assert "card__findings" not in other[: other.index("</article>")]
    # The group's page lists the same card.
    assert "4 findings: 3 narrow inequalities, 1 widens" in client.get("/resources/groups/core20/").content.decode()

    brief.refresh_from_db()
    brief.findings = [finding("A", [core20], "mixed", "strong"), finding("B", [core20], "widens", "strong")]
    brief.save_revision().publish()
    assert "2 findings: 1 mixed, 1 widens" in client.get("/resources/").content.decode()


def test_the_briefs_json_ld_and_its_feed_entry_state_each_finding_with_its_ratings(client, resource_index):
    core20 = InequalityGroup.objects.get(slug="core20")
    digital = Approach.objects.get(slug="digital")
    brief = factories.WhatWorksBriefPageFactory(
        parent=resource_index,
        title="What works: texting",
        summary="Reminders & nudges",
        findings=[
            finding("Text reminders", [core20], "narrows", "strong", digital, "low"),
            finding("Online booking", [core20], "widens", "limited"),
        ],
    )

    html = client.get(brief.url).content.decode()
    (payload,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    (work,) = [item for item in json.loads(payload)["@graph"] if item["@type"] == "ScholarlyArticle"]
    claims = {claim["name"]: claim for claim in work["hasPart"]}
    assert claims["Text reminders"]["text"] == "Narrows inequalities. Strength of evidence: strong. Low cost."
    assert claims["Text reminders"]["genre"] == "Digital"
    assert [term["name"] for term in claims["Text reminders"]["about"]] == [core20.name]
    assert claims["Online booking"]["keywords"] == [
        "Widens inequalities",
        "Strength of evidence: Limited",
        "Cost not known",
    ]

    feed = ET.fromstring(client.get("/resources/feed/").content)  # noqa: S314
    (entry,) = feed.findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert summary.text == (
        "<p>Reminders &amp; nudges</p><p>Findings:</p><ul>"
        "<li>Text reminders (Digital): Narrows inequalities; strength of evidence: strong; Low cost</li>"
        "<li>Online booking: Widens inequalities; strength of evidence: limited; Cost not known</li></ul>"
    )
