"""The editorial side of the demo: what editors and moderators see in the admin.

`EditorialDemoLoader` is the demo loader plus: briefs with DOIs, an "updated on" date, pages past
their review date (all set when those pages are created, so each still has one revision), an
older brief replaced by a newer one, a blog post scheduled to go live, and a draft brief for
review. The demo editor (created by `ensure_demo_admin`) submits that draft to the "Moderator
approval" workflow. Every step checks first, so running again changes nothing; on a database
loaded before these steps existed, missing editorial fields are published as a new revision.

The DOIs use 10.5555, the prefix Crossref keeps for tests and examples: they resolve nowhere.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from blog.models import BlogPage
from healthequity.core.models import EvidencePage, EvidencePageAuthor
from resources.models import WhatWorksBriefPage

from .loader import DemoContentLoader
from .stream import finding, heading, message, paragraph, reference

__all__ = [
    "DRAFT_FOR_REVIEW",
    "EDITOR_USERNAME",
    "SCHEDULED_POST",
    "UNPUBLISHED_DEMO_SLUGS",
    "EditorialDemoLoader",
    "draft_for_review",
    "submit_draft_for_review",
]

EDITOR_USERNAME = "editor"

# Existing demo pages (by slug) and the editorial fields each is given: DOIs on three briefs,
# an "updated on" date, and "review by" dates already passed (days before today).
DEMO_DOIS = {
    "what-works-empowering-health-care-staff": "10.5555/heec.2024.001",
    "what-works-integrated-neighbourhood-teams": "10.5555/heec.2025.002",
    "what-works-primary-care-people-experiencing-homelessness": "10.5555/heec.2026.003",
}
UPDATED_ON = {"what-works-integrated-neighbourhood-teams": datetime.date(2025, 9, 2)}
DAYS_PAST_REVIEW = {
    "what-works-hypertension-deprived-communities": 120,
    "dispensing-practices-nhs-funding-geography-of-inequality": 45,
    "what-works-empowering-health-care-staff": 10,
}
# The newer brief that replaces SUPERSEDED_BRIEF.
NEWER_BRIEF_SLUG = "what-works-integrated-neighbourhood-teams"

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
    "image": "Sage circles",
    "review_question": (
        "Does coordinating care across GP practices, community services and social care improve outcomes for "
        "people with several long-term conditions, and does it narrow the gap for people in deprived areas?"
    ),
    "key_messages": [
        message("Care coordination improves people's experience of care more reliably than it improves health."),
        message("Few studies report results by deprivation, so effects on inequalities are largely unknown."),
        message("People with the most complex needs, more often in deprived areas, are the likeliest to benefit."),
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
        finding(
            "Longer appointments for people with several conditions",
            ["core20"],
            "narrows",
            "limited",
            "One UK trial in deprived areas improved patients' sense of being able to cope, but not their health.",
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
        reference(
            "Barnett K, Mercer SW, Norbury M, et al. Epidemiology of multimorbidity and implications for health "
            "care, research, and medical education: a cross-sectional study. The Lancet. 2012;380(9836):37-43.",
            doi="10.1016/S0140-6736(12)60240-2",
        ),
        reference(
            "The King's Fund. Health inequalities in a nutshell. 2021.",
            url="https://www.kingsfund.org.uk/insight-and-analysis/data-and-charts/health-inequalities-nutshell",
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
    "image": "Lavender evening",
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
        "they narrow the gap with the wider population? Our review of UK and comparable studies."
    ),
    "groups": ["ethnic-minority-communities", "core20"],
    "topics": ["early-cancer-diagnosis"],
    "authors": ["Dr Grace Okafor", "Megan Lloyd"],
    "image": "Warm sand",
    "review_question": (
        "Which interventions increase cervical screening uptake among women from ethnic minority communities in "
        "the UK, and what do they do to the gap in uptake?"
    ),
    "key_messages": [
        message("Invitations in community languages, backed by a conversation, work better than letters alone."),
        message("Offering self-sampling kits reaches women who have never been screened."),
        message("Few studies report uptake by ethnic group, so the effect on the gap is often inferred."),
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
        finding(
            "Translated leaflets sent with the standard invitation",
            ["ethnic-minority-communities"],
            "no-clear-effect",
            "limited",
            "Leaflets alone made little difference; they helped when a health worker followed them up.",
        ),
    ],
    "recommendations": "<p>Pair translated invitations with a personal contact, and offer self-sampling.</p>",
    "methods": "<p>A rapid review of UK and comparable studies published since 2015.</p>",
    "references": [
        reference(
            "NHS England. Cervical screening: programme overview. 2024.",
            url="https://www.gov.uk/guidance/cervical-screening-programme-overview",
        ),
        reference(
            "Public Health England. Cervical screening: helping you decide. 2021.",
            url="https://www.gov.uk/government/publications/cervical-screening-description-in-brief",
        ),
        reference(
            "Marlow LAV, Waller J, Wardle J. Barriers to cervical cancer screening among ethnic minority women: a "
            "qualitative study. Journal of Family Planning and Reproductive Health Care. 2015;41(4):248-254.",
            doi="10.1136/jfprhc-2014-101082",
        ),
    ],
}

# Pages the demo leaves unpublished on purpose: scheduled, or waiting for a moderator.
UNPUBLISHED_DEMO_SLUGS = frozenset({SCHEDULED_POST["slug"], DRAFT_FOR_REVIEW["slug"]})


class EditorialDemoLoader(DemoContentLoader):
    """The demo loader, then the editorial states on top."""

    def load_evidence_page(self, parent, model, label, spec, **fields):
        # Set the editorial fields as the page is created, so it keeps a single published revision.
        fields.update(self.editorial_fields(spec["slug"]))
        return super().load_evidence_page(parent, model, label, spec, **fields)

    @staticmethod
    def editorial_fields(slug):
        fields = {}
        if slug in DEMO_DOIS:
            fields["doi"] = DEMO_DOIS[slug]
        if slug in UPDATED_ON:
            fields["updated_on"] = UPDATED_ON[slug]
        if slug in DAYS_PAST_REVIEW:
            fields["review_by"] = timezone.localdate() - datetime.timedelta(days=DAYS_PAST_REVIEW[slug])
        return fields

    def run(self):
        super().run()
        with transaction.atomic():
            resources, blog = _home_child("resources"), _home_child("blog")
            self.load_editorial_fields_on_older_demos(resources)
            self.load_superseded_brief(resources)
            self.load_scheduled_post(blog)
            draft = self.load_draft_for_review(resources)
            editor = get_user_model().objects.filter(username=EDITOR_USERNAME, is_active=True).first()
            if draft is not None and editor is not None:
                self._count("Drafts submitted for review", submit_draft_for_review(draft, editor))
        return self

    def load_editorial_fields_on_older_demos(self, resources):
        """Pages created before the editorial demo existed get its fields as a published change."""
        for slug in {*DEMO_DOIS, *UPDATED_ON, *DAYS_PAST_REVIEW}:
            page = EvidencePage.objects.child_of(resources).filter(slug=slug).first()
            if page is None:
                continue
            missing = {name: value for name, value in self.editorial_fields(slug).items() if not getattr(page, name)}
            if missing:
                page = page.specific
                for name, value in missing.items():
                    setattr(page, name, value)
                page.save_revision(log_action=True).publish()
            self._count("Pages with editorial fields (DOI, updated, review by)", bool(missing))

    def load_superseded_brief(self, resources):
        newer = EvidencePage.objects.child_of(resources).filter(slug=NEWER_BRIEF_SLUG).first()
        if newer is None:
            return
        self.load_evidence_page(
            resources,
            WhatWorksBriefPage,
            "Superseded briefs",
            SUPERSEDED_BRIEF,
            replaced_by=newer,
            **self.brief_fields(SUPERSEDED_BRIEF),
        )

    def _draft(self, model, spec, **fields):
        page = model(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            listing_image=self.images.get(spec.get("image")),
            live=False,
            **fields,
        )
        page.groups.set(self.lookup(self.groups, spec["groups"], "inequality group"))
        page.topics.set(self.lookup(self.topics, spec["topics"], "topic"))
        page.page_authors = [
            EvidencePageAuthor(author=self.authors[name], sort_order=order)
            for order, name in enumerate(spec["authors"])
        ]
        return page

    def load_scheduled_post(self, blog):
        if BlogPage.objects.child_of(blog).filter(slug=SCHEDULED_POST["slug"]).exists():
            self._count("Scheduled posts", False)
            return
        go_live_date = timezone.localdate() + datetime.timedelta(days=SCHEDULED_POST["days_ahead"])
        post = self._draft(
            BlogPage,
            SCHEDULED_POST,
            publication_date=go_live_date,
            go_live_at=self.publication_datetime(go_live_date),
            body=self.body(SCHEDULED_POST),
        )
        blog.add_child(instance=post)
        # Publishing a revision whose go-live time is in the future schedules it: the page stays a
        # draft until `publish_scheduled` runs after that time.
        post.save_revision(log_action=True).publish()
        self._count("Scheduled posts", True)

    def load_draft_for_review(self, resources):
        draft = WhatWorksBriefPage.objects.child_of(resources).filter(slug=DRAFT_FOR_REVIEW["slug"]).first()
        if draft is not None:
            self._count("Drafts for review", False)
            return draft
        today = timezone.localdate()
        spec = {**DRAFT_FOR_REVIEW, "evidence_searched_to": today - datetime.timedelta(days=60)}
        draft = self._draft(WhatWorksBriefPage, spec, publication_date=today, **self.brief_fields(spec))
        resources.add_child(instance=draft)
        draft.save_revision(log_action=True)
        self._count("Drafts for review", True)
        return draft


def _home_child(slug):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return site.root_page.get_children().filter(slug=slug).first()


def draft_for_review():
    """The demo's draft brief, if the demo has been loaded."""
    resources = _home_child("resources")
    if resources is None:
        return None
    return WhatWorksBriefPage.objects.child_of(resources).filter(slug=DRAFT_FOR_REVIEW["slug"]).first()


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
