"""Factories and helpers for the funders' tests (tests/test_funders_*.py)."""

from django.contrib.auth.models import Group, Permission

import factory
import wagtail_factories

from funders.models import (
    Activity,
    FundersIndexPage,
    InterestRegistration,
    Issue,
    OpportunityPage,
    OpportunitySubmission,
)
from funders.permissions import MODERATORS_GROUP
from tests.public_forms_support import protection


class FundersIndexPageFactory(wagtail_factories.PageFactory):
    title = "Funders' collaboration opportunities"
    slug = "funders"

    class Meta:
        model = FundersIndexPage


class OpportunityPageFactory(wagtail_factories.PageFactory):
    """Pass issues=[...], activities=[...], groups=[...], topics=[...] (objects or slugs for the first two)."""

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    summary = factory.Faker("sentence", nb_words=16)
    location = "england"
    stage = "emerging-opportunity"
    aims_and_activities = "<p>Aims and activities of the opportunity.</p>"
    how_to_get_involved = "<p>Register interest to join us.</p>"
    contact_name = "Olu Contact"
    contact_email = "contact-person@example.org"

    class Meta:
        model = OpportunityPage
        skip_postgeneration_save = True

    @factory.post_generation
    def issues(self, create, extracted, **kwargs):
        values = extracted or ["health"]
        self.issues.set([Issue.objects.get(slug=value) if isinstance(value, str) else value for value in values])
        if create:
            self.save()

    @factory.post_generation
    def activities(self, create, extracted, **kwargs):
        if extracted:
            self.activities.set(
                [Activity.objects.get(slug=value) if isinstance(value, str) else value for value in extracted]
            )
            if create:
                self.save()

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if extracted:
            self.groups.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)
            if create:
                self.save()


class OpportunitySubmissionFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Submitted opportunity {n}")
    summary = "A short summary."
    location = "london"
    stage = "existing-collaboration"
    aims_and_activities = "What we aim to do."
    how_to_get_involved = "How to join us."
    submitter_name = "Sian Submitter"
    submitter_organisation = "Submitting Trust"
    submitter_email = "sian@example.org"
    consent_to_contact = True
    consent_to_publish = True

    class Meta:
        model = OpportunitySubmission
        skip_postgeneration_save = True

    @factory.post_generation
    def issues(self, create, extracted, **kwargs):
        if create:
            self.issues.set(Issue.objects.filter(slug__in=extracted or ["health"]))


class InterestRegistrationFactory(factory.django.DjangoModelFactory):
    opportunity_title = factory.LazyAttribute(lambda registration: registration.opportunity.title)
    name = "Rana Registrant"
    organisation = "Interested Foundation"
    email = "rana@example.org"
    message = "We would like to join."
    consent_to_share = True

    class Meta:
        model = InterestRegistration


def submission_data(**overrides):
    data = {
        "title": "Tackling loneliness together",
        "summary": "Funders of befriending schemes sharing what works.",
        "issues": ["health", "community-development"],
        "activities": ["peer-learning"],
        "location": "england",
        "stage": "emerging-opportunity",
        "groups": [],
        "topics": [],
        "aims_and_activities": "We want to reduce loneliness among older people.\n\nAnd learn together.",
        "how_to_get_involved": "Join our first call.",
        "event_title": "",
        "event_date": "",
        "event_start_time": "",
        "event_end_time": "",
        "event_how_to_join": "",
        "organisations": "Befriending Fund\nOlder People's Trust",
        "website": "",
        "learning_and_resources": "",
        "submitter_name": "Funmi Funder",
        "submitter_organisation": "Befriending Fund",
        "submitter_role": "Director",
        "submitter_email": "funmi@example.org",
        "consent_to_contact": "on",
        "consent_to_publish": "on",
        **protection(),
    }
    data.update(overrides)
    return data


def registration_data(**overrides):
    data = {
        "name": "Ravi Registrant",
        "organisation": "Second Funder Trust",
        "email": "ravi@example.org",
        "message": "We fund similar work and would like to talk.",
        "consent_to_share": "on",
        **protection(),
    }
    data.update(overrides)
    return data


def make_moderator(django_user_model, username="moderator"):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "password")
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


def make_editor(django_user_model, username="editor"):
    """An editor who may use the admin and edit pages, but holds none of the funders' permissions."""
    from wagtail.models import GroupPagePermission, Page

    user = django_user_model.objects.create_user(username, f"{username}@example.org", "password")
    group, _ = Group.objects.get_or_create(name="Test editors without moderation")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    return user
