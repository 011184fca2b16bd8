"""What an editor should hear before submitting a page: things the site allows but a visitor notices.

None of these stops a save. The page editor lists them at the top of the form (a panel that reads
the draft being edited) and again in a message after each save, so they are seen before "Submit".
A section left empty is not shown on the site, so the editor is told it will be missing, not that
the page is broken.
"""

from functools import cached_property

from wagtail.admin.panels import Panel

__all__ = ["SubmissionChecksPanel", "empty_heading_sections"]

HEADING_LEVELS = {"h2": 2, "h3": 3}


def empty_heading_sections(stream):
    """The headings in a body stream with nothing under them before the next heading of their level
    or above (or the end), in order."""
    empty = []
    blocks = list(stream)
    for position, block in enumerate(blocks):
        if block.block_type != "heading":
            continue
        level = HEADING_LEVELS.get(block.value.get("level"), 2)
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if following is None or (
            following.block_type == "heading" and HEADING_LEVELS.get(following.value.get("level"), 2) <= level
        ):
            empty.append(block.value.get("text") or "(untitled heading)")
    return empty


class SubmissionChecksPanel(Panel):
    """'Before you submit': the page's own `submission_checks()`, shown only when there are some."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Before you submit")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "submission_checks"

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/submission_checks_panel.html"

        @cached_property
        def checks(self):
            # A page not yet saved has nothing to check: every field is still to be filled in.
            if self.instance is None or not self.instance.pk:
                return []
            return self.instance.submission_checks()

        def is_shown(self):
            return bool(self.checks) and super().is_shown()

        def get_context_data(self, parent_context=None):
            return super().get_context_data(parent_context) | {"checks": self.checks}
