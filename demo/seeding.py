"""Synthetic, realistically tagged evidence pages in bulk, for benchmarks and query-count tests.

`seed_evidence(n)` adds n live pages of every evidence type (resources, What works briefs, blog
posts, panel posts) under the existing index pages: 10,000 in about 15 s on SQLite and 25 s on
PostgreSQL, 100,000 in about 6 minutes on PostgreSQL (a busy two-core machine). Creating them one by
one with `add_child()` would take far longer, so it writes the rows itself, carefully:

- tree paths are computed the way treebeard does (next step after the parent's last child) and
  the parent's `numchild` is updated, so the page tree stays valid (`Page.fix_tree` finds nothing);
- each page's row goes into every table of its multi-table inheritance chain (Page, EvidencePage,
  the specific type), since Django's `bulk_create` cannot do that for inherited models;
- the pages are then indexed for search in bulk with the search backend's own `add_bulk()`, as
  they were written (no reading back), each page's text prepared once (`demo/search_indexing.py`):
  the rows are the ones publishing writes.

Pages have no revisions, like pages imported by a script; they render and edit like any other.
"""

import datetime
import random
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Max, prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify

from modelcluster.utils import sort_by_fields
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from blog.models import BlogPage
from healthequity.caching.invalidation import invalidate_all
from healthequity.core.evidence.indexing import index_pages
from healthequity.core.evidence.models import Approach
from healthequity.core.evidence.ratings import Cost
from healthequity.core.finder.facet_index import build_index as build_facet_index
from healthequity.core.finder.word_index import build_word_index
from healthequity.core.models import Author, EvidencePage, EvidencePageAuthor, HomePage, InequalityGroup, Topic
from healthequity.core.site_urls import base_url_parts
from panel.models import PanelPostPage
from resources.models import (
    RESOURCE_KINDS,
    EvidenceStrength,
    InequalityEffect,
    ResourceIndexPage,
    ResourcePage,
    WhatWorksBriefPage,
)

from .search_indexing import index_in_bulk, indexing_in_bulk
from .sections import blog_and_panel_index_pages

__all__ = ["ensure_sections", "seed_evidence"]

SYNTHETIC_AUTHORS = [
    ("Amira Haddad", "Senior research fellow"),
    ("Tom Pengelly", "Health economist"),
    ("Grace Okonkwo", "Public health registrar"),
    ("Rhys Vaughan", "Data analyst"),
    ("Priya Raman", "Professor of primary care"),
    ("Siobhan Keane", "Research associate"),
    ("Daniel Osei", "Policy fellow"),
    ("Marta Kowalska", "Qualitative researcher"),
    ("Hamza Iqbal", "GP and researcher"),
    ("Eleanor Shaw", "Programme manager"),
    ("Callum Fraser", "Statistician"),
    ("Nadia Benali", "Patient and public involvement lead"),
]

TITLES = {
    "analysis": [
        "{topic} spending and outcomes for {group}: an analysis of {year} data",
        "How {topic_lower} care reaches {group_lower}: an analysis of NHS activity",
        "Unequal waits: {topic_lower} referrals among {group_lower}",
    ],
    "report": [
        "Closing the gap in {topic_lower} for {group_lower}",
        "{group}: the state of {topic_lower} services in {year}",
    ],
    "tool": [
        "A toolkit for {topic_lower} services that reach {group_lower}",
        "Planning {topic_lower} care with {group_lower} in mind: a self-assessment tool",
    ],
    "data": [
        "{topic} indicators by deprivation decile, {year}",
        "{topic} prevalence among {group_lower}: data tables {year}",
    ],
    "evidence-map": [
        "Evidence map: {topic_lower} interventions for {group_lower}",
    ],
    "what-works-brief": [
        "What works: {intervention} for {group_lower}",
        "What works: reducing inequalities in {topic_lower} through {intervention}",
    ],
    "blog": [
        "What we heard about {topic_lower} from {group_lower}",
        "Why {topic_lower} care must start with {group_lower}",
        "Five lessons on {topic_lower} from a year of working with {group_lower}",
    ],
    "citizens-panel": [
        "My experience of {topic_lower} care",
        "Being heard: {topic_lower} and me",
    ],
}

INTERVENTIONS = [
    "community health workers",
    "outreach clinics",
    "link workers and social prescribing",
    "extended GP appointments",
    "peer support",
    "text message reminders",
    "translated health information",
    "integrated neighbourhood teams",
    "targeted case finding",
    "mobile screening units",
]

SENTENCES = [
    "We looked at how {topic_lower} services are used by {group_lower} compared with the rest of the population.",
    "The gap is widest in the most deprived neighbourhoods, where {topic_lower} is diagnosed later.",
    "Practices that offered {intervention} saw more {group_lower} attend their first appointment.",
    "Funding has not followed need: areas with more {group_lower} receive less per weighted patient.",
    "Staff told us that trust, time and continuity matter more than any single programme.",
    "The evidence on {intervention} is promising but comes mostly from small, short studies.",
    "Routine data rarely records whether someone belongs to {group_lower}, which hides the problem.",
    "Commissioners can use these findings to target {topic_lower} resources where outcomes are worst.",
    "People described long journeys, missed letters and appointments at times they could not make.",
    "Where services were designed with {group_lower}, uptake of {topic_lower} care improved within a year.",
    "We recommend that integrated care boards report {topic_lower} outcomes by deprivation and ethnicity.",
    "Costs were modest compared with the emergency admissions that better {topic_lower} care could prevent.",
]

SUMMARIES = [
    "What the evidence says about {topic_lower} for {group_lower}, and what services can do next.",
    "An analysis of how {topic_lower} care differs for {group_lower}, with practical recommendations.",
    "Findings on {intervention} and {topic_lower}, and where the gaps in the evidence remain.",
]


class EvidenceSpec:
    """Everything needed to write one synthetic page, chosen before any row is written."""

    def __init__(self, model, parent, fields, groups, topics, authors):
        self.model = model
        self.parent = parent
        self.fields = fields
        self.groups = groups
        self.topics = topics
        self.authors = authors


class Generator:
    """Random but plausible content: titles, summaries and bodies built from the page's own tags."""

    def __init__(self, rng, groups, topics, authors, images, approaches=(), findings_per_brief=None):
        self.rng = rng
        self.approaches = list(approaches)
        # None: a plausible 3 to 6; the benchmark asks for more to reach its number of findings.
        self.findings_per_brief = findings_per_brief
        self.findings_rng = random.Random(rng.getstate()[1][0])  # noqa: S311 - synthetic content
        self.top_level_groups = [group for group in groups if not group.parent_id]
        self.subgroups = [group for group in groups if group.parent_id]
        self.topics = topics
        self.authors = authors
        self.images = images
        self.today = timezone.localdate()

    def words(self, groups, topics, intervention, date):
        # Titles and text speak of the page's own tags; without a topic, of general health.
        group = groups[0].name
        topic = topics[0].name if topics else "General health"
        return {
            "group": group,
            "group_lower": group[0].lower() + group[1:],
            "topic": topic,
            "topic_lower": topic.lower(),
            "intervention": intervention,
            "year": date.year,
        }

    def tags(self):
        count = self.rng.choices([1, 2, 3], weights=[5, 3, 1])[0]
        pool = self.subgroups if self.rng.random() < 0.45 else self.top_level_groups
        groups = self.rng.sample(pool, min(count, len(pool)))
        topic_count = self.rng.choices([0, 1, 2], weights=[1, 6, 3])[0]
        topics = self.rng.sample(self.topics, min(topic_count, len(self.topics)))
        return groups, topics

    def paragraphs(self, words, count):
        return [" ".join(sentence.format(**words) for sentence in self.rng.sample(SENTENCES, 3)) for _ in range(count)]

    def rich_text_body(self, words):
        return [
            {"type": "paragraph", "value": f"<p>{paragraph}</p>", "id": str(uuid.uuid4())}
            for paragraph in self.paragraphs(words, self.rng.randint(3, 5))
        ]

    def spec(self, number, model, parent, resource_type):
        groups, topics = self.tags()
        date = self.today - datetime.timedelta(days=self.rng.randint(0, 8 * 365))
        intervention = self.rng.choice(INTERVENTIONS)
        words = self.words(groups, topics, intervention, date)
        title = self.rng.choice(TITLES[resource_type]).format(**words)
        title = title[0].upper() + title[1:]
        fields = {
            "title": title,
            "slug": f"{slugify(title)[:60].rstrip('-')}-{number}",
            "summary": self.rng.choice(SUMMARIES).format(**words),
            "publication_date": date,
            "resource_type": resource_type,
            "listing_image_id": self.rng.choice(self.images) if self.images and self.rng.random() < 0.5 else None,
        }
        if model is ResourcePage or model is BlogPage:
            fields["body"] = self.rich_text_body(words)
        if model is BlogPage:
            fields["is_guest_post"] = self.rng.random() < 0.2
        if model is PanelPostPage:
            fields["body"] = self.rich_text_body(words)
            fields["member_display_name"] = "A member of our Citizens' Panel"
        if model is WhatWorksBriefPage:
            fields.update(self.brief_fields(words, groups))
        authors = [] if model is PanelPostPage else self.rng.sample(self.authors, self.rng.randint(1, 2))
        return EvidenceSpec(model, parent, fields, groups, topics, authors)

    def brief_fields(self, words, groups):
        # The first three findings draw from the page's random sequence as they always did (so a seed
        # gives the same pages as before); approaches, costs and any further findings from their own.
        extra = self.findings_rng
        count = self.findings_per_brief or extra.randint(3, 6)
        drawn = []
        for intervention in self.rng.sample(INTERVENTIONS, 3):
            effect, strength = self.rng.choice(InequalityEffect.values), self.rng.choice(EvidenceStrength.values)
            detail = self.paragraphs(dict(words, intervention=intervention), 1)[0]
            drawn.append((intervention, effect, strength, detail))
        while len(drawn) < count:
            intervention = extra.choice(INTERVENTIONS)
            detail = SENTENCES[2].format(**dict(words, intervention=intervention))
            drawn.append(
                (intervention, extra.choice(InequalityEffect.values), extra.choice(EvidenceStrength.values), detail)
            )
        findings = [
            {
                "type": "finding",
                "id": str(uuid.uuid4()),
                "value": {
                    "intervention": intervention[0].upper() + intervention[1:],
                    "approach": extra.choice(self.approaches).pk if self.approaches else None,
                    "groups": [group.pk for group in extra.sample(groups, extra.randint(1, len(groups)))],
                    "effect": effect,
                    "strength": strength,
                    "cost": extra.choice(Cost.values),
                    "detail": f"<p>{detail}</p>",
                },
            }
            for intervention, effect, strength, detail in drawn[:count]
        ]
        return {
            "review_question": "What works to reduce inequalities in {topic_lower} for {group_lower}?".format(**words),
            "key_messages": [
                {"type": "message", "value": paragraph, "id": str(uuid.uuid4())}
                for paragraph in self.paragraphs(words, 2)
            ],
            "findings": findings,
            "recommendations": f"<ul><li>{self.paragraphs(words, 1)[0]}</li></ul>",
            "methods": "<p>A rapid review of studies published in the last ten years.</p>",
            "evidence_searched_to": self.today,
            "references": [],
        }


def ensure_sections():
    """The finder page, the blog and the Citizens' Panel, each created if the site lacks it (with a
    home page, if the site has none), so the synthetic content mixes every type as a real site does."""
    index = ResourceIndexPage.objects.first()
    home = index.get_parent().specific if index else HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Health Equity Evidence Centre", slug="home-benchmark"))
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or type(site.root_page.specific) is Page:
            hostname, port = base_url_parts(settings.WAGTAILADMIN_BASE_URL)
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": hostname, "port": port, "root_page": home}
            )
    if index is None:
        index = home.add_child(instance=ResourceIndexPage(title="Resources", slug="resources"))
    blog_index, panel_index = (
        type(page).objects.filter(listed_type=page.listed_type).first() or home.add_child(instance=page)
        for page in blog_and_panel_index_pages()
    )
    return index, blog_index, panel_index


def ensure_authors():
    """At least a dozen authors to credit, made up if the site has fewer."""
    authors = list(Author.objects.all())
    if len(authors) < len(SYNTHETIC_AUTHORS):
        existing = {author.name for author in authors}
        authors += Author.objects.bulk_create(
            [
                Author(name=name, role=role, organisation="Health Equity Evidence Centre")
                for name, role in SYNTHETIC_AUTHORS
                if name not in existing
            ]
        )
    return authors


def choose_kinds(resource_index, blog_index, panel_index):
    """(weight, model, parent, types) for every kind of evidence page, in a plausible mix."""
    return [
        (55, ResourcePage, resource_index, [kind.value for kind in RESOURCE_KINDS]),
        (15, WhatWorksBriefPage, resource_index, ["what-works-brief"]),
        (20, BlogPage, blog_index, ["blog"]),
        (10, PanelPostPage, panel_index, ["citizens-panel"]),
    ]


class TreeWriter:
    """Hands out treebeard paths for new children and writes multi-table rows in bulk."""

    def __init__(self):
        self.next_step = {}
        self.added = set()

    @staticmethod
    def children_of(parent):
        # By path, not get_children(): treebeard trusts numchild, which is only fixed in finish().
        return Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)

    def path_for(self, parent):
        if parent.pk not in self.next_step:
            last_path = self.children_of(parent).order_by("-path").values_list("path", flat=True).first()
            self.next_step[parent.pk] = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] += 1
        self.added.add(parent)
        return Page._get_path(parent.path, parent.depth + 1, step)

    def finish(self):
        for parent in self.added:
            Page.objects.filter(pk=parent.pk).update(numchild=self.children_of(parent).count())


def insert_rows(model, instances):
    """INSERT the fields `model` itself declares (not its parents', nor an id the database numbers)
    for each instance, in one batch."""
    fields = [field for field in model._meta.local_concrete_fields if field is not model._meta.auto_field]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names come from model metadata
    rows = [
        [field.get_db_prep_save(field.pre_save(instance, add=True), connection=connection) for field in fields]
        for instance in instances
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def write_batch(specs, writer, locale, now):
    """Write one batch of pages: base rows, inherited rows, tags, authors, then the search index."""
    pages = []
    for spec in specs:
        page = spec.model(
            **spec.fields,
            draft_title=spec.fields["title"],
            content_type=ContentType.objects.get_for_model(spec.model),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            locale=locale,
            translation_key=uuid.uuid4(),
            path=writer.path_for(spec.parent),
            depth=spec.parent.depth + 1,
            numchild=0,
            url_path=f"{spec.parent.url_path}{spec.fields['slug']}/",
        )
        pages.append(page)

    # Page rows as plain INSERTs, then their ids by path (unique): cheaper than bulk_create()'s
    # per-field compilation of a Page copy of each page.
    insert_rows(Page, pages)
    ids = dict(Page.objects.filter(path__in=[page.path for page in pages]).values_list("path", "pk"))
    for page in pages:
        page.id = page.page_ptr_id = ids[page.path]
        if hasattr(page, "evidencepage_ptr_id"):
            page.evidencepage_ptr_id = page.id
    insert_rows(EvidencePage, pages)
    for model in {type(page) for page in pages}:
        insert_rows(model, [page for page in pages if type(page) is model])

    EvidencePage.groups.through.objects.bulk_create(
        [
            EvidencePage.groups.through(evidencepage_id=page.pk, inequalitygroup_id=group.pk)
            for page, spec in zip(pages, specs, strict=True)
            for group in spec.groups
        ]
    )
    EvidencePage.topics.through.objects.bulk_create(
        [
            EvidencePage.topics.through(evidencepage_id=page.pk, topic_id=topic.pk)
            for page, spec in zip(pages, specs, strict=True)
            for topic in spec.topics
        ]
    )
    authorships = [
        [
            EvidencePageAuthor(page_id=page.pk, author=author, sort_order=order)
            for order, author in enumerate(spec.authors)
        ]
        for page, spec in zip(pages, specs, strict=True)
    ]
    EvidencePageAuthor.objects.bulk_create([authorship for page_authors in authorships for authorship in page_authors])
    index_for_search(pages, specs, authorships)
    # Rows written directly send no publishing signals: index the briefs' findings here.
    index_pages([page.pk for page in pages if hasattr(page, "evidence_findings")])


def sorts_as_the_database_does(model):
    """Whether modelcluster, which sorts a page's unsaved tags in Python by `model`'s ordering, puts
    them in the order the database returns them (its collation may compare names differently)."""
    rows = list(model.objects.all())
    in_python = list(rows)
    sort_by_fields(in_python, model._meta.ordering)
    return in_python == rows


def index_for_search(pages, specs, authorships):
    """Index the new pages the way Wagtail would on publish, a model at a time, in bulk.

    The pages are indexed as they were written, given their tags and authors in memory rather than
    read back (a query per page type and relation, and the costliest part of indexing after the
    text itself), unless the database would order the tags differently.
    """
    in_memory = all(sorts_as_the_database_does(model) for model in (InequalityGroup, Topic))
    for page, spec, page_authors in zip(pages, specs, authorships, strict=True):
        if in_memory:
            page.groups = spec.groups
            page.topics = spec.topics
            page.page_authors = page_authors
    for model in {type(page) for page in pages}:
        objects = [page for page in pages if type(page) is model]
        if not in_memory:
            prefetch_related_objects(objects, "groups", "topics", "page_authors__author")
        index_in_bulk(model, objects)


def seed_evidence(count, *, seed=None, batch_size=500, progress=None, findings_per_brief=None):
    """Add `count` live synthetic evidence pages and return how many of each type were added.

    `progress` is called with the number of pages written after each batch (for a progress bar).
    """
    rng = random.Random(seed)  # noqa: S311 - synthetic content, not security
    resource_index, blog_index, panel_index = ensure_sections()
    kinds = choose_kinds(resource_index, blog_index, panel_index)
    images = list(get_image_model().objects.values_list("pk", flat=True)[:20])
    generator = Generator(
        rng,
        list(InequalityGroup.objects.all()),
        list(Topic.objects.all()),
        ensure_authors(),
        images,
        approaches=Approach.objects.all(),
        findings_per_brief=findings_per_brief,
    )
    writer = TreeWriter()
    locale = Locale.get_default()
    now = timezone.now()
    # Numbers in slugs keep siblings' slugs unique; page ids only grow, so start after the highest.
    first_number = (Page.objects.aggregate(highest=Max("pk"))["highest"] or 0) + 1
    added = {}
    with transaction.atomic(), indexing_in_bulk(Page):
        for start in range(0, count, batch_size):
            specs = []
            for number in range(first_number + start, first_number + min(start + batch_size, count)):
                _, model, parent, types = rng.choices(kinds, weights=[kind[0] for kind in kinds])[0]
                specs.append(generator.spec(number, model, parent, rng.choice(types)))
                added[model._meta.verbose_name] = added.get(model._meta.verbose_name, 0) + 1
            write_batch(specs, writer, locale, now)
            if progress:
                progress(len(specs))
        writer.finish()
        # Rows written directly send no signals: the finder's facet index is built afresh.
        build_facet_index()
        build_word_index()
    invalidate_all(
        "benchmark content seeded"
    )  # rows written directly send no signals: tell the finder its counts are out of date
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # plan the finder's queries on fresh statistics, as autovacuum would later
    return added
