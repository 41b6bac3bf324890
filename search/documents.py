"""What the index holds for an item or a report: its fields as plain text.

Reads the disclosure and reports apps (this app sits above both). Attachment text comes from
the same extractors the personal-data scan uses (disclosure/pii.py: PDF text layer, .docx,
.xlsx, plain text), cached per stored file in `ExtractedText`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from disclosure import pii
from disclosure.models import DisclosureItem
from reports.models import SECTION_FIELDS, AnnualReport

from .models import ExtractedText, Kind


@dataclass
class Document:
    kind: str
    object_id: int
    township_id: int
    title: str
    url: str
    published_on: datetime.date
    category_id: int | None = None
    index_no: str = ""
    doc_number: str = ""
    summary: str = ""
    keywords: str = ""
    meta: str = ""
    body: str = ""
    attachments: list[str] = field(default_factory=list)
    validity: str = ""
    disclosure_mode: str = ""

    @property
    def content(self) -> str:
        """Body and attachment text, capped (the index and the result snippets read it)."""
        limit = settings.SEARCH_CONTENT_CHARS
        return "\n".join([self.body, *self.attachments])[:limit]


def known_texts(attachments) -> dict[str, str]:
    """The cached text of many attachments in one query (the chunked rebuild): the batch's
    memo, which `attachment_text` also fills with what it reads."""
    names = {a.file.name for a in attachments if a.file}
    return dict(ExtractedText.objects.filter(path__in=names).values_list("path", "text"))


def attachment_text(attachment, known: dict[str, str] | None = None) -> str:
    """The readable text of a stored attachment ("" for images, archives, damaged files).
    `known`: a batch's memo (known_texts): what is not in it is not cached either, and what
    is read is added to it, so a file shared by many items of a batch is opened once."""
    name = attachment.file.name if attachment.file else ""
    if not name or attachment.extension.lower() not in pii.SCANNABLE_EXTENSIONS:
        return ""
    if known is not None and name in known:
        return known[name]
    if known is None:
        cached = ExtractedText.objects.filter(path=name).values_list("text", flat=True).first()
        if cached is not None:
            return cached
    text = _extract(attachment, name)
    if known is not None:
        known[name] = text or ""
    return text or ""


def _extract(attachment, name: str) -> str | None:
    """Read the file and cache its text; None for a missing file (tried again next time)."""
    try:
        with attachment.file.open("rb") as handle:
            lines = pii.file_lines(handle, attachment.extension)
    except OSError:
        return None
    except pii.UnreadableFileError:
        lines = []
    text = "\n".join(line for _n, line in lines)[:settings.SEARCH_ATTACHMENT_CHARS]
    ExtractedText.objects.update_or_create(path=name, defaults={"text": text})
    return text


def _attachments(attachments, known=None) -> list[str]:
    return [f"{a.display_title}\n{attachment_text(a, known)}" for a in attachments]


@lru_cache(maxsize=32)
def _labels(field: str, language: str | None) -> dict[str, str]:
    """An item field's choice labels in a language. `get_FOO_display()` rebuilds this map
    (hashing every lazy label) on each call: a fifth of the rebuild's Python time."""
    return {value: str(label) for value, label in
            DisclosureItem._meta.get_field(field).flatchoices}


def _label(item: DisclosureItem, field: str) -> str:
    value = getattr(item, field)
    return _labels(field, get_language()).get(value, value)


def item_document(item: DisclosureItem, known: dict[str, str] | None = None) -> Document:
    return Document(
        kind=Kind.ITEM, object_id=item.pk, township_id=item.township_id,
        title=item.title, url=item.get_absolute_url(), published_on=item.published_on,
        category_id=item.category_id, index_no=item.index_no or "",
        doc_number=item.doc_number, summary=item.summary, keywords=item.keywords,
        meta=" ".join(filter(None, [item.publisher_name, item.category.name,
                                    _label(item, "doc_type"), _label(item, "topic")])),
        body=pii.html_to_text(item.body), attachments=_attachments(item.attachments.all(), known),
        validity=item.validity, disclosure_mode=item.disclosure_mode,
    )


def report_document(report: AnnualReport, known: dict[str, str] | None = None) -> Document:
    sections = [pii.html_to_text(getattr(report, name)) for name in (*SECTION_FIELDS, "body")]
    published_on = report.published_on or timezone.localdate()
    return Document(
        kind=Kind.REPORT, object_id=report.pk, township_id=report.township_id,
        title=report.title or report.default_title(), url=report.get_absolute_url(),
        published_on=published_on,
        meta=" ".join(filter(None, [report.signing_body, "年度报告",
                                    f"{report.year}年", report.township.full_name])),
        body="\n".join(filter(None, sections)),
        attachments=_attachments(report.attachments.all(), known),
        disclosure_mode=DisclosureItem.DisclosureMode.PROACTIVE,
    )

