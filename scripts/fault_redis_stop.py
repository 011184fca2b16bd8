"""Fault test: stop Redis in the middle of a run of reads and writes, then start it again.

Starts a throwaway stack (our own PostgreSQL cluster and a redis-server of its own on a free port,
gunicorn with the production settings and REDIS_URL on loopback), fills it with the demo content
(every page type, with images) and benchmark pages, and then reads without a pause from several
threads, over every public page type, while writes go on beside them:

- pages: the home page, the listings (resources, blog, Citizens' Panel, library, the funders' hub),
  a resource, a What works brief, a blog post, a panel post, a standard page, the group and topic
  landing pages, the finder with filters, its JSON and feeds (plain and filtered), the evidence
  map and its JSON, the funders' feed and an opportunity, the sitemap and robots.txt; the pages
  that show images are counted as their own kind too;
- writes, each with a unique token: an editor adding a topic in Wagtail's admin from a signed-in
  session, and a funder sending "Add a collaboration opportunity" (rate-limited through the cache).

Redis is stopped while requests are in flight (`--up` seconds after the start), kept down for
`--down` seconds, then started again (empty) for `--back` seconds. Any 5xx or transport error
fails the run; so does a page kind not read while Redis was down, a submission not stored exactly
once, the editor signed out, the page cache not serving again, or a traceback in the server log.

    .venv/bin/python scripts/fault_redis_stop.py [--up 10] [--down 20] [--back 20] [--threads 6]

Exit status 0 when every check passes.
"""

import argparse
import collections
import itertools
import random
import re
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import (
    Gunicorn,
    PostgresCluster,
    RedisServer,
    log,
    new_http_session,
    prepare_site,
    production_env,
    require_python_in_venv,
)
from write_paths import AdminTopicWrites, FundersSubmissionWrites

# Addresses the sitemap does not list: machine-readable ones and filtered views.
EXTRA_ADDRESSES = [
    "/resources/?group=core20",
    "/resources/?type=analysis&sort=oldest",
    "/resources/?q=housing",
    "/resources/?page=2",
    "/resources/?topic=hypertension&group=ethnic-minority-communities",
    "/api/resources/",
    "/api/resources/?group=core20&type=what-works-brief",
    "/resources/feed/",
    "/resources/feed/?group=core20",
    "/resources/feed/?type=blog",
    "/evidence-map/",
    "/evidence-map/map.json",
    "/evidence-map/approaches/",
    "/funders/?location=england",
    "/funders/feed/",
    "/sitemap.xml",
    "/robots.txt",
]

PAGE_KINDS = [
    "home",
    "resources listing",
    "resource",
    "What works brief",
    "blog listing",
    "blog post",
    "panel listing",
    "panel post",
    "group page",
    "topic page",
    "finder with filters",
    "finder JSON",
    "feed",
    "evidence map",
    "funders' hub",
    "opportunity",
    "library",
    "standard page",
    "sitemap / robots",
    "page with images",
]


def kind_of(path: str) -> str:
    bare, _, query = path.partition("?")
    rules = [
        (bare == "/", "home"),
        (bare in ("/sitemap.xml", "/robots.txt"), "sitemap / robots"),
        (bare.startswith("/api/"), "finder JSON"),
        (bare.endswith("/feed/"), "feed"),
        (bare.startswith("/evidence-map/"), "evidence map"),
        (bare.startswith("/resources/groups/"), "group page"),
        (bare.startswith("/resources/topics/"), "topic page"),
        (bare == "/resources/" and bool(query), "finder with filters"),
        (bare == "/resources/", "resources listing"),
        (bare.startswith("/resources/what-works"), "What works brief"),
        (bare.startswith("/resources/"), "resource"),
        (bare == "/blog/", "blog listing"),
        (bare.startswith("/blog/"), "blog post"),
        (bare == "/citizens-panel/", "panel listing"),
        (bare.startswith("/citizens-panel/"), "panel post"),
        (bare == "/funders/", "funders' hub"),
        (bare.startswith("/funders/"), "opportunity"),
        (bare.startswith("/library/"), "library"),
    ]
    return next((kind for matches, kind in rules if matches), "standard page")


def discover_pages(session, base_url: str) -> tuple[list[str], set[str]]:
    """Every address to read, and those whose HTML shows an image (a rendition or an upload)."""
    sitemap = session.get(f"{base_url}/sitemap.xml", timeout=30).text
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    paths = list(dict.fromkeys(paths + EXTRA_ADDRESSES))
    with_images = set()
    for path in paths:
        response = session.get(f"{base_url}{path}", timeout=60)
        is_html = "html" in response.headers.get("Content-Type", "")
        if is_html and re.search(r"<img [^>]*src=\"[^\"]*/media/images/", response.text):
            with_images.add(path)
    return paths, with_images


class Reads:
    """Threads reading random addresses until told to stop; each request is recorded with its start."""

    def __init__(self, base_url: str, pages: list[str], threads: int):
        self.base_url, self.pages, self.threads = base_url, pages, threads
        self.records: list[tuple[float, str, int | None, str, float]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.workers: list[threading.Thread] = []

    def start(self) -> "Reads":
        for number in range(self.threads):
            worker = threading.Thread(target=self._read, args=(number, random.Random(number)), daemon=True)
            worker.start()
            self.workers.append(worker)
        return self

    def _read(self, number, rng):
        # Each kind of page in turn (each thread starting at its own), then one of its addresses at
        # random: the home page is read as often as the kind with a hundred pages, and every kind
        # is read while Redis is down.
        by_kind = collections.defaultdict(list)
        for page in self.pages:
            by_kind[kind_of(page)].append(page)
        kinds = sorted(by_kind)
        turns = itertools.islice(itertools.cycle(kinds), number * 3, None)
        session = new_http_session()
        while not self.stopping.is_set():
            path = rng.choice(by_kind[next(turns)])
            began = time.monotonic()
            try:
                response = session.get(f"{self.base_url}{path}", timeout=30)
                status, cache_state = response.status_code, response.headers.get("X-Page-Cache", "-")
            except Exception:  # noqa: BLE001 - reported as a failure
                status, cache_state = None, "-"
            with self.lock:
                self.records.append((began, path, status, cache_state, (time.monotonic() - began) * 1000))

    def stop(self):
        self.stopping.set()
        for worker in self.workers:
            worker.join(60)


class Writes:
    """One thread per write path, sending submissions until told to stop."""

    def __init__(self, base_url: str, writers):
        self.base_url, self.writers = base_url, writers
        self.outcomes: list[tuple[float, str, str]] = []
        self.tokens: list[str] = []
        self.stopping = threading.Event()
        self.workers: list[threading.Thread] = []

    def start(self) -> "Writes":
        for write_path, session in self.writers:
            worker = threading.Thread(target=self._write, args=(write_path, session), daemon=True)
            worker.start()
            self.workers.append(worker)
        return self

    def _write(self, write_path, session):
        while not self.stopping.is_set():
            token = f"fault-redis-{uuid.uuid4()}"
            began = time.monotonic()
            try:
                outcome = write_path.outcome(write_path.submit(session, self.base_url, token))
            except Exception:  # noqa: BLE001
                outcome = "transport error"
            self.tokens.append(token)
            self.outcomes.append((began, write_path.name, outcome))
            time.sleep(0.5)

    def stop(self):
        self.stopping.set()
        for worker in self.workers:
            worker.join(60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--up", type=float, default=10, help="seconds of reads before Redis is stopped")
    parser.add_argument("--down", type=float, default=20, help="seconds Redis stays stopped")
    parser.add_argument("--back", type=float, default=20, help="seconds of reads after Redis is started again")
    parser.add_argument("--threads", type=int, default=6, help="reading threads")
    parser.add_argument("--resources", type=int, default=40, help="benchmark pages added to the demo content")
    args = parser.parse_args()
    require_python_in_venv()

    postgres = PostgresCluster(5433).start_new()
    redis = RedisServer(6390).start()
    server = None
    try:
        topics, funders = AdminTopicWrites(), FundersSubmissionWrites()
        env = funders.adjust_env(production_env(postgres.create_database("he_redis_fault"), redis.url))
        log(f"PostgreSQL :{postgres.port}, Redis :{redis.port}")
        log(f"site filled with: {', '.join(prepare_site(env, benchmark_resources=args.resources))}")
        topics.prepare(env)
        server = Gunicorn(env, workers=3).start()
        writers = []
        for write_path in (topics, funders):
            session = new_http_session()
            write_path.start_session(session, server.base_url)
            writers.append((write_path, session))
        pages, with_images = discover_pages(new_http_session(), server.base_url)
        log(f"{len(pages)} addresses to read ({len(with_images)} with images); warming the page cache")
        for path in pages:
            new_http_session().get(f"{server.base_url}{path}", timeout=60)

        reads = Reads(server.base_url, pages, args.threads).start()
        writes = Writes(server.base_url, writers).start()
        time.sleep(args.up)
        log("stopping Redis (requests in flight)")
        stopped_at = time.monotonic()
        redis.stop()
        time.sleep(args.down)
        log("starting Redis again (empty)")
        redis.start()
        started_at = time.monotonic()
        time.sleep(args.back)
        reads.stop()
        writes.stop()
        editor = writers[0][1]
        editor_signed_in = editor.get(f"{server.base_url}/admin/", allow_redirects=False, timeout=30).status_code == 200

        stored = topics.stored_tokens(postgres, "he_redis_fault") + funders.stored_tokens(postgres, "he_redis_fault")
        tracebacks = sum("Traceback" in line for line in server.log_lines())
        return report(reads, writes, with_images, stopped_at, started_at, stored, tracebacks, editor_signed_in)
    finally:
        if server:
            server.stop()
        redis.stop()
        postgres.destroy()


def period_of(began: float, stopped_at: float, started_at: float) -> str:
    if began < stopped_at:
        return "1 Redis up"
    return "2 Redis stopped" if began < started_at else "3 Redis back"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def report(reads, writes, with_images, stopped_at, started_at, stored, tracebacks, editor_signed_in) -> int:
    periods = ("1 Redis up", "2 Redis stopped", "3 Redis back")
    by_period = {period: [] for period in periods}
    for record in reads.records:
        by_period[period_of(record[0], stopped_at, started_at)].append(record)
    writes_by_period = {period: collections.Counter() for period in periods}
    for began, _, outcome in writes.outcomes:
        writes_by_period[period_of(began, stopped_at, started_at)][outcome] += 1

    print()
    print("=== Redis stopped mid-run ===")
    print(f"{'period':<16} {'reads':>6} {'p50 ms':>8} {'p95 ms':>8}  statuses / page cache / writes")
    for period in periods:
        records = by_period[period]
        latencies = [ms for *_, ms in records]
        statuses = collections.Counter(status for _, _, status, _, _ in records)
        cache = collections.Counter(state for _, _, _, state, _ in records)
        print(
            f"{period:<16} {len(records):>6} {percentile(latencies, 0.5):>8.1f} {percentile(latencies, 0.95):>8.1f}  "
            f"{dict(statuses)} / {dict(cache)} / {dict(writes_by_period[period])}"
        )

    kinds_down = collections.defaultdict(collections.Counter)
    kinds_all = collections.defaultdict(collections.Counter)
    for began, path, status, _, _ in reads.records:
        names = [kind_of(path)] + (["page with images"] if path in with_images else [])
        for name in names:
            kinds_all[name][status] += 1
            if period_of(began, stopped_at, started_at) == "2 Redis stopped":
                kinds_down[name][status] += 1
    print()
    print(f"{'page kind':<22} {'all':>6} {'Redis down':>11}  statuses (whole run)")
    for name in PAGE_KINDS:
        counts = kinds_all[name]
        print(f"{name:<22} {sum(counts.values()):>6} {sum(kinds_down[name].values()):>11}  {dict(counts)}")

    statuses = collections.Counter(status for _, _, status, _, _ in reads.records)
    server_errors = sum(count for status, count in statuses.items() if status is None or status >= 500)
    lost = [token for token in writes.tokens if stored[token] != 1]
    print()
    print(f"requests: {len(reads.records)}; statuses: {dict(statuses)}; 5xx or transport errors: {server_errors}")
    print(f"submissions stored exactly once: {len(writes.tokens) - len(lost)} of {len(writes.tokens)}")
    print(f"tracebacks in server log: {tracebacks}")
    down = by_period["2 Redis stopped"]
    checks = {
        "no 5xx and no transport error in the whole run": server_errors == 0,
        "every page kind read while Redis was down": all(sum(kinds_down[name].values()) for name in PAGE_KINDS),
        "every read answered 200": set(statuses) <= {200},
        "every submission acknowledged while Redis was down": set(writes_by_period["2 Redis stopped"])
        == {"acknowledged"},
        "nothing lost: every submission stored exactly once": not lost,
        "the editor stayed signed in": editor_signed_in,
        "pages were read while Redis was down": bool(down),
        "the page cache serves again once Redis is back": any(r[3] == "hit" for r in by_period["3 Redis back"]),
        "no tracebacks": tracebacks == 0,
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
