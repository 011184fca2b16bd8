"""`manage.py load_demo_content` builds the whole demo site, and a second run changes nothing.

The demo also exercises the editors' portal: superseded and updated briefs, DOIs, overdue reviews,
a scheduled post, a draft in moderation, and the demo editor and moderator logins.
"""

import datetime
from collections import Counter
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, Site, WorkflowState

import pytest
import rispy
import time_machine

from blog.models import BlogPage
from demo.editorial import DRAFT_FOR_REVIEW, SCHEDULED_POST, SUPERSEDED_BRIEF, UNPUBLISHED_DEMO_SLUGS
from demo.media import headline_of
from demo.values import read
from funders.models import FundersIndexPage
from healthequity.core.finder.models import EvidenceIndexPage
from healthequity.core.models import (
    Author,
    EvidencePage,
    EvidencePageAuthor,
    HomePage,
    InequalityGroup,
    ResourceType,
    SocialMediaSettings,
    StandardPage,
    Topic,
    TopicKind,
)
from library.models import LibraryLink, LibraryPage
from panel.models import PanelPostPage
from resources.models import EvidenceStrength, InequalityEffect, ResourceIndexPage, ResourcePage, WhatWorksBriefPage

EXTRA_TOPICS = {"primary-care-funding", "workforce", "digital-exclusion", "wider-determinants", "employment"}
INCLUSION_HEALTH_SUBGROUPS = {
    "people-experiencing-homelessness",
    "drug-and-alcohol-dependence",
    "vulnerable-migrants",
    "gypsy-roma-traveller-communities",
    "sex-workers",
    "people-in-contact-with-justice-system",
    "victims-of-modern-slavery",
}


def load_demo_content():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def snapshot():
    """How many of every kind of object the command touches: a second run must leave all of these alone."""
    pages = Counter(
        ContentType.objects.get_for_id(type_id).model for type_id in Page.objects.values_list("content_type", flat=True)
    )
    models = [
        Revision,
        WorkflowState,
        PageLogEntry,
        ReferenceIndex,
        get_image_model(),
        get_document_model(),
        Author,
        EvidencePageAuthor,
        LibraryLink,
        LibraryLink.groups.through,
        LibraryLink.topics.through,
        EvidencePage.groups.through,
        EvidencePage.topics.through,
        Topic,
        InequalityGroup,
        Site,
        get_user_model(),
    ]
    counts = {model._meta.label: model.objects.count() for model in models}
    site = Site.objects.get(is_default_site=True)
    return {
        "pages": dict(pages),
        "counts": counts,
        "site": (site.hostname, site.port, site.root_page_id),
        "latest_revisions": list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id")),
    }


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once for the module, inside a transaction rolled back afterwards.

    Each test still runs in its own savepoint (pytest-django's `db`), so tests that load again or
    change things leave the shared demo untouched for the next test.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")),
        transaction.atomic(),
    ):
        output = load_demo_content()
        yield output
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_site")
class TestDemoSite:
    def test_default_site_root_is_the_home_page_and_the_welcome_page_is_gone(self):
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("testserver", 80)
        home = site.root_page.specific
        assert isinstance(home, HomePage)
        assert (home.title, home.slug) == ("Health Equity Evidence Centre", "home")
        assert home.introduction and home.about
        assert Site.objects.count() == 1
        plain_page = ContentType.objects.get_for_model(Page)
        assert not Page.objects.filter(depth=2, content_type=plain_page).exists()
        assert Page.objects.filter(depth=2).count() == 1

    def test_sections_sit_under_the_home_page_at_their_public_addresses(self):
        home = HomePage.objects.get()
        sections = {page.slug: type(page) for page in home.get_children().specific()}
        assert sections == {
            "resources": ResourceIndexPage,
            "blog": EvidenceIndexPage,
            "citizens-panel": EvidenceIndexPage,
            "library": LibraryPage,
            "about": StandardPage,
            "privacy": StandardPage,
            "accessibility": StandardPage,
            "funders": FundersIndexPage,
        }
        assert ResourceIndexPage.objects.get().introduction.startswith(
            "Search or browse our collection of resources on health inequalities"
        )
        listings = {page.slug: page.listed_type for page in EvidenceIndexPage.objects.all()}
        assert listings == {"blog": "blog", "citizens-panel": "citizens-panel"}
        assert EvidenceIndexPage.objects.get(listed_type="citizens-panel").title == "Citizens' Panel"
        assert ResourceIndexPage.objects.get().get_url() == "/resources/"
        assert "WCAG 2.2" in str(StandardPage.objects.get(slug="accessibility").body)

    def test_there_is_at_least_the_promised_amount_of_content(self):
        assert ResourcePage.objects.count() >= 15
        assert set(ResourcePage.objects.values_list("resource_type", flat=True)) == {
            "analysis",
            "report",
            "tool",
            "data",
            "evidence-map",
        }
        assert WhatWorksBriefPage.objects.count() >= 8
        assert BlogPage.objects.count() >= 10
        assert BlogPage.objects.filter(is_guest_post=True).exists()
        assert PanelPostPage.objects.count() >= 4
        assert LibraryLink.objects.count() >= 25
        assert LibraryLink.objects.values("organisation").distinct().count() >= 6
        assert 6 <= Author.objects.count() <= 8
        assert get_image_model().objects.count() >= 8

    def test_every_page_is_live_with_a_published_revision(self):
        # Apart from the editorial demo's scheduled post and draft for review, unpublished on purpose.
        pages = Page.objects.filter(depth__gt=1).exclude(slug__in=UNPUBLISHED_DEMO_SLUGS)
        assert pages.count() > 40
        assert not pages.filter(live=False).exists()
        assert not pages.filter(has_unpublished_changes=True).exists()
        assert not pages.filter(live_revision__isnull=True).exists()
        page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
        assert Revision.page_revisions.filter(object_id__in=page_ids).count() == pages.count()

    def test_every_evidence_page_has_groups_topics_and_a_distinct_date_in_2023_to_2026(self):
        pages = list(
            EvidencePage.objects.exclude(slug__in=UNPUBLISHED_DEMO_SLUGS).prefetch_related(
                "groups", "topics", "page_authors"
            )
        )
        for page in pages:
            assert 1 <= len(page.groups.all()) <= 3, page.slug
            assert 1 <= len(page.topics.all()) <= 3, page.slug
            assert 2023 <= page.publication_date.year <= 2026, page.slug
            assert page.first_published_at.date() == page.publication_date, page.slug
        dates = [page.publication_date for page in pages]
        assert len(set(dates)) == len(dates)

    def test_evidence_pages_have_one_to_three_authors_except_panel_posts(self):
        for page in EvidencePage.objects.prefetch_related("page_authors"):
            count = len(page.page_authors.all())
            if page.resource_type == ResourceType.PANEL_POST:
                assert count == 0, page.slug
            else:
                assert 1 <= count <= 3, page.slug
        # Panel members are shown by region, never by a real-sounding name.
        for name in PanelPostPage.objects.values_list("member_display_name", flat=True):
            assert name.startswith("Panel member, "), name

    def test_what_works_briefs_are_fully_structured(self):
        for brief in WhatWorksBriefPage.objects.all():
            assert brief.resource_type == ResourceType.WHAT_WORKS
            assert brief.review_question and brief.recommendations and brief.methods, brief.slug
            assert brief.evidence_searched_to and brief.evidence_searched_to <= brief.publication_date, brief.slug
            assert 3 <= len(brief.key_messages) <= 5, brief.slug
            assert 3 <= len(brief.findings) <= 5, brief.slug
            assert len(brief.references) >= 3, brief.slug
            for block in brief.findings:
                finding = block.value
                assert finding["intervention"]
                assert 1 <= len(finding["groups"]) <= 2, brief.slug
                assert all(isinstance(group, InequalityGroup) for group in finding["groups"])
                assert finding["effect"] in InequalityEffect.values
                assert finding["strength"] in EvidenceStrength.values
                assert str(finding["detail"])
        effects = {block.value["effect"] for brief in WhatWorksBriefPage.objects.all() for block in brief.findings}
        assert effects == set(InequalityEffect.values)

    def test_every_stream_field_passes_block_validation_and_every_body_block_is_used(self):
        used = set()
        for page in Page.objects.specific():
            for field in page._meta.get_fields():
                if isinstance(field, StreamField):
                    value = getattr(page, field.name)
                    field.stream_block.clean(value)  # raises on missing alt text, bad choices, ...
                    used.update(block.block_type for block in value)
        assert {"paragraph", "heading", "image", "quote", "key_finding", "table", "document", "evidence_map"} <= used

    def test_the_evidence_map_resources_show_the_live_map_of_their_group_or_topic(self, client):
        maps = ResourcePage.objects.filter(resource_type=ResourceType.EVIDENCE_MAP)
        assert maps.count() >= 3
        for page in maps:
            html = client.get(page.url).content.decode()
            assert '<table class="evidence-map" id="evidence-map-block">' in html, page.slug
            assert 'href="/evidence-map/?' in html, page.slug  # "Open the full map with filters", preset kept
            assert "evidence-map__count" in html, f"{page.slug}: the map shows no findings"
            assert "evidence-map__cell--gap" in html, f"{page.slug}: the map shows no gap"

    def test_body_images_have_alt_text_or_are_marked_decorative(self):
        images = [
            block.value["image"]
            for page in Page.objects.specific()
            for block in getattr(page, "body", None) or []
            if block.block_type == "image"
        ]
        assert images
        for image in images:
            assert image.decorative or image.contextual_alt_text

    def test_taxonomy_filters_find_matching_content(self):
        assert set(Topic.objects.filter(kind=TopicKind.OTHER).values_list("slug", flat=True)) >= EXTRA_TOPICS
        coastal_hypertension = EvidencePage.objects.filter(groups__slug="coastal-communities").filter(
            topics__slug="hypertension"
        )
        assert coastal_hypertension.exists()
        inclusion_health = EvidencePage.objects.filter(groups__slug__in=INCLUSION_HEALTH_SUBGROUPS).distinct()
        assert inclusion_health.count() >= 3
        for topic in EXTRA_TOPICS:
            assert EvidencePage.objects.filter(topics__slug=topic).exists(), topic

    def test_library_links_have_a_year_groups_and_topics(self):
        for link in LibraryLink.objects.prefetch_related("groups", "topics"):
            assert link.year and link.url.startswith("https://"), link.title
            assert link.groups.all() and link.topics.all(), link.title

    def test_authors_have_a_role_bio_and_photo(self):
        for author in Author.objects.select_related("photo"):
            assert author.role and author.bio and author.photo, author.name

    def test_listing_images_are_set_on_most_evidence_pages(self):
        pages = EvidencePage.objects.all()
        assert pages.filter(listing_image__isnull=False).count() > pages.count() * 0.75

    def test_no_two_evidence_pages_share_a_listing_image(self):
        titles = EvidencePage.objects.exclude(listing_image=None).values_list("listing_image__title", flat=True)
        shared = Counter(titles)
        assert shared and {title: count for title, count in shared.items() if count > 1} == {}

    def test_every_picture_is_described_by_what_it_shows(self):
        stored = {image.title: image for image in get_image_model().objects.all()}
        longest = get_image_model()._meta.get_field("description").max_length
        for spec in read("media")["images"]:
            description = " ".join(stored[spec["title"]].description.split()).lower()
            assert len(description) <= longest, spec["title"]  # SQLite would store more; PostgreSQL refuses
            shown = [headline_of(spec)]
            shown += [bar["text"] for bar in spec.get("chart", {}).get("bars", [])]
            shown += [row["label"] for row in spec.get("grid", {}).get("rows", [])]
            shown += [spec["card"]["figure"]] if "figure" in spec.get("card", {}) else []
            for words in shown:
                assert words.lower() in description, (spec["title"], words)

    def test_every_briefs_picture_shows_its_own_findings(self):
        specs = {spec["title"]: spec for spec in read("media")["images"]}
        briefs = WhatWorksBriefPage.objects.select_related("listing_image")
        assert briefs
        for brief in briefs:
            pictured = specs[brief.listing_image.title]["findings"]["rows"]
            effects = [block.value["effect"] for block in brief.findings]
            assert [row["effect"] for row in pictured] == effects, brief.slug
            description = " ".join(brief.listing_image.description.split()).lower()
            for row in pictured:
                assert row["label"].lower() in description, (brief.slug, row["label"])

    def test_running_again_changes_nothing(self, demo_site):
        before = snapshot()
        output = load_demo_content()
        assert snapshot() == before
        assert "0 objects created" in output
        assert "0 objects created" not in demo_site

    def test_creates_no_users(self):
        assert not get_user_model().objects.exists()

    def test_every_page_renders(self, client):
        for page in Page.objects.filter(depth__gt=1).specific():
            response = client.get(page.get_url())
            expected = 404 if page.slug in UNPUBLISHED_DEMO_SLUGS else 200
            assert response.status_code == expected, page.url_path


DEMO_LOGINS = {"DEBUG": True, "DEMO_ADMIN_USERNAME": "admin", "DEMO_ADMIN_PASSWORD": "demo-password"}


def ensure_demo_admin():
    out = StringIO()
    with override_settings(**DEMO_LOGINS):
        call_command("ensure_demo_admin", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_site")
class TestEditorialDemo:
    def test_an_older_brief_is_replaced_by_a_newer_updated_one(self, client):
        older = WhatWorksBriefPage.objects.get(slug=SUPERSEDED_BRIEF["slug"])
        newer = older.replaced_by.specific
        assert newer.slug == "what-works-integrated-neighbourhood-teams"
        assert newer.updated_on == datetime.date(2025, 9, 2)
        html = client.get(older.url).content.decode()
        assert "This has been replaced by a newer brief" in html and newer.title in html
        assert "<dt>Updated on</dt>" in client.get(newer.url).content.decode()

    def test_three_briefs_have_dois_that_reach_citation_managers(self, client):
        briefs = WhatWorksBriefPage.objects.exclude(doi="")
        assert briefs.count() == 3
        for brief in briefs:
            (record,) = rispy.loads(client.get(f"{brief.url}cite/ris/").content.decode())
            assert record["doi"] == brief.doi and brief.doi.startswith("10.5555/")

    def test_some_live_pages_are_past_their_review_date_and_show_on_the_desk(self, client):
        overdue = EvidencePage.objects.live().filter(review_by__lt=timezone.localdate())
        assert overdue.count() == 3
        client.force_login(get_user_model().objects.create_superuser("boss", "boss@example.org", "x"))
        html = client.get("/admin/").content.decode()
        assert "<strong>3</strong> live pages past their review date" in html
        for page in overdue:
            assert page.title in html

    def test_a_blog_post_is_scheduled_and_goes_live_when_its_time_comes(self):
        post = BlogPage.objects.get(slug=SCHEDULED_POST["slug"])
        assert not post.live
        revision = Revision.page_revisions.get(object_id=str(post.pk), approved_go_live_at__isnull=False)
        go_live_date = timezone.localdate() + datetime.timedelta(
            days=SCHEDULED_POST["publication_date_days_from_today"]
        )
        assert timezone.localtime(revision.approved_go_live_at).date() == go_live_date
        call_command("publish_scheduled", stdout=StringIO())
        post.refresh_from_db()
        assert not post.live
        with time_machine.travel(revision.approved_go_live_at + datetime.timedelta(minutes=1), tick=False):
            call_command("publish_scheduled", stdout=StringIO())
        post.refresh_from_db()
        assert post.live

    def test_the_demo_team_logs_in_and_the_editor_has_a_draft_in_moderation(self, client):
        draft = WhatWorksBriefPage.objects.get(slug=DRAFT_FOR_REVIEW["slug"])
        assert not draft.live and not draft.workflow_in_progress  # nobody to submit it yet

        with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8123"):
            output = ensure_demo_admin()
        # The three logins come last (after anything the submission printed), at the address served.
        last_lines = output.splitlines()[-5:]
        assert last_lines[0] == "Three demo logins, password 'demo-password' (dev settings only):"
        assert [line.split()[0] for line in last_lines[1:4]] == ["admin", "editor", "moderator"]
        assert last_lines[4] == "Sign in at http://127.0.0.1:8123/admin/"
        User = get_user_model()
        editor, moderator = User.objects.get(username="editor"), User.objects.get(username="moderator")
        assert [group.name for group in editor.groups.all()] == ["Editors"]
        assert [group.name for group in moderator.groups.all()] == ["Moderators"]
        assert not (editor.is_superuser or moderator.is_superuser)

        state = WorkflowState.objects.get(object_id=str(draft.pk), status=WorkflowState.STATUS_IN_PROGRESS)
        assert state.requested_by == editor
        ensure_demo_admin()  # again: nothing resubmitted
        assert WorkflowState.objects.filter(object_id=str(draft.pk)).count() == 1

        assert client.login(username="moderator", password="demo-password")
        assert DRAFT_FOR_REVIEW["title"] in client.get("/admin/").content.decode()
        task_state = state.current_task_state
        response = client.post(f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state.pk}/", {"comment": ""})
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.live

    def test_pages_without_a_listing_image_are_shared_with_the_default_image(self, client):
        default = SocialMediaSettings.for_site(Site.objects.get(is_default_site=True)).default_image
        assert default is not None and default.description
        for url in ("/", "/resources/", "/about/"):
            html = client.get(url).content.decode()
            assert '<meta property="og:image" content="http://testserver/' in html, url
            assert '<meta name="twitter:card" content="summary_large_image">' in html, url
