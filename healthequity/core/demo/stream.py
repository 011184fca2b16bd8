"""Small helpers that write StreamField content in the raw JSON shape Wagtail stores.

Demo data uses these so each body reads like an outline. Images and documents are named by title
and inequality groups by slug here, and turned into ids by `resolve_media` and
`resolve_findings` once the loader knows them.
"""

__all__ = [
    "bullets",
    "document",
    "finding",
    "heading",
    "image",
    "key_finding",
    "message",
    "paragraph",
    "quote",
    "reference",
    "resolve_findings",
    "resolve_media",
    "subheading",
    "table",
]


def paragraph(*texts):
    """One rich-text block holding a paragraph per argument (inline HTML allowed)."""
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in texts)}


def bullets(*items, intro=""):
    """A rich-text block with an optional lead-in paragraph and a bulleted list."""
    lead = f"<p>{intro}</p>" if intro else ""
    return {"type": "paragraph", "value": lead + "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"}


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def subheading(text):
    return {"type": "heading", "value": {"text": text, "level": "h3"}}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def key_finding(text, title="Key finding"):
    return {"type": "key_finding", "value": {"title": title, "text": f"<p>{text}</p>"}}


def table(caption, rows, header_column=False):
    """A table whose first row is the header (and first column too, if asked)."""
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "table": {
                "data": [[str(cell) for cell in row] for row in rows],
                "first_row_is_table_header": True,
                "first_col_is_header": header_column,
                "table_header_choice": "both" if header_column else "row",
                "table_caption": "",
                "cell": [],
                "mergeCells": [],
            },
        },
    }


def image(title, alt_text="", caption="", credit="", decorative=False):
    """An image block naming a demo image by title; give alt text unless it is decorative."""
    if not decorative and not alt_text:
        raise ValueError(f"Image {title!r} needs alt text or decorative=True.")
    return {
        "type": "image",
        "value": {
            "image_title": title,
            "alt_text": "" if decorative else alt_text,
            "decorative": decorative,
            "caption": caption,
            "credit": credit,
        },
    }


def document(title, link_text=""):
    """A download link naming a demo document by title."""
    return {"type": "document", "value": {"document_title": title, "title": link_text}}


def resolve_media(blocks, image_ids, document_ids):
    """Return the blocks with every image (and document) title replaced by the stored object's id."""
    resolved = []
    for block in blocks:
        if block["type"] == "document":
            value = block["value"]
            resolved.append(
                {
                    "type": "document",
                    "value": {"document": document_ids[value["document_title"]], "title": value["title"]},
                }
            )
            continue
        if block["type"] != "image":
            resolved.append(block)
            continue
        value = block["value"]
        resolved.append(
            {
                "type": "image",
                "value": {
                    "image": {
                        "image": image_ids[value["image_title"]],
                        "decorative": value["decorative"],
                        "alt_text": value["alt_text"],
                    },
                    "caption": value["caption"],
                    "credit": value["credit"],
                },
            }
        )
    return resolved


# What works briefs: key messages, rated findings and references.

EFFECTS = {"narrows", "mixed", "no-clear-effect", "widens"}
STRENGTHS = {"strong", "moderate", "limited", "very-limited"}


def message(text):
    return {"type": "message", "value": text}


def finding(intervention, groups, effect, strength, detail):
    """One rated finding; `groups` are inequality group slugs."""
    if effect not in EFFECTS or strength not in STRENGTHS:
        raise ValueError(f"Unknown rating for {intervention!r}: {effect}, {strength}")
    return {
        "type": "finding",
        "value": {
            "intervention": intervention,
            "group_slugs": list(groups),
            "effect": effect,
            "strength": strength,
            "detail": f"<p>{detail}</p>",
        },
    }


def reference(citation, url="", doi=""):
    return {"type": "reference", "value": {"citation": citation, "url": url, "doi": doi}}


def resolve_findings(blocks, group_ids):
    """Return the findings with group slugs replaced by the groups' ids."""
    resolved = []
    for block in blocks:
        value = dict(block["value"])
        value["groups"] = [group_ids[slug] for slug in value.pop("group_slugs")]
        resolved.append({"type": block["type"], "value": value})
    return resolved
