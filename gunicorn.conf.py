"""Gunicorn settings for healthequity; each can be changed by an environment variable.

    gunicorn -c gunicorn.conf.py healthequity.wsgi

Sync workers: each handles one request at a time with its own persistent database connection.
The default, 2 x CPU cores + 1, suits a site whose requests are short and mostly cached.
The figures below were measured with `scripts/load_test.py` (20 visitors) on a 2-core machine.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# 5 on 2 cores: a page spends part of its time waiting on PostgreSQL and Redis, and the other
# workers use the cores meanwhile. Each worker costs 135-170 MB (peak, measured under load).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Sync workers (1 thread). Measured against gthread with 4 threads (load test, 20 visitors): gthread
# took more CPU per request (44 against 36 ms uncached, 16 against 10 ms cached) and a worse p99
# (2.1 s against 1.0 s uncached): kept-alive connections stay with the worker that accepted them, so
# one process served most visitors, one thread at a time under the GIL. Static files were fast either
# way (p99 under 60 ms) once no worker was restarting.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is killed and logged; the visitor gets a 502 from the proxy.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Used only by gthread workers (sync workers close every connection after its response). Behind a
# load balancer that reuses connections, set it above the balancer's idle timeout.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Workers are recycled now and then, so slow memory growth never reaches the machine's limit, but
# rarely: a fresh worker's first pages cost several times the CPU of later ones (URLs, templates and
# connections load per worker, not in the preloaded master), and requests queue meanwhile. Recycled
# every few requests, p50 went from 70 ms to 4.9 s. A request costs 36-44 ms of CPU uncached and
# 10-11 ms cached, so at full load on 2 cores a worker serves about 10 to 35 requests a second:
# 20,000-30,000 requests last 10-50 minutes at saturation and hours at ordinary load (2,000 lasted
# about a minute at saturation).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
# Up to half as many again, drawn per worker: workers started together (every deploy) then reach
# their limit at different times instead of restarting in a bunch.
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))
# Load Django once in the master and fork: workers share its memory pages and start fast. A recycled
# worker is forked from the loaded master too, instead of loading the app again (1.5-2.0 s of CPU,
# measured). So a HUP keeps the old code: deploy with a full restart of gunicorn.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() == "true"
# Only the proxy in front of us may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Keep request headers small; a header over these is refused with 400.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "healthequity.gunicorn_logging.JsonAccessLogger"
proc_name = "healthequity"
# Memory-backed temp dir for worker heartbeats (avoids stalls on slow disks).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's documented advice


def post_fork(server, worker):
    # Connections must never be shared between forked processes.
    from django.db import connections

    connections.close_all()


# Gunicorn's control socket is not used, and several servers on one machine would share its path.
control_socket_disable = True
