"""Images and documents made from bytes in memory, as the demo and the WordPress import store them."""

from io import BytesIO

from django.core.files.base import ContentFile

from wagtail.utils.file import hash_filelike

__all__ = ["stored_file_fields"]


def stored_file_fields(data, file_name):
    """The file fields of a new Wagtail image or document holding `data`. Wagtail's admin fills in the
    size and hash on upload (the hash finds duplicates); code creating one must do it itself."""
    return {
        "file": ContentFile(data, name=file_name),
        "file_size": len(data),
        "file_hash": hash_filelike(BytesIO(data)),
    }
