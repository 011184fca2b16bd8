"""Fault test: restart PostgreSQL in the middle of a stream of submissions.

Starts a throwaway stack (our own PostgreSQL cluster and Redis on free ports, gunicorn with the
production settings on loopback), sends a bounded stream of form submissions from several
threads, each with a unique token, and restarts PostgreSQL part-way through. A submission told
to "try again" is sent again as a person would: the same answers (and the form's hidden
idempotency token) after the Retry-After the server asked for, up to --retries times. Then:

- every submission the server acknowledged is in the database exactly once (retries included);
- every other answer was a clear "try again" (503 with Retry-After and those words), never a
  500, a transport error or a hang;
- every submission that was told to try again and sent again ended acknowledged, stored once;
- the site recovers by itself: seconds from PostgreSQL being back to the first healthy answer.

The write path is the funders' "Add a collaboration opportunity" form (/funders/submit/) when the
funders app is installed, else an editor creating a taxonomy topic in Wagtail's admin
(`--path admin-topic`), which goes through the same middleware, session and database.

    .venv/bin/python scripts/fault_postgres_restart.py [--submissions 300] [--threads 4]

Exit status 0 when every check passes. Bounded: at most --submissions submissions (each sent at
most 1 + --retries times) and --max-seconds.
"""

import argparse
import collections
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
from write_paths import choose_write_path

ACK, TRY_AGAIN, REJECTED, BAD = "acknowledged", "try-again", "rejected", "bad"


def classify(response) -> str:
    if response is None:
        return BAD
    if response.status_code == 503 and "try again" in response.text.lower() and response.headers.get("Retry-After"):
        return TRY_AGAIN
    return None  # the write path decides between acknowledged and rejected


def retry_after(response, cap: float) -> float:
    try:
        return min(float(response.headers.get("Retry-After", "1")), cap)
    except ValueError:
        return 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--restart-after-acks", type=int, default=50, help="restart once this many were stored")
    parser.add_argument("--retries", type=int, default=3, help="times a 'try again' submission is sent again")
    parser.add_argument("--max-retry-wait", type=float, default=5.0, help="longest Retry-After honoured, seconds")
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

        # token -> every answer it got: (outcome, HTTP status, seconds into the stream when sent)
        attempts: dict[str, list[tuple[str, int | None, float]]] = {}
        attempts_lock = threading.Lock()
        counter = iter(range(args.submissions))
        counter_lock = threading.Lock()
        started = time.monotonic()
        restart_marks: dict[str, float] = {}

        def in_time() -> bool:
            return time.monotonic() - started < args.max_seconds

        def send(session, token: str, again: bool):
            sent_at = time.monotonic() - started
            try:
                if again:
                    response = write_path.resubmit(session, server.base_url, token)
                else:
                    response = write_path.submit(session, server.base_url, token)
            except Exception as error:  # noqa: BLE001 - a transport failure is an outcome to report
                response = None
                log(f"transport error for {token}: {error.__class__.__name__}")
            outcome = classify(response) or write_path.outcome(response)
            with attempts_lock:
                attempts.setdefault(token, []).append((outcome, getattr(response, "status_code", None), sent_at))
            return outcome, response

        def worker():
            session = new_http_session()
            write_path.start_session(session, server.base_url)
            while in_time():
                with counter_lock:
                    number = next(counter, None)
                if number is None:
                    return
                token = f"fault-{uuid.uuid4()}"
                outcome, response = send(session, token, again=False)
                for _retry in range(args.retries):
                    if outcome != TRY_AGAIN or not in_time():
                        break
                    time.sleep(retry_after(response, args.max_retry_wait))
                    outcome, response = send(session, token, again=True)

        def restarter():
            while in_time():
                with attempts_lock:
                    acknowledged = sum(
                        any(outcome == ACK for outcome, _, _ in answers) for answers in attempts.values()
                    )
                if acknowledged >= args.restart_after_acks:
                    break
                time.sleep(0.05)
            restart_marks["begin"] = time.monotonic() - started
            log("restarting PostgreSQL (pg_ctl stop -m fast, then start)")
            postgres.restart("fast")
            restart_marks["up"] = time.monotonic() - started
            log(f"PostgreSQL accepting connections again ({restart_marks['up'] - restart_marks['begin']:.2f}s)")

        def health_watcher():
            session = new_http_session()
            while "begin" not in restart_marks:
                time.sleep(0.05)
            while in_time():
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
        return report(attempts, stored, restart_marks, elapsed, server)
    finally:
        if server:
            server.stop()
        redis.stop()
        postgres.destroy()


def report(attempts, stored: collections.Counter, marks, elapsed, server) -> int:
    final = {token: answers[-1][0] for token, answers in attempts.items()}
    every_answer = [answer for answers in attempts.values() for answer in answers]
    first_answers = collections.Counter(answers[0][0] for answers in attempts.values())
    statuses = collections.Counter(status for _, status, _ in every_answer)
    acknowledged = [token for token, outcome in final.items() if outcome == ACK]
    ack_missing = [token for token in acknowledged if stored[token] == 0]
    duplicated = [token for token, count in stored.items() if count > 1]
    told_to_retry = [token for token, answers in attempts.items() if any(a[0] == TRY_AGAIN for a in answers)]
    retried = [token for token in told_to_retry if len(attempts[token]) > 1]
    retried_and_stored_once = [token for token in retried if final[token] == ACK and stored[token] == 1]
    left_at_try_again = [token for token, outcome in final.items() if outcome == TRY_AGAIN]
    left_but_stored = [token for token in left_at_try_again if stored[token] > 0]
    unknown_rows = [token for token in stored if token not in attempts]
    bad = [answer for answer in every_answer if answer[0] == BAD]
    rejected = [answer for answer in every_answer if answer[0] == REJECTED]
    window = sorted(sent for outcome, _, sent in every_answer if outcome == TRY_AGAIN)
    tracebacks = sum("Traceback" in line for line in server.log_lines())
    recovery = marks.get("healthy", float("nan")) - marks.get("up", float("nan"))
    up = marks.get("up", float("inf"))
    acknowledged_before = [t for t in acknowledged if attempts[t][-1][2] < marks.get("begin", 0)]
    acknowledged_after = [t for t in acknowledged if attempts[t][-1][2] > up]

    print()
    print("=== PostgreSQL restart during submissions ===")
    print(f"submissions sent:             {len(attempts)} ({len(every_answer)} posts with retries) in {elapsed:.1f}s")
    print(f"first answers:                {dict(first_answers)}")
    print(f"final answers:                {dict(collections.Counter(final.values()))}")
    print(f"HTTP statuses (every post):   {dict(statuses)}")
    print(f"restart began / db back at:   {marks.get('begin', 0):.2f}s / {marks.get('up', 0):.2f}s into the stream")
    if window:
        print(f"'try again' answers between:  {window[0]:.2f}s and {window[-1]:.2f}s ({len(window)} answers)")
    print(f"site healthy again:           {recovery:.2f}s after PostgreSQL was back")
    stored_once = len(acknowledged) - len(ack_missing)
    print(f"acknowledged:                 {len(acknowledged)}; stored exactly once: {stored_once}")
    print(f"  before the restart / after: {len(acknowledged_before)} / {len(acknowledged_after)}")
    print(f"acknowledged but missing:     {len(ack_missing)}")
    print(f"stored more than once:        {len(duplicated)}")
    print(
        f"told to try again:            {len(told_to_retry)}; sent again: {len(retried)}; "
        f"then acknowledged and stored once: {len(retried_and_stored_once)}"
    )
    print(f"still 'try again' at the end: {len(left_at_try_again)} (of which stored: {len(left_but_stored)})")
    print(f"rows without a request:       {len(unknown_rows)}")
    print(f"rejected (form errors, 429):  {len(rejected)}")
    print(f"500s / transport errors:      {len(bad)}")
    print(f"tracebacks in server log:     {tracebacks} (logged 'database unavailable' errors)")
    checks = {
        "the stream ran: submissions acknowledged before and after the restart": bool(acknowledged_before)
        and bool(acknowledged_after),
        "the restart was felt: some answers were 'try again'": bool(told_to_retry),
        "every acknowledged submission stored exactly once": not ack_missing and not duplicated and not unknown_rows,
        "every other answer was a clear 'try again' (503, Retry-After), none bad": not bad and not rejected,
        "every 'try again' sent again was acknowledged and stored once": len(retried_and_stored_once) == len(retried)
        and not left_at_try_again,
        "recovered within 5 seconds": recovery == recovery and recovery <= 5,
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
