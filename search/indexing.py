"""Writing the index: one row per public object, rebuilt from the object whenever it changes.

`index_item` / `index_report` look at the object as it is now (inside the caller's
transaction): public → the row is written; anything else (draft, withdrawn, 依申请公开,
deleted) → the row is deleted. Nothing else writes `SearchEntry`.
"""

from __future__ import annotations

from django.db import connection

from disclosure.models import DisclosureItem
from reports.models import AnnualReport

from .documents import Document, item_document, report_document
from .models import Kind, SearchEntry
from .text import VectorBuilder, analysable


def vectors(doc: Document) -> tuple[str, str]:
    """(document, title_vector) tsvector literals: title A; 文号, 索引号, keywords and
    summary B; other metadata and body C; attachments D."""
    title = VectorBuilder()
    title.add_field(doc.title, "A", fine=True)
    title.add_field(" ".join([doc.doc_number, doc.index_no, doc.keywords]), "A", fine=True)
    full = VectorBuilder()
    full.add_field(doc.title, "A", fine=True)
    full.add_field(" ".join([doc.doc_number, doc.index_no, doc.keywords, doc.summary]), "B",
                   fine=True)
    full.add_field(doc.meta, "C", fine=True)
    content = doc.content
    body = content[:len(doc.body)]
    full.add_field(body, "C", fine=False)
    full.add_field(content[len(body):], "D", fine=False)
    return full.literal(), title.literal()


def write_entry(doc: Document) -> SearchEntry:
    values = {
        "township_id": doc.township_id, "category_id": doc.category_id,
        "title": doc.title[:200], "url": doc.url, "index_no": doc.index_no,
        "doc_number": doc.doc_number, "summary": doc.summary[:500],
        # The title without inline quotes too, for the SQLite fallback's plain matching.
        "meta": " ".join(filter(None, [doc.keywords, doc.meta, analysable(doc.title)])),
        "content": doc.content,
        "validity": doc.validity, "disclosure_mode": doc.disclosure_mode,
        "published_on": doc.published_on, "year": doc.published_on.year,
        "document": None, "title_vector": None,
    }
    if connection.vendor == "postgresql":
        values["document"], values["title_vector"] = vectors(doc)
    entry, _created = SearchEntry.objects.update_or_create(
        kind=doc.kind, object_id=doc.object_id, defaults=values)
    return entry


def remove(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def _public_items():
    """Published, proactively disclosed items, whatever their township's state: entries of
    a deactivated township stay in the index and are left out by the query (a join on
    `is_active`), so reactivating it needs no re-indexing."""
    return DisclosureItem.objects.filter(status=DisclosureItem.Status.PUBLISHED,
                                         disclosure_mode=DisclosureItem.DisclosureMode.PROACTIVE)


def _public_reports():
    return AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED)


def index_item(item_id: int) -> SearchEntry | None:
    item = (_public_items().select_related("township", "category")
            .prefetch_related("attachments").filter(pk=item_id).first())
    if item is None:
        remove(Kind.ITEM, item_id)
        return None
    return write_entry(item_document(item))


def index_report(report_id: int) -> SearchEntry | None:
    report = (_public_reports().select_related("township")
              .prefetch_related("attachments").filter(pk=report_id).first())
    if report is None:
        remove(Kind.REPORT, report_id)
        return None
    return write_entry(report_document(report))


def rebuild() -> dict[str, int]:
    """Re-index every public object and drop rows of anything no longer public."""
    counts = {"items": 0, "reports": 0, "removed": 0}
    items = _public_items().values_list("pk", flat=True)
    for pk in list(items.order_by("pk")):
        index_item(pk)
        counts["items"] += 1
    reports = _public_reports().values_list("pk", flat=True)
    for pk in list(reports.order_by("pk")):
        index_report(pk)
        counts["reports"] += 1
    stale = (SearchEntry.objects.filter(kind=Kind.ITEM).exclude(object_id__in=items)
             | SearchEntry.objects.filter(kind=Kind.REPORT).exclude(object_id__in=reports))
    counts["removed"], _deleted = stale.delete()
    return counts
