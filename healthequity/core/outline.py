"""The outline of a rendered article: its headings (for a table of contents) and its length.

Headings come from heading blocks, rich text h2/h3 and the fixed sections of a brief alike, so
the outline is read from the HTML the page actually renders. Every heading gets an id that is
unique on the page; the rest of the HTML is passed through byte for byte.
"""

import math
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import NamedTuple

from django.utils.safestring import mark_safe
from django.utils.text import slugify

__all__ = ["WORDS_PER_MINUTE", "Heading", "Outline", "outline_html"]

# A careful reading speed for policy and research prose.
WORDS_PER_MINUTE = 200
# A page with at least this many headings gets a table of contents.
MIN_HEADINGS_FOR_CONTENTS = 3
HEADING_TAGS = {"h2": 2, "h3": 3}
UNREAD_TAGS = {"script", "style", "template"}


@dataclass
class Heading:
    level: int
    id: str
    text: str
    children: list["Heading"] = field(default_factory=list)


@dataclass
class Outline:
    html: str
    headings: list[Heading]
    word_count: int

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE)) if self.word_count else 0

    @property
    def show_contents(self):
        return len(self.headings) >= MIN_HEADINGS_FOR_CONTENTS

    @property
    def contents(self):
        """Headings nested for the table of contents: each h3 under the h2 before it."""
        tree = []
        for heading in self.headings:
            entry = Heading(heading.level, heading.id, heading.text)
            if heading.level == 3 and tree:
                tree[-1].children.append(entry)
            else:
                tree.append(entry)
        return tree


class _FoundHeading(NamedTuple):
    start: int  # offset of the start tag in the source
    end: int  # offset just after the start tag
    level: int
    attrs: list
    text: str


class _HeadingFinder(HTMLParser):
    """Finds h2/h3 start tags (with their offsets in the source), their text, every id and the words."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        self._line_starts += [index + 1 for index, char in enumerate(html) if char == "\n"]
        self.found: list[_FoundHeading] = []
        self.ids = set()
        self.words = 0
        self._open = None
        self._unread_depth = 0

    def _offset(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag in UNREAD_TAGS:
            self._unread_depth += 1
        elif tag in HEADING_TAGS and self._open is None:
            start = self._offset()
            self._open = (start, start + len(self.get_starttag_text()), HEADING_TAGS[tag], attrs, [])

    def handle_endtag(self, tag):
        if tag in UNREAD_TAGS and self._unread_depth:
            self._unread_depth -= 1
        elif self._open is not None and HEADING_TAGS.get(tag) == self._open[2]:
            start, end, level, attrs, text_parts = self._open
            self.found.append(_FoundHeading(start, end, level, attrs, " ".join("".join(text_parts).split())))
            self._open = None

    def handle_data(self, data):
        if self._unread_depth:
            return
        self.words += len(data.split())
        if self._open is not None:
            self._open[4].append(data)


def _start_tag(name, attrs, heading_id):
    rendered = "".join(
        f' {key}="{escape(value or "", quote=True)}"' if value is not None else f" {key}"
        for key, value in attrs
        if key != "id"
    )
    return f'<{name} id="{escape(heading_id, quote=True)}"{rendered}>'


def outline_html(html, reserved_ids=()):
    """Give every h2/h3 in `html` a unique id and measure it.

    `reserved_ids` are ids used elsewhere on the page (site header, contents box) that headings
    must not take.
    """
    finder = _HeadingFinder(html)
    finder.feed(html)
    finder.close()

    heading_ids = {value for found in finder.found for value in _ids(found.attrs)}
    taken = set(reserved_ids) | (finder.ids - heading_ids)
    headings, pieces, position = [], [], 0
    for found in finder.found:
        current_id = next(iter(_ids(found.attrs)), "")
        heading_id = (
            current_id
            if current_id and current_id not in taken
            else _unique(slugify(found.text, allow_unicode=True), taken)
        )
        taken.add(heading_id)
        if heading_id != current_id:
            pieces += [html[position : found.start], _start_tag(f"h{found.level}", found.attrs, heading_id)]
            position = found.end
        if found.text:
            headings.append(Heading(found.level, heading_id, found.text))
    pieces.append(html[position:])
    return Outline(html=mark_safe("".join(pieces)), headings=headings, word_count=finder.words)  # noqa: S308 - our own rendered HTML, only ids added


def _ids(attrs):
    return [value for key, value in attrs if key == "id" and value]


def _unique(base, taken):
    base = base or "section"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
