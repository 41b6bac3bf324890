"""Table 2 and Table 3 derived from the platform's own records for a township and year.

Decisions (documented in docs/REPORT_TABLES.md):
- A 规章 / 行政规范性文件 counts as *issued* in the year of its 成文日期 (written_on, the
  signing date), not of its web 发布日期: a document signed on 28 December belongs to that
  year even if it went online in January.
- *Repealed* in the year: 有效性 = 废止 with 废止日期 in the year.
- *In force at year end*: written on or before 31 December, and not repealed on or before
  that day; 失效 (expired) documents have no date and never count as in force.
- Licensing, penalty and enforcement decisions are items of that 体裁 written in the year.
- Only items that reached publication (status 已发布) count; drafts are not documents yet.
- The fee amount (万元) and Table 4 are entered by hand and never derived.
- Table 3 comes from `applications.selectors.table3(township, year)`: each closed case is
  counted in the row of its outcome (the rows are defined once, in applications/table3.py).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from applications import selectors as applications_selectors
from disclosure.models.items import DisclosureItem, DocType, Status, Validity

from . import schemas


def _published_items(township):
    return DisclosureItem.objects.filter(township=township, status=Status.PUBLISHED)


def document_counts(township, year: int, doc_type: str) -> dict[str, int]:
    """issued / repealed / in_force for one document type (one query)."""
    end = datetime.date(year, 12, 31)
    return _published_items(township).filter(doc_type=doc_type).aggregate(
        issued=Count("id", filter=Q(written_on__year=year)),
        repealed=Count("id", filter=Q(validity=Validity.REPEALED, repealed_on__year=year)),
        in_force=Count("id", filter=Q(written_on__lte=end) & ~Q(validity=Validity.EXPIRED)
                       & ~Q(validity=Validity.REPEALED, repealed_on__lte=end)),
    )


def decision_counts(township, year: int) -> dict[str, int]:
    rows = dict(_published_items(township).filter(
        written_on__year=year,
        doc_type__in=[DocType.LICENSING, DocType.PENALTY, DocType.ENFORCEMENT],
    ).values_list("doc_type").annotate(n=Count("id")).values_list("doc_type", "n"))
    return {"licensing": rows.get(DocType.LICENSING, 0),
            "penalties": rows.get(DocType.PENALTY, 0),
            "enforcement": rows.get(DocType.ENFORCEMENT, 0)}


def derive_table2(township, year: int, schema: str) -> dict:
    regulations = document_counts(township, year, DocType.REGULATION)
    normative = document_counts(township, year, DocType.NORMATIVE)
    decisions = decision_counts(township, year)
    if schema == schemas.SCHEMA_2021:
        table = {"regulations": regulations, "normative_documents": normative}
        for key, count in decisions.items():
            table[key] = {"decisions": count}
        return table
    # 2019 trial format: 新制作 = written in the year, 新公开 = published in the year,
    # 对外公开总数量 = all published by the end of the year.
    table = {}
    for key, doc_type in (("regulations", DocType.REGULATION),
                          ("normative_documents", DocType.NORMATIVE)):
        table[key] = _published_items(township).filter(doc_type=doc_type).aggregate(
            made=Count("id", filter=Q(written_on__year=year)),
            published=Count("id", filter=Q(published_on__year=year)),
            total_public=Count("id", filter=Q(published_on__lte=datetime.date(year, 12, 31))),
        )
    for key, count in decisions.items():
        table[key] = {"decisions": count}
    return table


def derive_table3(township, year: int, schema: str) -> dict:
    """Table 3 from the township's application cases."""
    data = applications_selectors.table3(township, year)
    if schema == schemas.SCHEMA_2019:
        data = dict(data)
        others = [data.pop(r, {}) for r in ("r3_6_1", "r3_6_2", "r3_6_3")]
        data["r3_6"] = {c: sum(int(o.get(c, 0) or 0) for o in others)
                        for c in schemas.TABLE3_COLUMN_IDS}
    return {row: {c: int((data.get(row) or {}).get(c, 0) or 0) for c in schemas.TABLE3_COLUMN_IDS}
            for row in schemas.table3_row_ids(schema)}


def derive_tables(township, year: int) -> dict:
    """The derived cells, in the interchange format (no Table 4, no fee amount)."""
    schema = schemas.schema_for_year(year)
    if schema == schemas.SCHEMA_LEGACY:
        return {"schema": schema}
    return {"schema": schema, "table2": derive_table2(township, year, schema),
            "table3": derive_table3(township, year, schema)}
