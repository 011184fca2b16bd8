"""Wagtail's built-in checker (axe), tuned for what editors write.

It runs in the page editor's "Checks" panel, in previews and in the userbar on the live site. We
check only the authored content (`main`), not the site header and footer editors cannot change,
and add the rules an author can break: alt text, heading order, empty headings, link text, lists
and data tables.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.userbar import ContentCheckerItem

__all__ = ["AUTHORED_CONTENT_RULES", "AuthoredContentCheckerItem", "use_authored_content_checks"]

AUTHORED_CONTENT_RULES = [
    # Images and other non-text content
    "image-alt",
    "input-image-alt",
    "role-img-alt",
    "svg-img-alt",
    "object-alt",
    "area-alt",
    # Headings and structure
    "heading-order",
    "empty-heading",
    "p-as-heading",
    "list",
    "listitem",
    # Links and buttons
    "link-name",
    "button-name",
    "input-button-name",
    # Tables and embeds
    "empty-table-header",
    "th-has-data-cells",
    "td-headers-attr",
    "scope-attr-valid",
    "table-duplicate-name",
    "frame-title",
]


class AuthoredContentCheckerItem(ContentCheckerItem):
    axe_include = ["main"]
    # Wagtail's own rules (alt text quality, empty meta description) stay on.
    axe_run_only = list(dict.fromkeys([*AUTHORED_CONTENT_RULES, *ContentCheckerItem.axe_run_only]))
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image has no alt text"),
            "help_text": _("Describe the image in the image block, or mark it as decorative"),
        },
        "role-img-alt": {
            "error_name": _("Image has no text alternative"),
            "help_text": _("Describe what the image shows for screen reader users"),
        },
        "list": {
            "error_name": _("List is not marked up correctly"),
            "help_text": _("Use the editor's bulleted or numbered list buttons"),
        },
        "listitem": {
            "error_name": _("List item outside a list"),
            "help_text": _("Use the editor's bulleted or numbered list buttons"),
        },
        "th-has-data-cells": {
            "error_name": _("Table header describes no cells"),
            "help_text": _("Make sure each header row or column labels data"),
        },
        "table-duplicate-name": {
            "error_name": _("Table caption repeats its summary"),
            "help_text": _("Give the table a caption that says what it shows"),
        },
        "link-name": {
            "error_name": _("Link text is empty"),
            "help_text": _("Say where the link goes, e.g. “Read the NHS England guidance”"),
        },
    }


def use_authored_content_checks(request, items, page):
    """construct_wagtail_userbar hook: swap Wagtail's checker for ours, in the editor too."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, AuthoredContentCheckerItem):
            items[index] = AuthoredContentCheckerItem(in_editor=item.in_editor)
