"""Read a WordPress export (WXR, as Tools → Export writes it) into plain records, safely.

defusedxml refuses any entity declaration (so no "billion laughs" expansion and no external entity
reading a file or an address) and any external DTD; WordPress writes neither.
"""

import datetime
import html
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.core.management.base import CommandError
from django.utils import timezone

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, parse

__all__ = ["Author", "Export", "Item", "Term", "read_export"]

# WXR 1.0, 1.1 and 1.2 differ only in the version inside their namespaces.
WORDPRESS_NAMESPACE = "http://wordpress.org/export/"
NAMESPACE_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
NO_DATE = "0000-00-00 00:00:00"


@dataclass
class Term:
    taxonomy: str  # "category" or "post_tag" (or a custom taxonomy's name)
    slug: str
    name: str
    parent: str = ""  # the parent category's slug


@dataclass
class Author:
    login: str
    display_name: str


@dataclass
class Item:
    """One `<item>`: a post, page, attachment or any other post type."""

    id: int
    post_type: str
    title: str
    link: str
    slug: str
    status: str
    content: str
    excerpt: str
    creator: str
    date: datetime.datetime | None
    modified: datetime.datetime | None
    parent_id: int
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    attachment_url: str = ""
    password: str = ""

    def terms_of(self, taxonomy):
        return [term for term in self.terms if term.taxonomy == taxonomy]

    @property
    def label(self):
        """How the report names it: "post 12 'Title'"."""
        return f"{self.post_type} {self.id} {self.title!r}"


@dataclass
class Export:
    site_url: str
    authors: dict[str, Author]
    terms: list[Term]
    items: list[Item]


def read_export(path):
    """The export at `path`, or CommandError saying why it cannot be read."""
    try:
        tree = parse(path, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise CommandError(
            f"{path}: refused, the file declares XML entities or a DTD ({type(error).__name__}). WordPress never "
            "writes them, and they can expand into gigabytes or read files on this server."
        ) from error
    except ParseError as error:
        raise CommandError(f"{path}: not well-formed XML ({error}).") from error
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror or error}).") from error
    channel = tree.getroot().find("channel")
    if channel is None or not any(_name(child.tag).startswith("wp:") for child in channel):
        raise CommandError(f"{path}: not a WordPress export (no <channel> with wp: elements).")

    fields = _children(channel)
    site_url = (fields.get("wp:base_site_url") or fields.get("link") or "").rstrip("/")
    authors = {}
    terms = []
    items = []
    for element in channel:
        name = _name(element.tag)
        if name == "wp:author":
            author = _children(element)
            login = author.get("wp:author_login", "")
            authors[login] = Author(login=login, display_name=author.get("wp:author_display_name") or login)
        elif name == "wp:category":
            category = _children(element)
            terms.append(
                Term(
                    "category",
                    category.get("wp:category_nicename", ""),
                    category.get("wp:cat_name", ""),
                    category.get("wp:category_parent", ""),
                )
            )
        elif name == "wp:tag":
            tag = _children(element)
            terms.append(Term("post_tag", tag.get("wp:tag_slug", ""), tag.get("wp:tag_name", "")))
        elif name == "wp:term":
            term = _children(element)
            terms.append(
                Term(
                    term.get("wp:term_taxonomy", ""),
                    term.get("wp:term_slug", ""),
                    term.get("wp:term_name", ""),
                    term.get("wp:term_parent", ""),
                )
            )
        elif name == "item":
            items.append(_item(element))
    return Export(site_url=site_url, authors=authors, terms=terms, items=items)


def _item(element):
    fields = _children(element)
    terms = [
        Term(child.get("domain", ""), unquote(child.get("nicename", "")), html.unescape(child.text or "").strip())
        for child in element
        if _name(child.tag) == "category"
    ]
    meta = {}
    for child in element:
        if _name(child.tag) == "wp:postmeta":
            pair = _children(child)
            meta[pair.get("wp:meta_key", "")] = pair.get("wp:meta_value", "")
    date = _date(fields.get("wp:post_date_gmt"), utc=True) or _date(fields.get("wp:post_date"), utc=False)
    modified = _date(fields.get("wp:post_modified_gmt"), utc=True) or _date(fields.get("wp:post_modified"), utc=False)
    return Item(
        id=int(fields.get("wp:post_id") or 0),
        post_type=fields.get("wp:post_type", "post"),
        # WordPress stores titles and term names with HTML entities ("&amp;").
        title=html.unescape(fields.get("title", "")).strip(),
        link=fields.get("link", ""),
        # WordPress stores non-ASCII slugs percent-encoded.
        slug=unquote(fields.get("wp:post_name", "")),
        status=fields.get("wp:status", "publish"),
        content=fields.get("content:encoded", ""),
        excerpt=fields.get("excerpt:encoded", ""),
        creator=fields.get("dc:creator", ""),
        date=date,
        modified=modified or date,
        parent_id=int(fields.get("wp:post_parent") or 0),
        terms=terms,
        meta=meta,
        attachment_url=fields.get("wp:attachment_url", ""),
        password=fields.get("wp:post_password", ""),
    )


def _name(tag):
    """`{http://wordpress.org/export/1.2/}post_id` → "wp:post_id", whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if namespace.startswith(WORDPRESS_NAMESPACE):
        return f"{'excerpt' if namespace.rstrip('/').endswith('excerpt') else 'wp'}:{local}"
    return f"{NAMESPACE_PREFIXES.get(namespace, namespace)}:{local}"


def _children(element):
    """The text of each child element by name (the first of each name)."""
    values = {}
    for child in element:
        values.setdefault(_name(child.tag), child.text or "")
    return values


def _date(text, *, utc):
    text = (text or "").strip()
    if not text or text == NO_DATE:
        return None
    try:
        moment = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=datetime.UTC) if utc else timezone.make_aware(moment)


def path_of(url):
    """The path and query of an address on the old site, as Wagtail's redirects store them."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
