"""What a signer reads of an attachment on the sign page, where the browser cannot show it.

PDF and images open in the browser (`/media/<name>`, the signer's session may read them);
for Word, Excel, OFD and text files the sign page also shows their text, read by the same
extractors the personal-data scan uses (pii.py).
"""

from __future__ import annotations

from . import pii

PREVIEW_CHARS = 6000
#: Types the browser shows by itself: a link is enough.
BROWSER_TYPES = frozenset({"pdf", "jpg", "jpeg", "png", "txt"})


def text_preview(field_file, extension: str, limit: int = PREVIEW_CHARS) -> str | None:
    """The first `limit` characters of an attachment's text; None when it has none we can
    read (images, archives, damaged files)."""
    extension = (extension or "").lower()
    if not field_file or extension not in pii.SCANNABLE_EXTENSIONS:
        return None
    try:
        with field_file.open("rb") as handle:
            lines = pii.file_lines(handle, extension)
    except (pii.UnreadableFileError, OSError):
        return None
    text = "\n".join(line for _number, line in lines if line.strip())
    if len(text) > limit:
        text = text[:limit] + "\n……"
    return text or None
