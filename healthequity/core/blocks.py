"""The small block set every body is written with.

Display logic lives here (StructValue classes) so templates stay plain.
"""

from django.template.defaultfilters import filesizeformat

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

__all__ = [
    "BODY_BLOCKS",
    "CaptionedImageBlock",
    "DocumentLinkBlock",
    "HeadingBlock",
    "KeyFindingBlock",
    "QuoteBlock",
    "TableBlock",
]


class HeadingBlock(blocks.StructBlock):
    """A section heading; its text feeds the table of contents of long pages."""

    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3")],
        default="h2",
        help_text="Use Heading 2 for sections and Heading 3 inside them.",
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image whose alt text (or decorative flag) the editor sets, with caption and credit."""

    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=300)
    credit = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "core/blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=1000)
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote_block.html"


class KeyFindingBlock(blocks.StructBlock):
    """A call-out for the one finding a reader should not miss."""

    title = blocks.CharBlock(max_length=200, default="Key finding")
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "pick"
        template = "core/blocks/key_finding_block.html"


class TableBlock(blocks.StructBlock):
    """A data table with a caption, so screen readers announce what it holds."""

    caption = blocks.CharBlock(max_length=300)
    table = WagtailTableBlock(table_options={"contextMenu": True})

    class Meta:
        icon = "table"
        template = "core/blocks/table_block.html"


class DocumentLinkValue(blocks.StructValue):
    def link_text(self):
        return self.get("title") or self["document"].title

    def file_description(self):
        """ "CSV, 164 bytes", "PDF, 1.2 MB": a small file is not "0 KB"."""
        document = self["document"]
        extension = document.file_extension.upper()
        try:
            size = document.get_file_size()
        except (OSError, ValueError):
            size = None
        if not size:
            return extension
        return f"{extension}, {filesizeformat(size)}"


class DocumentLinkBlock(blocks.StructBlock):
    """A downloadable document, labelled with its type and size as GOV.UK does."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, max_length=200, help_text="Defaults to the document's title.")

    class Meta:
        icon = "doc-full"
        template = "core/blocks/document_link_block.html"
        value_class = DocumentLinkValue


BODY_BLOCKS = [
    ("paragraph", blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"])),
    ("heading", HeadingBlock()),
    ("image", CaptionedImageBlock()),
    ("quote", QuoteBlock()),
    ("key_finding", KeyFindingBlock()),
    ("table", TableBlock()),
    ("embed", EmbedBlock(max_width=800, icon="media")),
    ("document", DocumentLinkBlock()),
]
