"""Blocks for rated findings and for the evidence map editors place on a page.

`InequalityGroupsBlock` and `ApproachBlock` let an editor rate a finding in one step, with the
same checkboxes as the page's own groups and a plain select of approaches, instead of a chooser
pop-up per value.
"""

from django import forms
from django.utils.functional import cached_property

from wagtail import blocks

from healthequity.core.models import InequalityGroup

__all__ = ["ApproachBlock", "EvidenceMapBlock", "InequalityGroupsBlock", "ModelSelectBlock", "stored_group_ids"]


def stored_group_ids(value):
    """The group ids of a stored value: a list of ids, or the list of {"type": "item", "value": id}
    of the chooser list it replaced (revisions from before the change stay readable)."""
    ids = []
    for item in value or ():
        if isinstance(item, dict):
            item = item.get("value")
        try:
            ids.append(int(item))
        except (TypeError, ValueError):
            continue
    return list(dict.fromkeys(ids))


class InequalityGroupsBlock(blocks.FieldBlock):
    """Inequality groups as checkboxes in tree order, stored as a list of ids; its value is the list
    of groups (one query for every finding of a page)."""

    def __init__(self, required=True, help_text=None, **kwargs):
        self._required = required
        self._help_text = help_text
        super().__init__(**kwargs)

    @cached_property
    def field(self):
        return forms.ModelMultipleChoiceField(
            queryset=InequalityGroup.objects.in_tree_order().select_related("parent"),
            widget=forms.CheckboxSelectMultiple,
            required=self._required,
            help_text=self._help_text,
        )

    def _groups(self, ids):
        found = InequalityGroup.objects.in_bulk(ids) if ids else {}
        return [found[pk] for pk in ids if pk in found]

    def to_python(self, value):
        return self._groups(stored_group_ids(value))

    def bulk_to_python(self, values):
        id_lists = [stored_group_ids(value) for value in values]
        wanted = {pk for ids in id_lists for pk in ids}
        found = InequalityGroup.objects.in_bulk(wanted) if wanted else {}
        return [[found[pk] for pk in ids if pk in found] for ids in id_lists]

    def get_prep_value(self, value):
        return [group.pk for group in value or ()]

    def value_for_form(self, value):
        return [group.pk if isinstance(group, InequalityGroup) else group for group in value or ()]

    def value_from_form(self, value):
        if value is None:
            return []
        if hasattr(value, "model"):  # the field's cleaned queryset, in tree order
            return list(value)
        return self._groups(stored_group_ids(value))

    def get_searchable_content(self, value):
        return [group.name for group in value or ()]

    class Meta:
        icon = "group"
        default = ()


class ModelSelectBlock(blocks.ChooserBlock):
    """One row of a short vocabulary, from a plain select rather than a chooser pop-up."""

    def __init__(self, target_model, **kwargs):
        self.target_model = target_model
        super().__init__(**kwargs)

    @cached_property
    def widget(self):
        return forms.Select()

    def value_from_form(self, value):
        # The select's empty choice posts "", and a forged post anything: both mean none chosen
        # (ChooserBlock would look up pk="" and fail with a 500).
        if value in (None, ""):
            return None
        try:
            return super().value_from_form(value)
        except (TypeError, ValueError):
            return None

    def get_form_state(self, value):
        return self.field.widget.format_value(self.field.prepare_value(self.value_for_form(value)))

    class Meta:
        icon = "list-ul"


class ApproachBlock(ModelSelectBlock):
    """The finding's approach (the kind of intervention)."""

    def __init__(self, **kwargs):
        super().__init__("evidence.Approach", **kwargs)


class EvidenceMapBlock(blocks.StructBlock):
    """The live evidence-and-gap map of a subset (one group, one topic), as the map page shows it."""

    heading = blocks.CharBlock(max_length=120, required=False, help_text="Optional; shown above the map.")
    group = ModelSelectBlock(
        "core.InequalityGroup", required=False, help_text="Show only this group (and its subgroups)."
    )
    topic = ModelSelectBlock("core.Topic", required=False, help_text="Count only findings on this topic.")
    columns = blocks.ChoiceBlock(
        choices=[("approach", "Approaches"), ("topic", "Topics")], default="approach", label="Columns"
    )

    class Meta:
        icon = "table"
        template = "evidence/blocks/evidence_map_block.html"
        label = "Evidence map"
