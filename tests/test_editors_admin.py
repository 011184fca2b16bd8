"""Admin comfort: the editorial desk, content checks, promotions, redirects and snippets by role."""

import datetime
import json
import re
from html import unescape as html_unescape

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

import pytest

from healthequity.core import dashboard
from healthequity.core.finder.promotions import promoted_results
from tests import factories
from tests.editors_support import brief_form_data, make_member


@pytest.fixture
def editor(db):
    return make_member("eddie", "Editors")


@pytest.fixture
def moderator(db):
    return make_member("mo", "Moderators")


def submit_for_review(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)


def axe_configuration(html):
    """The axe configuration Wagtail embeds for the content checker."""
    match = re.search(r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no content checker configuration on the page"
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_the_editorial_desk_lists_reviews_overdue_pages_and_scheduled_pages(client, resource_index, blog_index, editor):
    today = timezone.localdate()
    awaiting = factories.WhatWorksBriefPageFactory(parent=resource_index, title="Brief awaiting review", live=False)
    submit_for_review(awaiting, editor)
    overdue = factories.ResourcePageFactory(
        parent=resource_index, title="Stale analysis", review_by=today - datetime.timedelta(days=3)
    )
    factories.ResourcePageFactory(
        parent=resource_index, title="Fresh analysis", review_by=today + datetime.timedelta(days=3)
    )
    scheduled = factories.BlogPageFactory(parent=blog_index, title="Post for next week", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=7)
    scheduled.save_revision().publish()

    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    desk = html[html.index('id="editorial-desk-section"') :]
    assert "<strong>1</strong> page awaiting review" in desk
    # The title opens the review (the submitted version), as the notification email's link does.
    task_id = awaiting.current_workflow_task.pk
    assert f'href="/admin/pages/workflow/preview/{awaiting.pk}/{task_id}/">Brief awaiting review<' in desk
    assert f'href="/admin/pages/{awaiting.pk}/edit/">Edit, approve or request changes<' in desk
    assert "Moderator approval" in desk and "eddie" in desk
    assert f'href="/admin/pages/{overdue.pk}/edit/">Stale analysis</a>' in desk
    assert "Fresh analysis" not in desk
    assert "Post for next week" in desk
    assert "new opportunity submissions" not in desk  # editors do not moderate funders' submissions
    # Shortcuts straight to the add forms, where the editor may add pages (no panel index here).
    assert f'href="/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/"' in desk
    assert f'href="/admin/pages/add/blog/blogpage/{blog_index.pk}/"' in desk
    assert f"/admin/pages/add/panel/panelpostpage/{blog_index.pk}/" not in desk  # a blog takes blog posts
    assert "panelpostpage" not in desk


@pytest.mark.django_db
def test_the_editorial_desk_shows_what_apps_say_is_waiting(admin_user, editor):
    """Apps put their queues on the desk through a hook; the core names none of them."""

    def widgets_queue(user):
        return (
            {"count": 2, "url": "/admin/widgets/?status=new", "label": "widget requests"} if user.is_superuser else None
        )

    request = RequestFactory().get("/admin/")
    with hooks.register_temporarily(dashboard.QUEUES_HOOK, widgets_queue):
        request.user = admin_user
        html = dashboard.EditorialDashboardPanel().render_html({"request": request, "csrf_token": "x"})
        assert '<strong>2</strong> new widget requests — <a href="/admin/widgets/?status=new">' in html
        request.user = editor
        html = dashboard.EditorialDashboardPanel().render_html({"request": request, "csrf_token": "x"})
        assert "widget requests" not in html


@pytest.mark.django_db
def test_the_editorial_desk_counts_new_opportunity_submissions_for_moderators(moderator, editor):
    from tests.funders_support import OpportunitySubmissionFactory

    OpportunitySubmissionFactory()
    OpportunitySubmissionFactory(status="rejected")
    (queue,) = [queue for queue in dashboard.queues(moderator) if queue["label"] == "opportunity submissions"]
    assert queue["count"] == 1
    assert queue["url"] == "/admin/funders/submissions/?status=new"
    assert not [queue for queue in dashboard.queues(editor) if queue["label"] == "opportunity submissions"]


@pytest.mark.django_db
def test_the_editorial_desk_costs_the_same_queries_however_much_is_waiting(resource_index, editor, moderator):
    request = RequestFactory().get("/admin/")
    request.user = moderator

    def render_and_count():
        with CaptureQueriesContext(connection) as queries:
            dashboard.EditorialDashboardPanel().render_html({"request": request, "csrf_token": "x"})
        return len(queries)

    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    def add_waiting_items(number):
        for _ in range(number):
            submit_for_review(factories.ResourcePageFactory(parent=resource_index, live=False), editor)
            factories.ResourcePageFactory(parent=resource_index, review_by=yesterday)

    add_waiting_items(2)
    few = render_and_count()
    add_waiting_items(dashboard.LIST_LIMIT)
    full = render_and_count()
    add_waiting_items(5)
    assert render_and_count() == full
    assert full - few <= 3  # a total count per list, once the list is full


@pytest.mark.django_db
def test_content_checks_cover_alt_text_headings_and_links_on_the_site_and_in_the_editor(
    client, resource_index, moderator
):
    page = factories.ResourcePageFactory(parent=resource_index)
    client.force_login(moderator)

    userbar_config = axe_configuration(client.get(page.url).content.decode())
    editor_config = axe_configuration(client.get(f"/admin/pages/{page.pk}/edit/").content.decode())
    for config in (userbar_config, editor_config):
        rules = set(config["options"]["runOnly"])
        assert {"image-alt", "heading-order", "link-name", "empty-heading", "alt-text-quality"} <= rules
        assert config["context"]["include"] == ["main"]
        assert config["messages"]["image-alt"]["error_name"] == "Image has no alt text"


@pytest.mark.django_db
def test_content_checks_run_in_the_page_and_card_previews(client, resource_index, moderator):
    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, slug="checked")
    client.force_login(moderator)
    preview_url = f"/admin/pages/{brief.pk}/edit/preview/"
    assert client.post(preview_url, brief_form_data("What works: checked", "checked", "action-save")).json()["is_valid"]
    for mode in ("", "card"):
        html = client.get(preview_url, {"mode": mode, "in_preview_panel": "true"}).content.decode()
        config = axe_configuration(html)
        assert "image-alt" in config["options"]["runOnly"], mode


@pytest.mark.django_db
def test_promoted_search_results_are_managed_in_the_admin_and_readable_by_the_finder(
    client, resource_index, editor, moderator
):
    client.force_login(moderator)
    assert client.get("/admin/searchpicks/").status_code == 200
    assert client.get("/admin/searchpicks/add/").status_code == 200
    assert "Promoted search results" in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert client.get("/admin/searchpicks/").status_code == 200

    picked = factories.WhatWorksBriefPageFactory(parent=resource_index, title="What works: the picked brief")
    draft = factories.WhatWorksBriefPageFactory(parent=resource_index, live=False)
    query = Query.get("Missed  Appointments")
    SearchPromotion.objects.create(query=query, page=draft, sort_order=0)
    SearchPromotion.objects.create(query=query, page=picked, sort_order=1, description="Start here.")
    SearchPromotion.objects.create(
        query=query, external_link_url="https://example.org/guide", external_link_text="NHS guide", sort_order=2
    )
    results = promoted_results("missed appointments")
    assert [(result.title, result.description) for result in results] == [
        ("What works: the picked brief", "Start here."),
        ("NHS guide", ""),
    ]
    assert results[0].page.pk == picked.pk and results[1].url == "https://example.org/guide"
    assert promoted_results("") == [] and promoted_results("nothing promoted") == []


@pytest.mark.django_db
def test_moderators_manage_redirects_and_editors_cannot(client, resource_index, editor, moderator):
    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, slug="new-home")
    client.force_login(moderator)
    assert client.get("/admin/redirects/").status_code == 200
    response = client.post(
        "/admin/redirects/add/",
        {"old_path": "/old-briefs/missed/", "site": "", "is_permanent": "on", "redirect_page": brief.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    response = client.get("/old-briefs/missed/")
    assert response.status_code == 301 and response["Location"].endswith("/resources/new-home/")

    client.force_login(editor)
    assert client.get("/admin/redirects/").status_code in (302, 403)
    assert client.post("/admin/redirects/add/", {"old_path": "/x/", "redirect_link": "/"}).status_code in (302, 403)
    assert not Redirect.objects.filter(old_path="/x").exists()


@pytest.mark.django_db
def test_editors_manage_authors_and_topics_but_only_read_the_group_tree(client, home_page, editor, moderator):
    client.force_login(editor)
    for url in (
        "/admin/snippets/core/author/",
        "/admin/snippets/core/author/add/",
        "/admin/snippets/core/topic/add/",
        "/admin/snippets/core/inequalitygroup/",
        "/admin/snippets/library/librarylink/add/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/snippets/core/inequalitygroup/add/").status_code in (302, 403)
    response = client.post(
        "/admin/snippets/core/author/add/", {"name": "Dr New Author", "role": "", "organisation": ""}
    )
    assert response.status_code == 302

    client.force_login(moderator)
    assert client.get("/admin/snippets/core/inequalitygroup/add/").status_code == 200


@pytest.mark.django_db
def test_an_editor_can_open_the_brief_editor_and_choose_snippets(client, resource_index, editor):
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/")
    assert response.status_code == 200
    assert 'name="action-submit"' in response.content.decode()
    assert 'name="action-publish"' not in response.content.decode()
    assert client.get("/admin/snippets/choose/core/inequalitygroup/").status_code == 200
    assert client.get("/admin/snippets/choose/core/author/").status_code == 200
    assert Page.objects.get(pk=resource_index.pk).permissions_for_user(editor).can_add_subpage()


@pytest.mark.django_db
def test_moderators_see_new_opportunity_submissions_on_the_desk(client, home_page, moderator, editor):
    from tests.funders_support import OpportunitySubmissionFactory

    OpportunitySubmissionFactory.create_batch(2)
    OpportunitySubmissionFactory(status="approved")
    client.force_login(moderator)
    desk = client.get("/admin/").content.decode()
    desk = desk[desk.index('id="editorial-desk-section"') :]
    assert "<strong>2</strong> new opportunity submissions" in desk
    assert 'href="/admin/funders/submissions/?status=new"' in desk
    assert client.get("/admin/funders/submissions/?status=new").status_code == 200

    client.force_login(editor)  # editors do not moderate the public's submissions
    desk = client.get("/admin/").content.decode()
    assert "opportunity submissions" not in desk[desk.index('id="editorial-desk-section"') :]


def chooser_choices(client, url):
    """The names a snippet chooser (or its search results) offers, in order."""
    response = client.get(url)
    assert response.status_code == 200, url
    is_json = response["Content-Type"].startswith("application/json")
    html = response.json()["html"] if is_json else response.content.decode()
    names = re.findall(r"data-chooser-modal-choice[^>]*>([^<]+)<", html)
    return [" ".join(html_unescape(name).split()) for name in names]


@pytest.mark.django_db
def test_the_groups_and_topics_the_migration_seeded_can_be_searched_in_the_choosers(client, editor):
    """Seeded by a data migration, they are indexed after `migrate`: an editor tagging a finding
    types "Core20" or "homeless" and finds the group."""
    client.force_login(editor)
    groups = "/admin/snippets/choose/core/inequalitygroup/results/"
    assert chooser_choices(client, f"{groups}?q=Core20") == ["Core20: the most deprived 20%"]
    assert chooser_choices(client, f"{groups}?q=homeless") == [
        "Inclusion health groups › People experiencing homelessness"
    ]
    assert chooser_choices(client, "/admin/snippets/choose/core/topic/results/?q=asthma") == ["Asthma"]


@pytest.mark.django_db
def test_searching_the_snippet_listings_finds_what_was_typed(client, moderator):
    factories.AuthorFactory(name="Dr Priya Raman")
    library = factories.LibraryLinkFactory(title="Fair Society, Healthy Lives", organisation="Institute of Equity")
    client.force_login(moderator)
    for url, expected in [
        ("/admin/snippets/core/inequalitygroup/?q=homeless", "People experiencing homelessness"),
        ("/admin/snippets/core/topic/?q=asthm", "Asthma"),
        ("/admin/snippets/core/author/?q=raman", "Dr Priya Raman"),
        ("/admin/snippets/library/librarylink/?q=fair+society", library.title),
        ("/admin/snippets/funders/issue/?q=health", "Health"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), url


def assert_tree_order(names):
    """Every subgroup ("Group › Subgroup") comes straight after its group or a sibling."""
    assert len(names) == 18, names
    for previous, name in zip(names, names[1:], strict=False):
        if " › " in name:
            parent = name.split(" › ")[0]
            assert previous == parent or previous.startswith(f"{parent} › "), (previous, name)


@pytest.mark.django_db
def test_groups_are_offered_as_a_tree_in_the_page_form_and_the_chooser(client, resource_index, editor):
    client.force_login(editor)
    html = client.get(f"/admin/pages/add/resources/whatworksbriefpage/{resource_index.pk}/").content.decode()
    checkboxes = re.findall(r'<input type="checkbox" name="groups" value="\d+"[^>]*>\s*([^<]+)</label>', html)
    assert_tree_order([" ".join(html_unescape(name).split()) for name in checkboxes])
    # The whole tree on the chooser's first page, in the same order.
    assert_tree_order(chooser_choices(client, "/admin/snippets/choose/core/inequalitygroup/"))


@pytest.mark.django_db
def test_the_finder_shows_promoted_results_above_a_plain_search(client, resource_index, blog_index):
    picked = factories.WhatWorksBriefPageFactory(parent=resource_index, title="What works: the picked brief")
    query = Query.get("missed appointments")
    SearchPromotion.objects.create(query=query, page=picked, sort_order=0)
    SearchPromotion.objects.create(
        query=query, external_link_url="https://example.org/guide", external_link_text="NHS guide", sort_order=1
    )

    html = client.get("/resources/", {"q": "Missed appointments"}).content.decode()
    promoted = html[html.index('id="promoted-heading"') : html.index("</section>", html.index('id="promoted-heading"'))]
    assert "Recommended for ‘Missed appointments’" in promoted
    assert f'<a href="{picked.url}">What works: the picked brief</a>' in promoted
    assert '<a href="https://example.org/guide">NHS guide</a>' in promoted
    assert promoted.index("the picked brief") < promoted.index("NHS guide")

    # Not for other words, past the first page, once filtered, nor in a section's own listing.
    for url, params in [
        ("/resources/", {"q": "something else"}),
        ("/resources/", {"q": "missed appointments", "type": "blog"}),
        ("/blog/", {"q": "missed appointments"}),
    ]:
        assert 'id="promoted-heading"' not in client.get(url, params).content.decode(), params
    for _ in range(10):
        factories.ResourcePageFactory(parent=resource_index, summary="About missed appointments.")
    second_page = client.get("/resources/", {"q": "missed appointments", "page": 2})
    assert second_page.status_code == 200
    assert 'id="promoted-heading"' not in second_page.content.decode()


# The page editor's actions in document order: the first is the main button, the rest its menu.
PAGE_ACTION = re.compile(
    r'<button[^>]*?(?:name="(action-[a-z-]+)"|data-workflow-action-name="([a-z-]+)"|class="button (action-save) )'
)


def page_actions(client, page):
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    footer = html[html.index("footer__container") :]  # the scheduling dialog has a save button too
    return [name or workflow or "action-save-draft" for name, workflow, _save in PAGE_ACTION.findall(footer)]


@pytest.mark.django_db
def test_the_editor_s_main_button_submits_and_the_moderator_s_approves_without_a_second_publish(
    client, resource_index, editor, moderator
):
    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, title="Brief to review", live=False)
    client.force_login(moderator)
    assert page_actions(client, brief)[:1] == ["action-save-draft"]  # a moderator's own page: as Wagtail has it
    client.force_login(editor)
    actions = page_actions(client, brief)
    assert actions[0] == "action-submit" and "action-save-draft" in actions[1:], actions

    submit_for_review(brief, editor)
    client.force_login(moderator)
    actions = page_actions(client, brief)
    assert actions[0] == "approve" and "reject" in actions
    assert "action-publish" not in actions  # "Approve and Publish" is the one way live
