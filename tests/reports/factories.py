"""Factories for annual-report tests."""

from __future__ import annotations

import copy
import datetime

from django.utils import timezone

from reports import schemas
from reports.models import AnnualReport
from tests.factories import crew, publish
from townships.models import Role

# DOMAIN.md §1.4 worked example (总计 column as given; the other columns made to reconcile).
_T3_TOTALS = {
    "r1": 14069, "r2": 560, "r3_1": 5548, "r3_2": 2168,
    "r3_3_4": 500, "r3_3_6": 230,
    "r3_4_1": 3000, "r3_4_2": 300, "r3_4_3": 121,
    "r3_5_1": 400, "r3_5_2": 57,
    "r3_6_1": 1000, "r3_6_2": 86, "r3_6_3": 400,
    "r3_7": 13810, "r4": 819,
}
_LEGAL = {"commercial": 252, "research": 0, "social": 45, "legal": 128, "other": 32}


def reconciling_tables() -> dict:
    tables = schemas.empty_tables(schemas.SCHEMA_2021)
    for row, total in _T3_TOTALS.items():
        legal = _LEGAL if row in ("r1", "r3_1", "r3_7") else {}
        cells = {c: legal.get(c, 0) for c in schemas.TABLE3_PART_COLUMNS}
        cells["natural"] = total - sum(cells.values())
        cells["total"] = total
        tables["table3"][row] = cells
    tables["table4"] = {
        "review": {"upheld": 376, "corrected": 97, "other": 196, "pending": 121, "total": 790},
        "litigation_direct": {"upheld": 30, "corrected": 10, "other": 10, "pending": 6,
                              "total": 56},
        "litigation_after_review": {"upheld": 100, "corrected": 20, "other": 20, "pending": 16,
                                    "total": 156},
    }
    tables["table2"]["normative_documents"] = {"issued": 2, "repealed": 1, "in_force": 9}
    tables["table2"]["licensing"] = {"decisions": 14}
    tables["table2"]["fees"] = {"amount_wan_yuan": 190.457379}
    return tables


def small_tables(schema: str = schemas.SCHEMA_2021, *, new: int = 3, carried: int = 1,
                 carry_out: int = 0) -> dict:
    """A small reconciling table set: new + carried applications, all disclosed but carry_out."""
    tables = schemas.empty_tables(schema)
    done = new + carried - carry_out
    for row, value in (("r1", new), ("r2", carried), ("r3_1", done), ("r3_7", done),
                       ("r4", carry_out)):
        tables["table3"][row] = {**dict.fromkeys(schemas.TABLE3_COLUMN_IDS, 0),
                                 "natural": value, "total": value}
    return tables


SECTION_1 = ("<p>本报告所列数据的统计期限为2024年1月1日至2024年12月31日。</p>"
             "<p>本镇将政务公开纳入年度绩效考核，开展社会评议，全年未发生责任追究情形。</p>")


def make_report(*, township, year: int = 2024, tables: dict | None = None,
                published: bool = False, published_on: datetime.date | None = None,
                **fields) -> AnnualReport:
    schema = schemas.schema_for_year(year)
    if tables is None:
        tables = small_tables(schema) if schema != schemas.SCHEMA_LEGACY else {
            "schema": schema, "statistics": {}}
    defaults = {"section_1": SECTION_1.replace("2024", str(year)),
                "section_5": "<p>信息更新不够及时。</p>",
                "section_6": "<p>本年度未收取信息处理费。</p>",
                "signing_body": f"{township.full_name}",
                "signing_date": datetime.date(year + 1, 1, 20)}
    defaults.update(fields)
    report = AnnualReport.objects.create(township=township, year=year,
                                         tables=copy.deepcopy(tables), **defaults)
    if published:
        # Through the township's whole chain, as the back office does; then dated.
        report.created_by = crew(township)(Role.AUTHOR)
        report.save(update_fields=["created_by"])
        publish(report)
        when = published_on or datetime.date(year + 1, 1, 25)
        AnnualReport.objects.filter(pk=report.pk).update(published_at=timezone.make_aware(
            datetime.datetime.combine(when, datetime.time(10, 0))))
        report.refresh_from_db()
    return report
