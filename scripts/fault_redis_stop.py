"""Fault test: stop Redis while the site is being read and written, then start it again.

Starts a throwaway stack (our own PostgreSQL cluster and Redis on free ports, gunicorn with the
production settings and REDIS_URL on loopback) and runs three bounded phases of the same work:
anonymous page reads (home, listings, finder filters, detail pages), and two kinds of writes, each
with a unique token: an editor adding a topic in Wagtail's admin from a signed-in session, and a
funder sending "Add a collaboration opportunity" (rate-limited through the cache).

1. Redis up: pages come from the page cache.
2. Redis stopped: every page must still be served (slower: rendered each time), every submission
   acknowledged and stored, and the editor stays signed in (sessions are cached_db).
3. Redis started again: the page cache fills and serves again, by itself.

    .venv/bin/python scripts/fault_redis_stop.py [--reads 300] [--writes 15]

Exit status 0 when every check passes.
"""

import argparse
import collections
import random
import re
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
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


def discover_pages(session, base_url: str) -> list[str]:
    sitemap = session.get(f"{base_url}/sitemap.xml", timeout=30).text
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    finder = ["/resources/?group=core20", "/resources/?type=analysis", "/resources/?page=2", "/resources/?q=housing"]
    return paths + finder


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def run_phase(name: str, base_url: str, pages: list[str], reads: int, writes: int, writers) -> dict:
    """`writers`: (write path, signed-in session) pairs; each sends `writes` submissions."""
    rng = random.Random(name)
    sample = [rng.choice(pages) for _ in range(reads)]

    def read(path):
        session = new_http_session()
        began = time.perf_counter()
        try:
            response = session.get(f"{base_url}{path}", timeout=30)
            status, cache_state = response.status_code, response.headers.get("X-Page-Cache", "-")
        except Exception:  # noqa: BLE001 - reported as a failure
            status, cache_state = None, "-"
        return status, cache_state, (time.perf_counter() - began) * 1000

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(read, sample))
    read_seconds = time.monotonic() - started

    tokens, write_outcomes = [], collections.Counter()
    for write_path, session in writers:
        for _ in range(writes):
            token = f"fault-redis-{uuid.uuid4()}"
            tokens.append(token)
            try:
                write_outcomes[write_path.outcome(write_path.submit(session, base_url, token))] += 1
            except Exception:  # noqa: BLE001
                write_outcomes["transport error"] += 1
    editor = writers[0][1]
    admin = editor.get(f"{base_url}/admin/", allow_redirects=False, timeout=30)
    latencies = [ms for _, _, ms in results]
    return {
        "name": name,
        "statuses": collections.Counter(status for status, _, _ in results),
        "cache": collections.Counter(state for _, state, _ in results),
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "mean": statistics.fmean(latencies),
        "rps": len(results) / read_seconds,
        "writes": write_outcomes,
        "tokens": tokens,
        "editor_signed_in": admin.status_code == 200,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=300, help="page reads per phase")
    parser.add_argument("--writes", type=int, default=15, help="submissions per phase, of each kind")
    args = parser.parse_args()
    require_python_in_venv()

    postgres = PostgresCluster(5433).start_new()
    redis = RedisServer(6390).start()
    server = None
    try:
        topics, funders = AdminTopicWrites(), FundersSubmissionWrites()
        env = funders.adjust_env(production_env(postgres.create_database("he_redis_fault"), redis.url))
        log(f"PostgreSQL :{postgres.port}, Redis :{redis.port}")
        log(f"site filled with: {', '.join(prepare_site(env, benchmark_resources=40))}")
        topics.prepare(env)
        server = Gunicorn(env, workers=3).start()
        writers = []
        for write_path in (topics, funders):
            session = new_http_session()
            write_path.start_session(session, server.base_url)
            writers.append((write_path, session))
        pages = discover_pages(new_http_session(), server.base_url)
        log(f"{len(pages)} addresses to read; warming the page cache")
        run_phase("warm-up", server.base_url, pages, len(pages) * 2, 0, writers)

        phases = [run_phase("1 Redis up", server.base_url, pages, args.reads, args.writes, writers)]
        log("stopping Redis")
        redis.stop()
        phases.append(run_phase("2 Redis stopped", server.base_url, pages, args.reads, args.writes, writers))
        log("starting Redis again (empty)")
        redis.start()
        run_phase("refill", server.base_url, pages, len(pages) * 2, 0, writers)
        phases.append(run_phase("3 Redis back", server.base_url, pages, args.reads, args.writes, writers))

        stored = topics.stored_tokens(postgres, "he_redis_fault") + funders.stored_tokens(postgres, "he_redis_fault")
        tracebacks = sum("Traceback" in line for line in server.log_lines())
        return report(phases, stored, tracebacks)
    finally:
        if server:
            server.stop()
        redis.stop()
        postgres.destroy()


def report(phases, stored, tracebacks) -> int:
    print()
    print("=== Redis stopped while serving ===")
    print(f"{'phase':<17} {'reads':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}  statuses / page cache / writes")
    for phase in phases:
        print(
            f"{phase['name']:<17} {sum(phase['statuses'].values()):>5} {phase['rps']:>7.1f} {phase['p50']:>8.1f} "
            f"{phase['p95']:>8.1f}  {dict(phase['statuses'])} / {dict(phase['cache'])} / {dict(phase['writes'])}"
            f" / editor signed in: {phase['editor_signed_in']}"
        )
    down = phases[1]
    all_tokens = [token for phase in phases for token in phase["tokens"]]
    lost = [token for token in all_tokens if stored[token] != 1]
    print(f"submissions stored exactly once: {len(all_tokens) - len(lost)} of {len(all_tokens)}")
    print(f"tracebacks in server log: {tracebacks}")
    checks = {
        "every page served while Redis was down": set(down["statuses"]) == {200},
        "every submission acknowledged while Redis was down": set(down["writes"]) == {"acknowledged"},
        "nothing lost: every submission stored exactly once": not lost,
        "the editor stayed signed in": all(phase["editor_signed_in"] for phase in phases),
        "the page cache serves again once Redis is back": phases[2]["cache"].get("hit", 0) > 0,
        "no tracebacks": tracebacks == 0,
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
