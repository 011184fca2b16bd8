"""Helpers for the tests of any public form (the core's toolkit, healthequity/core/public_forms)."""

import time
import uuid

from django.core.cache import caches

from healthequity.core.public_forms import form_started_token


def started(seconds_ago=60):
    """A form start time far enough back to pass the minimum fill time."""
    return form_started_token(at=time.time() - seconds_ago)


def protection(**overrides):
    """The hidden fields a real browser posts back with every public form."""
    return {"idempotency_token": str(uuid.uuid4()), "form_started": started(), "nickname": "", **overrides}


def clear_rate_limits():
    caches["ratelimit"].clear()
    caches["default"].clear()
