"""CDN purges: every public address whose content a change affects is purged when it commits.

The CDN is Wagtail's own HTTPBackend (the Varnish-style PURGE request) pointed at a small HTTP
server in the test that records each PURGE it receives, so the whole path from the signal to the
request on the wire is the one production uses.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from wagtail.contrib.frontend_cache.backends import CloudfrontBackend
from wagtail.models import PageViewRestriction

import pytest

from tests import factories
from tests import funders_support as support


class PurgeRecorder(BaseHTTPRequestHandler):
    received: list[str]

    def do_PURGE(self):
        self.server.received.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    """Paths the CDN was asked to purge (the host is the site's own), as a set, per test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }

    class Recorded:
        @staticmethod
        def paths():
            return set(server.received)

        @staticmethod
        def clear():
            server.received.clear()

    yield Recorded
    server.shutdown()
    server.server_close()


@pytest.fixture
def tags(db):
    inclusion = factories.InequalityGroupFactory(name="Inclusion health", slug="t-inclusion")
    homelessness = factories.InequalityGroupFactory(name="Homelessness", slug="t-homeless", parent=inclusion)
    coastal = factories.InequalityGroupFactory(name="Coastal", slug="t-coastal")
    asthma = factories.TopicFactory(name="Asthma", slug="t-asthma")
    return {"inclusion": inclusion, "homelessness": homelessness, "coastal": coastal, "asthma": asthma}


@pytest.fixture
def resource(resource_index, tags):
    return factories.ResourcePageFactory(
        parent=resource_index,
        title="Cold homes and asthma",
        slug="cold-homes",
        groups=[tags["homelessness"]],
        topics=[tags["asthma"]],
    )


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (the purge waits for the commit)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


EVERY_LISTING = {"/", "/resources/", "/resources/groups/", "/resources/topics/", "/sitemap.xml"}
MACHINE_READABLE = {"/resources/feed/", "/api/resources/"}
TAGGED = {
    "/resources/groups/t-homeless/",
    "/resources/groups/t-inclusion/",  # the parent group counts its subgroups' pages
    "/resources/topics/t-asthma/",
    "/resources/feed/?group=t-homeless",
    "/resources/feed/?group=t-inclusion",
    "/resources/feed/?topic=t-asthma",
    "/resources/feed/?type=analysis",
    "/api/resources/?group=t-homeless",
    "/api/resources/?topic=t-asthma",
}


@pytest.mark.django_db
def test_publishing_purges_the_page_its_listings_feeds_json_sitemap_and_tag_pages(cdn, committing, resource):
    cdn.clear()
    resource.title = "Cold homes, damp and asthma"
    committing(lambda: resource.save_revision().publish())
    assert {"/resources/cold-homes/"} | EVERY_LISTING | MACHINE_READABLE | TAGGED <= cdn.paths()


@pytest.mark.django_db
def test_a_tag_removed_on_publish_purges_the_page_of_the_tag_it_left(cdn, committing, resource, tags):
    cdn.clear()
    resource.groups.set([tags["coastal"]])
    committing(lambda: resource.save_revision().publish())
    purged = cdn.paths()
    assert {"/resources/groups/t-coastal/", "/resources/groups/t-homeless/"} <= purged
    assert {"/resources/feed/?group=t-coastal", "/resources/feed/?group=t-homeless"} <= purged


@pytest.mark.django_db
def test_unpublishing_purges_every_address_that_showed_the_page(cdn, committing, resource):
    cdn.clear()
    committing(resource.unpublish)
    assert {"/resources/cold-homes/"} | EVERY_LISTING | MACHINE_READABLE | TAGGED <= cdn.paths()


@pytest.mark.django_db
def test_making_a_page_private_and_public_again_purges_it_and_its_listings(cdn, committing, resource):
    cdn.clear()
    restriction = committing(
        PageViewRestriction.objects.create, page=resource, restriction_type="password", password="secret"
    )
    assert {"/resources/cold-homes/"} | EVERY_LISTING | MACHINE_READABLE | TAGGED <= cdn.paths()
    cdn.clear()
    committing(restriction.delete)
    assert {"/resources/cold-homes/", "/resources/feed/", "/resources/groups/t-homeless/"} <= cdn.paths()


@pytest.mark.django_db
def test_making_a_section_private_purges_every_page_below_it(cdn, committing, resource, resource_index):
    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, slug="what-works-warmth")
    cdn.clear()
    committing(PageViewRestriction.objects.create, page=resource_index, restriction_type="login")
    assert {"/resources/", "/resources/cold-homes/", "/resources/what-works-warmth/", "/resources/feed/"} <= (
        cdn.paths()
    )
    assert brief.live


@pytest.mark.django_db
def test_moving_a_page_purges_its_old_and_new_addresses(cdn, committing, resource, home_page):
    blog_index = factories.BlogIndexPageFactory(parent=home_page)
    other_index = factories.ResourceIndexPageFactory(parent=blog_index, slug="more-resources")
    cdn.clear()
    committing(resource.move, other_index, pos="last-child")
    purged = cdn.paths()
    assert {"/resources/cold-homes/", "/blog/more-resources/cold-homes/", "/resources/", "/blog/"} <= purged
    assert {"/resources/feed/", "/resources/groups/t-homeless/", "/sitemap.xml"} <= purged


@pytest.mark.django_db
def test_deleting_a_page_purges_it_and_the_pages_of_its_tags(cdn, committing, resource):
    cdn.clear()
    committing(resource.delete)
    assert {"/resources/cold-homes/"} | EVERY_LISTING | MACHINE_READABLE | TAGGED <= cdn.paths()


@pytest.mark.django_db
def test_a_brief_with_findings_purges_the_evidence_map(cdn, committing, resource_index, resource):
    brief = factories.WhatWorksBriefPageFactory(parent=resource_index, slug="what-works-warmth")
    cdn.clear()
    committing(lambda: resource.save_revision().publish())
    assert "/evidence-map/" not in cdn.paths()  # a resource holds no rated findings
    committing(lambda: brief.save_revision().publish())
    assert {"/evidence-map/", "/evidence-map/map.json", "/evidence-map/map.csv"} <= cdn.paths()


@pytest.mark.django_db
def test_an_opportunity_purges_the_funders_hub_and_its_feed(cdn, committing, home_page):
    funders_index = support.FundersIndexPageFactory(parent=home_page)
    opportunity = support.OpportunityPageFactory(parent=funders_index, slug="link-workers")
    cdn.clear()
    committing(opportunity.unpublish)
    assert {"/funders/link-workers/", "/funders/", "/funders/feed/", "/", "/sitemap.xml"} <= cdn.paths()


@pytest.mark.django_db
def test_a_draft_saved_purges_nothing(cdn, committing, resource):
    cdn.clear()
    resource.title = "A draft title"
    committing(resource.save_revision)
    assert cdn.paths() == set()


class RecordingCloudfrontBackend(CloudfrontBackend):
    """Wagtail's CloudFront backend with the AWS call replaced by a note of the invalidation paths."""

    invalidated: list[str] = []

    def _create_invalidation(self, distribution_id, paths):
        RecordingCloudfrontBackend.invalidated.extend(paths)


@pytest.mark.django_db
def test_a_cdn_that_purges_by_prefix_drops_every_filtered_address_of_the_listings(cdn, committing, settings, resource):
    settings.WAGTAILFRONTENDCACHE = {
        **settings.WAGTAILFRONTENDCACHE,
        "cloudfront": {"BACKEND": "tests.test_cdn_purges.RecordingCloudfrontBackend", "DISTRIBUTION_ID": "test"},
    }
    RecordingCloudfrontBackend.invalidated = []
    cdn.clear()
    committing(resource.unpublish)
    invalidated = set(RecordingCloudfrontBackend.invalidated)
    # /resources/* covers the finder's filtered views, its feeds and its group and topic pages.
    assert {"/resources/*", "/api/resources/*", "/resources/feed/*"} <= invalidated
    assert {"/resources/cold-homes/", "/resources/groups/t-homeless/", "/sitemap.xml"} <= invalidated
    assert "/*" not in invalidated  # never the whole site
    assert not any(path.endswith("*") for path in cdn.paths())  # a PURGE of "*" means nothing to Varnish


@pytest.mark.django_db
def test_a_new_slug_purges_the_old_addresses_of_the_page_and_below(cdn, committing, resource_index, resource):
    cdn.clear()
    resource_index.slug = "evidence"
    committing(lambda: resource_index.save_revision().publish())
    assert {"/resources/", "/resources/cold-homes/", "/evidence/"} <= cdn.paths()
