"""Fault test: restart PostgreSQL in the middle of a stream of submissions.

Starts a throwaway stack (our own PostgreSQL cluster and Redis on free ports, gunicorn with the
production settings on loopback), sends a bounded stream of form submissions from several
threads, each with a unique token, and restarts PostgreSQL part-way through. Then it checks:

- every submission the server acknowledged is in the database exactly once;
- every other one got a clear "try again" answer (503 with Retry-After), never a 500 or a hang;
- the site recovers by itself: seconds from PostgreSQL being back to the first healthy answer.

The write path is the funders' "Add a collaboration opportunity" form (/funders/submit/) when the
funders app is installed, else an editor creating a taxonomy topic in Wagtail's admin
(`--path admin-topic`), which goes through the same middleware, session and database.

    .venv/bin/python scripts/fault_postgres_restart.py [--submissions 300] [--threads 4]

Exit status 0 when every check passes. Bounded: at most --submissions posts and --max-seconds.
"""

import argparse
import collections
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import (  # noqa: E402
    Gunicorn,
    PostgresCluster,
    RedisServer,
    log,
    new_http_session,
    prepare_site,
    production_env,
    require_python_in_venv,
)
from write_paths import choose_write_path  # noqa: E402

ACK, TRY_AGAIN, REJECTED, BAD = "acknowledged", "try-again", "rejected", "bad"


def classify(response) -> str:
    if response is None:
        return BAD
    if response.status_code == 503 and "try again" in response.text.lower() and response.headers.get("Retry-After"):
        return TRY_AGAIN
    return None  # the write path decides between acknowledged and rejected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--restart-after-acks", type=int, default=50, help="restart once this many were stored")
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--path", choices=["auto", "funders", "admin-topic"], default="auto")
    args = parser.parse_args()
    require_python_in_venv()

    postgres = PostgresCluster(5433).start_new()
    redis = RedisServer(6390).start()
    server = None
    try:
        database_url = postgres.create_database("he_fault")
        env = production_env(database_url, redis.url)
        write_path = choose_write_path(args.path, env)
        env = write_path.adjust_env(env)
        log(f"PostgreSQL :{postgres.port}, Redis :{redis.port}; write path: {write_path.name}")
        log(f"site filled with: {', '.join(prepare_site(env, benchmark_resources=20))}")
        write_path.prepare(env)
        server = Gunicorn(env, workers=3).start()
        log(f"gunicorn at {server.base_url} (workers {server.worker_pids()})")

        outcomes: dict[str, tuple[str, int | None, float]] = {}
        outcomes_lock = threading.Lock()
        counter = iter(range(args.submissions))
        counter_lock = threading.Lock()
        started = time.monotonic()
        restart_marks: dict[str, float] = {}

        def worker():
            session = new_http_session()
            write_path.start_session(session, server.base_url)
            while time.monotonic() - started < args.max_seconds:
                with counter_lock:
                    number = next(counter, None)
                if number is None:
                    return
                token = f"fault-{uuid.uuid4()}"
                sent_at = time.monotonic() - started
                try:
                    response = write_path.submit(session, server.base_url, token)
                except Exception as error:  # noqa: BLE001 - a transport failure is an outcome to report
                    response = None
                    log(f"transport error for {token}: {error.__class__.__name__}")
                outcome = classify(response) or write_path.outcome(response)
                with outcomes_lock:
                    outcomes[token] = (outcome, getattr(response, "status_code", None), sent_at)

        def restarter():
            while time.monotonic() - started < args.max_seconds:
                with outcomes_lock:
                    acknowledged = sum(outcome == ACK for outcome, _, _ in outcomes.values())
                if acknowledged >= args.restart_after_acks:
                    break
                time.sleep(0.05)
            restart_marks["begin"] = time.monotonic() - started
            log("restarting PostgreSQL (pg_ctl restart -m fast)")
            postgres.restart("fast")
            restart_marks["up"] = time.monotonic() - started
            log(f"PostgreSQL accepting connections again ({restart_marks['up'] - restart_marks['begin']:.2f}s)")

        def health_watcher():
            session = new_http_session()
            while "begin" not in restart_marks:
                time.sleep(0.05)
            while time.monotonic() - started < args.max_seconds:
                try:
                    healthy = session.get(f"{server.base_url}/healthz?require=database", timeout=5).status_code == 200
                except Exception:  # noqa: BLE001
                    healthy = False
                now = time.monotonic() - started
                if not healthy:
                    restart_marks.setdefault("first_unhealthy", now)
                elif "up" in restart_marks:
                    restart_marks["healthy"] = now
                    return
                time.sleep(0.1)

        threads = [threading.Thread(target=worker) for _ in range(args.threads)]
        threads += [threading.Thread(target=restarter), threading.Thread(target=health_watcher)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.max_seconds + 30)
        elapsed = time.monotonic() - started

        stored = write_path.stored_tokens(postgres, "he_fault")
        return report(outcomes, stored, restart_marks, elapsed, server)
    finally:
        if server:
            server.stop()
        redis.stop()
        postgres.destroy()


def report(outcomes, stored: collections.Counter, marks, elapsed, server) -> int:
    by_outcome = collections.Counter(outcome for outcome, _, _ in outcomes.values())
    statuses = collections.Counter(status for _, status, _ in outcomes.values())
    acknowledged = [token for token, (outcome, _, _) in outcomes.items() if outcome == ACK]
    ack_missing = [token for token in acknowledged if stored[token] == 0]
    duplicated = [token for token, count in stored.items() if count > 1]
    try_again_but_stored = [
        token for token, (outcome, _, _) in outcomes.items() if outcome == TRY_AGAIN and stored[token] > 0
    ]
    unknown_rows = [token for token in stored if token not in outcomes]
    bad = [token for token, (outcome, _, _) in outcomes.items() if outcome == BAD]
    window = sorted(sent for outcome, _, sent in outcomes.values() if outcome == TRY_AGAIN)
    tracebacks = sum("Traceback" in line for line in server.log_lines())
    recovery = marks.get("healthy", float("nan")) - marks.get("up", float("nan"))

    print()
    print("=== PostgreSQL restart during submissions ===")
    print(f"submissions sent:            {len(outcomes)} in {elapsed:.1f}s")
    print(f"outcomes:                    {dict(by_outcome)}")
    print(f"HTTP statuses:               {dict(statuses)}")
    print(f"restart began / db back at:  {marks.get('begin', 0):.2f}s / {marks.get('up', 0):.2f}s into the stream")
    if window:
        print(f"'try again' answers between: {window[0]:.2f}s and {window[-1]:.2f}s")
    print(f"site healthy again:          {recovery:.2f}s after PostgreSQL was back")
    print(
        f"acknowledged:                {len(acknowledged)}; stored exactly once: {len(acknowledged) - len(ack_missing)}"
    )
    print(f"acknowledged but missing:    {len(ack_missing)}")
    print(f"stored more than once:       {len(duplicated)}")
    print(f"'try again' but stored:      {len(try_again_but_stored)} (the visitor's retry is deduplicated by token)")
    print(f"rows without a request:      {len(unknown_rows)}")
    print(f"500s / transport errors:     {len(bad)}")
    print(f"tracebacks in server log:    {tracebacks}")
    acknowledged_after = [token for token in acknowledged if outcomes[token][2] > marks.get("up", float("inf"))]
    print(f"acknowledged after restart:  {len(acknowledged_after)}")
    checks = {
        "the stream ran: submissions acknowledged before and after the restart": bool(acknowledged_after)
        and len(acknowledged) > len(acknowledged_after),
        "every acknowledged submission stored exactly once": not ack_missing and not duplicated,
        "every other answer was 'try again' (503), none bad": not bad,
        "recovered within 5 seconds": recovery == recovery and recovery <= 5,
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
