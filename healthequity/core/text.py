"""Text that XML 1.0 can carry, for everything an editor or a visitor can enter.

A vertical tab is how Word marks a line break inside a paragraph, and it comes along when text
is pasted; with the other C0 control characters, lone surrogates, U+FFFE and U+FFFF it is a
character XML 1.0 cannot carry, so a feed holding one cannot be written at all. One function
cleans them, and it is used on save (`clean_text_fields`, connected to every model's pre_save by
the core for the project's models, pages, snippets, images and documents), in the public forms,
and again when a feed is written (for rows stored before the cleaning).
"""

import re
from functools import cache as memoize

from django.apps import apps
from django.conf import settings
from django.db import models

__all__ = ["XML_ILLEGAL", "clean_text_fields", "xml_safe"]

# Tab, line feed and carriage return are the only C0 characters XML 1.0 allows.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's line and page breaks separate words: they become a space, so "Cold\vhomes" stays two words.
WORD_BREAKS = str.maketrans({"\x0b": " ", "\x0c": " "})


def xml_safe(text):
    """`text` without the characters XML 1.0 cannot carry (None and "" pass through)."""
    if not text or not isinstance(text, str) or not XML_ILLEGAL.search(text):
        return text
    return XML_ILLEGAL.sub("", text.translate(WORD_BREAKS))


def _clean_raw(value):
    """(cleaned, changed) for a stream field's raw data: strings inside lists and dicts."""
    if isinstance(value, str):
        cleaned = xml_safe(value)
        return cleaned, cleaned != value
    if isinstance(value, list):
        pairs = [_clean_raw(item) for item in value]
        return [item for item, _ in pairs], any(changed for _, changed in pairs)
    if isinstance(value, dict):
        pairs = {key: _clean_raw(item) for key, item in value.items()}
        return {key: item for key, (item, _) in pairs.items()}, any(changed for _, changed in pairs.values())
    return value, False


@memoize
def _text_fields(model) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(text field names, stream field names) of a model whose text people enter, else empty."""
    from wagtail.documents import get_document_model
    from wagtail.fields import StreamField
    from wagtail.images import get_image_model

    base = str(settings.BASE_DIR)
    config = apps.app_configs.get(model._meta.app_label)  # None for Django's migration recorder
    ours = config is not None and config.path.startswith(base) and ".venv" not in config.path
    if not (ours or issubclass(model, (get_image_model(), get_document_model()))):
        return (), ()
    fields = model._meta.concrete_fields
    text = tuple(field.attname for field in fields if isinstance(field, (models.CharField, models.TextField)))
    streams = tuple(field.attname for field in fields if isinstance(field, StreamField))
    return text, streams


def clean_text_fields(sender, instance, raw=False, **kwargs):
    """pre_save: clean every text and stream field of the models people write in."""
    if raw:
        return  # fixtures are loaded as they are
    text, streams = _text_fields(type(instance))
    for name in text:
        value = getattr(instance, name)
        cleaned = xml_safe(value)
        if cleaned is not value:
            setattr(instance, name, cleaned)
    for name in streams:
        value = getattr(instance, name)
        raw_data = value.get_prep_value() if hasattr(value, "get_prep_value") else value
        cleaned, changed = _clean_raw(raw_data)
        if changed:
            setattr(instance, name, cleaned)
