"""A bad day for the caches: junk query strings make no new page-cache entries, a flood of pages
cannot evict the forms' rate-limit counters, the default caches are shared between processes, and
a cache server that is down makes pages slower, never an error or another request's data."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.cache import cache, caches
from django.http import HttpResponse
from django.urls import include, path

from wagtail import urls as wagtail_urls

import pytest
import wagtail_factories

from funders.models import OpportunitySubmission
from healthequity.caching.generation import current_generation
from healthequity.settings import environment
from healthequity.urls import urlpatterns as site_urlpatterns
from tests import factories, public_forms_support
from tests import funders_support as support

REPO = Path(__file__).resolve().parent.parent
# Nothing listens on port 1: every call to this "Redis" fails at once, as with a stopped server.
DOWN_REDIS = {"REDIS_URL": "redis://127.0.0.1:1/0", "REDIS_SOCKET_TIMEOUT": "0.2"}


def colour_view(request):
    return HttpResponse(f"colour {request.GET.get('colour', 'none')}")


def echo_view(request):
    return HttpResponse(f"query {request.GET.urlencode()}")


urlpatterns = [
    path("test-colour/", colour_view),
    path("test-echo/", echo_view),
    *site_urlpatterns[:-1],
    path("", include(wagtail_urls)),
]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def statuses(client, addresses):
    return [client.get(address)["X-Page-Cache"] for address in addresses]


@pytest.mark.django_db
class TestJunkQueryStrings:
    def test_make_no_new_entries(self, client, page_cache, home_page):
        assert client.get("/robots.txt")["X-Page-Cache"] == "miss"
        junk = [f"/robots.txt?j={number}" for number in range(20)] + ["/robots.txt?utm_source=mail&fbclid=x"]
        assert statuses(client, junk).count("miss") <= 1

    def test_the_finder_is_one_entry_whatever_junk_comes_with_its_query(self, client, page_cache, resource_index):
        factories.ResourcePageFactory(parent=resource_index, title="Cold homes and asthma")
        factories.ResourcePageFactory(parent=resource_index, title="Dental care on the coast")
        assert statuses(client, ["/resources/?q=asthma&j=1", "/resources/?j=2&q=asthma", "/resources/?q=asthma"]) == [
            "miss",
            "hit",
            "hit",
        ]
        other = client.get("/resources/?q=dental&j=3")
        assert other["X-Page-Cache"] == "miss"
        assert "Dental care on the coast" in other.content.decode()
        assert "Cold homes and asthma" not in other.content.decode()

    def test_paging_links_carry_only_the_finders_own_query(self, client, page_cache, resource_index):
        for number in range(12):
            factories.ResourcePageFactory(parent=resource_index, title=f"Evidence {number}")
        html = client.get("/resources/?type=analysis&j=planted").content.decode()
        assert "page=2" in html
        assert "planted" not in html

    @pytest.mark.urls("tests.test_cache_floods")
    def test_a_parameter_a_page_reads_still_makes_its_own_page(self, client, page_cache):
        answers = [client.get(f"/test-colour/?colour={colour}&j={colour}").content for colour in ("red", "blue")]
        assert answers == [b"colour red", b"colour blue"]
        assert client.get("/test-colour/?colour=red&j=other")["X-Page-Cache"] == "hit"
        assert client.get("/test-colour/").content == b"colour none"

    @pytest.mark.urls("tests.test_cache_floods")
    def test_a_page_that_reads_the_whole_query_is_kept_per_query(self, client, page_cache):
        assert client.get("/test-echo/?a=1").content == b"query a=1"
        assert client.get("/test-echo/?a=2").content == b"query a=2"


@pytest.mark.django_db
def test_a_flood_of_pages_cannot_evict_the_rate_limit_counters(tmp_path, settings, client, home_page, post):
    caches_in_files = environment.cache_settings({}, tmp_path)
    for alias in ("default", "ratelimit"):  # small and culled whole, to make eviction certain
        caches_in_files[alias]["OPTIONS"] = {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 0}
    settings.CACHES = caches_in_files
    settings.PAGE_CACHE_ENABLED = True
    settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "submission": (1, 3600)}
    support.FundersIndexPageFactory(parent=home_page)
    assert post("/funders/submit/", support.submission_data()).status_code == 302
    assert client.post("/funders/submit/", support.submission_data()).status_code == 429

    for number in range(30):
        client.get(f"/robots.txt?j={number}")
    for number in range(30):
        caches["default"].set(f"flood-{number}", "x" * 100)  # pages of real, different addresses

    assert client.post("/funders/submit/", support.submission_data()).status_code == 429
    assert OpportunitySubmission.objects.count() == 1


def test_the_default_caches_are_shared_between_processes(tmp_path, settings):
    """A command in another process (publish_scheduled, the worker) bumps the generation the running
    site reads, with the settings a fresh clone runs with."""
    settings.CACHES = environment.cache_settings({}, tmp_path)
    before = current_generation()
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="healthequity.settings.dev", CACHE_DIR=str(tmp_path))
    script = "import django; django.setup(); from healthequity.caching.generation import bump_generation as b; b()"
    subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, check=True, timeout=60)  # noqa: S603
    assert current_generation() != before


class TestRedisDown:
    def test_each_failed_read_gets_a_dict_of_its_own(self, settings):
        settings.CACHES = environment.cache_settings(DOWN_REDIS, Path("/unused"))
        for alias in ("default", "renditions"):
            first = caches[alias].get_many(["a"])
            first["a"] = "card HTML"
            assert caches[alias].get_many(["b"]) == {}, alias

    @pytest.mark.django_db
    def test_pages_with_images_and_cards_answer_as_usual(self, client, settings, resource_index, home_page):
        image = wagtail_factories.ImageFactory(title="Harbour", file__width=800, file__height=450)
        for number in range(3):
            factories.ResourcePageFactory(
                parent=resource_index, title=f"Coastal evidence {number}", listing_image=image
            )
        settings.CACHES = environment.cache_settings(DOWN_REDIS, Path("/unused"))
        settings.PAGE_CACHE_ENABLED = True
        public_forms_support.clear_rate_limits()
        for address in ("/resources/", "/resources/", "/", "/resources/?q=coastal", "/resources/feed/"):
            response = client.get(address)
            assert response.status_code == 200, address
        html = client.get("/resources/").content.decode()
        assert html.count("Coastal evidence") >= 3
        assert "<img" in html
