"""Gunicorn settings for healthequity; each can be changed by an environment variable.

    gunicorn -c gunicorn.conf.py healthequity.wsgi

Sync workers: each handles one request at a time with its own persistent database connection.
The default, 2 x CPU cores + 1, suits a site whose requests are short and mostly cached.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is killed and logged; the visitor gets a 502 from the proxy.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Workers are recycled now and then, so slow memory growth never reaches the machine's limit.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Load Django once in the master and fork: workers share its memory pages and start fast.
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
