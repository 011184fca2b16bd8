"""The blog's and the Citizens' Panel's own index page types became one evidence index page type: on a
database migrated from before, each index page keeps its id, address, introduction, revisions and
history, lists its kind of evidence, and takes only that kind below it."""

import pytest

from tests.migration_support import run_on_a_fresh_database

MIGRATE_FROM_BEFORE_THE_CHANGE = """
import django

django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

call_command("migrate", "blog", "0002", verbosity=0)
call_command("migrate", "panel", "0001", verbosity=0)
old = MigrationExecutor(connection).loader.project_state([("blog", "0002_initial"), ("panel", "0001_initial")]).apps
ContentType = old.get_model("contenttypes", "ContentType")
Page = old.get_model("wagtailcore", "Page")
root = Page.objects.get(depth=1)
made = {}
OLD_INDEXES = [
    ("blog", "BlogIndexPage", "blog", "Views from our team."),
    ("panel", "CitizensPanelIndexPage", "citizens-panel", "In their own words."),
]
for number, (app, model, slug, intro) in enumerate(OLD_INDEXES, start=1):
    content_type, _ = ContentType.objects.get_or_create(app_label=app, model=model.lower())
    page = old.get_model(app, model).objects.create(
        title=slug.title(), slug=slug, path=f"0001{number + 1:04d}", depth=2, url_path=f"/{slug}/",
        content_type=content_type, live=True, introduction=intro, draft_title=slug.title(), locale=root.locale,
    )
    old.get_model("wagtailcore", "Revision").objects.create(
        content_type=content_type, base_content_type=ContentType.objects.get(app_label="wagtailcore", model="page"),
        object_id=str(page.pk), object_str=page.title, created_at=timezone.now(),
        content={"pk": page.pk, "title": page.title, "content_type": content_type.pk, "introduction": intro},
    )
    old.get_model("wagtailcore", "PageLogEntry").objects.create(
        content_type=content_type, page_id=page.pk, label=page.title, action="wagtail.publish", timestamp=timezone.now()
    )
    made[slug] = (page.pk, intro)
root.numchild = 3
root.save()

call_command("migrate", verbosity=0)

from wagtail.models import Page, PageLogEntry

from blog.models import BlogPage
from healthequity.core.finder.models import EvidenceIndexPage
from panel.models import PanelPostPage

for slug, listed_type in (("blog", "blog"), ("citizens-panel", "citizens-panel")):
    pk, intro = made[slug]
    page = Page.objects.get(pk=pk).specific
    assert isinstance(page, EvidenceIndexPage), type(page)
    assert (page.url_path, page.introduction, page.listed_type) == (f"/{slug}/", intro, listed_type)
    revision = page.revisions.get()
    assert revision.as_object().listed_type == listed_type
    assert revision.content_type.model_class() is EvidenceIndexPage
    assert PageLogEntry.objects.get(page_id=pk).content_type.model_class() is EvidenceIndexPage
blog, panel = (EvidenceIndexPage.objects.get(slug=slug) for slug in ("blog", "citizens-panel"))
assert BlogPage.can_create_at(blog) and not BlogPage.can_create_at(panel)
assert PanelPostPage.can_create_at(panel) and not PanelPostPage.can_create_at(blog)
assert Page.find_problems() == ([], [], [], [], [])
print("converted")
"""


@pytest.mark.database_independent
def test_the_old_index_pages_become_evidence_index_pages_with_their_history(tmp_path):
    result = run_on_a_fresh_database(MIGRATE_FROM_BEFORE_THE_CHANGE, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "converted" in result.stdout
