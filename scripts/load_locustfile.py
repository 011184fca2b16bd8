"""The visitors scripts/load_test.py sends: a realistic mix of readers and a few funders posting forms.

Request names are categories (home, finder, search, detail, listing, feed, api, static, form:get,
form:post), so the figures say which kind of page is slow. Addresses come from the site itself
(its sitemap), so the mix follows whatever content and page types the site has.
"""

import json
import os
import random
import re
import time
import uuid

from load_mix import WORDS, finder_query
from locust import HttpUser, between, events, task
from stack import keep_secure_cookies_on_loopback
from write_paths import FundersSubmissionWrites

SITE: dict[str, list[str]] = {"detail": [], "listing": [], "optional": [], "static": []}
# Think time between a visitor's pages, in seconds ("1,5" by default): LOAD_WAIT="min,max".
WAIT_MIN, WAIT_MAX = (float(part) for part in os.environ.get("LOAD_WAIT", "1,5").split(","))
# Every request's latency, by kind of page and by whether the page cache served it (X-Page-Cache:
# hit/miss/…), written when the test stops, after the requests in flight have finished (Locust's
# CSV is written before them, leaving out the slowest answers).
BY_KIND: dict[str, dict] = {}
BY_CACHE_STATE: dict[str, list[float]] = {}
TIMES: dict[str, float] = {}


@events.request.add_listener
def record_request(request_type, name, response_time, response=None, exception=None, **kwargs):
    kind = BY_KIND.setdefault(name, {"times": [], "failures": 0})
    kind["times"].append(response_time)
    kind["failures"] += bool(exception)
    if response is not None and not exception:
        state = response.headers.get("X-Page-Cache", "none")
        BY_CACHE_STATE.setdefault(state, []).append(response_time)


@events.test_stop.add_listener
def write_figures(environment, **kwargs):
    target = os.environ.get("LOAD_STATS")
    if target:
        seconds = time.monotonic() - TIMES.get("start", time.monotonic())
        with open(target, "w") as out:
            json.dump({"by_kind": BY_KIND, "by_cache_state": BY_CACHE_STATE, "seconds": seconds}, out)


@events.test_start.add_listener
def discover_site(environment, **kwargs):
    import requests

    base = environment.host
    sitemap = requests.get(f"{base}/sitemap.xml", timeout=30).text
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    SITE["listing"] = [path for path in paths if path.count("/") <= 2 and path != "/"]
    SITE["detail"] = [path for path in paths if path.count("/") > 2]
    # Addresses other engineers may not have shipped yet are used only if they answer.
    SITE["optional"] = [
        path
        for path in ("/resources/feed/", "/api/resources/", "/funders/")
        if requests.get(f"{base}{path}", timeout=30).status_code == 200
    ]
    SITE["forms"] = requests.get(f"{base}/funders/submit/", timeout=30).status_code == 200
    # The stylesheet, scripts and icon a browser fetches with its first page (whitenoise serves them).
    home = requests.get(f"{base}/", timeout=30).text
    SITE["static"] = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', home)))
    print(
        f"load mix: {len(SITE['detail'])} detail pages, listings {SITE['listing']}, static {SITE['static']}, "
        f"optional {SITE['optional']}, form posts {'on' if SITE['forms'] else 'off (no /funders/submit/ yet)'}",
        flush=True,
    )
    TIMES["start"] = time.monotonic()


class Reader(HttpUser):
    """Someone reading evidence: the home page, the finder with filters, search and detail pages."""

    weight = 9
    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self):
        keep_secure_cookies_on_loopback(self.client)

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(5)
    def finder(self):
        self.client.get(f"/resources/{finder_query()}", name="finder")

    @task(2)
    def search(self):
        self.client.get(f"/resources/?q={random.choice(WORDS)}", name="search")

    @task(6)
    def detail(self):
        if SITE["detail"]:
            self.client.get(random.choice(SITE["detail"]), name="detail")

    @task(2)
    def listing(self):
        if SITE["listing"]:
            self.client.get(random.choice(SITE["listing"]), name="listing")

    @task(1)
    def feed_or_api(self):
        if SITE["optional"]:
            path = random.choice(SITE["optional"])
            self.client.get(f"{path}{finder_query(paging=False)}", name=path.strip("/").replace("/", ":"))

    @task(1)
    def static(self):
        """A new visitor's browser fetching the stylesheet, scripts and icons of its first page (later pages
        find them in its cache: whitenoise gives hashed names a year's caching)."""
        for path in SITE["static"]:
            self.client.get(path, name="static")


class Funder(HttpUser):
    """A funder adding a collaboration opportunity: the form, then the post (if the form exists)."""

    weight = 1
    wait_time = between(2.0, 5.0)

    def on_start(self):
        keep_secure_cookies_on_loopback(self.client)
        self.writes = FundersSubmissionWrites()
        self.writes.start_session(self.client, "")

    @task
    def submit(self):
        if not SITE.get("forms"):
            self.client.get("/", name="home")
            return
        token = f"load-{uuid.uuid4()}"
        response = self.writes.submit(self.client, "", token, name="form")
        if self.writes.outcome(response) != "acknowledged":
            events.request.fire(
                request_type="CHECK",
                name="form:acknowledged",
                response_time=0,
                response_length=0,
                exception=RuntimeError(f"submission not acknowledged: {response.status_code}"),
            )
