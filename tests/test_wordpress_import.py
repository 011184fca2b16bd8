"""`manage.py import_wordpress`: the centre's WordPress site brought across, every old address kept.

The export is imported once for the module (twice, to prove a second run doubles nothing); each
test reads what the editors and visitors would find. Tests that import again run in their own
savepoint, so the shared import stays as it was.
"""

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

import pytest

from blog.models import BlogPage
from library.models import LibraryLink
from panel.models import PanelPostPage
from resources.models import ResourcePage, WhatWorksBriefPage
from tests import factories
from tests.wordpress_support import build_export
from wordpress_import.models import ImportedItem

pytestmark = pytest.mark.django_db


def run_import(path, uploads=None, **options):
    output = StringIO()
    call_command("import_wordpress", str(path), uploads=str(uploads) if uploads else None, stdout=output, **options)
    return output.getvalue()


def stored_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "redirects": Redirect.objects.count(),
        "library links": LibraryLink.objects.count(),
        "imported items": ImportedItem.objects.count(),
    }


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, tmp_path_factory):
    """A site with its sections, the export imported twice, and what each run printed and left."""
    folder = tmp_path_factory.mktemp("wordpress")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=folder / "media"),
        transaction.atomic(),
    ):
        home = factories.create_site_home()
        for factory in (
            factories.ResourceIndexPageFactory,
            factories.BlogIndexPageFactory,
            factories.CitizensPanelIndexPageFactory,
            factories.LibraryPageFactory,
        ):
            factory(parent=home)
        user = get_user_model().objects.create_superuser("importer", "importer@example.org", "password")
        path, uploads = build_export(folder)
        first = run_import(path, uploads)
        after_first = stored_counts()
        second = run_import(path, uploads)
        yield {
            "first": first,
            "second": second,
            "after_first": after_first,
            "after_second": stored_counts(),
            "user": user,
            "path": path,
            "uploads": uploads,
            "media": folder / "media",
        }
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


def page_for(wordpress_id):
    return ImportedItem.objects.get(wordpress_id=wordpress_id).page.specific


def blocks(page, field="body"):
    return [(block.block_type, block.value) for block in getattr(page, field)]


class TestReport:
    def test_counts_what_was_created_and_every_warning_with_its_post(self, imported):
        report = imported["first"]
        assert "Blog posts: 7 created" in report
        assert "Citizens' Panel posts: 1 created" in report
        assert "What works briefs: 2 created" in report
        assert "Resources: 1 created" in report
        assert "Standard pages: 2 created" in report
        assert "Images: 2 created, 0 updated, 0 unchanged, 1 skipped" in report
        assert "Documents: 1 created" in report
        assert "Library links: 3 created" in report
        for warning in [
            "attachment 102 'Chart': file 2024/03/missing.png is missing from the uploads folder",
            "post 1 'Café culture — “health” & équité': removed <script>",
            "post 1 'Café culture — “health” & équité': block-editor block wp:latest-posts has no content",
            "post 2 'Classic post': shortcode [contact-form-7] removed",
            "post 2 'Classic post': featured image (attachment 102) was not imported",
            "post 3 'Classic post, again': the slug 'classic-post' is taken under /home/blog/: "
            "imported as 'classic-post-2'",
            "post 8 'Private notes': private on WordPress: imported as a draft, not published",
            "post 9 'Binned post': in WordPress's trash: not imported",
            "tag 'COVID-19' (covid-19): not in the mapping, so not carried to 1 item(s): post 1",
        ]:
            assert warning in report
        assert "post 6 'What works: staff wellbeing': could not be structured automatically" in report
        # A subcategory of a category the rules read (the panel's) is not "unmapped".
        assert "panel-stories" not in report

    def test_a_second_import_doubles_nothing_and_says_so(self, imported):
        assert imported["after_second"] == imported["after_first"]
        second = imported["second"]
        assert "Blog posts: 0 created, 0 updated, 7 unchanged" in second
        assert "Total: 0 created, 0 updated" in second


class TestContent:
    def test_block_editor_markup_becomes_our_blocks(self, imported):
        page = page_for(1)
        assert isinstance(page, BlogPage)
        assert page.title == "Café culture — “health” & équité"
        assert page.slug == "café-culture"
        kinds = [kind for kind, _ in blocks(page)]
        assert kinds == ["paragraph", "heading", "image", "table", "quote", "embed", "paragraph"]
        body = dict(blocks(page)[1:6])
        assert "Café owners &amp; clinicians met in Tōkyō and Zürich — “équité”" in blocks(page)[0][1].source
        assert body["heading"]["text"] == "What we heard"
        image = body["image"]
        assert image["image"].title == "Clinic"
        assert image["image"].contextual_alt_text == "Nurses at the drop-in clinic"
        assert image["caption"] == "The drop-in clinic"
        assert body["table"]["caption"] == "Visits by area"
        assert body["table"]["table"]["data"] == [["Area", "Visits"], ["North", "120"]]
        assert body["quote"]["quote"] == "Nobody asked us before."
        assert body["quote"]["attribution"] == "A panel member"
        assert body["embed"].url == "https://www.youtube.com/watch?v=abc123"

    def test_scripts_styles_and_handlers_are_gone_and_links_follow_the_move(self, imported):
        page = page_for(1)
        stored = str(page.body.raw_data)
        for unsafe in ("<script", "alert(", "style=", "onclick", "wp-block", "<!--"):
            assert unsafe not in stored
        last = blocks(page)[-1][1].source
        assert 'href="/2024/03/05/classic-post/"' in last  # a link into the old site, through its redirect
        document = get_document_model().objects.get(title="Full report")
        assert f'linktype="document" id="{document.pk}"' in last

    def test_classic_posts_shortcodes_and_excerpts(self, imported):
        page = page_for(2)
        assert page.summary == "A short excerpt, written by hand."
        kinds = [kind for kind, _ in blocks(page)]
        assert kinds == ["paragraph", "embed", "paragraph"]
        first = blocks(page)[0][1].source
        assert "a citation [1] and an ampersand &amp; a non-breaking" in first
        assert "contact-form-7" not in str(page.body.raw_data)
        assert blocks(page)[1][1].url == "https://www.youtube.com/watch?v=xyz789"
        assert "A closing line<br/>with a manual break." in blocks(page)[2][1].source

    def test_summary_written_from_the_first_paragraph_when_there_is_no_excerpt(self, imported):
        assert page_for(4).summary == "I was nervous, and the receptionist was kind."

    def test_featured_image_authors_groups_topics_and_guest_posts(self, imported):
        page = page_for(1)
        assert page.listing_image.title == "Team photo"
        assert [author.name for author in page.authors] == ["Ana Okafor"]
        assert [group.slug for group in page.groups.all()] == ["people-experiencing-homelessness"]
        assert [topic.slug for topic in page.topics.all()] == ["maternity"]
        assert page.is_guest_post
        assert not page_for(2).is_guest_post

    def test_posts_in_a_subcategory_of_the_panel_become_panel_posts(self, imported):
        page = page_for(4)
        assert isinstance(page, PanelPostPage)
        assert page.get_parent().url_path == "/home/citizens-panel/"

    def test_pages_become_standard_pages_under_their_parent(self, imported):
        about, team = page_for(20), page_for(21)
        assert about.url_path == "/home/about-the-centre/"
        assert team.get_parent().pk == about.pk

    def test_resources_link_their_documents(self, imported):
        page = page_for(7)
        assert isinstance(page, ResourcePage)
        assert page.resource_type == "report"
        document = get_document_model().objects.get(title="Full report")
        assert f'linktype="document" id="{document.pk}"' in blocks(page)[0][1].source


class TestBriefs:
    def test_a_brief_with_its_sections_is_structured_and_published(self, imported):
        brief = page_for(5)
        assert isinstance(brief, WhatWorksBriefPage)
        assert brief.live
        assert brief.review_question == "What helps people experiencing homelessness register with a GP?"
        assert [block.value for block in brief.key_messages] == [
            "Outreach registration works.",
            "Proof of address rules deter people.",
        ]
        assert "Drop proof-of-address requirements." in brief.recommendations
        reference = brief.references[0].value
        assert reference["citation"].startswith("Smith J (2021) Registering without an address.")
        assert reference["url"] == "https://doi.org/10.1000/xyz"
        assert not ImportedItem.objects.get(wordpress_id=5).needs_review

    def test_a_brief_that_cannot_be_structured_is_a_flagged_draft_holding_the_text(self, imported):
        brief = page_for(6)
        assert not brief.live
        draft = brief.get_latest_revision_as_object()
        assert "A long essay on workforce wellbeing" in draft.methods
        assert "<b>Some thoughts</b>" in draft.methods
        assert "Staff who feel heard stay longer." in draft.methods
        assert "could not be structured automatically" in ImportedItem.objects.get(wordpress_id=6).needs_review


class TestStatusesAndHistory:
    def test_drafts_private_and_trashed_posts_are_not_published(self, imported):
        assert not page_for(8).live  # private
        assert not page_for(11).live  # draft
        assert not page_for(12).live  # password-protected
        assert page_for(11).slug == "half-written"  # a draft has no slug in WordPress yet
        assert not ImportedItem.objects.filter(wordpress_id=9).exists()  # trashed
        assert not BlogPage.objects.filter(title="Binned post").exists()

    def test_a_scheduled_post_is_scheduled(self, imported):
        page = page_for(10)
        assert not page.live
        assert page.go_live_at > timezone.now()
        assert page.get_latest_revision().approved_go_live_at == page.go_live_at

    def test_dates_are_kept_and_revisions_are_the_importing_users(self, imported):
        page = page_for(2)
        assert page.publication_date == datetime.date(2024, 3, 5)
        assert page.first_published_at == datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC)
        assert page.last_published_at == datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC)
        assert page.search_description == "How classic posts read."
        revisions = Revision.objects.filter(object_id=str(page.pk))
        assert revisions.count() == 1
        assert {revision.user for revision in revisions} == {imported["user"]}
        history = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
        assert [entry.action for entry in history] == [
            "wagtail.create",
            "wagtail.edit",
            "wagtail.publish",
            "wordpress_import.imported",
        ]
        assert history.last().message == "Imported from WordPress (post 2)"
        assert {entry.user for entry in history} == {imported["user"]}

    def test_a_changed_post_is_updated_with_a_new_revision_and_an_edited_page_is_left_alone(self, imported, tmp_path):
        changed, edited = page_for(2), page_for(4)
        edited.title = "Changed by an editor"
        edited.save_revision(user=imported["user"])
        export = imported["path"].read_text(encoding="utf-8")
        export = export.replace("A closing line", "A rewritten closing line").replace("I was nervous", "I was calm")
        path = tmp_path / "changed.xml"
        path.write_text(export, encoding="utf-8")

        report = run_import(path, imported["uploads"])

        assert "Blog posts: 0 created, 1 updated, 6 unchanged" in report
        assert "post 4 'My first appointment': changed by an editor since the last import: left alone" in report
        changed.refresh_from_db()
        assert "A rewritten closing line" in str(changed.body.raw_data)
        assert Revision.objects.filter(object_id=str(changed.pk)).count() == 2
        assert edited.get_latest_revision_as_object().title == "Changed by an editor"


class TestLibrary:
    def test_the_reading_page_becomes_library_links_grouped_by_organisation(self, imported):
        links = {(link.organisation, link.title): link for link in LibraryLink.objects.all()}
        assert set(links) == {
            ("The King's Fund", "What are health inequalities?"),
            ("The King's Fund", "Inclusion health"),
            ("Office for National Statistics", "Health state life expectancies by deprivation"),
        }
        first = links[("The King's Fund", "What are health inequalities?")]
        assert (first.year, first.description) == (2022, "A plain introduction.")
        assert links[("The King's Fund", "Inclusion health")].year == 2021


class TestOldAddresses:
    def test_every_redirect_leads_to_a_page_or_file(self, imported, client):
        redirects = list(Redirect.objects.select_related("redirect_page"))
        assert len(redirects) == imported["after_first"]["redirects"]
        reached = set()
        for redirect in redirects:
            response = client.get(redirect.old_path)
            assert response.status_code == 301, redirect.old_path
            target = response["Location"]
            if redirect.redirect_page_id:
                assert target == redirect.redirect_page.url
                if redirect.redirect_page.live:
                    assert client.get(target).status_code == 200, (redirect.old_path, target)
                    reached.add(redirect.redirect_page_id)
            else:
                assert target.startswith(("/media/", "/documents/"))
        live = ImportedItem.objects.filter(page__live=True).values_list("page_id", flat=True)
        assert reached == set(live)
        assert len(reached) == 9  # 6 published posts and briefs, 2 pages, the library

    @pytest.mark.parametrize(
        ("old_address", "wordpress_id"),
        [
            ("/2024/03/05/classic-post/", 2),
            ("/?p=2", 2),
            ("/?p=2&utm_source=newsletter", 2),
            ("/?page_id=20", 20),
            ("/?p=21", 21),
            ("/further-reading/", 22),
            ("/?p=7", 7),
        ],
    )
    def test_old_addresses_of_posts_and_pages(self, imported, client, old_address, wordpress_id):
        response = client.get(old_address)
        assert response.status_code == 301
        assert response["Location"] == ImportedItem.objects.get(wordpress_id=wordpress_id).page.url

    def test_an_old_address_that_is_the_new_one_needs_no_redirect(self, imported, client):
        assert client.get("/about-the-centre/our-team/").status_code == 200
        assert client.get("/resources/funding-toolkit/").status_code == 200
        assert not Redirect.objects.filter(old_path__in=["/about-the-centre/our-team", "/resources/funding-toolkit"])

    def test_attachment_pages_and_files_lead_to_the_new_file(self, imported, client):
        image = get_image_model().objects.get(title="Clinic")
        for old_address in [
            "/?attachment_id=101",
            "/2024/03/05/attachment-page-101/",
            "/wp-content/uploads/2024/03/clinic.png",
        ]:
            response = client.get(old_address)
            assert (response.status_code, response["Location"]) == (301, image.file.url)
        document = get_document_model().objects.get(title="Full report")
        assert client.get("/wp-content/uploads/2024/03/report.pdf")["Location"] == document.url

    def test_the_home_page_is_untouched_without_a_wordpress_parameter(self, imported, client):
        assert client.get("/").status_code == 200
        assert client.get("/?p=999999").status_code == 200
        assert client.get("/?p=abc").status_code == 200
