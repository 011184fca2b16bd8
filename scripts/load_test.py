"""Load test: 20 concurrent visitors against gunicorn on loopback, with PostgreSQL and Redis.

Starts a throwaway stack (our own PostgreSQL cluster and Redis on free ports), fills the site
(load_demo_content and seed_benchmark_content when they exist, else scripts/seed_load_content.py),
then runs the Locust mix of scripts/load_locustfile.py twice, headless and bounded in time:

1. uncached: the page cache switched off (PAGE_CACHE_ENABLED=false): every page is rendered;
2. cached: the page cache on and warmed, as in production.

For each it prints requests per second, p50/p95/p99 latency and errors by kind of page, and the
peak memory (VmHWM) of every gunicorn worker, sampled from /proc while the test runs.

    .venv/bin/python scripts/load_test.py [--users 20] [--seconds 60] [--resources 300] [--workers 5]

Goals on the 2-core machine: 0 errors; p95 under 300 ms uncached and under 50 ms cached;
every worker under 250 MB. Exit status 0 when all are met.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import (  # noqa: E402
    REPO,
    Gunicorn,
    PostgresCluster,
    RedisServer,
    log,
    memory_kb,
    new_http_session,
    prepare_site,
    production_env,
    require_python_in_venv,
)
from write_paths import FundersSubmissionWrites  # noqa: E402

LOCUST = str(REPO / ".venv" / "bin" / "locust")
GOALS = {"uncached_p95_ms": 300, "cached_p95_ms": 50, "worker_mb": 250}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used, from /proc/<pid>/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class MemorySampler(threading.Thread):
    """Peak resident memory and CPU time of each gunicorn worker (recycled workers count too).

    CPU time per request does not depend on how busy the rest of the machine is, unlike latency:
    it says how many requests per second each core can serve.
    """

    def __init__(self, server: Gunicorn):
        super().__init__(daemon=True)
        self.server, self.peaks, self.cpu, self.running = server, {}, {}, True
        self.cpu_at_start: dict[int, float] = {}

    def run(self):
        while self.running:
            for pid in self.server.worker_pids():
                peak = memory_kb(pid).get("VmHWM", 0)
                self.peaks[pid] = max(self.peaks.get(pid, 0), peak)
                self.cpu[pid] = cpu_seconds(pid)
            time.sleep(0.5)

    def mark_start(self) -> None:
        self.cpu_at_start = {pid: cpu_seconds(pid) for pid in self.server.worker_pids()}

    def cpu_used(self) -> float:
        return sum(used - self.cpu_at_start.get(pid, 0.0) for pid, used in self.cpu.items())

    def stop(self) -> dict[int, int]:
        self.running = False
        self.join(2)
        return self.peaks


def warm(server: Gunicorn) -> None:
    """Request every address in the sitemap and every finder address of the mix once."""
    import re

    from load_mix import finder_addresses

    session = new_http_session()
    sitemap = session.get(f"{server.base_url}/sitemap.xml", timeout=30).text
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    for path in paths + finder_addresses():
        session.get(f"{server.base_url}{path}", timeout=30)


def run_locust(server: Gunicorn, users: int, seconds: int, prefix: Path, wait: str) -> dict[str, dict]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "scripts"),
        "LOAD_WAIT": wait,
        "LOAD_CACHE_STATS": f"{prefix}_cache_states.json",
    }
    subprocess.run(  # noqa: S603
        [
            LOCUST,
            "-f",
            str(REPO / "scripts" / "load_locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--host",
            server.base_url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
            "--loglevel",
            "WARNING",
        ],
        cwd=REPO,
        env=env,
        check=False,
        timeout=seconds + 120,
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def cache_state_figures(prefix: Path) -> dict[str, dict]:
    try:
        states = json.loads(Path(f"{prefix}_cache_states.json").read_text())
    except OSError:
        return {}
    return {
        state: {"count": len(times), "p50": percentile(times, 0.5), "p95": percentile(times, 0.95)}
        for state, times in states.items()
    }


def print_phase(name: str, rows: dict[str, dict], peaks: dict[int, int], by_cache: dict[str, dict]) -> dict:
    print()
    print(f"=== {name} ===")
    print(f"{'kind':<22}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    for label, row in sorted(rows.items(), key=lambda item: item[0] == "Aggregated"):
        print(
            f"{label:<22}{row['Request Count']:>9}{row['Failure Count']:>8}{float(row['Requests/s']):>8.1f}"
            f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}{float(row['Max Response Time']):>8.0f}"
        )
    for state, figures in sorted(by_cache.items()):
        print(
            f"  served as page-cache {state:<7} {figures['count']:>6} requests, "
            f"p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms"
        )
    workers_mb = {pid: round(peak / 1024, 1) for pid, peak in sorted(peaks.items())}
    print(f"gunicorn workers' peak memory (VmHWM, MB): {workers_mb}")
    total = rows["Aggregated"]
    pages = {label: row for label, row in rows.items() if label not in ("Aggregated",) and not label.startswith("form")}
    page_requests = sum(int(row["Request Count"]) for row in pages.values())
    # The pages' p95: the highest per-kind p95 weighted by nothing, so no kind hides behind another.
    return {
        "errors": int(total["Failure Count"]),
        "requests": int(total["Request Count"]),
        "rps": float(total["Requests/s"]),
        "p95": float(total["95%"]),
        "worst_page_p95": max((float(row["95%"]) for row in pages.values()), default=float("nan")),
        "page_requests": page_requests,
        "worker_peak_mb": max(workers_mb.values(), default=0),
        "hit_p95": by_cache.get("hit", {}).get("p95", float("nan")),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--resources", type=int, default=300)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--wait", default="1,5", help="each visitor's think time between pages: min,max seconds")
    parser.add_argument("--csv-dir", type=Path, default=Path("/tmp"))  # noqa: S108 - results for a person to read
    args = parser.parse_args()
    require_python_in_venv()

    postgres = PostgresCluster(5433).start_new()
    redis = RedisServer(6390).start()
    results = {}
    try:
        base_env = production_env(postgres.create_database("he_load"), redis.url, LOG_LEVEL="ERROR")
        base_env["GUNICORN_ACCESS_LOG"] = os.devnull
        # Funders post from many addresses (X-Forwarded-For), as real visitors would.
        base_env = FundersSubmissionWrites().adjust_env(base_env)
        log(f"PostgreSQL :{postgres.port}, Redis :{redis.port}; filling the site")
        log(f"site filled with: {', '.join(prepare_site(base_env, benchmark_resources=args.resources))}")
        for phase, cache_on in (("uncached", "false"), ("cached", "true")):
            server = Gunicorn({**base_env, "PAGE_CACHE_ENABLED": cache_on}, workers=args.workers).start()
            sampler = MemorySampler(server)
            sampler.start()
            try:
                warm(server)
                sampler.mark_start()
                log(f"{phase}: {args.users} users for {args.seconds}s against {server.base_url}")
                prefix = args.csv_dir / f"healthequity-load-{phase}"
                rows = run_locust(server, args.users, args.seconds, prefix, args.wait)
            finally:
                peaks = sampler.stop()
                cpu_used = sampler.cpu_used()
                server.stop()
            title = f"{phase} ({args.users} users, think time {args.wait} s, {args.seconds}s, {args.workers} workers)"
            results[phase] = print_phase(title, rows, peaks, cache_state_figures(prefix))
            requests_served = max(results[phase]["requests"], 1)
            print(
                f"gunicorn workers' CPU: {cpu_used:.1f} s for {requests_served} requests = "
                f"{1000 * cpu_used / requests_served:.1f} ms of CPU per request "
                f"(so about {requests_served / max(cpu_used, 0.001):.0f} requests/s per dedicated core)"
            )
    finally:
        redis.stop()
        postgres.destroy()

    print()
    print(f"machine load average during the run (1, 5, 15 min): {os.getloadavg()}")
    checks = {
        "no errors": all(result["errors"] == 0 for result in results.values()),
        f"p95 uncached < {GOALS['uncached_p95_ms']} ms": results["uncached"]["p95"] < GOALS["uncached_p95_ms"],
        f"p95 of pages served from the cache < {GOALS['cached_p95_ms']} ms": results["cached"]["hit_p95"]
        < GOALS["cached_p95_ms"],
        f"every worker < {GOALS['worker_mb']} MB": all(
            r["worker_peak_mb"] < GOALS["worker_mb"] for r in results.values()
        ),
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
