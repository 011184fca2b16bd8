"""The funders' page types: where they may be created, what an opportunity shows (and never shows)
and the evidence it links to. ("Something not right?" on every content page: test_feedback_reports.py.)"""

import datetime
from unittest import mock

from django.test import TestCase

from wagtail.test.utils import WagtailPageTestCase

import pytest

from funders.models import FundersIndexPage, OpportunityEvent, OpportunityLink, OpportunityOrganisation, OpportunityPage
from healthequity.core.models import HomePage, InequalityGroup, MainMenuLink, NavigationSettings, StandardPage, Topic
from resources.models import ResourceIndexPage
from tests import factories
from tests import funders_support as support


class TestPageTypes(WagtailPageTestCase, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.create_site_home()
        cls.index = support.FundersIndexPageFactory(parent=cls.home)
        cls.opportunity = support.OpportunityPageFactory(parent=cls.index, title="A test opportunity")

    def test_the_funders_index_lives_only_under_the_home_page_and_once(self):
        self.assertCanCreateAt(HomePage, FundersIndexPage)
        self.assertAllowedParentPageTypes(FundersIndexPage, {HomePage})
        self.assertFalse(FundersIndexPage.can_create_at(self.home))  # max_count = 1, and there is one

    def test_opportunities_live_only_under_the_funders_index(self):
        self.assertAllowedParentPageTypes(OpportunityPage, {FundersIndexPage})
        self.assertCanNotCreateAt(HomePage, OpportunityPage)
        self.assertCanNotCreateAt(ResourceIndexPage, OpportunityPage)
        self.assertCanNotCreateAt(StandardPage, OpportunityPage)

    def test_both_are_routable_and_render(self):
        self.assertPageIsRoutable(self.index)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRoutable(self.opportunity)
        self.assertPageIsRenderable(self.opportunity)
        for path in ("submit/", "feed/"):
            self.assertPageIsRoutable(self.index, path)
        self.assertPageIsRoutable(self.opportunity, "register-interest/")

    # Wagtail's helper logs in with the first authentication backend, which is django-axes's (it has
    # no get_user); log in through Django's model backend instead.
    @mock.patch("wagtail.test.utils.page_tests.AUTH_BACKEND", "django.contrib.auth.backends.ModelBackend")
    def test_both_can_be_previewed_in_the_admin(self):
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(self.opportunity)

    def test_an_editor_can_create_an_opportunity_in_the_admin(self):
        self.login()
        data = {
            "title": "Created in the admin",
            "slug": "created-in-the-admin",
            "summary": "A summary.",
            "issues": [str(pk) for pk in self.opportunity.issues.values_list("pk", flat=True)],
            "location": "wales",
            "stage": "existing-collaboration",
            "aims_and_activities": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Aims.", "depth": 0, '
            '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "last_reviewed": "2026-01-01",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "organisations-TOTAL_FORMS": "0",
            "organisations-INITIAL_FORMS": "0",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        }
        self.assertCanCreate(self.index, OpportunityPage, data)

    def test_an_opportunity_cannot_take_an_address_the_index_uses(self):
        from django.core.exceptions import ValidationError

        page = OpportunityPage(
            title="Submit", slug="submit", summary="s", location="england", stage="emerging-opportunity"
        )
        with self.assertRaises(ValidationError):
            page.clean()


@pytest.fixture
def funders_index(home_page):
    return support.FundersIndexPageFactory(parent=home_page)


@pytest.fixture
def seeded_opportunity(funders_index):
    """The captured seed page, "Tackling health inequalities", as a moderator would have published it."""
    page = support.OpportunityPageFactory(
        parent=funders_index,
        title="Tackling health inequalities",
        slug="tackling-health-inequalities",
        issues=["health"],
        activities=["information-sharing"],
        location="england",
        stage="emerging-opportunity",
        groups=[InequalityGroup.objects.get(slug="core20")],
        topics=[Topic.objects.get(slug="hypertension")],
        how_to_get_involved="<p>Join one of our informal online sessions.</p>",
        last_reviewed=datetime.date(2026, 10, 1),
        contact_name="Sam Contact",
        contact_email="sam.contact@example.org",
    )
    page.events.add(
        OpportunityEvent(
            title="Informal online session",
            date=datetime.date(2099, 3, 2),
            start_time=datetime.time(11, 30),
            end_time=datetime.time(12, 15),
            how_to_join="Online.",
        )
    )
    page.events.add(OpportunityEvent(title="An earlier session", date=datetime.date(2023, 3, 2)))
    page.organisations.add(OpportunityOrganisation(name="NHS England Healthcare Inequalities Improvement Team"))
    page.links.add(OpportunityLink(title="Core20PLUS5", url="https://example.org/core20plus5"))
    page.save_revision().publish()
    return page


@pytest.mark.django_db
class TestOpportunityPage:
    def test_shows_every_section_of_the_seed_page(self, client, seeded_opportunity):
        html = client.get("/funders/tackling-health-inequalities/").content.decode()
        assert "<h1>Tackling health inequalities</h1>" in html
        for text in (
            "<dt>Issue</dt>",
            '<a href="/funders/?issue=health">Health</a>',
            "<dt>Activities</dt>",
            "Information sharing",
            '<a href="/funders/?location=england">England</a>',
            '<a href="/funders/?stage=emerging-opportunity">Emerging opportunity</a>',
            "<h2>Aims and activities</h2>",
            "<h2>How to get involved</h2>",
            "Join one of our informal online sessions.",
            "Monday 2 March 2099, 11:30am to 12:15pm",
            "Past events",
            "<h2>Who's involved</h2>",
            "NHS England Healthcare Inequalities Improvement Team",
            "<h2>Learning and resources</h2>",
            'href="https://example.org/core20plus5"',
            "Last reviewed",
            "1 October 2026",
            "Register interest",
            "Something not right?",
            "Add a collaboration opportunity",
            'href="/funders/?group=core20"',
        ):
            assert text in html, text

    def test_the_contact_is_never_shown_on_the_site(self, client, seeded_opportunity):
        for url in (
            "/funders/tackling-health-inequalities/",
            "/funders/tackling-health-inequalities/register-interest/",
            "/funders/",
            "/funders/feed/",
        ):
            body = client.get(url).content.decode()
            assert "sam.contact@example.org" not in body, url
            assert "Sam Contact" not in body, url

    def test_related_evidence_shares_groups_or_topics_most_in_common_first(
        self, client, seeded_opportunity, resource_index, django_assert_max_num_queries
    ):
        core20 = InequalityGroup.objects.get(slug="core20")
        hypertension = Topic.objects.get(slug="hypertension")
        both = factories.ResourcePageFactory(
            parent=resource_index, title="Shares both", groups=[core20], topics=[hypertension]
        )
        one = factories.ResourcePageFactory(parent=resource_index, title="Shares the topic", topics=[hypertension])
        factories.ResourcePageFactory(parent=resource_index, title="Shares nothing")
        draft = factories.ResourcePageFactory(parent=resource_index, title="Draft sharing both", groups=[core20])
        draft.unpublish()
        assert [page.title for page in seeded_opportunity.related_evidence()] == [both.title, one.title]
        html = client.get("/funders/tackling-health-inequalities/").content.decode()
        assert "Shares both" in html and "Shares nothing" not in html and "Draft sharing both" not in html

    def test_related_evidence_takes_a_bounded_number_of_queries(self, seeded_opportunity, resource_index):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        core20 = InequalityGroup.objects.get(slug="core20")

        def count():
            page = OpportunityPage.objects.get(pk=seeded_opportunity.pk)
            with CaptureQueriesContext(connection) as captured:
                list(page.related_evidence())
            return len(captured)

        factories.ResourcePageFactory(parent=resource_index, groups=[core20], authors=[factories.AuthorFactory()])
        few = count()
        for _ in range(8):
            factories.ResourcePageFactory(parent=resource_index, groups=[core20], authors=[factories.AuthorFactory()])
        assert count() == few

    def test_a_subgroup_opportunity_finds_evidence_on_its_parent_group(self, funders_index, resource_index):
        homelessness = InequalityGroup.objects.get(slug="people-experiencing-homelessness")
        parent = homelessness.parent
        page = support.OpportunityPageFactory(parent=funders_index, groups=[homelessness])
        evidence = factories.ResourcePageFactory(parent=resource_index, groups=[parent])
        assert [item.pk for item in page.related_evidence()] == [evidence.pk]

    def test_a_draft_opportunity_and_its_forms_are_not_public(self, client, seeded_opportunity):
        seeded_opportunity.unpublish()
        assert client.get("/funders/tackling-health-inequalities/").status_code == 404
        assert client.get("/funders/tackling-health-inequalities/register-interest/").status_code == 404


@pytest.mark.django_db
class TestNoEmailAddressOnAnOpportunity:
    """The contact's address (or any other) is never shown: visitors use "Register interest"."""

    def edit_data(self, page, **overrides):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        events = overrides.pop("events", [])
        data = nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "summary": page.summary,
                "location": page.location,
                "stage": page.stage,
                "aims_and_activities": rich_text("<p>Aims.</p>"),
                "how_to_get_involved": rich_text(overrides.pop("how_to_get_involved", "<p>Register interest.</p>")),
                "learning_and_resources": rich_text(""),
                "last_reviewed": "2026-01-01",
                "contact_name": page.contact_name,
                "contact_email": page.contact_email,
                "events": inline_formset(events),
                "organisations": inline_formset([]),
                "links": inline_formset([]),
                "comments": inline_formset([]),
                **overrides,
            }
        )
        data["issues"] = [str(pk) for pk in page.issues.values_list("pk", flat=True)]
        return data

    def test_the_editor_refuses_an_address_in_the_text_with_a_message_by_the_field(self, admin_client, funders_index):
        page = support.OpportunityPageFactory(parent=funders_index, title="Link workers", slug="link-workers")
        response = admin_client.post(
            f"/admin/pages/{page.pk}/edit/",
            self.edit_data(page, how_to_get_involved='<p>Email <a href="mailto:Sara@NHS.example">Sara</a>.</p>'),
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "Remove the email address (Sara@NHS.example)" in errors["how_to_get_involved"][0]
        event = {"title": "Online session", "date": "2099-03-02", "how_to_join": "Write to sara@nhs.example"}
        response = admin_client.post(f"/admin/pages/{page.pk}/edit/", self.edit_data(page, events=[event]))
        assert response.status_code == 200
        assert "Remove the email address (sara@nhs.example)" in str(response.context["form"].formsets["events"].errors)
        assert page.get_latest_revision() is None or "nhs.example" not in str(page.get_latest_revision().content)
        # Without the address the same page saves.
        assert admin_client.post(f"/admin/pages/{page.pk}/edit/", self.edit_data(page)).status_code == 302

    def test_the_page_model_refuses_one_too(self, funders_index):
        from django.core.exceptions import ValidationError

        page = OpportunityPage(
            title="T",
            slug="t",
            summary="Write to a.person@example.org",
            location="england",
            stage="emerging-opportunity",
        )
        with pytest.raises(ValidationError) as raised:
            page.clean()
        assert "summary" in raised.value.message_dict


@pytest.mark.django_db
def test_the_navigation_links_the_funders_pages(client, funders_index):
    # A new funders' hub is in the main menu under its title; editors may give it a shorter label.
    html = client.get("/funders/").content.decode()
    assert '<a href="/funders/" aria-current="page">Funders&#x27; collaboration opportunities</a>' in html
    menus = NavigationSettings.for_site(funders_index.get_site())
    menus.main_links = [MainMenuLink(page=funders_index, label="Funders")]
    menus.save()
    assert '<a href="/funders/" aria-current="page">Funders</a>' in client.get("/funders/").content.decode()
    opportunity = support.OpportunityPageFactory(parent=funders_index)
    assert '<a href="/funders/" aria-current="true">Funders</a>' in client.get(opportunity.url).content.decode()
