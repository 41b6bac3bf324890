"""The table editor: Tables 2–4 as a form laid out like the national tables.

One input per cell, named by its interchange path (``table3-r1-natural``) and labelled by its
row and column headers; the 总计 cells are sums the server computes (`schemas.total_cells`)
and a small script shows while typing (static/js/report-tables.js). Cells the system derives
from the register are marked with their source; changing one needs a reason, which
`services.save_tables` records as a `TableOverride`. Errors appear next to their cell with
the cell's official labels, and in a summary at the top that links to each cell.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from . import figures, schemas, services
from . import tables_html as layout
from .validation import Issue

SOURCES = {
    "table2": _("系统根据本乡镇已发布的规章、规范性文件（按成文日期计入年度，按废止日期计废止）"
                "和行政许可、行政处罚、行政强制决定信息生成。"),
    "table3": _("系统根据本乡镇依申请公开办理记录生成：本年收到的申请计入“本年新收”，"
                "本年答复的按答复结果计入对应行，年底仍在办理的计入“结转下年度继续办理”。"),
}


def field_name(path: str) -> str:
    return path.replace(".", "-")


def field_id(path: str) -> str:
    return f"id_{field_name(path)}"


def output_id(path: str) -> str:
    return f"out-{field_name(path)}"


def issue_path(path: str) -> str:
    """Validation paths name Table 3 cells without their table ("r4.total")."""
    return f"table3.{path}" if path.startswith("r") and "." in path else path


def _field(path: str) -> forms.Field:
    key, column = path.split(".")[1:]
    attrs = {"class": "cell-input", "autocomplete": "off", "size": 6}
    if (key, column) in schemas.DECIMAL_CELLS:
        return forms.DecimalField(
            required=False, min_value=0, max_digits=16, decimal_places=6,
            widget=forms.TextInput(attrs={**attrs, "inputmode": "decimal"}),
            error_messages={"invalid": _("须为数字（单位：万元）。"),
                            "min_value": _("不能为负数。"),
                            "max_decimal_places": _("最多保留6位小数。"),
                            "max_digits": _("数字过大。")})
    signed = path.startswith("table2.") and (key, column) in schemas.SIGNED_CELLS
    return forms.IntegerField(
        required=False, min_value=None if signed else 0, max_value=10**9,
        widget=forms.TextInput(attrs=attrs if signed else {**attrs, "inputmode": "numeric"}),
        error_messages={"invalid": _("须为整数。"), "min_value": _("不能为负数。"),
                        "max_value": _("数字过大。")})


def _stored(value):
    """What goes into the JSON: ints stay ints, amounts become plain numbers."""
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def fill_totals(schema: str, tables: dict) -> dict:
    """Compute every 总计 cell from its parts (in place); returns the tables."""
    for path, parts in schemas.total_cells(schema).items():
        schemas.set_path(tables, path, sum(int(schemas.get_path(tables, p) or 0) for p in parts))
    return tables


class TablesForm(forms.Form):
    override_reason = forms.CharField(
        label=_("修改系统生成数的理由"), required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("修改系统生成的统计数（虚线框）时必填，审核人和县级审计可见。"))

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.schema = report.schema
        self.totals = schemas.total_cells(self.schema)
        self.derived = (set(schemas.derived_paths(self.schema))
                        if report.derived_tables else set())
        self.paths = [p for p in schemas.cell_paths(self.schema) if p not in self.totals]
        for path in self.paths:
            field = _field(path)
            field.label = schemas.path_label(self.schema, path)
            field.initial = schemas.get_path(report.tables or {}, path)
            self.fields[field_name(path)] = field
        self.new_tables: dict | None = None

    def clean(self):
        cleaned = super().clean()
        tables = copy.deepcopy(self.report.tables) or schemas.empty_tables(self.schema)
        tables["schema"] = self.schema
        for path in self.paths:
            schemas.set_path(tables, path, _stored(cleaned.get(field_name(path))))
        fill_totals(self.schema, tables)
        changed = services.changed_derived_cells(self.report, tables)
        if changed and not (cleaned.get("override_reason") or "").strip():
            for path in changed:
                if path in self.paths:
                    self.add_error(field_name(path), _t(
                        "此数由系统生成，修改须在下方填写理由（系统生成值：%s）。")
                        % schemas.get_path(self.report.derived_tables, path))
            self.add_error("override_reason", _t("修改了%d个系统生成的统计数，须填写理由。")
                           % len(changed))
        self.new_tables = tables
        return cleaned

    def save(self, user):
        return services.save_tables(self.report, self.new_tables, user,
                                    reason=self.cleaned_data.get("override_reason", ""))

    # -- the page ----------

    def error_list(self) -> list[tuple[str, str]]:
        """(link target, message with the cell's official label) for the error summary."""
        out = []
        for name, errors in self.errors.items():
            if name == "__all__":
                out.extend(("", str(e)) for e in errors)
                continue
            target = f"#id_{name}"
            label = self.fields[name].label
            out.extend((target, f"{label}：{e}") for e in errors)
        return out

    def tables(self, issues: list[Issue]) -> list[dict]:
        """Tables 2–4 in the official layout, each data cell with its input or computed sum."""
        by_path: dict[str, list[Issue]] = {}
        for issue in issues:
            by_path.setdefault(issue_path(issue.path), []).append(issue)
        shown = self.new_tables if self.new_tables is not None else (
            fill_totals(self.schema, copy.deepcopy(self.report.tables or {})))
        built = [layout.table2(self.schema, shown), layout.table3(self.schema, shown),
                 layout.table4(shown)]
        for table in built:
            table["source_id"] = f"{table['id']}-source"
            table["source"] = SOURCES.get(table["id"], "")
            for row in table["body"]:
                for cell in row:
                    if cell["tag"] == "td":
                        self._cell(cell, table, by_path.get(cell["path"], []))
        return built

    def _cell(self, cell: dict, table: dict, issues: list[Issue]) -> None:
        path = cell["path"]
        name = field_name(path)
        derived_value = schemas.get_path(self.report.derived_tables or {}, path)
        cell["derived"] = path in self.derived
        cell["derived_changed"] = (cell["derived"] and derived_value is not None
                                   and derived_value != schemas.get_path(
                                       self.report.tables or {}, path))
        cell["derived_value"] = derived_value
        cell["note_id"] = f"note-{name}"
        cell["issues"] = [{"error": i.is_error, "text": i.display} for i in issues]
        described = [f"{table['source_id']}"] if cell["derived"] else []
        if cell["derived_changed"] or cell["issues"] or (name in self.errors):
            described.append(cell["note_id"])
        if path in self.totals:
            cell["output"] = {
                "id": output_id(path), "for": " ".join(
                    field_id(p) for p in self.totals[path] if p not in self.totals),
                "sum": " ".join(output_id(p) if p in self.totals else field_id(p)
                                for p in self.totals[path]),
                "described": " ".join(described)}
            return
        bound = self[name]
        bound.field.widget.attrs.update({"aria-labelledby": cell["labelledby"]})
        if described:
            bound.field.widget.attrs["aria-describedby"] = " ".join(described)
        if name in self.errors or any(i["error"] for i in cell["issues"]):
            bound.field.widget.attrs["aria-invalid"] = "true"
        classes = ["cell-input", *(["derived"] if cell["derived"] else [])]
        bound.field.widget.attrs["class"] = " ".join(classes)
        cell["field"] = bound
        cell["field_errors"] = [f"{bound.field.label}：{e}" for e in bound.errors]

    def balance(self) -> dict:
        """Table 3's 勾稽关系 per column, for the line under the table (and the script)."""
        tables = self.new_tables or self.report.tables or {}
        rows = []
        for col, label in schemas.TABLE3_COLUMNS:
            def cell(row, col=col):
                return int(schemas.get_path(tables, f"table3.{row}.{col}") or 0)
            rows.append({"label": label, "left": cell("r1") + cell("r2"),
                         "right": cell("r3_7") + cell("r4")})
        spec = [[label, [self._id(f"table3.{r}.{col}") for r in ("r1", "r2")],
                 [self._id(f"table3.{r}.{col}") for r in ("r3_7", "r4")]]
                for col, label in schemas.TABLE3_COLUMNS]
        return {"rows": rows, "bad": [r for r in rows if r["left"] != r["right"]],
                "spec": json.dumps(spec, ensure_ascii=False)}

    def _id(self, path: str) -> str:
        return output_id(path) if path in self.totals else field_id(path)

    def figure_names(self) -> list[dict]:
        return [{"name": f.name, "source": f.source(self.schema)}
                for f in figures.figures_for(self.schema)]


class LegacyStatisticsForm(forms.Form):
    """Pre-2019 reports: free key/value statistics, one "名称：数值" a line."""

    statistics = forms.CharField(
        label=_("统计数据"), required=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 60}),
        help_text=_("每行一项，格式为“名称：数值”，如“主动公开政府信息数（条）：96”。"))

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        stats = (report.tables or {}).get("statistics") or {}
        self.fields["statistics"].initial = "\n".join(f"{k}：{v}" for k, v in stats.items())

    def clean_statistics(self):
        stats = {}
        for number, line in enumerate((self.cleaned_data["statistics"] or "").splitlines(), 1):
            if not line.strip():
                continue
            key, sep, value = line.replace(":", "：").partition("：")
            if not sep or not key.strip():
                raise forms.ValidationError(_t("第%d行应为“名称：数值”。") % number)
            value = value.strip()
            try:
                number_value = Decimal(value)
                stats[key.strip()] = _stored(number_value) if value else ""
            except ArithmeticError:
                stats[key.strip()] = value
        return stats

    def save(self, user):
        tables = {"schema": schemas.SCHEMA_LEGACY, "statistics": self.cleaned_data["statistics"]}
        return services.save_tables(self.report, tables, user)
