"""Writing the index: one row per public object, rebuilt from the object whenever it changes.

`index_item` / `index_report` look at the object as it is now (inside the caller's
transaction): public → the row is written; anything else (draft, withdrawn, 依申请公开,
deleted) → the row is deleted. Nothing else writes `SearchEntry`.
"""

from __future__ import annotations

from django.db import connection

from disclosure.models import DisclosureItem
from reports.models import AnnualReport

from . import bulk
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


ENTRY_FIELDS = ["township_id", "category_id", "title", "url", "index_no", "doc_number",
                "summary", "meta", "content", "validity", "disclosure_mode", "published_on",
                "year", "document", "title_vector", "indexed_at"]


def entry_values(doc: Document) -> dict:
    """The row's columns for a document (the vectors on PostgreSQL only)."""
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
    return values


def write_entry(doc: Document) -> SearchEntry:
    entry, _created = SearchEntry.objects.update_or_create(
        kind=doc.kind, object_id=doc.object_id, defaults=entry_values(doc))
    return entry


def write_entries(docs: list[Document]) -> int:
    """One bulk upsert for many documents (the chunked rebuild, search/rebuild.py): on
    PostgreSQL the rows are copied into a temporary table and upserted from it in one
    statement (search/bulk.py); elsewhere one `bulk_create`."""
    if connection.vendor == "postgresql":
        return bulk.upsert([(doc.kind, doc.object_id, entry_values(doc)) for doc in docs])
    entries = [SearchEntry(kind=doc.kind, object_id=doc.object_id, **entry_values(doc))
               for doc in docs]
    SearchEntry.objects.bulk_create(entries, update_conflicts=True,
                                    unique_fields=["kind", "object_id"],
                                    update_fields=ENTRY_FIELDS)
    return len(entries)


def remove(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def public_items():
    """Published, proactively disclosed items, whatever their township's state: entries of
    a deactivated township stay in the index and are left out by the query (a join on
    `is_active`), so reactivating it needs no re-indexing."""
    return DisclosureItem.objects.filter(status=DisclosureItem.Status.PUBLISHED,
                                         disclosure_mode=DisclosureItem.DisclosureMode.PROACTIVE)


def public_reports():
    return AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED)


def index_item(item_id: int) -> SearchEntry | None:
    item = (public_items().select_related("township", "category")
            .prefetch_related("attachments").filter(pk=item_id).first())
    if item is None:
        remove(Kind.ITEM, item_id)
        return None
    return write_entry(item_document(item))


def index_report(report_id: int) -> SearchEntry | None:
    report = (public_reports().select_related("township")
              .prefetch_related("attachments").filter(pk=report_id).first())
    if report is None:
        remove(Kind.REPORT, report_id)
        return None
    return write_entry(report_document(report))
