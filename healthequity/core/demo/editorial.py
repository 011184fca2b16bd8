"""The editorial side of the demo: what editors and moderators see in the admin.

Runs after the main demo loader, on the pages it made: an older brief replaced by a newer one,
briefs with DOIs, pages past their review date, a blog post scheduled to go live, and a draft
brief waiting in the "Moderator approval" workflow (submitted by the demo editor once that user
exists: `ensure_demo_admin` creates it). Every step checks first, so running again changes
nothing.

The DOIs use 10.5555, the prefix Crossref keeps for tests and examples: they resolve nowhere.
"""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from blog.models import BlogPage
from healthequity.core.models import Author, EvidencePage, EvidencePageAuthor, InequalityGroup, Topic
from resources.models import WhatWorksBriefPage

from .stream import finding, heading, message, paragraph, reference, resolve_findings

__all__ = ["DEMO_DOIS", "EditorialDemo", "submit_draft_for_review"]

EDITOR_USERNAME = "editor"

# Existing demo briefs (slug under /resources/) and the DOI each is given.
DEMO_DOIS = {
    "what-works-empowering-health-care-staff": "10.5555/heec.2024.001",
    "what-works-integrated-neighbourhood-teams": "10.5555/heec.2025.002",
    "what-works-primary-care-people-experiencing-homelessness": "10.5555/heec.2026.003",
}
# The newer brief that replaces SUPERSEDED_BRIEF, and the date it was last updated.
NEWER_BRIEF_SLUG = "what-works-integrated-neighbourhood-teams"
NEWER_BRIEF_UPDATED_ON = datetime.date(2025, 9, 2)
# Pages whose "review by" date has passed: (parent slug, slug, days overdue).
OVERDUE_REVIEWS = [
    ("resources", "what-works-hypertension-deprived-communities", 120),
    ("resources", "dispensing-practices-nhs-funding-geography-of-inequality", 45),
    ("resources", "what-works-empowering-health-care-staff", 10),
]

SUPERSEDED_BRIEF = {
    "slug": "what-works-joining-up-care-multiple-long-term-conditions",
    "title": "What works: Joining up care for people living with several long-term conditions",
    "publication_date": datetime.date(2023, 6, 13),
    "summary": (
        "Our first look at whether joined-up care helps people with several long-term conditions, and whether "
        "it helps those in deprived areas as much as everyone else. Replaced by our 2025 brief on integrated "
        "neighbourhood teams."
    ),
    "groups": ["multiple-long-term-conditions", "core20"],
    "topics": ["workforce"],
    "authors": ["Dr Samuel Adeyemi"],
    "review_question": (
        "Does coordinating care across GP practices, community services and social care improve outcomes for "
        "people with several long-term conditions, and does it narrow the gap for people in deprived areas?"
    ),
    "key_messages": [
        message("Care coordination improves people's experience of care more reliably than it improves health."),
        message("Few studies report results by deprivation, so effects on inequalities are largely unknown."),
    ],
    "findings": [
        finding(
            "A named care coordinator for people with complex needs",
            ["multiple-long-term-conditions"],
            "mixed",
            "limited",
            "People valued a single contact, but changes in admissions were small and not reported by group.",
        ),
        finding(
            "Shared care plans across health and social care",
            ["multiple-long-term-conditions", "core20"],
            "no-clear-effect",
            "very-limited",
            "Plans were often written but rarely shared in practice; no study measured the gap between areas.",
        ),
    ],
    "recommendations": (
        "<ul><li>Report outcomes by deprivation quintile in every evaluation of integrated care.</li>"
        "<li>Start with the people who use most services, who are more often in deprived areas.</li></ul>"
    ),
    "evidence_searched_to": datetime.date(2023, 2, 28),
    "methods": (
        "<p>We searched three databases for studies published since 2010 and screened titles with a "
        "machine-learning classifier; two researchers checked every included study.</p>"
    ),
    "references": [
        reference(
            "NHS England. Next steps for integrating primary care: Fuller stocktake report. 2022.",
            url="https://www.england.nhs.uk/publication/next-steps-for-integrating-primary-care-fuller-stocktake-report/",
        ),
    ],
}

SCHEDULED_POST = {
    "slug": "what-the-panel-told-us-about-online-booking",
    "title": "What our Citizens' Panel told us about booking appointments online",
    "days_ahead": 14,
    "summary": (
        "Panel members compared notes on booking GP appointments by app, website and phone. Their advice for "
        "practices: keep every route open, and make the phone line as good as the app."
    ),
    "groups": ["protected-characteristic-groups", "core20"],
    "topics": ["digital-exclusion"],
    "authors": ["Hannah Brooks"],
    "body": [
        paragraph(
            "In our spring meeting, twelve members of the Citizens' Panel talked about how they book GP "
            "appointments now that most practices offer an app or an online form."
        ),
        heading("Online works well for some"),
        paragraph(
            "Members who work shifts liked being able to ask for help at any hour. Several said the online form "
            "let them explain a problem in their own words without being rushed."
        ),
        heading("The phone still matters"),
        paragraph(
            "Members who care for a relative, or who find forms hard, said the phone is the only route they "
            "trust. When the phone queue is long, they give up, and that is who practices lose."
        ),
        heading("What they asked practices to do"),
        paragraph(
            "Keep every route open, answer the phone as quickly as the form, and tell people which route gets "
            "the same-day appointments."
        ),
    ],
}

DRAFT_FOR_REVIEW = {
    "slug": "what-works-cervical-screening-uptake",
    "title": "What works: Raising cervical screening uptake in ethnic minority communities",
    "summary": (
        "Which approaches raise cervical screening uptake among women from ethnic minority communities, and do "
        "they narrow the gap with the wider population? A draft awaiting review."
    ),
    "groups": ["ethnic-minority-communities", "core20"],
    "topics": ["early-cancer-diagnosis"],
    "authors": ["Dr Grace Okafor", "Megan Lloyd"],
    "review_question": (
        "Which interventions increase cervical screening uptake among women from ethnic minority communities in "
        "the UK, and what do they do to the gap in uptake?"
    ),
    "key_messages": [
        message("Invitations in community languages, backed by a conversation, work better than letters alone."),
        message("Offering self-sampling kits reaches women who have never been screened."),
    ],
    "findings": [
        finding(
            "Community health workers who call or visit women overdue for screening",
            ["ethnic-minority-communities"],
            "narrows",
            "moderate",
            "Uptake rose most among women who had never attended, who are more often from minority groups.",
        ),
        finding(
            "HPV self-sampling kits offered to non-attenders",
            ["ethnic-minority-communities", "core20"],
            "narrows",
            "moderate",
            "Kits were returned by a fifth to a third of long-term non-attenders in UK trials.",
        ),
    ],
    "recommendations": "<p>Pair translated invitations with a personal contact, and offer self-sampling.</p>",
    "methods": "<p>A rapid review of UK and comparable studies published since 2015.</p>",
}


def _home_child(slug):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return site.root_page.get_children().filter(slug=slug).first()


def _find(parent_slug, slug, model=EvidencePage):
    parent = _home_child(parent_slug)
    if parent is None:
        return None
    return model.objects.child_of(parent).filter(slug=slug).first()


class EditorialDemo:
    """Apply the editorial demo states; `created` and `present` count what happened."""

    def __init__(self):
        self.created = Counter()
        self.present = Counter()

    def run(self):
        with transaction.atomic():
            self.groups = {group.slug: group for group in InequalityGroup.objects.all()}
            self.topics = {topic.slug: topic for topic in Topic.objects.all()}
            self.authors = {author.name: author for author in Author.objects.all()}
            self.load_superseded_brief()
            self.load_dois()
            self.load_overdue_reviews()
            self.load_scheduled_post()
            draft = self.load_draft_for_review()
            editor = get_user_model().objects.filter(username=EDITOR_USERNAME, is_active=True).first()
            if draft is not None and editor is not None:
                self._count("Pages in moderation", submit_draft_for_review(draft, editor))
        return self

    def summary_lines(self):
        labels = sorted(set(self.created) | set(self.present))
        return [f"{label}: {self.created[label]} set up, {self.present[label]} already so" for label in labels]

    def _count(self, label, changed):
        (self.created if changed else self.present)[label] += 1

    def _tag(self, page, spec):
        page.groups.set([self.groups[slug] for slug in spec["groups"] if slug in self.groups])
        page.topics.set([self.topics[slug] for slug in spec["topics"] if slug in self.topics])
        page.page_authors = [
            EvidencePageAuthor(author=self.authors[name], sort_order=order)
            for order, name in enumerate(spec["authors"])
            if name in self.authors
        ]

    def _brief(self, spec, **fields):
        page = WhatWorksBriefPage(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            review_question=spec["review_question"],
            key_messages=spec["key_messages"],
            findings=resolve_findings(spec["findings"], {slug: group.pk for slug, group in self.groups.items()}),
            recommendations=spec["recommendations"],
            methods=spec["methods"],
            references=spec.get("references", []),
            evidence_searched_to=spec.get("evidence_searched_to"),
            live=False,
            **fields,
        )
        self._tag(page, spec)
        return page

    @staticmethod
    def _publish_change(page, **changes):
        """Change fields of a live page the way an editor would: a new revision, published."""
        page = page.specific
        for field_name, value in changes.items():
            setattr(page, field_name, value)
        page.save_revision(log_action=True).publish()

    def load_superseded_brief(self):
        newer = _find("resources", NEWER_BRIEF_SLUG)
        resources = _home_child("resources")
        if newer is None or resources is None:
            return
        if newer.updated_on is None:
            self._publish_change(newer, updated_on=NEWER_BRIEF_UPDATED_ON)
        older = _find("resources", SUPERSEDED_BRIEF["slug"])
        if older is not None:
            self._count("Superseded briefs", False)
            return
        older = self._brief(SUPERSEDED_BRIEF, publication_date=SUPERSEDED_BRIEF["publication_date"], replaced_by=newer)
        resources.add_child(instance=older)
        older.save_revision().publish()
        self._count("Superseded briefs", True)

    def load_dois(self):
        for slug, doi in DEMO_DOIS.items():
            page = _find("resources", slug)
            if page is None:
                continue
            if page.doi:
                self._count("Briefs with a DOI", False)
                continue
            self._publish_change(page, doi=doi)
            self._count("Briefs with a DOI", True)

    def load_overdue_reviews(self):
        today = timezone.localdate()
        for parent_slug, slug, days_overdue in OVERDUE_REVIEWS:
            page = _find(parent_slug, slug)
            if page is None:
                continue
            if page.review_by is not None:
                self._count("Pages past their review date", False)
                continue
            self._publish_change(page, review_by=today - datetime.timedelta(days=days_overdue))
            self._count("Pages past their review date", True)

    def load_scheduled_post(self):
        blog = _home_child("blog")
        if blog is None:
            return
        if BlogPage.objects.child_of(blog).filter(slug=SCHEDULED_POST["slug"]).exists():
            self._count("Scheduled posts", False)
            return
        go_live_date = timezone.localdate() + datetime.timedelta(days=SCHEDULED_POST["days_ahead"])
        go_live_at = timezone.make_aware(datetime.datetime.combine(go_live_date, datetime.time(9, 0)))
        post = BlogPage(
            slug=SCHEDULED_POST["slug"],
            title=SCHEDULED_POST["title"],
            summary=SCHEDULED_POST["summary"],
            publication_date=go_live_date,
            body=SCHEDULED_POST["body"],
            go_live_at=go_live_at,
            live=False,
        )
        self._tag(post, SCHEDULED_POST)
        blog.add_child(instance=post)
        # Publishing a revision whose go-live time is in the future schedules it: the page stays a
        # draft until `publish_scheduled` runs after that time.
        post.save_revision(log_action=True).publish()
        self._count("Scheduled posts", True)

    def load_draft_for_review(self):
        resources = _home_child("resources")
        if resources is None:
            return None
        draft = _find("resources", DRAFT_FOR_REVIEW["slug"], WhatWorksBriefPage)
        if draft is not None:
            self._count("Drafts for review", False)
            return draft
        draft = self._brief(DRAFT_FOR_REVIEW, publication_date=timezone.localdate())
        resources.add_child(instance=draft)
        draft.save_revision(log_action=True)
        self._count("Drafts for review", True)
        return draft


def submit_draft_for_review(page, user):
    """Submit `page` to its workflow as `user`, as the editor's "Submit for moderation" button
    does. Returns False when it is live already (a moderator approved it), already in a workflow,
    or has no workflow."""
    page = page.specific
    if page.live or page.workflow_in_progress:
        return False
    workflow = page.get_workflow()
    if workflow is None:
        return False
    page.save_revision(user=user, log_action=True)
    workflow.start(page, user)
    return True


def draft_for_review():
    """The demo draft brief, if the demo has been loaded."""
    return _find("resources", DRAFT_FOR_REVIEW["slug"], WhatWorksBriefPage)
