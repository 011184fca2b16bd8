"""Shared set-up for the editors' portal tests: the demo team and an admin form as an editor fills it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

__all__ = ["brief_form_data", "make_member"]


def make_member(username, group_name):
    """A user in one of the groups the roles migration creates (nothing granted by hand)."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "password")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def brief_form_data(title, slug, action, *, group=None, author=None, **fields):
    """The add/edit form of a What works brief, filled in as an editor would, with the button pressed."""
    data = {
        "title": title,
        "slug": slug,
        "summary": "What the evidence says about reaching people who miss appointments.",
        "publication_date": "2025-03-01",
        "page_authors": inline_formset([{"author": author.pk}] if author else []),
        "review_question": "Which approaches reduce missed appointments among people in deprived areas?",
        "key_messages": streamfield([("message", "Text reminders help, but not for everyone.")]),
        "findings": streamfield([]),
        "recommendations": rich_text("<p>Offer more than one way to rebook.</p>"),
        "methods": rich_text("<p>A rapid review.</p>"),
        "references": streamfield([]),
        "comments": inline_formset([]),
        action: "on",
    }
    data.update(fields)
    flat = nested_form_data(data)
    if group is not None:
        flat["groups"] = [group.pk]
    return flat
