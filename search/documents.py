"""What the index holds for an item or a report: its fields as plain text.

Reads the disclosure and reports apps (this app sits above both). Attachment text comes from
the same extractors the personal-data scan uses (disclosure/pii.py: PDF text layer, .docx,
.xlsx, plain text), cached per stored file in `ExtractedText`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

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
    """The cached text of many attachments in one query (the chunked rebuild)."""
    names = [a.file.name for a in attachments if a.file]
    return dict(ExtractedText.objects.filter(path__in=names).values_list("path", "text"))


def attachment_text(attachment, known: dict[str, str] | None = None) -> str:
    """The readable text of a stored attachment ("" for images, archives, damaged files).
    `known`: texts already read for a batch (known_texts); others are looked up."""
    name = attachment.file.name if attachment.file else ""
    if not name or attachment.extension.lower() not in pii.SCANNABLE_EXTENSIONS:
        return ""
    if known is not None and name in known:
        return known[name]
    cached = ExtractedText.objects.filter(path=name).values_list("text", flat=True).first()
    if cached is not None:
        return cached
    try:
        with attachment.file.open("rb") as handle:
            lines = pii.file_lines(handle, attachment.extension)
    except OSError:
        return ""  # missing file: try again next time
    except pii.UnreadableFileError:
        lines = []
    text = "\n".join(line for _n, line in lines)[:settings.SEARCH_ATTACHMENT_CHARS]
    ExtractedText.objects.update_or_create(path=name, defaults={"text": text})
    return text


def _attachments(attachments, known=None) -> list[str]:
    return [f"{a.display_title}\n{attachment_text(a, known)}" for a in attachments]


def item_document(item: DisclosureItem, known: dict[str, str] | None = None) -> Document:
    return Document(
        kind=Kind.ITEM, object_id=item.pk, township_id=item.township_id,
        title=item.title, url=item.get_absolute_url(), published_on=item.published_on,
        category_id=item.category_id, index_no=item.index_no or "",
        doc_number=item.doc_number, summary=item.summary, keywords=item.keywords,
        meta=" ".join(filter(None, [item.publisher_name, item.category.name,
                                    item.get_doc_type_display(), item.get_topic_display()])),
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

