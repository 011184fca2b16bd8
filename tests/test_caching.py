"""The anonymous page cache: what it shares, what it never shares, and when it forgets.

The cache stores nothing in the other tests (PAGE_CACHE_ENABLED is off in the test settings);
here it is on, and invalidation runs the on-commit callbacks as a real commit would.
"""

import re

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.search_promotions.models import Query
from wagtail.test.utils.form_data import inline_formset

import pytest
import wagtail_factories

from healthequity.caching.generation import GENERATION_KEY
from healthequity.urls import urlpatterns as site_urlpatterns
from tests import factories
from tests.production_support import resource_edit_form

NONCE = re.compile(rb' nonce="[^"]+"')


def csrf_form_view(request):
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


def nonce_view(request):
    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">var ok = 1;</script>')
    return HttpResponse(template.render(request=request))


def personal_view(request):
    request.session["visited"] = True
    return HttpResponse("remembered you")


# Used by tests marked `urls`: the site's own addresses plus three that exercise edge cases.
urlpatterns = [
    path("test-form/", csrf_form_view),
    path("test-nonce/", nonce_view),
    path("test-personal/", personal_view),
    *site_urlpatterns[:-1],
    path("", include(wagtail_urls)),
]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def resource(resource_index):
    topic = factories.TopicFactory(name="Housing quality")
    return factories.ResourcePageFactory(parent=resource_index, title="Cold homes and asthma", topics=[topic])


def publish_edit(page, **changes):
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()


@pytest.mark.django_db
def test_anonymous_page_is_stored_then_served_from_the_cache(client, page_cache, resource):
    first = client.get(resource.url)
    second = client.get(resource.url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    # The same page, but for the nonce of its one inline script, which is fresh on every answer.
    assert NONCE.sub(b"", second.content) == NONCE.sub(b"", first.content)
    assert NONCE.search(first.content).group() != NONCE.search(second.content).group()


@pytest.mark.django_db
def test_cached_page_answers_without_a_database_query(client, page_cache, resource, django_assert_num_queries):
    client.get(resource.url)
    with django_assert_num_queries(0):
        assert client.get(resource.url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_published_edit_is_visible_to_the_next_anonymous_request(
    client, page_cache, resource, django_capture_on_commit_callbacks
):
    assert b"Cold homes and asthma" in client.get(resource.url).content
    with django_capture_on_commit_callbacks(execute=True):
        publish_edit(resource, title="Damp and cold homes and asthma")
    response = client.get(resource.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"Damp and cold homes and asthma" in response.content


@pytest.mark.django_db
def test_publishing_a_page_refreshes_the_listings_that_show_it(
    client, page_cache, resource_index, resource, django_capture_on_commit_callbacks
):
    assert b"Cold homes and asthma" in client.get(resource_index.url).content
    with django_capture_on_commit_callbacks(execute=True):
        publish_edit(resource, title="Fuel poverty and asthma")
    assert b"Fuel poverty and asthma" in client.get(resource_index.url).content


@pytest.mark.django_db
def test_unpublished_page_is_gone_for_the_next_request(
    client, page_cache, resource, django_capture_on_commit_callbacks
):
    assert client.get(resource.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        resource.unpublish()
    assert client.get(resource.url).status_code == 404


@pytest.mark.django_db
def test_deleted_page_is_gone_for_the_next_request(client, page_cache, resource, django_capture_on_commit_callbacks):
    url = resource.url
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        resource.delete()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_moved_page_is_no_longer_served_at_its_old_address(
    client, page_cache, home_page, resource, django_capture_on_commit_callbacks
):
    old_url = resource.url
    other_index = factories.StandardPageFactory(parent=home_page, title="Archive", slug="archive")
    assert client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        resource.move(other_index, pos="last-child")
    # Wagtail leaves a redirect from the old address behind; the cached copy must not hide it.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/archive/cold-homes-and-asthma/")


@pytest.mark.django_db
def test_a_changed_snippet_shows_on_the_pages_that_use_it(
    client, page_cache, resource, django_capture_on_commit_callbacks
):
    assert b"Housing quality" in client.get(resource.url).content
    topic = resource.topics.get()
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "Housing conditions"
        topic.save()
    assert b"Housing conditions" in client.get(resource.url).content


# The finder's filtered results (HTML, JSON and feed) are cached like any page and follow each change.

FINDER = "/resources/?topic=housing-quality"
FINDER_ADDRESSES = (FINDER, "/api/resources/?topic=housing-quality", "/resources/feed/?topic=housing-quality")


def cached_bodies(client, addresses=FINDER_ADDRESSES) -> dict[str, bytes]:
    """Fetch each address twice, proving the second answer came from the cache."""
    bodies = {}
    for address in addresses:
        client.get(address)
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["X-Page-Cache"] == "hit", address
        bodies[address] = response.content
    return bodies


def next_anonymous_bodies(client, addresses=FINDER_ADDRESSES) -> dict[str, bytes]:
    return {address: client.get(address).content for address in addresses}


@pytest.mark.django_db
def test_finder_results_show_a_published_edit(client, page_cache, resource, django_capture_on_commit_callbacks):
    assert all(b"Cold homes and asthma" in body for body in cached_bodies(client).values())
    with django_capture_on_commit_callbacks(execute=True):
        publish_edit(resource, title="Damp homes and childhood asthma")
    for address, body in next_anonymous_bodies(client).items():
        assert b"Damp homes and childhood asthma" in body, address
        assert b"Cold homes and asthma" not in body, address


@pytest.mark.django_db
def test_finder_results_show_a_newly_published_page(
    client, page_cache, resource_index, resource, django_capture_on_commit_callbacks
):
    cached_bodies(client)
    draft = factories.ResourcePageFactory(
        parent=resource_index, title="Overcrowding and respiratory illness", topics=[resource.topics.get()], live=False
    )
    assert all(b"Overcrowding" not in body for body in next_anonymous_bodies(client).values())
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    for address, body in next_anonymous_bodies(client).items():
        assert b"Overcrowding and respiratory illness" in body, address


@pytest.mark.django_db
@pytest.mark.parametrize("event", ["unpublish", "delete"])
def test_finder_results_drop_an_unpublished_or_deleted_page(
    client, page_cache, resource_index, resource, event, django_capture_on_commit_callbacks
):
    factories.ResourcePageFactory(parent=resource_index, title="Mould and lung health", topics=[resource.topics.get()])
    cached_bodies(client)
    with django_capture_on_commit_callbacks(execute=True):
        resource.unpublish() if event == "unpublish" else resource.delete()
    for address, body in next_anonymous_bodies(client).items():
        assert b"Cold homes and asthma" not in body, address
        assert b"Mould and lung health" in body, address


@pytest.mark.django_db
def test_finder_results_link_a_moved_page_at_its_new_address(
    client, page_cache, home_page, resource, django_capture_on_commit_callbacks
):
    archive = factories.StandardPageFactory(parent=home_page, title="Archive", slug="archive")
    assert b'href="/resources/cold-homes-and-asthma/"' in cached_bodies(client, [FINDER])[FINDER]
    with django_capture_on_commit_callbacks(execute=True):
        resource.move(archive, pos="last-child")
    body = client.get(FINDER).content
    assert b'href="/archive/cold-homes-and-asthma/"' in body
    assert b'href="/resources/cold-homes-and-asthma/"' not in body


@pytest.mark.django_db
def test_reordering_pages_refreshes_the_cache(
    client, page_cache, resource_index, resource, django_capture_on_commit_callbacks
):
    sibling = factories.ResourcePageFactory(parent=resource_index, title="Fuel poverty in coastal towns")
    cached_bodies(client, [resource_index.url])
    generation = cache.get(GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        sibling.move(resource, pos="left")  # same parent, same address, new place in the tree
    assert cache.get(GENERATION_KEY) != generation
    assert client.get(resource_index.url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_finder_results_show_a_renamed_topic(client, page_cache, resource, django_capture_on_commit_callbacks):
    assert all(b"Housing quality" in body for body in cached_bodies(client).values())
    topic = resource.topics.get()
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "Housing conditions"
        topic.save()
    for address, body in next_anonymous_bodies(client).items():
        assert b"Housing conditions" in body, address


@pytest.mark.django_db
def test_a_topic_renamed_in_the_admin_shows_in_the_finder(
    admin_client, client, page_cache, resource, django_capture_on_commit_callbacks
):
    cached_bodies(client, [FINDER, resource.url])
    topic = resource.topics.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/snippets/core/topic/edit/{topic.pk}/",
            {"name": "Housing conditions", "slug": topic.slug, "kind": topic.kind, "description": ""},
        )
    assert response.status_code == 302
    for address, body in next_anonymous_bodies(client, [FINDER, resource.url]).items():
        assert b"Housing conditions" in body, address


@pytest.mark.django_db
def test_a_promoted_result_added_and_removed_in_the_admin_shows_on_the_next_search(
    admin_client, client, page_cache, resource, django_capture_on_commit_callbacks
):
    search = "/resources/?q=asthma"
    assert b"promoted-heading" not in client.get(search).content
    assert client.get(search)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/searchpicks/add/",
            {
                "query_string": "Asthma",
                "editors_picks-TOTAL_FORMS": 1,
                "editors_picks-INITIAL_FORMS": 0,
                "editors_picks-MAX_NUM_FORMS": 1000,
                "editors_picks-0-ORDER": 0,
                "editors_picks-0-DELETE": "",
                "editors_picks-0-page": "",
                "editors_picks-0-external_link_url": "https://example.org/asthma-guide",
                "editors_picks-0-external_link_text": "Asthma guide",
                "editors_picks-0-description": "",
            },
        )
    assert response.status_code == 302
    shown = client.get(search)
    assert shown["X-Page-Cache"] == "miss"
    assert b'<a href="https://example.org/asthma-guide">Asthma guide</a>' in shown.content

    query = Query.get("asthma")
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(f"/admin/searchpicks/{query.pk}/delete/").status_code == 302
    assert b"Asthma guide" not in client.get(search).content


@pytest.mark.django_db
def test_wagtail_filling_in_an_images_size_keeps_the_cache_and_an_edit_does_not(
    client, page_cache, resource, django_capture_on_commit_callbacks
):
    image = wagtail_factories.ImageFactory(title="Harbour", file__width=800, file__height=450)
    client.get(resource.url)
    image.file_size = None
    with django_capture_on_commit_callbacks(execute=True):
        image.get_file_size()  # Wagtail saves the image with update_fields=["file_size"]
    assert client.get(resource.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        image.title = "Harbour at dawn"
        image.save()
    assert client.get(resource.url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_scheduled_publishing_shows_on_the_next_request(
    client, page_cache, resource_index, resource, django_capture_on_commit_callbacks
):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    cached_bodies(client)
    scheduled = factories.ResourcePageFactory(
        parent=resource_index, title="Heat, housing and health", topics=[resource.topics.get()], live=False
    )
    scheduled.go_live_at = timezone.now() - timedelta(minutes=1)
    scheduled.save_revision(approved_go_live_at=scheduled.go_live_at)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=StringIO())
    for address, body in next_anonymous_bodies(client).items():
        assert b"Heat, housing and health" in body, address


@pytest.mark.django_db
def test_saving_a_draft_keeps_the_cache(client, page_cache, resource, django_capture_on_commit_callbacks):
    client.get(resource.url)
    generation = cache.get(GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        resource.title = "A draft title nobody sees yet"
        resource.save_revision()
    assert cache.get(GENERATION_KEY) == generation
    response = client.get(resource.url)
    assert response["X-Page-Cache"] == "hit"
    assert b"A draft title" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("live", [True, False], ids=["published page", "never published page"])
def test_saving_a_draft_in_the_admin_keeps_the_cache(
    admin_client, client, page_cache, resource_index, live, django_capture_on_commit_callbacks
):
    # Wagtail autosaves the editor's draft every few seconds: that must not empty the site's cache,
    # even for a page never published, whose authors and topics Wagtail writes to their tables.
    page = factories.ResourcePageFactory(
        parent=resource_index,
        title="Cold homes and asthma",
        topics=[factories.TopicFactory(name="Housing quality")],
        authors=[factories.AuthorFactory(name="Amina Rahman")],
        live=live,
    )
    other_topic, other_author = factories.TopicFactory(name="Fuel poverty"), factories.AuthorFactory(name="Ben Okafor")
    cached_bodies(client, [FINDER])
    generation = cache.get(GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/pages/{page.pk}/edit/",
            resource_edit_form(
                page,
                title="A draft title nobody sees yet",
                topics=[other_topic.pk],
                page_authors=inline_formset([{"author": other_author.pk}]),
            ),
        )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.draft_title == "A draft title nobody sees yet"
    assert cache.get(GENERATION_KEY) == generation
    assert client.get(FINDER)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_invalidation_happens_again_at_the_commit(client, page_cache, resource, django_capture_on_commit_callbacks):
    """The change is seen at once by whoever made it, and a copy another request cached before the
    commit (from the old, still committed content) is dropped when the commit lands."""
    client.get(resource.url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish_edit(resource, title="Not committed yet")
    assert callbacks, "a second bump is queued for the commit"
    assert client.get(resource.url)["X-Page-Cache"] == "miss"
    assert client.get(resource.url)["X-Page-Cache"] == "hit"  # as a request between write and commit would
    generation = cache.get(GENERATION_KEY)
    for callback in callbacks:
        callback()
    assert cache.get(GENERATION_KEY) != generation
    assert client.get(resource.url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_different_query_strings_are_cached_apart(client, page_cache, resource_index):
    assert client.get(resource_index.url, {"page": "1"})["X-Page-Cache"] == "miss"
    assert client.get(resource_index.url, {"page": "2"})["X-Page-Cache"] == "miss"
    assert client.get(resource_index.url, {"page": "1"})["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_logged_in_editor_never_gets_or_fills_the_cache(admin_client, client, page_cache, resource):
    client.get(resource.url)  # an anonymous copy exists
    response = admin_client.get(resource.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_anonymous_page_tells_browsers_and_cdns_they_may_keep_it(client, settings, resource):
    settings.PAGE_CACHE_BROWSER_MAX_AGE = 60
    settings.PAGE_CACHE_CDN_MAX_AGE = 300
    directives = {part.strip() for part in client.get(resource.url)["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=300"}


@pytest.mark.django_db
def test_admin_pages_are_private_and_not_stored(admin_client, home_page, page_cache):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_admin_login_page_is_not_stored(client, page_cache):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
@pytest.mark.urls("tests.test_caching")
def test_a_page_with_a_form_is_never_shared_with_another_visitor(client, page_cache, home_page):
    first = client.get("/test-form/")
    token = re.search(rb'value="([^"]+)"', first.content).group(1)
    other_visitor = client.__class__()
    second = other_visitor.get("/test-form/")
    assert token not in second.content
    for response in (first, second):
        assert response["X-Page-Cache"] == "bypass"
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.urls("tests.test_caching")
def test_a_response_that_sets_a_cookie_is_private(client, page_cache, home_page):
    response = client.get("/test-personal/")
    assert response.cookies
    assert response["X-Page-Cache"] == "bypass"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.urls("tests.test_caching")
def test_cache_hit_gets_a_fresh_csp_nonce(client, page_cache, home_page):
    nonces = []
    for expected in ("miss", "hit", "hit"):
        response = client.get("/test-nonce/")
        assert response["X-Page-Cache"] == expected
        nonce = re.search(rb'nonce="([^"]+)"', response.content).group(1).decode()
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert len(set(nonces)) == 3


@pytest.mark.django_db
def test_posts_are_never_served_from_the_cache(client, page_cache, resource):
    client.get(resource.url)
    response = client.post(resource.url)
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"


@pytest.mark.django_db
def test_pages_are_served_when_the_cache_is_unreachable(client, settings, page_cache, resource):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    for _ in range(2):
        response = client.get(resource.url)
        assert response.status_code == 200
        assert b"Cold homes and asthma" in response.content


class RecordingPurgeBackend(BaseBackend):
    """A CDN stand-in for WAGTAILFRONTENDCACHE that remembers what it was asked to purge."""

    purged: list[str] = []

    def purge(self, url):
        RecordingPurgeBackend.purged.append(url)


@pytest.mark.django_db
def test_publishing_purges_the_page_and_its_listings_from_the_cdn(
    settings, resource_index, resource, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.test_caching.RecordingPurgeBackend"}}
    RecordingPurgeBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        publish_edit(resource, title="Cold homes, asthma and damp")
    purged = {url.replace("http://testserver", "") for url in RecordingPurgeBackend.purged}
    assert {resource.url, resource_index.url, "/"} <= purged


@pytest.mark.django_db
def test_nothing_is_purged_without_a_cdn(settings, resource, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    RecordingPurgeBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        publish_edit(resource, title="Cold homes and asthma, revised")
    assert RecordingPurgeBackend.purged == []
