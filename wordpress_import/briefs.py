"""A WordPress "What works" post as a structured brief, where its headings say which part is which.

A brief is structured automatically only when every part of the post finds its field (a question, key
messages, and any of recommendations, methods and references). Otherwise it becomes a draft holding
the whole text in its Methods field, flagged for an editor: nothing is lost, nothing half-structured
is published. The rated findings are never in WordPress, so an editor adds them either way.
"""

from dataclasses import dataclass, field

from django.utils.html import escape

from bs4 import BeautifulSoup

__all__ = ["StructuredBrief", "structure_brief"]

# Words in a heading → the brief's field its section fills.
SECTION_WORDS = [
    ("key message", "key_messages"),
    ("question", "review_question"),
    ("recommendation", "recommendations"),
    ("method", "methods"),
    ("how we", "methods"),
    ("reference", "references"),
]
QUESTION_LENGTH = 500
MESSAGE_LENGTH = 600


@dataclass
class StructuredBrief:
    fields: dict = field(default_factory=dict)
    review: str = ""  # what an editor must do, or "" when the brief is complete


def structure_brief(blocks):
    sections = _sections(blocks)
    unplaced = [heading or "(text before the first heading)" for heading, name, _ in sections if name is None]
    found = {name: section_blocks for _, name, section_blocks in sections if name}
    question = " ".join(_text(block) for block in found.get("review_question", []))
    messages = [
        {"type": "message", "value": text[:MESSAGE_LENGTH]}
        for block in found.get("key_messages", [])
        for text in _items(block)
    ]
    missing = [label for label, present in (("a question", question), ("key messages", messages)) if not present]
    if unplaced or missing or len(question) > QUESTION_LENGTH:
        reasons = []
        if missing:
            reasons.append(f"no section for {' or '.join(missing)}")
        if unplaced:
            reasons.append(f"sections with no place in a brief: {', '.join(repr(h) for h in unplaced)}")
        if len(question) > QUESTION_LENGTH:
            reasons.append(f"the question is longer than {QUESTION_LENGTH} characters")
        return StructuredBrief(
            fields={
                "review_question": question[:QUESTION_LENGTH],
                "key_messages": messages,
                "methods": "".join(_as_rich_text(block) for block in blocks),
                "recommendations": "",
                "references": [],
                "findings": [],
            },
            review=(
                "could not be structured automatically (" + "; ".join(reasons) + "): imported as a draft with "
                "the whole text in Methods. Move it into the brief's sections and add its rated findings."
            ),
        )
    return StructuredBrief(
        fields={
            "review_question": question,
            "key_messages": messages,
            "recommendations": "".join(_as_rich_text(block) for block in found.get("recommendations", [])),
            "methods": "".join(_as_rich_text(block) for block in found.get("methods", [])),
            "references": [_reference(item) for block in found.get("references", []) for item in _list_items(block)],
            "findings": [],
        }
    )


def _sections(blocks):
    """[(heading text, field name or None, blocks under it)], text before the first heading included."""
    sections = []
    heading, name, current = "", None, []
    for block in blocks:
        if block["type"] == "heading":
            if current or heading:
                sections.append((heading, name, current))
            heading = block["value"]["text"]
            lowered = heading.lower()
            name = next((target for words, target in SECTION_WORDS if words in lowered), None)
            current = []
        else:
            current.append(block)
    if current or heading:
        sections.append((heading, name, current))
    return [(h, n, b) for h, n, b in sections if b or h]


def _text(block):
    value = block["value"]
    if block["type"] == "paragraph":
        return " ".join(BeautifulSoup(value, "html.parser").get_text(" ").split())
    if block["type"] == "quote":
        return value["quote"]
    return ""


def _list_items(block):
    if block["type"] != "paragraph":
        return []
    soup = BeautifulSoup(block["value"], "html.parser")
    return soup.find_all("li") or soup.find_all("p")


def _items(block):
    return [" ".join(item.get_text(" ").split()) for item in _list_items(block) if item.get_text(strip=True)]


def _reference(item):
    link = item.find("a", href=True)
    return {
        "type": "reference",
        "value": {
            "citation": " ".join(item.get_text(" ").split())[:1000],
            "url": link["href"] if link else "",
            "doi": "",
        },
    }


def _as_rich_text(block):
    """A block as the rich text of a brief's Methods field (no headings, images or tables there)."""
    value = block["value"]
    match block["type"]:
        case "paragraph":
            return value
        case "heading":
            return f"<p><b>{escape(value['text'])}</b></p>"
        case "quote":
            attribution = f" ({escape(value['attribution'])})" if value["attribution"] else ""
            return f"<p><i>{escape(value['quote'])}</i>{attribution}</p>"
        case "table":
            rows = value["table"]["data"]
            return f"<p><b>{escape(value['caption'])}</b></p>" + "".join(
                f"<p>{escape(' | '.join(row))}</p>" for row in rows
            )
        case "image":
            return f"<p>[Image: {escape(value['image']['alt_text'] or 'decorative')}]</p>"
        case "embed":
            return f'<p><a href="{escape(value)}">{escape(value)}</a></p>'
    return ""
