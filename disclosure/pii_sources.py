"""Which texts of a disclosure item the personal-data scan reads."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from signoff.subjects import PIISource

from . import pii
from .models import DisclosureItem


def text_sources(*, title: str, summary: str, body: str) -> list[PIISource]:
    return [
        PIISource(_("标题"), pii.scan_text(title), "title"),
        PIISource(_("内容概述"), pii.scan_text(summary), "summary"),
        PIISource(_("正文"), pii.scan_text(pii.html_to_text(body)), "body"),
    ]


def html_source(label: str, html: str, field: str) -> PIISource:
    return PIISource(label, pii.scan_text(pii.html_to_text(html or "")), field)


def attachment_sources(attachments) -> list[PIISource]:
    """Attachments (or revision attachments): anything with display_title, file, extension."""
    return [
        PIISource(_("附件：%(name)s") % {"name": a.display_title},
                  pii.scan_django_file(a.file, a.extension))
        for a in attachments
    ]


def item_findings(item: DisclosureItem, data: dict | None = None, attachments=None
                  ) -> list[PIISource]:
    """Findings per source (only sources with findings), for the item or a revision's data
    and attachments."""
    data = data or {"title": item.title, "summary": item.summary, "body": item.body}
    if attachments is None:
        attachments = item.attachments.all()
    sources = text_sources(title=data.get("title", ""), summary=data.get("summary", ""),
                           body=data.get("body", "")) + attachment_sources(attachments)
    return [source for source in sources if source.findings]


def published_sources() -> Iterator[tuple[str, list[pii.Finding]]]:
    """(label, findings) for every published item; used by `scan_pii --published`."""
    items = (DisclosureItem.objects.filter(status=DisclosureItem.Status.PUBLISHED)
             .select_related("township").prefetch_related("attachments").order_by("pk"))
    for item in items.iterator(chunk_size=200):
        url = item.get_absolute_url()
        for source in item_findings(item):
            yield f"{url}#{source.label}", source.findings
