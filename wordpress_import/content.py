"""A WordPress post's HTML as the body blocks our pages use (`healthequity.core.blocks.BODY_BLOCKS`).

WordPress keeps what it shows in three layers: block-editor comments (`<!-- wp:image {...} -->`)
around the HTML they render, shortcodes (`[caption]...[/caption]`) expanded when the page is shown,
and, in classic posts, paragraphs that are only blank lines (wpautop adds the `<p>`s on display).
Each layer is undone here; what cannot be carried across is said in a warning, never dropped
silently. Rich text is passed through Wagtail's own Draftail converter, so what is stored is
exactly what the editor would store (no inline styles, classes, scripts or unsafe links).
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.text import Truncator

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

__all__ = ["Conversion", "convert_body", "plain_summary"]

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]
SUMMARY_LENGTH = 600
HEADING_LENGTH = 200
QUOTE_LENGTH = 1000
CAPTION_LENGTH = 300

# Block-editor blocks whose HTML is converted as it stands (or that carry nothing to keep).
KNOWN_BLOCKS = {
    "paragraph", "heading", "list", "list-item", "image", "quote", "pullquote", "table", "embed",
    "separator", "spacer", "group", "columns", "column", "html", "shortcode", "freeform", "more",
    "gallery", "preformatted", "code", "verse", "buttons", "button", "media-text", "cover", "file",
    "nextpage", "core-embed/youtube", "core-embed/vimeo", "core-embed/twitter",
}  # fmt: skip
BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9/_-]+)(\s+\{.*?\})?\s*(/?)-->", re.DOTALL)
SHORTCODE = re.compile(r"\[(\[?)([a-zA-Z][\w-]*)([^\]]*?)(/?)\](?:(.*?)\[/\2\])?(\]?)", re.DOTALL)
SHORTCODE_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
BLOCK_START = re.compile(
    r"</?(p|div|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|blockquote|figure|pre|hr|iframe|section)[\s>/]",
    re.IGNORECASE,
)
LONE_SHORTCODE = re.compile(r"^\[([a-zA-Z][\w-]*)[^\]]*\](.*\[/\1\])?$", re.DOTALL)
URL_ALONE = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
ATTACHMENT_ID = re.compile(r"attachment_(\d+)")
REMOVED_TAGS = ["script", "style", "noscript", "form", "input", "button", "select", "textarea", "object", "svg"]
CONTAINERS = {"div", "section", "article", "main", "aside", "header", "footer", "center"}
SKIPPED_TAGS = {"hr", "br"}
# Video and audio hosts whose addresses Wagtail's embeds turn into players.
EMBED_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "twitter.com", "x.com", "soundcloud.com", "spotify.com")


@dataclass
class Conversion:
    blocks: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    first_paragraph: str = ""


def convert_body(html, media):
    """The raw StreamField value for `html`, with warnings. `media` finds imported images and documents:
    `media.image(attachment_id, url)` → (image, alt text) or None, `media.document(url)` → document or None,
    `media.local_url(url)` → the address on the new site of a link into the old one."""
    conversion = Conversion()
    html = html or ""
    if not BLOCK_COMMENT.search(html):
        html = _add_paragraphs(html)  # a classic post, as WordPress shows it (before its shortcodes)
    html = _undo_block_comments(html, conversion)
    html = _expand_shortcodes(html, conversion)
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    removed = sorted({tag.name for tag in soup.find_all(REMOVED_TAGS)})
    for tag in soup.find_all(REMOVED_TAGS):
        tag.decompose()
    if removed:
        conversion.warnings.append(f"removed {', '.join(f'<{name}>' for name in removed)} (not carried across)")
    _BlockWriter(conversion, media).write(soup.contents)
    return conversion


def plain_summary(html, fallback):
    """An excerpt (or, without one, the first paragraph) as a plain summary of at most 600 characters."""
    text = " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split()) or fallback
    return Truncator(text).chars(SUMMARY_LENGTH)


def _undo_block_comments(html, conversion):
    def check(match):
        closing, name, _attributes, self_closing = match.groups()
        short_name = name.removeprefix("core/")
        if not closing and short_name not in KNOWN_BLOCKS:
            what = "has no content in the export" if self_closing else "kept as its HTML"
            conversion.warnings.append(f"block-editor block wp:{name} {what}")
        return ""

    return BLOCK_COMMENT.sub(check, html)


def _shortcode_attributes(text):
    return {match[1].lower(): match[2] or match[3] or match[4] or "" for match in SHORTCODE_ATTRIBUTE.finditer(text)}


def _expand_shortcodes(html, conversion):
    """[caption] as a figure, [embed] and [video] as embeds, [gallery] as images; any other shortcode
    with attributes or a closing tag is removed (its inner text kept) and reported. A bare "[word]" is
    text, as WordPress leaves shortcodes it does not know."""

    def expand(match):
        escaped, name, attribute_text, _self_closing, inner, escaped_end = match.groups()
        if escaped and escaped_end:  # [[caption]] is how WordPress writes a literal "[caption]"
            return match.group(0)[1:-1]
        attributes = _shortcode_attributes(attribute_text)
        inner = inner or ""
        match name.lower():
            case "caption" | "wp_caption":
                soup = BeautifulSoup(inner, "html.parser")
                image = soup.find("img")
                if image is None:
                    return inner
                image_link = image.find_parent("a")
                (image_link or image).extract()
                if "id" in attributes and (found := ATTACHMENT_ID.search(attributes["id"])):
                    image["class"] = [*image.get("class", []), f"wp-image-{found[1]}"]
                caption = attributes.get("caption") or soup.decode_contents().strip()
                return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"
            case "embed" | "video" | "audio":
                url = attributes.get("src") or attributes.get("mp4") or attributes.get("mp3") or inner.strip()
                return f'<figure class="wp-block-embed"><div>{url}</div></figure>' if url else ""
            case "gallery":
                ids = [value.strip() for value in attributes.get("ids", "").split(",") if value.strip().isdigit()]
                if not ids:
                    conversion.warnings.append("[gallery] without ids: its images are not carried across")
                return "".join(f'<figure><img class="wp-image-{value}" src="" alt=""/></figure>' for value in ids)
        if attribute_text.strip() or match.group(5) is not None:
            conversion.warnings.append(f"shortcode [{name}] removed (its text kept)")
            return (escaped or "") + inner + (escaped_end or "")
        return match.group(0)

    return SHORTCODE.sub(expand, html)


def _add_paragraphs(html):
    """WordPress's wpautop, for classic posts: blank lines separate paragraphs (a line break inside one
    is kept), a chunk that is already a block or a lone shortcode stays as it is, and a line holding
    only an address is an embed, as WordPress shows it."""
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", html.strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        if found := URL_ALONE.match(chunk):
            paragraphs.append(f'<figure class="wp-block-embed"><div>{found[1]}</div></figure>')
        elif BLOCK_START.match(chunk) or LONE_SHORTCODE.match(chunk):
            paragraphs.append(chunk)
        else:
            paragraphs.append("<p>" + chunk.replace("\n", "<br/>") + "</p>")
    return "\n".join(paragraphs)


class _BlockWriter:
    def __init__(self, conversion, media):
        self.conversion = conversion
        self.media = media
        self.rich_text = []  # HTML waiting to become one paragraph block
        self.converter = ContentstateConverter(RICH_TEXT_FEATURES)
        self.last_heading = ""

    def write(self, nodes):
        self._nodes(nodes)
        self._flush()

    def warn(self, message):
        self.conversion.warnings.append(message)

    def _nodes(self, nodes):
        for node in list(nodes):
            self._node(node)

    def _node(self, node):
        if isinstance(node, NavigableString):
            text = str(node)
            if text.strip():
                self.rich_text.append(f"<p>{escape(text.strip())}</p>")
            return
        if not isinstance(node, Tag) or node.name in SKIPPED_TAGS:
            return
        classes = set(node.get("class") or [])
        name = node.name
        if name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading(node)
        elif name == "figure" and ("wp-block-embed" in classes or any(c.startswith("wp-block-embed") for c in classes)):
            self._embed(node.get_text(" ").strip() or _iframe_source(node))
        elif name == "figure" and node.find("table"):
            self._table(node.find("table"), node.find("figcaption"))
        elif name == "figure" and node.find("img"):
            for image in node.find_all("img"):
                self._image(image, node.find("figcaption"))
        elif name == "figure":
            self._nodes(node.contents)
        elif name == "table":
            self._table(node, node.find("caption"))
        elif name == "blockquote":
            self._quote(node)
        elif name == "iframe":
            self._embed(node.get("src", ""))
        elif name == "img":
            self._image(node, None)
        elif name in {"p", "a"} and node.find("img") and not node.get_text(strip=True):
            for image in node.find_all("img"):  # a paragraph (or link) holding only images
                self._image(image, None)
        elif name in CONTAINERS or name == "figcaption":
            self._nodes(node.contents)
        else:
            if node.find("img"):
                for image in node.find_all("img"):
                    self.warn(f"image {image.get('src', '')!r} inside text left out: add it as an image block")
                    image.decompose()
            self._links(node)
            self.rich_text.append(str(node) if name in {"p", "ul", "ol"} else f"<p>{node.decode_contents()}</p>")

    def _links(self, node):
        """Links to files of the old site become document links; other links into it go through its redirects."""
        for link in node.find_all("a", href=True):
            document = self.media.document(link["href"])
            if document is not None:
                link.attrs = {"linktype": "document", "id": str(document.pk)}
            else:
                link["href"] = self.media.local_url(link["href"])

    def _flush(self):
        if not self.rich_text:
            return
        html = "".join(self.rich_text)
        self.rich_text = []
        cleaned = self.converter.to_database_format(self.converter.from_database_format(_tidy(html)))
        if BeautifulSoup(cleaned, "html.parser").get_text(strip=True):
            self._add("paragraph", cleaned)
            if not self.conversion.first_paragraph:
                self.conversion.first_paragraph = cleaned

    def _add(self, block_type, value):
        if block_type != "paragraph":
            self._flush()
        self.conversion.blocks.append({"type": block_type, "value": value})

    def _heading(self, node):
        text = " ".join(node.get_text(" ").split())
        if not text:
            return
        if len(text) > HEADING_LENGTH:
            self.warn(f"heading {text[:40]!r}… longer than {HEADING_LENGTH} characters: kept as a paragraph")
            self.rich_text.append(f"<p><b>{escape(text)}</b></p>")
            return
        self.last_heading = text
        self._add("heading", {"text": text, "level": "h3" if node.name in {"h3", "h4", "h5", "h6"} else "h2"})

    def _embed(self, url):
        url = (url or "").strip()
        if not url.startswith(("http://", "https://")):
            self.warn(f"embed {url[:60]!r} is not an address: left out")
            return
        if not any(host in url for host in EMBED_HOSTS):
            self.warn(f"embed of {url} may not play here: check it")
        self._add("embed", url)

    def _quote(self, node):
        citation = node.find("cite")
        attribution = " ".join(citation.get_text(" ").split()) if citation else ""
        if citation:
            citation.decompose()
        text = "\n\n".join(" ".join(p.get_text(" ").split()) for p in node.find_all("p")) or " ".join(
            node.get_text(" ").split()
        )
        if not text:
            return
        if len(text) > QUOTE_LENGTH:
            self.warn(f"quote {text[:40]!r}… longer than {QUOTE_LENGTH} characters: kept as a paragraph")
            self.rich_text.append(f"<p>{escape(text)}</p>")
            return
        self._add("quote", {"quote": text, "attribution": attribution[:200]})

    def _table(self, table, caption_node):
        rows = [
            [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"])]
            for row in table.find_all("tr")
        ]
        rows = [row for row in rows if row]
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        caption = " ".join(caption_node.get_text(" ").split()) if caption_node else ""
        if not caption:
            caption = self.last_heading or "Table"
            self.warn(f"table without a caption: captioned {caption!r}, check it")
        has_header = table.find("th") is not None or table.find("thead") is not None
        self._add(
            "table",
            {
                "caption": caption[:CAPTION_LENGTH],
                "table": {
                    "data": rows,
                    "first_row_is_table_header": has_header,
                    "first_col_is_header": False,
                    "table_header_choice": "row" if has_header else "",
                    "table_caption": "",
                    "cell": [],
                    "mergeCells": [],
                },
            },
        )

    def _image(self, node, caption_node):
        found = IMAGE_CLASS.search(" ".join(node.get("class") or []))
        source = node.get("src", "")
        match = self.media.image(int(found[1]) if found else None, source)
        if match is None:
            self.warn(
                f"image {source or (found and 'wp-image-' + found[1])!r} not found among the attachments: left out"
            )
            return
        image, stored_alt = match
        alt = (node.get("alt") or "").strip() or stored_alt
        caption = " ".join(caption_node.get_text(" ").split()) if caption_node else ""
        if not alt:
            self.warn(f"image {image.title!r} has no alt text: marked decorative, describe it if it informs")
        self._add(
            "image",
            {
                "image": {"image": image.pk, "decorative": not alt, "alt_text": alt},
                "caption": caption[:CAPTION_LENGTH],
                "credit": "",
            },
        )


def _iframe_source(node):
    frame = node.find("iframe")
    return frame.get("src", "") if frame else ""


def _tidy(html):
    """Well-formed HTML (Wagtail's converter expects every tag closed), without inline styles."""
    return str(BeautifulSoup(html, "html.parser"))
