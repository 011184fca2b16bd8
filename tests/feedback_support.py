"""Helpers for the tests of "Something not right?" (tests/test_feedback_*.py)."""

from tests.public_forms_support import protection


def problem_data(**overrides):
    """What the report form posts, about no particular page unless `page_id` is given."""
    data = {"what_is_wrong": "The second link is broken.", "email": "", "page_url": "", "page_id": "", **protection()}
    data.update(overrides)
    return data
