"""A finding's inequality groups become checkboxes stored as a list of ids (they were a list of
chooser blocks, one pop-up per group); findings gain an approach and a cost; resources can hold a
live evidence map. Stored findings, in pages and in their revisions, are rewritten to the new form
(the block still reads the old one, so nothing is lost if a revision is missed)."""

import wagtail.fields
from django.db import migrations
from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation


@deconstructible
class GroupChoosersToIds(BaseBlockOperation):
    """[{"type": "item", "value": 5, "id": ...}, ...] (or [5, ...]) → [5, ...]."""

    def apply(self, block_value):
        ids = []
        for item in block_value or ():
            value = item.get("value") if isinstance(item, dict) else item
            if isinstance(value, int) and value not in ids:
                ids.append(value)
        return ids

    @property
    def operation_name_fragment(self):
        return "finding_groups_as_ids"


class Migration(migrations.Migration):

    dependencies = [
        ('resources', '0003_merge_finding_groups_and_search_index'),
        ('evidence', '0002_seed_approaches'),
    ]

    operations = [
        migrations.AlterField(
            model_name='resourcepage',
            name='body',
            field=wagtail.fields.StreamField([('paragraph', 0), ('heading', 3), ('image', 7), ('quote', 9), ('key_finding', 12), ('table', 15), ('embed', 16), ('document', 19), ('evidence_map', 24)], blank=True, block_lookup={0: ('wagtail.blocks.RichTextBlock', (), {'features': ['h2', 'h3', 'bold', 'italic', 'link', 'ol', 'ul', 'document-link']}), 1: ('wagtail.blocks.CharBlock', (), {'max_length': 200}), 2: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Heading 2'), ('h3', 'Heading 3')], 'help_text': 'Use Heading 2 for sections and Heading 3 inside them.'}), 3: ('wagtail.blocks.StructBlock', [[('text', 1), ('level', 2)]], {}), 4: ('wagtail.images.blocks.ImageBlock', [], {}), 5: ('wagtail.blocks.CharBlock', (), {'max_length': 300, 'required': False}), 6: ('wagtail.blocks.CharBlock', (), {'max_length': 200, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5), ('credit', 6)]], {}), 8: ('wagtail.blocks.TextBlock', (), {'max_length': 1000}), 9: ('wagtail.blocks.StructBlock', [[('quote', 8), ('attribution', 6)]], {}), 10: ('wagtail.blocks.CharBlock', (), {'default': 'Key finding', 'max_length': 200}), 11: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link']}), 12: ('wagtail.blocks.StructBlock', [[('title', 10), ('text', 11)]], {}), 13: ('wagtail.blocks.CharBlock', (), {'max_length': 300}), 14: ('wagtail.contrib.table_block.blocks.TableBlock', (), {'table_options': {}}), 15: ('wagtail.blocks.StructBlock', [[('caption', 13), ('table', 14)]], {}), 16: ('wagtail.embeds.blocks.EmbedBlock', (), {'icon': 'media', 'max_width': 800}), 17: ('wagtail.documents.blocks.DocumentChooserBlock', (), {}), 18: ('wagtail.blocks.CharBlock', (), {'help_text': "Defaults to the document's title.", 'max_length': 200, 'required': False}), 19: ('wagtail.blocks.StructBlock', [[('document', 17), ('title', 18)]], {}), 20: ('wagtail.blocks.CharBlock', (), {'help_text': 'Optional; shown above the map.', 'max_length': 120, 'required': False}), 21: ('healthequity.core.evidence.blocks.ModelSelectBlock', ('core.InequalityGroup',), {'help_text': 'Show only this group (and its subgroups).', 'required': False}), 22: ('healthequity.core.evidence.blocks.ModelSelectBlock', ('core.Topic',), {'help_text': 'Count only findings on this topic.', 'required': False}), 23: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('approach', 'Approaches'), ('topic', 'Topics')], 'label': 'Columns'}), 24: ('wagtail.blocks.StructBlock', [[('heading', 20), ('group', 21), ('topic', 22), ('columns', 23)]], {})}),
        ),
        migrations.AlterField(
            model_name='whatworksbriefpage',
            name='findings',
            field=wagtail.fields.StreamField([('finding', 7)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'max_length': 250}), 1: ('healthequity.core.evidence.blocks.ApproachBlock', (), {'help_text': 'The kind of intervention, for the evidence map.', 'required': False}), 2: ('healthequity.core.evidence.blocks.InequalityGroupsBlock', (), {'label': 'Inequality groups it concerns'}), 3: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('narrows', 'Narrows inequalities'), ('mixed', 'Mixed effect'), ('no-clear-effect', 'No clear effect'), ('widens', 'Widens inequalities')], 'label': 'Effect on inequalities'}), 4: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('strong', 'Strong'), ('moderate', 'Moderate'), ('limited', 'Limited'), ('very-limited', 'Very limited')], 'label': 'Strength of evidence'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('low', 'Low cost'), ('moderate', 'Moderate cost'), ('high', 'High cost'), ('not-known', 'Cost not known')], 'label': 'Cost', 'required': False}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul'], 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('intervention', 0), ('approach', 1), ('groups', 2), ('effect', 3), ('strength', 4), ('cost', 5), ('detail', 6)]], {})}),
        ),
        MigrateStreamData(
            app_name="resources",
            model_name="whatworksbriefpage",
            field_name="findings",
            operations_and_block_paths=[(GroupChoosersToIds(), "finding.groups")],
        ),
    ]
