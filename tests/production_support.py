"""Shared set-up for the production tests: an admin form as an editor's browser posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

__all__ = ["resource_edit_form"]


def resource_edit_form(page, **changes):
    """The admin's edit form of a resource page, filled in from the page (a draft save or a preview)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "resource_type": page.resource_type,
        "summary": page.summary,
        "publication_date": page.publication_date.isoformat(),
        "topics": [topic.pk for topic in page.topics.all()],
        "body": streamfield([]),
        "page_authors": inline_formset([{"author": author.pk} for author in page.authors]),
        "comments": inline_formset([]),
        **changes,
    }
    return nested_form_data(data)
