"""The admin form every evidence page type is edited with."""

from wagtail.admin.forms import WagtailAdminPageForm

__all__ = ["EvidencePageForm"]


class EvidencePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            # Subgroups under their group, not interleaved by sort order across the two levels.
            groups = self.fields["groups"]
            groups.queryset = groups.queryset.in_tree_order().select_related("parent")
