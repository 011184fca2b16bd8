"""The editorial side of the demo: what editors and moderators see in the admin.

`EditorialDemoLoader` is the demo loader plus the pages of editorial.yaml: an older brief replaced
by a newer one, a blog post scheduled to go live, and a draft brief for review. The demo editor
(created by `ensure_demo_admin`) submits that draft to the "Moderator approval" workflow. DOIs,
"updated on" dates and review dates already passed are on pages of resources.yaml and briefs.yaml,
set as those pages are created so each still has one revision. Every step checks first, so
running again changes nothing; on a database loaded before these steps existed, missing
editorial fields are published as a new revision.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Site

from blog.models import BlogPage
from healthequity.core.models import EvidencePage
from resources.models import WhatWorksBriefPage

from .loader import DemoContentLoader
from .values import read, relative_dates

__all__ = [
    "DRAFT_FOR_REVIEW",
    "EDITOR_USERNAME",
    "SCHEDULED_POST",
    "SUPERSEDED_BRIEF",
    "UNPUBLISHED_DEMO_SLUGS",
    "EditorialDemoLoader",
    "draft_for_review",
    "submit_draft_for_review",
]

EDITOR_USERNAME = "editor"

EDITORIAL = read("editorial")
SUPERSEDED_BRIEF = EDITORIAL["superseded_brief"]
SCHEDULED_POST = EDITORIAL["scheduled_post"]
DRAFT_FOR_REVIEW = EDITORIAL["draft_for_review"]

# Pages the demo leaves unpublished on purpose: scheduled, or waiting for a moderator.
UNPUBLISHED_DEMO_SLUGS = frozenset({SCHEDULED_POST["slug"], DRAFT_FOR_REVIEW["slug"]})

# The fields of resources.yaml and briefs.yaml that the editorial demo gives some pages.
EDITORIAL_FIELDS = ("doi", "updated_on", "review_by")


class EditorialDemoLoader(DemoContentLoader):
    """The demo loader, then the editorial states on top."""

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
        for spec in read("resources") + read("briefs"):
            fields = {name: value for name, value in relative_dates(spec).items() if name in EDITORIAL_FIELDS}
            page = EvidencePage.objects.child_of(resources).filter(slug=spec["slug"]).first()
            if not fields or page is None:
                continue
            missing = {name: value for name, value in fields.items() if not getattr(page, name)}
            if missing:
                page = page.specific
                for name, value in missing.items():
                    setattr(page, name, value)
                page.save_revision(log_action=True).publish()
            self._count("Pages with editorial fields (DOI, updated, review by)", bool(missing))

    def load_superseded_brief(self, resources):
        spec = {name: value for name, value in SUPERSEDED_BRIEF.items() if name != "replaced_by"}
        newer = EvidencePage.objects.child_of(resources).filter(slug=SUPERSEDED_BRIEF["replaced_by"]).first()
        if newer is not None:
            self.load_evidence_page(resources, WhatWorksBriefPage, "Superseded briefs", spec, replaced_by=newer)

    def load_scheduled_post(self, blog):
        if BlogPage.objects.child_of(blog).filter(slug=SCHEDULED_POST["slug"]).exists():
            self._count("Scheduled posts", False)
            return
        post = self.evidence_page(BlogPage, SCHEDULED_POST, live=False)
        post.go_live_at = self.publication_datetime(post.publication_date)
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
        draft = self.evidence_page(WhatWorksBriefPage, DRAFT_FOR_REVIEW, live=False)
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
