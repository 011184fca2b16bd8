"""Load test: 20 concurrent visitors against gunicorn on loopback, with PostgreSQL and Redis.

Starts a throwaway stack (our own PostgreSQL cluster and Redis on free ports), fills the site
(load_demo_content and seed_benchmark_content when they exist, else scripts/seed_load_content.py),
then runs the Locust mix of scripts/load_locustfile.py twice, headless and bounded in time:

1. uncached: the page cache switched off (PAGE_CACHE_ENABLED=false): every page is rendered;
2. cached: the page cache on and warmed, as in production.

For each it prints requests per second, p50/p95/p99 latency and errors by kind of page (static
files on their own line), the peak memory (VmHWM) of every gunicorn worker, sampled from /proc
while the test runs, and how many workers gunicorn restarted while the visitors were there (read
from its log: recycled after max_requests, killed for a timeout, or died).

    .venv/bin/python scripts/load_test.py [--users 20] [--seconds 60] [--resources 300] [--workers 5]

Goals on the 2-core machine: 0 errors; p95 under 300 ms uncached and under 50 ms cached;
every worker under 250 MB; workers live minutes, not seconds (on average at least a minute between
restarts of a worker). Exit status 0 when all are met.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import (
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
from write_paths import FundersSubmissionWrites

LOCUST = str(REPO / ".venv" / "bin" / "locust")
GOALS = {"uncached_p95_ms": 300, "cached_p95_ms": 50, "worker_mb": 250, "worker_lifetime_s": 60}
# What gunicorn (27) logs when a worker ends or starts; the log is JSON lines, so match the message text.
# A timed-out worker is also killed, so it counts under both.
WORKER_EVENTS = {
    "recycled (max_requests)": ("Autorestarting worker after current request",),
    "timed out": ("WORKER TIMEOUT",),
    "killed or failed": ("was sent SIG", "exited with code"),
    "booted": ("Booting worker with pid",),
}


def count_worker_events(log_lines: list[str]) -> dict[str, int]:
    """How many workers gunicorn's log lines say were recycled, timed out, died or booted."""
    counts = dict.fromkeys(WORKER_EVENTS, 0)
    for line in log_lines:
        for event, markers in WORKER_EVENTS.items():
            if any(marker in line for marker in markers):
                counts[event] += 1
    return counts


def mean_worker_lifetime(workers: int, seconds: float, restarts: int) -> float:
    """Seconds a worker lives on average at this rate of restarts (infinite when none)."""
    return workers * seconds / restarts if restarts else math.inf


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
        # CPU counts only while measured: workers recycled during the warm-up are left out.
        self.measuring = False
        self.cpu_at_start: dict[int, float] = {}
        self.rss_at_start: dict[int, int] = {}

    def run(self):
        while self.running:
            for pid in self.server.worker_pids():
                peak = memory_kb(pid).get("VmHWM", 0)
                self.peaks[pid] = max(self.peaks.get(pid, 0), peak)
                if self.measuring:
                    self.cpu[pid] = cpu_seconds(pid)
            time.sleep(0.5)

    def mark_start(self) -> None:
        self.cpu_at_start = {pid: cpu_seconds(pid) for pid in self.server.worker_pids()}
        self.rss_at_start = {pid: memory_kb(pid).get("VmRSS", 0) for pid in self.server.worker_pids()}
        self.measuring = True

    def growth_mb(self) -> float:
        """The most any worker alive at the start grew (peak during the phase less its memory at the start)."""
        grown = [self.peaks.get(pid, rss) - rss for pid, rss in self.rss_at_start.items()]
        return max(grown, default=0) / 1024

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


def run_locust(server: Gunicorn, users: int, seconds: int, prefix: Path, wait: str) -> dict:
    """Run the mix headless; returns every request's latency by kind and by page-cache state."""
    figures_file = Path(f"{prefix}_figures.json")
    figures_file.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "LOAD_WAIT": wait, "LOAD_STATS": str(figures_file)}
    subprocess.run(
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
            "--skip-log",
            "--stop-timeout",
            "10",
            "--loglevel",
            "WARNING",
        ],
        cwd=REPO,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        timeout=seconds + 120,
    )
    return json.loads(figures_file.read_text())


def uptime() -> str:
    """The machine's load average (1, 5, 15 min), to judge how far other work skewed the latencies."""
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the value at or below which `share` of the values fall."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def print_phase(name: str, figures: dict, peaks: dict[int, int], workers: dict) -> dict:
    """Print one phase's figures; `workers` holds gunicorn's worker count, events and memory growth."""
    seconds = max(figures["seconds"], 0.001)
    print()
    print(f"=== {name} ===")
    print(f"{'kind':<22}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    kinds = dict(sorted(figures["by_kind"].items()))
    every = {"times": [t for kind in kinds.values() for t in kind["times"]]}
    every["failures"] = sum(kind["failures"] for kind in kinds.values())
    for label, kind in [*kinds.items(), ("all requests", every)]:
        times = kind["times"]
        print(
            f"{label:<22}{len(times):>9}{kind['failures']:>8}{len(times) / seconds:>8.1f}"
            f"{percentile(times, 0.50):>8.0f}{percentile(times, 0.95):>8.0f}{percentile(times, 0.99):>8.0f}"
            f"{max(times, default=float('nan')):>8.0f}"
        )
    for state, times in sorted(figures["by_cache_state"].items()):
        p50, p95, p99 = (percentile(times, share) for share in (0.5, 0.95, 0.99))
        figures_line = f"p50 {p50:.0f}, p95 {p95:.0f}, p99 {p99:.0f} ms"
        print(f"  served as page-cache {state:<7} {len(times):>6} requests, {figures_line}")
    static = figures["by_kind"].get("static", {"times": []})["times"]
    print(f"static files: {len(static)} requests, p99 {percentile(static, 0.99):.0f} ms")
    workers_mb = {pid: round(peak / 1024, 1) for pid, peak in sorted(peaks.items())}
    print(f"gunicorn workers' peak memory (VmHWM, MB): {workers_mb}")
    requests_each = len(every["times"]) / workers["count"]
    print(f"most a worker grew while measured: {workers['growth_mb']:.1f} MB (about {requests_each:.0f} requests each)")
    restarts = workers["events"]["booted"]
    lifetime = mean_worker_lifetime(workers["count"], seconds, restarts)
    ends = ", ".join(f"{count} {event}" for event, count in workers["events"].items() if event != "booted")
    print(
        f"gunicorn worker restarts while measured: {restarts} new workers ({ends}); "
        f"a worker lives {lifetime:.0f} s on average at this rate"
    )
    return {
        "restarts": restarts,
        "worker_lifetime_s": lifetime,
        "errors": every["failures"],
        "requests": len(every["times"]),
        "rps": len(every["times"]) / seconds,
        "p95": percentile(every["times"], 0.95),
        "worker_peak_mb": max(workers_mb.values(), default=0),
        "hit_p95": percentile(figures["by_cache_state"].get("hit", []), 0.95),
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
        # Worker restarts are counted from gunicorn's info lines ("Booting worker with pid").
        base_env["GUNICORN_LOG_LEVEL"] = "info"
        # Funders post from many addresses (X-Forwarded-For), as real visitors would.
        base_env = FundersSubmissionWrites().adjust_env(base_env)
        log(f"PostgreSQL :{postgres.port}, Redis :{redis.port}; filling the site")
        log(f"site filled with: {', '.join(prepare_site(base_env, benchmark_resources=args.resources))}")
        for phase, cache_on in (("uncached", "false"), ("cached", "true")):
            server = Gunicorn({**base_env, "PAGE_CACHE_ENABLED": cache_on}, workers=args.workers).start()
            sampler = MemorySampler(server)
            sampler.start()
            log_lines_before = 0
            try:
                warm(server)
                sampler.mark_start()
                log_lines_before = len(server.log_lines())
                log(f"{phase}: {args.users} users for {args.seconds}s against {server.base_url}, load {uptime()}")
                prefix = args.csv_dir / f"healthequity-load-{phase}"
                figures = run_locust(server, args.users, args.seconds, prefix, args.wait)
            finally:
                worker_events = count_worker_events(server.log_lines()[log_lines_before:])
                peaks = sampler.stop()
                workers = {"count": args.workers, "events": worker_events, "growth_mb": sampler.growth_mb()}
                cpu_used = sampler.cpu_used()
                server.stop()
            title = f"{phase} ({args.users} users, think time {args.wait} s, {args.seconds}s, {args.workers} workers)"
            results[phase] = print_phase(title, figures, peaks, workers)
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
    print(f"machine load average at the end of the run (1, 5, 15 min): {uptime()}")
    checks = {
        "no errors": all(result["errors"] == 0 for result in results.values()),
        f"p95 uncached < {GOALS['uncached_p95_ms']} ms": results["uncached"]["p95"] < GOALS["uncached_p95_ms"],
        f"p95 of pages served from the cache < {GOALS['cached_p95_ms']} ms": results["cached"]["hit_p95"]
        < GOALS["cached_p95_ms"],
        f"every worker < {GOALS['worker_mb']} MB": all(
            r["worker_peak_mb"] < GOALS["worker_mb"] for r in results.values()
        ),
        f"workers live >= {GOALS['worker_lifetime_s']} s on average": all(
            r["worker_lifetime_s"] >= GOALS["worker_lifetime_s"] for r in results.values()
        ),
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
