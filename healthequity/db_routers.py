"""Reads to a PostgreSQL replica when one is configured, and everything else to the primary.

Only reads made while serving a safe (GET/HEAD) public request go to the replica. The primary
answers: writes; reads inside a transaction; the whole of any request to /admin/ (editing,
previews, moderation must see their own writes); any non-GET request; any request that has
written; management commands, scheduled publishing and tasks (outside a request); and, for
DATABASE_REPLICA_LAG_SECONDS after any write anywhere, every request, so a page published a
moment ago is not read, and cached, from a replica that has not caught up yet.
"""

import contextvars
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections

__all__ = ["PrimaryReplicaRouter", "ReplicaRoutingMiddleware", "note_write", "replica_allowed"]

REPLICA = "replica"
LAST_WRITE_KEY = "db:last-write"

# True while a request that may read from the replica is being served.
replica_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_allowed", default=False)
# Set when the current request writes, so its later reads (and the next seconds') use the primary.
wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("wrote", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def note_write() -> None:
    """Send every server's reads to the primary for the next DATABASE_REPLICA_LAG_SECONDS."""
    if has_replica():
        cache.set(LAST_WRITE_KEY, time.time(), settings.DATABASE_REPLICA_LAG_SECONDS)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if not has_replica() or not replica_allowed.get() or wrote.get():
            return "default"
        if connections["default"].in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        if has_replica():
            wrote.set(True)
            replica_allowed.set(False)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaRoutingMiddleware:
    """Decide once per request whether its reads may use the replica (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not has_replica():
            return self.get_response(request)
        allowed = (
            request.method in ("GET", "HEAD")
            and not request.path_info.startswith("/admin/")
            and not self.recently_written()
        )
        allowed_token = replica_allowed.set(allowed)
        wrote_token = wrote.set(False)
        try:
            response = self.get_response(request)
        finally:
            if wrote.get():
                note_write()
            replica_allowed.reset(allowed_token)
            wrote.reset(wrote_token)
        return response

    @staticmethod
    def recently_written() -> bool:
        last_write = cache.get(LAST_WRITE_KEY)
        return last_write is not None and time.time() - last_write < settings.DATABASE_REPLICA_LAG_SECONDS
