"""Read the YAML under demo/data/ and turn its values into field values.

Dates relative to today are written `<field>_days_from_today: n`. StreamField content is written
as an outline, one single-key mapping a block, and named images, documents and inequality groups
are given as titles and slugs, turned into ids here once the loader has stored them:

    - heading: What we found             (a level 2 heading; `subheading` for level 3)
    - paragraph: text                    (or a list of texts, one paragraph each; inline HTML allowed)
    - bullets: {intro: text, items: [text, ...]}                     (intro optional)
    - quote: {text: ..., attribution: ...}                           (attribution optional)
    - key_finding: {title: ..., text: ...}                           (title "Key finding" unless given)
    - table: {caption: ..., rows: [[header, ...], ...], header_column: true}     (header_column optional)
    - image: {title: ..., alt_text: ..., caption: ..., credit: ..., decorative: true}
    - document: {title: ..., link_text: ...}
    - evidence_map: {heading: ..., group: slug, topic: slug, columns: approach}   (the live map; all optional)

A brief's key messages are texts; its findings and references are mappings of their fields.
"""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

import yaml

from healthequity.core.evidence.ratings import Cost, EvidenceStrength, InequalityEffect

__all__ = ["findings", "key_messages", "lookup", "read", "references", "relative_dates", "stream"]

DATA = Path(__file__).resolve().parent / "data"
SETTING = re.compile(r"\{settings\.([A-Z_]+)\}")
DAYS_FROM_TODAY = "_days_from_today"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it: faster


def read(name):
    """The YAML file demo/data/<name>.yaml, with each `{settings.NAME}` replaced by that setting's value."""
    text = (DATA / f"{name}.yaml").read_text(encoding="utf-8")
    text = SETTING.sub(lambda match: str(getattr(settings, match[1])), text)
    return yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - YAML_LOADER is a safe loader


def relative_dates(spec):
    """A copy of the mapping with each `<field>_days_from_today: n` made `<field>`: today plus n days."""
    today = timezone.localdate()
    return {
        key.removesuffix(DAYS_FROM_TODAY): today + datetime.timedelta(days=value)
        if key.endswith(DAYS_FROM_TODAY)
        else value
        for key, value in spec.items()
    }


def lookup(objects, keys, kind):
    """The objects named by `keys` (slugs, names or titles), or CommandError naming those missing."""
    missing = [key for key in keys if key not in objects]
    if missing:
        raise CommandError(f"Unknown {kind}: {', '.join(missing)}")
    return [objects[key] for key in keys]


def paragraphs(texts):
    return "".join(f"<p>{text}</p>" for text in ([texts] if isinstance(texts, str) else texts))


def stream(outline, image_ids, document_ids, term_ids=None):
    """The raw StreamField value of a body outline; images and documents are named by title, an
    evidence map's group and topic by slug (`term_ids`: {"group": {slug: id}, "topic": {slug: id}})."""
    term_ids = term_ids or {"group": {}, "topic": {}}
    return [
        _block(kind, value, image_ids, document_ids, term_ids) for entry in outline for kind, value in entry.items()
    ]


def _evidence_map(value, term_ids):
    preset = {
        name: lookup(term_ids[name], [value[name]], "inequality group" if name == "group" else "topic")[0]
        if value.get(name)
        else None
        for name in ("group", "topic")
    }
    return {"heading": value.get("heading", ""), **preset, "columns": value.get("columns", "approach")}


def _block(kind, value, image_ids, document_ids, term_ids):
    match kind:
        case "paragraph":
            return {"type": "paragraph", "value": paragraphs(value)}
        case "bullets":
            items = "".join(f"<li>{item}</li>" for item in value["items"])
            intro = paragraphs(value["intro"]) if "intro" in value else ""
            return {"type": "paragraph", "value": f"{intro}<ul>{items}</ul>"}
        case "heading" | "subheading":
            return {"type": "heading", "value": {"text": value, "level": "h2" if kind == "heading" else "h3"}}
        case "quote":
            return {"type": "quote", "value": {"quote": value["text"], "attribution": value.get("attribution", "")}}
        case "key_finding":
            title = value.get("title", "Key finding")
            return {"type": "key_finding", "value": {"title": title, "text": paragraphs(value["text"])}}
        case "table":
            return {"type": "table", "value": {"caption": value["caption"], "table": _table(value)}}
        case "image":
            return {"type": "image", "value": _image(value, image_ids)}
        case "document":
            document = lookup(document_ids, [value["title"]], "document")[0]
            return {"type": "document", "value": {"document": document, "title": value.get("link_text", "")}}
        case "evidence_map":
            return {"type": "evidence_map", "value": _evidence_map(value, term_ids)}
    raise CommandError(f"Unknown block type in demo data: {kind}")


def _table(value):
    """Table block data whose first row is the header (and first column too, with header_column)."""
    header_column = value.get("header_column", False)
    return {
        "data": [[str(cell) for cell in row] for row in value["rows"]],
        "first_row_is_table_header": True,
        "first_col_is_header": header_column,
        "table_header_choice": "both" if header_column else "row",
        "table_caption": "",
        "cell": [],
        "mergeCells": [],
    }


def _image(value, image_ids):
    decorative = value.get("decorative", False)
    if not decorative and not value.get("alt_text"):
        raise CommandError(f"Image {value['title']!r} needs alt_text or decorative: true.")
    return {
        "image": {
            "image": lookup(image_ids, [value["title"]], "image")[0],
            "decorative": decorative,
            "alt_text": "" if decorative else value["alt_text"],
        },
        "caption": value.get("caption", ""),
        "credit": value.get("credit", ""),
    }


def key_messages(texts):
    return [{"type": "message", "value": text} for text in texts]


def findings(items, group_ids, approach_ids=None):
    """A brief's rated findings, each naming its inequality groups and its approach by slug."""
    blocks = []
    for item in items:
        if item.get("cost", "") not in ("", *Cost.values):
            raise CommandError(f"Unknown cost for {item['intervention']!r}: {item['cost']}")
        if item["effect"] not in InequalityEffect.values or item["strength"] not in EvidenceStrength.values:
            raise CommandError(f"Unknown rating for {item['intervention']!r}: {item['effect']}, {item['strength']}")
        value = {
            "intervention": item["intervention"],
            "effect": item["effect"],
            "strength": item["strength"],
            "detail": paragraphs(item["detail"]),
            "groups": lookup(group_ids, item["groups"], "inequality group"),
            "approach": lookup(approach_ids or {}, [item["approach"]], "approach")[0] if item.get("approach") else None,
            "cost": item.get("cost", ""),
        }
        blocks.append({"type": "finding", "value": value})
    return blocks


def references(items):
    return [{"type": "reference", "value": {"url": "", "doi": "", **item}} for item in items]
