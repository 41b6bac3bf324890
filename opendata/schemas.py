"""Response shapes of the open-data API (they are the OpenAPI description)."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _iso_only(value):
    """Accept an ISO 8601 date-time string only (pydantic would also take Unix seconds)."""
    if isinstance(value, str) and not _ISO.match(value.strip()):
        raise ValueError("须为 ISO 8601 时间，如 2024-07-01T00:00:00+08:00")
    return value


def _in_utc(value: datetime.datetime) -> datetime.datetime:
    """Naive times are local (Asia/Shanghai); any offset is carried into UTC."""
    from django.utils import timezone

    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise ValueError("时间超出范围") from None


IsoDateTime = Annotated[datetime.datetime, BeforeValidator(_iso_only), AfterValidator(_in_utc)]


class Error(Schema):
    detail: str = Field(description="错误说明")


class Label(Schema):
    code: str
    label: str


class TownshipOut(Schema):
    slug: str = Field(description="乡镇网址标识，永久不变")
    name: str
    full_name: str
    url: str


class CategoryOut(Schema):
    code: str = Field(description="目录代码（全县各乡镇一致）")
    name: str
    parent_code: str | None = None


class AttachmentOut(Schema):
    title: str
    type: str = Field(description="文件类型，如 pdf、docx")
    size: int = Field(description="字节数")
    url: str


class ItemOut(Schema):
    id: int = Field(description="信息编号，永久不变")
    index_no: str = Field(description="索引号")
    title: str
    summary: str
    url: str = Field(description="信息页永久网址")
    township: TownshipOut
    category: CategoryOut
    publisher_name: str = Field(description="发布机构")
    written_on: datetime.date = Field(description="成文日期")
    published_on: datetime.date = Field(description="发布日期")
    doc_number: str = Field(description="文号，无则为空")
    topic: Label = Field(description="主题分类")
    doc_type: Label = Field(description="体裁分类")
    disclosure_mode: Label = Field(description="公开方式")
    validity: Label | None = Field(None, description="有效性")
    repealed_on: datetime.date | None = Field(None, description="废止日期")
    keywords: list[str]
    body_html: str = Field(description="正文（已清洗的 HTML）")
    attachments: list[AttachmentOut]
    first_published_at: datetime.datetime | None
    updated_at: datetime.datetime


class ItemPage(Schema):
    results: list[ItemOut]
    next_cursor: str | None = Field(description="下一页游标；为空表示已到末页")
    next: str | None = Field(description="下一页完整地址")


class SectionOut(Schema):
    heading: str
    html: str


class ReportOut(Schema):
    id: int
    township: TownshipOut
    year: int = Field(description="报告年度")
    title: str
    schema_version: str = Field(description="报告格式：2021、2019 或 legacy")
    url: str
    published_at: datetime.datetime
    updated_at: datetime.datetime
    signing_body: str
    signing_date: datetime.date | None
    sections: list[SectionOut]
    body_html: str = Field(description="2018年及以前自由格式报告的正文")
    tables: dict[str, Any] = Field(
        description="统计表，发布时固定；格式见 docs/REPORT_TABLES.md")
    docx_url: str
    xlsx_url: str
    attachments: list[AttachmentOut]


class ReportPage(Schema):
    results: list[ReportOut]
    next_cursor: str | None
    next: str | None


class WithdrawnOut(Schema):
    id: int
    index_no: str
    title: str | None
    title_withheld: bool
    url: str
    withdrawn_at: datetime.datetime


class WithdrawnPage(Schema):
    results: list[WithdrawnOut]
