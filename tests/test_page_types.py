"""Every page type: created only under its allowed parents, routable, and rendering its fields."""

from django.core.exceptions import ValidationError

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogPage
from healthequity.core.evidence.models import Approach
from healthequity.core.finder.models import EvidenceIndexPage
from healthequity.core.models import EvidencePage, HomePage, InequalityGroup, StandardPage, Topic
from library.models import LibraryPage
from panel.models import PanelPostPage
from resources.models import ResourceIndexPage, ResourcePage, WhatWorksBriefPage
from tests import factories


class PageTreeTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.create_site_home()
        cls.resources = factories.ResourceIndexPageFactory(parent=cls.home)
        cls.blog = factories.BlogIndexPageFactory(parent=cls.home)
        cls.panel = factories.CitizensPanelIndexPageFactory(parent=cls.home)
        cls.library = factories.LibraryPageFactory(parent=cls.home)
        cls.group = InequalityGroup.objects.get(slug="coastal-communities")
        cls.topic = Topic.objects.get(slug="hypertension")
        cls.author = factories.AuthorFactory(name="Dr Ada Example")


class ParentAndChildRulesTests(PageTreeTestCase):
    def test_home_page_sits_at_the_top_of_the_tree_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_section_pages_sit_under_the_home_page(self):
        for section in (ResourceIndexPage, EvidenceIndexPage, LibraryPage):
            with self.subTest(section=section.__name__):
                self.assertAllowedParentPageTypes(section, {HomePage})

    def test_each_content_type_sits_under_its_own_index_only(self):
        self.assertAllowedParentPageTypes(ResourcePage, {ResourceIndexPage})
        self.assertAllowedParentPageTypes(WhatWorksBriefPage, {ResourceIndexPage})
        self.assertAllowedParentPageTypes(BlogPage, {EvidenceIndexPage})
        self.assertAllowedParentPageTypes(PanelPostPage, {EvidenceIndexPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_content_pages_have_no_children(self):
        for page_type in (ResourcePage, WhatWorksBriefPage, BlogPage, PanelPostPage, LibraryPage):
            with self.subTest(page_type=page_type.__name__):
                self.assertAllowedSubpageTypes(page_type, set())

    def test_the_shared_base_page_cannot_be_created_on_its_own(self):
        self.assertCanNotCreateAt(ResourceIndexPage, EvidencePage)
        self.assertCanNotCreateAt(HomePage, EvidencePage)

    def test_blog_posts_cannot_be_created_under_resources(self):
        self.assertCanNotCreateAt(ResourceIndexPage, BlogPage)
        self.assertCanNotCreateAt(EvidenceIndexPage, ResourcePage)
        self.assertCanNotCreateAt(HomePage, WhatWorksBriefPage)

    def test_an_evidence_index_takes_only_the_kind_of_evidence_it_lists(self):
        self.assertTrue(BlogPage.can_create_at(self.blog))
        self.assertFalse(PanelPostPage.can_create_at(self.blog))
        self.assertTrue(PanelPostPage.can_create_at(self.panel))
        self.assertFalse(BlogPage.can_create_at(self.panel))
        post = factories.BlogPageFactory(parent=self.blog)
        self.assertFalse(post.can_move_to(self.panel))
        self.assertTrue(post.can_move_to(self.blog))

    def test_a_kind_of_evidence_has_one_listing(self):
        second_blog = EvidenceIndexPage(title="Another blog", slug="another-blog", listed_type="blog")
        with self.assertRaisesMessage(ValidationError, "There is already a listing of “Blog” pages."):
            second_blog.full_clean()


class AdminCreationTests(PageTreeTestCase):
    def setUp(self):
        self.login()

    def listing_fields(self, title, slug):
        return {
            "title": title,
            "slug": slug,
            "summary": "A short summary for listings.",
            "publication_date": "2025-03-01",
            "page_authors": inline_formset([{"author": self.author.pk}]),
            "action-publish": "publish",
        }

    def form_data(self, fields):
        """Admin form data: nested fields flattened, many-to-many checkboxes as repeated values."""
        return {**nested_form_data(fields), "groups": [self.group.pk], "topics": [self.topic.pk]}

    def test_editor_can_create_a_resource_in_the_admin(self):
        data = self.listing_fields("Dispensing practices and NHS funding", "dispensing")
        data.update(
            resource_type="analysis",
            body=streamfield([("paragraph", rich_text("<p>Analysis body.</p>"))]),
        )
        self.assertCanCreate(self.resources, ResourcePage, self.form_data(data))
        page = ResourcePage.objects.get(slug="dispensing")
        self.assertEqual(page.resource_type, "analysis")
        self.assertEqual(list(page.groups.all()), [self.group])
        self.assertEqual(page.authors, [self.author])

    def test_editor_can_create_a_structured_brief_in_the_admin(self):
        data = self.listing_fields("What works: community champions", "community-champions")
        data.update(
            review_question="Do community champions narrow inequalities in vaccine uptake?",
            key_messages=streamfield([("message", "Champions from the community work best.")]),
            findings=streamfield(
                [
                    (
                        "finding",
                        {
                            "intervention": "Community champions",
                            # One step: the groups are checkboxes, the approach and cost selects.
                            "groups": (self.group.pk,),  # a tuple: posted as repeated values
                            "approach": Approach.objects.get(slug="community-led").pk,
                            "effect": "narrows",
                            "strength": "moderate",
                            "cost": "low",
                            "detail": rich_text("<p>Consistent across studies.</p>"),
                        },
                    )
                ]
            ),
            recommendations=rich_text("<p>Fund champions.</p>"),
            evidence_searched_to="2025-01-31",
            methods=rich_text("<p>Rapid review.</p>"),
            references=streamfield([("reference", {"citation": "Smith J. (2024) A study.", "url": "", "doi": ""})]),
        )
        self.assertCanCreate(self.resources, WhatWorksBriefPage, self.form_data(data))
        brief = WhatWorksBriefPage.objects.get(slug="community-champions")
        self.assertEqual(brief.resource_type, "what-works-brief")
        finding = brief.findings[0].value
        self.assertEqual(finding["effect"], "narrows")
        self.assertEqual(list(finding["groups"]), [self.group])
        self.assertEqual(finding["approach"].slug, "community-led")
        self.assertEqual(finding.cost_label(), "Low cost")

    def test_editor_can_create_a_blog_post_and_a_panel_post(self):
        blog = self.listing_fields("A guest view", "guest-view")
        blog.update(is_guest_post=True, body=streamfield([("paragraph", rich_text("<p>Opinion.</p>"))]))
        self.assertCanCreate(self.blog, BlogPage, self.form_data(blog))
        self.assertEqual(BlogPage.objects.get(slug="guest-view").resource_type, "blog")

        post = self.listing_fields("My GP and me", "my-gp")
        post.update(
            member_display_name="Panel member, Cumbria", body=streamfield([("paragraph", rich_text("<p>Story.</p>"))])
        )
        self.assertCanCreate(self.panel, PanelPostPage, self.form_data(post))
        self.assertEqual(PanelPostPage.objects.get(slug="my-gp").resource_type, "citizens-panel")

    def test_editor_can_create_a_listing_of_one_kind_of_evidence(self):
        data = {"title": "Analyses", "slug": "analyses", "listed_type": "analysis", "action-publish": "publish"}
        self.assertCanCreate(self.home, EvidenceIndexPage, nested_form_data(data))
        self.assertEqual(EvidenceIndexPage.objects.get(slug="analyses").finder_feed_types, ("analysis",))

    def test_a_resource_cannot_claim_to_be_a_blog(self):
        data = self.listing_fields("Wrong type", "wrong-type")
        data.update(resource_type="blog", body=streamfield([]))
        response = self.client.post(
            f"/admin/pages/add/resources/resourcepage/{self.resources.pk}/", self.form_data(data)
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ResourcePage.objects.filter(slug="wrong-type").exists())


class RenderingTests(PageTreeTestCase):
    def test_every_page_type_is_routable_and_renders(self):
        pages = [
            self.home,
            self.resources,
            self.blog,
            self.panel,
            self.library,
            factories.StandardPageFactory(parent=self.home, slug="about"),
            factories.ResourcePageFactory(parent=self.resources),
            factories.WhatWorksBriefPageFactory(parent=self.resources),
            factories.BlogPageFactory(parent=self.blog),
            factories.PanelPostPageFactory(parent=self.panel),
        ]
        for page in pages:
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_resource_page_shows_its_fields_and_tag_links(self):
        page = factories.ResourcePageFactory(
            parent=self.resources,
            title="Dispensing Practices, NHS Funding, and the Geography of Inequality",
            summary="944 dispensing practices serve 9.5 million patients.",
            resource_type="analysis",
            groups=[self.group],
            topics=[self.topic],
            authors=[self.author],
            doi="10.1234/heec.2025.1",
            body=[("paragraph", "<p>Almost 10% of funding went on prescribing.</p>")],
        )
        html = self.client.get(page.url).content.decode()
        self.assertIn("<h1>Dispensing Practices, NHS Funding, and the Geography of Inequality</h1>", html)
        self.assertIn("944 dispensing practices serve 9.5 million patients.", html)
        self.assertIn("Almost 10% of funding went on prescribing.", html)
        self.assertIn("Analysis", html)
        self.assertIn("Dr Ada Example", html)
        self.assertIn('href="/resources/?group=coastal-communities"', html)
        self.assertIn('href="/resources/?topic=hypertension"', html)
        self.assertIn("https://doi.org/10.1234/heec.2025.1", html)

    def test_brief_shows_question_messages_rated_findings_and_references(self):
        brief = factories.WhatWorksBriefPageFactory(
            parent=self.resources,
            review_question="What works to empower staff?",
            key_messages=[("message", "Leadership matters.")],
            findings=[
                (
                    "finding",
                    {
                        "intervention": "Equity training",
                        "groups": [self.group],
                        "effect": "widens",
                        "strength": "limited",
                        "detail": "<p>Only one study.</p>",
                    },
                )
            ],
            recommendations="<p>Invest in leadership.</p>",
            methods="<p>Systematic search.</p>",
            references=[("reference", {"citation": "Jones A. (2023) Staff and equity.", "url": "", "doi": "10.1/x"})],
        )
        html = self.client.get(brief.url).content.decode()
        for expected in (
            "What works to empower staff?",
            "Leadership matters.",
            "Equity training",
            "Widens inequalities",
            "Limited",
            "Invest in leadership.",
            "Jones A. (2023) Staff and equity.",
            'href="/resources/?group=coastal-communities"',
        ):
            self.assertIn(expected, html)

    def test_panel_post_shows_the_display_name_chosen_by_the_member(self):
        post = factories.PanelPostPageFactory(parent=self.panel, member_display_name="Panel member, Norfolk")
        self.assertContains(self.client.get(post.url), "Panel member, Norfolk")

    def test_superseded_page_links_to_its_replacement(self):
        newer = factories.WhatWorksBriefPageFactory(parent=self.resources, title="What works: updated brief")
        older = factories.WhatWorksBriefPageFactory(parent=self.resources, replaced_by=newer)
        response = self.client.get(older.url)
        self.assertContains(response, "This has been replaced")
        self.assertContains(response, newer.url)

    def test_library_groups_links_by_organisation(self):
        factories.LibraryLinkFactory(title="Health inequalities in a nutshell", organisation="The King's Fund")
        factories.LibraryLinkFactory(
            title="Marmot Review 10 Years On", organisation="Institute of Health Equity", year=2020
        )
        html = self.client.get(self.library.url).content.decode()
        self.assertIn("Institute of Health Equity</h2>", html)
        self.assertIn("The King&#x27;s Fund</h2>", html)
        self.assertLess(html.index("Institute of Health Equity</h2>"), html.index("The King&#x27;s Fund</h2>"))
        self.assertIn("Marmot Review 10 Years On", html)
        self.assertIn("(2020)", html)
