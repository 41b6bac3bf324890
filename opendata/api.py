"""The open-data API (read-only JSON, /api/v1/), for a provincial platform to aggregate.

Only what the public site shows leaves here: published, proactively disclosed items of
active townships and published annual reports (with the tables frozen at publication, in
the interchange format of docs/REPORT_TABLES.md). Lists are cursor-paginated over
(updated_at, id); ids and URLs never change. The OpenAPI description is at
/api/v1/openapi.json. Every request counts against a per-client rate limit (throttle.py).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, Throttled, ValidationError

from disclosure.models import DisclosureItem
from reports.models import AnnualReport
from signoff.models import SignOff
from townships.models import Township

from . import cursor as cursors
from . import schemas as s
from .throttle import ClientRateThrottle

api = NinjaAPI(
    title="乡镇政务公开平台 开放数据接口", version="1.0", urls_namespace="opendata",
    description="已公开的政府信息和政府信息公开工作年度报告（只读）。列表按更新时间升序，"
                "用 cursor 翻页；用 updated_since 增量同步；撤回的信息见 /items/withdrawn。",
    docs_url=None, throttle=[ClientRateThrottle()],
)
MAX_LIMIT = 100
CURSOR = Query(None, pattern=r"^[A-Za-z0-9_-]+$",
               description="上一页返回的 next_cursor；首页不传")
# Townships and catalogue nodes are named by their slug: the description says so, and any
# other character (control characters included) is a documented 400.
TOWNSHIP = Query(None, pattern=r"^[-A-Za-z0-9_]{1,50}$", description="乡镇网址标识，如 qingshi")
CATEGORY = Query(None, pattern=r"^[-A-Za-z0-9_]{1,50}$",
                 description="目录代码（含下级目录），如 zcwj")
ERRORS = {400: s.Error, 404: s.Error, 429: s.Error}


@api.exception_handler(Throttled)
def throttled(request, exc):
    response = api.create_response(request, {"detail": "请求过于频繁，请稍后再试。"},
                                   status=429)
    response["Retry-After"] = str(getattr(request, "opendata_retry_after", 60))
    return response


@api.exception_handler(ValidationError)
def invalid(request, exc):
    fields = sorted({str(error.get("loc", ["", "?"])[-1]) for error in exc.errors})
    return api.create_response(
        request, {"detail": f"参数有误：{'、'.join(fields)}。"}, status=400)


@api.exception_handler(cursors.BadCursorError)
def bad_cursor(request, exc):
    return api.create_response(request, {"detail": "cursor 无效，请使用上一页返回的 "
                                                   "next_cursor。"}, status=400)


def _abs(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _township(request, township: Township) -> dict:
    return {"slug": township.slug, "name": township.name, "full_name": township.full_name,
            "url": _abs(request, township.get_absolute_url())}


def _label(value: str, label) -> dict | None:
    return {"code": value, "label": str(label)} if value else None


def _attachments(request, attachments, route: str, *args) -> list[dict]:
    return [{"title": a.display_title, "type": a.extension, "size": getattr(a, "size", 0),
             "url": _abs(request, reverse(route, args=[*args, a.pk]))} for a in attachments]


def _item(request, item: DisclosureItem) -> dict:
    category = item.category
    return {
        "id": item.pk, "index_no": item.index_no or "", "title": item.title,
        "summary": item.summary, "url": _abs(request, item.get_absolute_url()),
        "township": _township(request, item.township),
        "category": {"code": category.code, "name": category.name,
                     "parent_code": category.parent.code if category.parent_id else None},
        "publisher_name": item.publisher_name, "written_on": item.written_on,
        "published_on": item.published_on, "doc_number": item.doc_number,
        "topic": _label(item.topic, item.get_topic_display()),
        "doc_type": _label(item.doc_type, item.get_doc_type_display()),
        "disclosure_mode": _label(item.disclosure_mode, item.get_disclosure_mode_display()),
        "validity": _label(item.validity, item.get_validity_display()),
        "repealed_on": item.repealed_on, "keywords": item.keyword_list(),
        "body_html": item.body,
        "attachments": _attachments(request, item.attachments.all(),
                                    "disclosure:attachment_download", item.township.slug,
                                    item.pk),
        "first_published_at": item.first_published_at, "updated_at": item.updated_at,
    }


def _report(request, report: AnnualReport) -> dict:
    slug, year = report.township.slug, report.year
    sections = [] if report.is_legacy else [
        {"heading": heading, "html": html} for heading, html in report.sections()]
    return {
        "id": report.pk, "township": _township(request, report.township), "year": year,
        "title": report.title, "schema_version": report.schema,
        "url": _abs(request, report.get_absolute_url()), "published_at": report.published_at,
        "updated_at": report.updated_at, "signing_body": report.signing_body,
        "signing_date": report.signing_date, "sections": sections,
        "body_html": report.body, "tables": report.shown_tables(),
        "docx_url": _abs(request, reverse("reports:report_docx", args=[slug, year])),
        "xlsx_url": _abs(request, reverse("reports:report_xlsx", args=[slug, year])),
        "attachments": _attachments(request, report.attachments.all(),
                                    "reports:attachment_download", slug, year),
    }


def _next_url(request, next_cursor: str | None) -> str | None:
    if next_cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = next_cursor
    return _abs(request, f"{request.path}?{urlencode(params, doseq=True)}")


def _items():
    return (DisclosureItem.objects.published()
            .select_related("township", "category", "category__parent")
            .prefetch_related("attachments"))


def _reports():
    return (AnnualReport.objects.published().select_related("township")
            .prefetch_related("attachments"))


def _category_q(code: str) -> Q:
    """A catalogue node and the nodes under it (codes are the same in every township)."""
    return (Q(category__code=code) | Q(category__parent__code=code)
            | Q(category__parent__parent__code=code))


@api.get("/items", response={200: s.ItemPage, **ERRORS}, tags=["政府信息"],
         summary="已公开的政府信息列表")
def list_items(request, township: str | None = TOWNSHIP, category: str | None = CATEGORY,
               updated_since: s.IsoDateTime | None = None, cursor: str | None = CURSOR,
               limit: int = Query(50, ge=1, le=MAX_LIMIT)):
    """按更新时间升序；township 为乡镇网址标识，category 为目录代码（含下级目录）。"""
    qs = _items()
    if township:
        qs = qs.filter(township__slug=township)
    if category:
        qs = qs.filter(_category_q(category))
    if updated_since:
        qs = qs.filter(updated_at__gte=updated_since)
    rows, next_cursor = cursors.page(qs, cursor=cursor, limit=limit)
    return {"results": [_item(request, i) for i in rows], "next_cursor": next_cursor,
            "next": _next_url(request, next_cursor)}


@api.get("/items/withdrawn", response={200: s.WithdrawnPage, **ERRORS}, tags=["政府信息"],
         summary="已撤回的政府信息")
def withdrawn_items(request, since: s.IsoDateTime | None = None,
                    limit: int = Query(100, ge=1, le=500)):
    """撤回后不再公开的信息（供聚合平台同步删除），按撤回时间升序，只含编号、索引号和标题；
    因标题或内容本身撤回的，title 为 null（title_withheld 为 true），只列编号、索引号和撤回时间。"""
    entries = SignOff.objects.filter(
        action=SignOff.Action.WITHDRAW,
        content_type=ContentType.objects.get_for_model(DisclosureItem))
    if since:
        entries = entries.filter(created_at__gt=since)
    withdrawn = {item.pk: item for item in DisclosureItem.objects.filter(
        status=DisclosureItem.Status.WITHDRAWN, township__is_active=True,
        disclosure_mode=DisclosureItem.DisclosureMode.PROACTIVE,
        pk__in=entries.values("object_id")).select_related("township")}
    results = []
    for entry in entries.order_by("created_at", "pk"):
        item = withdrawn.pop(entry.object_id, None)
        if item is not None:
            results.append({"id": item.pk, "index_no": item.index_no or "",
                            "title": None if entry.title_withheld else item.title,
                            "title_withheld": entry.title_withheld,
                            "url": _abs(request, item.get_absolute_url()),
                            "withdrawn_at": entry.created_at})
        if len(results) >= limit:
            break
    return {"results": results}


@api.get("/items/{item_id}", response={200: s.ItemOut, **ERRORS}, tags=["政府信息"],
         summary="一条已公开的政府信息")
def get_item(request, item_id: int):
    item = _items().filter(pk=item_id).first()
    if item is None:
        raise HttpError(404, "没有这条公开信息（可能未公开或已撤回）。")
    return _item(request, item)


@api.get("/reports", response={200: s.ReportPage, **ERRORS}, tags=["年度报告"],
         summary="已发布的政府信息公开工作年度报告")
def list_reports(request, township: str | None = TOWNSHIP,
                 updated_since: s.IsoDateTime | None = None, cursor: str | None = CURSOR,
                 limit: int = Query(20, ge=1, le=MAX_LIMIT)):
    qs = _reports()
    if township:
        qs = qs.filter(township__slug=township)
    if updated_since:
        qs = qs.filter(updated_at__gte=updated_since)
    rows, next_cursor = cursors.page(qs, cursor=cursor, limit=limit)
    return {"results": [_report(request, r) for r in rows], "next_cursor": next_cursor,
            "next": _next_url(request, next_cursor)}


@api.get("/reports/{report_id}", response={200: s.ReportOut, **ERRORS}, tags=["年度报告"],
         summary="一篇年度报告")
def get_report(request, report_id: int):
    report = _reports().filter(pk=report_id).first()
    if report is None:
        raise HttpError(404, "没有这篇已发布的年度报告。")
    return _report(request, report)


@api.get("/townships", response={200: list[s.TownshipOut], 429: s.Error}, tags=["乡镇"],
         summary="乡镇列表")
def list_townships(request):
    return [_township(request, t) for t in Township.objects.active().order_by("order", "id")]

