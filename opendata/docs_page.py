"""开放数据接口说明: a page a developer can read, rendered on the server from the API's own
OpenAPI description (the same object /api/v1/openapi.json serves), so it never disagrees
with the code. No script, no CDN, nothing inline: it works under the site's CSP."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .api import MAX_LIMIT, api
from .throttle import parse_rate

REF = "#/components/schemas/"
TYPE_NAMES = {"string": _("字符串"), "integer": _("整数"), "number": _("数字"),
              "boolean": _("布尔值"), "object": _("对象"), "null": "null"}
FORMAT_NAMES = {"date": _("日期（YYYY-MM-DD）"), "date-time": _("时间（ISO 8601）")}
STATUS_NAMES = {"200": _("成功"), "400": _("参数有误"), "404": _("不存在"),
                "429": _("请求过于频繁")}
PLACES = {"query": _("查询参数"), "path": _("路径参数")}
#: For parameters whose description the spec leaves out.
PARAMETER_NOTES = {
    "township": _("乡镇网址标识（见乡镇列表的 slug），只取该乡镇的"),
    "category": _("目录代码，含其下级目录"),
    "updated_since": _("只取此时间之后更新的，用于增量同步"),
    "since": _("只取此时间之后撤回的"),
    "limit": _("每页条数"),
    "item_id": _("信息编号（id）"),
    "report_id": _("年度报告编号（id）"),
}


@dataclass
class Row:
    name: str
    type: str
    type_ref: str = ""  # a schema's anchor when the type is one
    required: bool = False
    description: str = ""
    where: str = ""


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    parameters: list[Row] = field(default_factory=list)
    responses: list[Row] = field(default_factory=list)


def _type(schema: dict) -> tuple[str, str]:
    """("ItemOut 的数组", "schema-ItemOut") style: a readable type and the schema it names."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF)
        return name, f"schema-{name}"
    if "anyOf" in schema:
        parts = [_type(option) for option in schema["anyOf"]]
        ref = next((r for _t, r in parts if r), "")
        return str(_(" 或 ")).join(t for t, _r in parts), ref
    if schema.get("type") == "array":
        inner, ref = _type(schema.get("items", {}))
        return _("%(type)s 的数组") % {"type": inner}, ref
    kind = schema.get("type", "")
    text = str(FORMAT_NAMES.get(schema.get("format", ""), TYPE_NAMES.get(kind, kind or _("任意"))))
    limits = [f"{word} {schema[key]}" for key, word in (
        ("minimum", _("最小")), ("maximum", _("最大")), ("default", _("默认"))) if key in schema]
    if limits:
        text += f"（{'，'.join(limits)}）"
    return text, ""


def _description(schema: dict) -> str:
    if "description" in schema:
        return schema["description"]
    for option in schema.get("anyOf", []):
        if "description" in option:
            return option["description"]
    return ""


def _parameter(p: dict) -> Row:
    text, ref = _type(p.get("schema", {}))
    description = (p.get("description") or _description(p.get("schema", {}))
                   or PARAMETER_NOTES.get(p["name"], ""))
    return Row(p["name"], text, ref, p.get("required", False), str(description),
               str(PLACES.get(p["in"], p["in"])))


@cache
def described_api() -> dict:
    spec = api.get_openapi_schema()
    operations = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            parameters = [_parameter(p) for p in op.get("parameters", [])]
            responses = []
            for status, response in op.get("responses", {}).items():
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                text, ref = _type(schema) if schema else ("", "")
                responses.append(Row(str(status), text, ref, description=str(STATUS_NAMES.get(
                    str(status), response["description"]))))
            operations.append(Operation(method.upper(), path, op.get("summary", ""),
                                        op.get("description", ""), op["operationId"],
                                        parameters, responses))
    schemas = []
    for name, schema in spec["components"]["schemas"].items():
        required = set(schema.get("required", []))
        rows = []
        for prop, prop_schema in schema.get("properties", {}).items():
            text, ref = _type(prop_schema)
            rows.append(Row(prop, text, ref, prop in required, _description(prop_schema)))
        schemas.append((name, schema.get("description", ""), rows))
    return {"title": spec["info"]["title"], "version": spec["info"]["version"],
            "description": spec["info"].get("description", ""),
            "operations": operations, "schemas": schemas}


def api_docs(request):
    rate = parse_rate(getattr(settings, "OPENDATA_RATE_LIMIT", ""))
    return render(request, "opendata/api_docs.html", {
        **described_api(),
        "base_url": request.build_absolute_uri(reverse("opendata:api-root")),
        "openapi_url": reverse("opendata:openapi-json"),
        "rate": rate, "max_limit": MAX_LIMIT, "nav": "opendata",
    })
